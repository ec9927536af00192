#!/usr/bin/env bash
# Measures `shownotes watch`: the time from saving an episode to the
# rebuilt notes.txt, over N edits of the bundled show (includes the 200 ms
# debounce). Usage: scripts/watch_latency.sh [path/to/shownotes] [N]
set -euo pipefail
bin=${1:-target/release/shownotes}
n=${2:-10}
bin=$(realpath "$bin")
show=$(mktemp -d)
trap 'kill -INT $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$show"' EXIT
cp -r series.yaml episodes templates "$show"/
cd "$show"
episode=episodes/tech-competition-and-economic-security.yaml
notes=dist/tech-competition-and-economic-security/notes.txt
"$bin" watch 2>watch.log &
pid=$!
until grep -q "watching" watch.log; do sleep 0.05; done
original=$(cat "$episode")
total=0
for i in $(seq 1 "$n"); do
  marker="計測マーカー$i"
  sleep 0.3
  start=$(date +%s%N)
  printf '%s\n' "${original/Physical AIの「実装ギャップ」/$marker}" >"$episode"
  until grep -q "$marker" "$notes" 2>/dev/null; do sleep 0.005; done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  total=$((total + ms))
  echo "edit $i: ${ms} ms"
done
echo "mean: $((total / n)) ms over $n edits (debounce 200 ms included)"
echo "rebuilds logged: $(grep -c '^changed:' watch.log)"
