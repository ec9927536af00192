#!/usr/bin/env bash
# Benchmark of the Japanese text rules of `shownotes check` (not a test):
# 10,000 episodes on /dev/shm shaped like the bundled seed episode (real
# show notes, as in bench-build.sh; SEEDS=all takes the three bundled
# documents in turn, minutes included), checked offline twice: with every
# rule at its default, and with every rule switched off in series.yaml.
# The difference in CPU time (user + sys, from /usr/bin/time -v) is what
# the lint costs; the target is under 1 s for 10,000 episodes.
#
#   cargo build --release && scripts/bench-lint.sh [path/to/shownotes] [episodes]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HERE")
BIN=$(realpath "${1:-${CARGO_TARGET_DIR:-$REPO/target}/release/shownotes}")
COUNT=${2:-10000}
BASE=/dev/shm
[ -d "$BASE" ] || BASE=${TMPDIR:-/tmp}
SHOW=$(mktemp -d "$BASE/bench-lint.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$SHOW"' EXIT

mkdir -p "$SHOW/episodes"
if [ "${SEEDS:-}" = all ]; then
  SEEDS=("$REPO"/episodes/*.yaml)
else
  SEEDS=("$REPO/episodes/tech-competition-and-economic-security.yaml")
fi
for i in $(seq -w 1 "$COUNT"); do
  cp "${SEEDS[$((10#$i % ${#SEEDS[@]}))]}" "$SHOW/episodes/ep$i.yaml"
done
BYTES=$(cat "$SHOW"/episodes/*.yaml | wc -c)

# Every rule id, from the schema the binary writes.
"$BIN" schema --out "$SHOW/schema" > /dev/null
OFF=$(python3 -c '
import json, sys
rules = json.load(open(sys.argv[1]))["$defs"]["LintRules"]["properties"]
print("lint:\n" + "".join(f"  {r}: false\n" for r in rules))' "$SHOW/schema/series.schema.json")
ON="lint:
  kanji-run:
    allow: [経済安全保障, 尖閣沖衝突事件]"

cpu() { # prints user+sys seconds of one offline check
  (cd "$SHOW" && /usr/bin/time -v "$BIN" check --offline --format json > /dev/null 2> time.log || true)
  python3 - "$SHOW/time.log" <<'PY'
import re, sys
log = open(sys.argv[1]).read()
user = float(re.search(r"User time \(seconds\): ([\d.]+)", log).group(1))
sys_ = float(re.search(r"System time \(seconds\): ([\d.]+)", log).group(1))
print(f"{user + sys_:.2f}")
PY
}

best() { # the lowest of three runs: the machine is shared
  local b=""
  for _ in 1 2 3; do
    local t; t=$(cpu)
    if [ -z "$b" ] || python3 -c "import sys; sys.exit(0 if $t < $b else 1)"; then b=$t; fi
  done
  echo "$b"
}

printf 'title: Bench\n%s\n' "$ON" > "$SHOW/series.yaml"
WITH=$(best)
printf 'title: Bench\n%s\n' "$OFF" > "$SHOW/series.yaml"
WITHOUT=$(best)
python3 - "$COUNT" "$BYTES" "$WITH" "$WITHOUT" <<'PY'
import sys
count, size, on, off = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print(f"{count} episodes, {size / 1e6:.1f} MB of YAML")
print(f"check --offline, rules on:  {on:.2f} s CPU (user + sys)")
print(f"check --offline, rules off: {off:.2f} s CPU")
print(f"lint cost: {on - off:.2f} s CPU (target < 1 s)")
PY
