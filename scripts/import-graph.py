#!/usr/bin/env python3
"""Checks that the imports of src/ run one way: no module imports one that
imports it back, at any level of folders.

A module is one .rs file; `crate::a::b::c` points at the deepest module file
that exists on that path. The graph is checked at every level: between the
files of one folder, and between the folders (each folder counted as one node
at its parent's level). Test code (after `#[cfg(test)]`) is left out.
Prints every cycle and exits 1 when there is one; `--print` lists the edges.
Run: python3 scripts/import-graph.py
"""
import pathlib
import re
import sys

SRC = pathlib.Path(__file__).resolve().parent.parent / "src"


def module_of(path):
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "mod":
        parts.pop()
    return tuple(parts)


def code(path):
    text = path.read_text(encoding="utf-8")
    text = re.split(r"#\[cfg\(test\)\]", text)[0]
    return re.sub(r"//[^\n]*", "", text)


def targets(text, modules):
    found = set()
    for path in re.findall(r"\bcrate((?:::[a-z_][a-z0-9_]*)+)", text):
        parts = tuple(path.strip(":").split("::"))
        while parts and parts not in modules:
            parts = parts[:-1]
        if parts:
            found.add(parts)
    # `use crate::x::{a, b::c}`: each branch of the group.
    for base, group in re.findall(r"\bcrate((?:::[a-z_][a-z0-9_]*)*)::\{([^}]*)\}", text):
        base = tuple(p for p in base.split("::") if p)
        for item in re.findall(r"(?:^|,)\s*([a-z_][a-z0-9_]*(?:::[a-z_][a-z0-9_]*)*)", group):
            parts = base + tuple(item.split("::"))
            while parts and parts not in modules:
                parts = parts[:-1]
            if parts:
                found.add(parts)
    return found


def cycles(edges):
    """Strongly connected components with more than one node."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]
    nodes = set(edges) | {t for ts in edges.values() for t in ts}

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return out


def main():
    files = {module_of(p): p for p in SRC.rglob("*.rs")}
    modules = set(files)
    raw = {m: targets(code(p), modules) - {m} for m, p in files.items()}
    problems = []
    # At every folder level: the children of a folder, each child being a
    # file or a whole sub-folder.
    parents = {m[:-1] for m in modules if m} | {()}
    for parent in sorted(parents):
        depth = len(parent) + 1
        edges = {}
        for source, ts in raw.items():
            if source[: len(parent)] != parent or len(source) < depth:
                continue
            for target in ts:
                if target[: len(parent)] != parent or len(target) < depth:
                    continue
                a, b = source[:depth], target[:depth]
                # A folder's own mod.rs declaring its children is no import.
                if a != b:
                    edges.setdefault(a, set()).add(b)
        for comp in cycles(edges):
            names = ["::".join(c) for c in comp]
            where = "::".join(parent) or "crate"
            problems.append(f"cycle in {where}: " + " <-> ".join(names))
    if "--print" in sys.argv:
        for source in sorted(raw):
            for target in sorted(raw[source]):
                print("::".join(source) or "crate", "->", "::".join(target))
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} import cycle(s) in src/", file=sys.stderr)
        return 1
    print(f"no import cycles among {len(files)} modules of src/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
