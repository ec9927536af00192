#!/usr/bin/env python3
"""Random edits of the bundled show's files, run through `check --offline`
and `build`, and of a feed, run through `import` (not a test: a search for
panics and hangs).

Each round copies the bundled show, edits one episode file (and sometimes
series.yaml or a template) at random — lines dropped or doubled, YAML's
special characters, control characters, long runs and odd Unicode inserted,
bytes flipped — and runs the binary on it with a time limit. Any exit other
than 0, 1 or 2, any "panicked" on stderr, or a run past the limit is
reported with the input kept for replay.

  cargo build --release && scripts/fuzz-inputs.py [--rounds N] [--seed S] [BIN]
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile

PIECES = ["yes", "~", "12", "0x1F", "-", ": ", '"', "'", "|", ">", "#", "&a ", "*a", "!!str ", "[", "]",
          "{", "}", ",", "\t", "\n", "  ", "テスト", "2025-01-01", "1e3", ".inf", "null", "<<: ", "? ", "%",
          "@", "`", "\r\n", "-1", "+.5", "\x00", "\x1b[31m", "\u202e", "\ufeff", "\ud7ff", "99:99",
          "https://", "javascript:alert(1)", "[x](javascript:y)", "<script>", "{{ ", "{% ", "&#0;",
          "x" * 5000, "あ" * 3000, "\u3000", "、、", "。。", "ｶﾞ", "１２３", "\u200b"]


def edit(text, rng):
    lines = text.split("\n")
    for _ in range(rng.randint(1, 8)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        op = rng.random()
        if op < 0.2:
            del lines[i]
        elif op < 0.35:
            lines.insert(i, lines[i])
        else:
            cut = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:cut] + rng.choice(PIECES) + lines[i][cut:]
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    if rng.random() < 0.1 and data:  # a flipped byte: maybe invalid UTF-8
        data = bytearray(data)
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        data = bytes(data)
    return data


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    parser = argparse.ArgumentParser()
    parser.add_argument("bin", nargs="?", default=os.path.join(repo, "target/release/shownotes"))
    parser.add_argument("--rounds", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    work = tempfile.mkdtemp(prefix="fuzz-inputs.", dir=base)
    episodes = sorted(os.listdir(os.path.join(repo, "episodes")))
    templates = sorted(os.listdir(os.path.join(repo, "templates")))
    failures = 0
    for round_ in range(args.rounds):
        show = os.path.join(work, "show")
        shutil.rmtree(show, ignore_errors=True)
        os.makedirs(show)
        for name in ["series.yaml", "episodes", "templates"]:
            source = os.path.join(repo, name)
            (shutil.copytree if os.path.isdir(source) else shutil.copy)(source, os.path.join(show, name))
        targets = [os.path.join("episodes", rng.choice(episodes))]
        if rng.random() < 0.2:
            targets.append("series.yaml")
        if rng.random() < 0.2:
            targets.append(os.path.join("templates", rng.choice(templates)))
        for target in targets:
            path = os.path.join(show, target)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            with open(path, "wb") as f:
                f.write(edit(text, rng))
        commands = [["check", "--offline", "--root", show], ["build", "--out", os.path.join(work, "dist"), "--root", show]]
        if rng.random() < 0.3:  # and a feed to import
            with open(os.path.join(repo, "tests/fixtures/import-feed.xml"), encoding="utf-8") as f:
                feed = edit(f.read(), rng)
            with open(os.path.join(show, "feed.xml"), "wb") as f:
                f.write(feed)
            shutil.rmtree(os.path.join(work, "imported"), ignore_errors=True)
            commands.append(["import", os.path.join(show, "feed.xml"), "--root", os.path.join(work, "imported")])
        for command in commands:
            try:
                run = subprocess.run([args.bin, *command], capture_output=True,
                                     timeout=args.timeout)
                bad = run.returncode not in (0, 1, 2) or b"panicked" in run.stderr
                why = f"exit {run.returncode}" + (" (panicked)" if b"panicked" in run.stderr else "")
            except subprocess.TimeoutExpired:
                bad, why = True, f"still running after {args.timeout} s"
            if bad:
                failures += 1
                kept = os.path.join(work, f"failure-{round_}")
                shutil.copytree(show, kept, dirs_exist_ok=True)
                print(f"round {round_}: {' '.join(command[:2])}: {why}; input kept in {kept}", flush=True)
                if not why.startswith("still"):
                    sys.stdout.write(run.stderr.decode("utf-8", "replace")[-2000:])
    print(f"{args.rounds} rounds, {failures} failures")
    if not failures:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
