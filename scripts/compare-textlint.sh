#!/usr/bin/env bash
# Compares `shownotes check` with textlint (preset-ja-technical-writing +
# preset-jtf-style) on the same Japanese text: the lint corpus in
# tests/lint-corpus/ (not a test; textlint is not a dependency of the
# project). Needs node and npm; textlint is installed from the npm registry
# into a temporary folder, removed afterwards.
#
#   cargo build && scripts/compare-textlint.sh [path/to/shownotes]
#
# Prints, for each tool:
#   mistakes: how many of the sentences with one known mistake each it flags
#   clean:    its findings on clean professional prose (should be 0)
#   quoted:   its findings on the shape of other shows' notes (names with a
#             space, quoted titles, tweets, enumerations), as the producer
#             would lint them: shownotes on the YAML, textlint on the
#             Markdown notes `shownotes render` makes of it (should be 0)
#   bundled:  its findings on the two real bundled documents
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HERE")
BIN=$(realpath "${1:-${CARGO_TARGET_DIR:-$REPO/target}/debug/shownotes}")
CORPUS="$REPO/tests/lint-corpus"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "installing textlint into $WORK (npm registry) ..." >&2
npm install --silent --no-audit --no-fund --prefix "$WORK" \
  textlint textlint-rule-preset-ja-technical-writing textlint-rule-preset-jtf-style >&2
cat > "$WORK/.textlintrc.json" <<'JSON'
{ "rules": { "preset-ja-technical-writing": true, "preset-jtf-style": true } }
JSON
textlint() {
  (cd "$WORK" && node_modules/.bin/textlint --config .textlintrc.json --format json "$@" || true)
}

# The point texts of a minutes file, one per line of a Markdown file (a
# blank line between them), and the YAML line each one is on.
python3 - "$CORPUS/episodes/mistakes.yaml" "$WORK/mistakes" <<'PY'
import json, re, sys
src, out = sys.argv[1:]
texts = []
for number, line in enumerate(open(src, encoding="utf-8"), 1):
    m = re.match(r"\s*(?:- )?text: (.*)$", line)
    if m:
        text = m.group(1)
        if text.startswith('"'):
            text = json.loads(text)
        texts.append((number, text))
with open(out + ".md", "w", encoding="utf-8") as f:
    f.write("\n\n".join(t for _, t in texts) + "\n")
json.dump([n for n, _ in texts], open(out + ".lines.json", "w"))
PY
python3 - "$CORPUS/episodes/clean.yaml" "$WORK/clean.md" <<'PY'
import re, sys
src, out = sys.argv[1:]
texts = [m.group(1) for m in (re.match(r"\s*- text: (.*)$", l) for l in open(src, encoding="utf-8")) if m]
open(out, "w", encoding="utf-8").write("\n\n".join(texts) + "\n")
PY

cp -r "$CORPUS" "$WORK/show"
"$BIN" render --root "$WORK/show" "$WORK/show/episodes/quoted.yaml" --format md > "$WORK/quoted.md"
for seed in tech-competition-and-economic-security global-industry-strategy-meeting-3; do
  "$BIN" render --root "$REPO" "$REPO/episodes/$seed.yaml" --format md > "$WORK/$seed.md"
done
(cd "$WORK/show" && "$BIN" check --offline --format json > "$WORK/corpus.json" || true)
(cd "$REPO" && "$BIN" check --offline --format json > "$WORK/bundled.json" || true)
textlint mistakes.md > "$WORK/tl-mistakes.json"
textlint clean.md > "$WORK/tl-clean.json"
textlint quoted.md > "$WORK/tl-quoted.json"
textlint tech-competition-and-economic-security.md global-industry-strategy-meeting-3.md > "$WORK/tl-bundled.json"

python3 - "$WORK" <<'PY'
import json, sys, collections
work = sys.argv[1]
load = lambda name: json.load(open(f"{work}/{name}", encoding="utf-8"))
lines = load("mistakes.lines.json")
def lint(report, file):
    return [f for f in report["findings"] if f["file"].endswith(file) and "(rule `" in (f.get("help") or "")]
corpus, bundled = load("corpus.json"), load("bundled.json")
def tl(name):
    return [(m["line"], m["ruleId"]) for r in load(name) for m in r["messages"]]
# textlint: paragraph k of mistakes.md is on line 2k-1.
tl_flagged = {(line + 1) // 2 for line, _ in tl("tl-mistakes.json")}
sn_flagged = {lines.index(f["line"]) + 1 for f in lint(corpus, "mistakes.yaml") if f["line"] in lines}
seeds = [f for f in bundled["findings"] if "(rule `" in (f.get("help") or "")]
rows = [
    ("mistakes flagged", f"{len(sn_flagged)}/{len(lines)}", f"{len(tl_flagged)}/{len(lines)}"),
    ("clean prose: findings", len(lint(corpus, "clean.yaml")), len(tl("tl-clean.json"))),
    ("quoted notes: findings", len(lint(corpus, "quoted.yaml")), len(tl("tl-quoted.json"))),
    ("bundled documents: findings", len(seeds), len(tl("tl-bundled.json"))),
]
print(f"{'':30} {'shownotes':>10} {'textlint':>10}")
for name, a, b in rows:
    print(f"{name:30} {a!s:>10} {b!s:>10}")
missed = sorted(set(range(1, len(lines) + 1)) - tl_flagged)
print("sentences textlint misses:", ", ".join(map(str, missed)) or "none")
print("sentences shownotes misses:", ", ".join(map(str, sorted(set(range(1, len(lines) + 1)) - sn_flagged))) or "none")
print("textlint rules on clean prose:", dict(collections.Counter(r for _, r in tl("tl-clean.json"))))
print("textlint rules on quoted notes:", dict(collections.Counter(r for _, r in tl("tl-quoted.json"))))
print("textlint rules on the bundled documents:", dict(collections.Counter(r for _, r in tl("tl-bundled.json")).most_common()))
PY
