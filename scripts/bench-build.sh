#!/usr/bin/env bash
# Benchmark `shownotes build`: N synthetic episodes shaped like the bundled
# seed episode (same size, sources and Markdown), all three formats.
# Reports wall time and peak RSS for each N.
#
#   scripts/bench-build.sh            # N = 1000 and 10000
#   scripts/bench-build.sh 500 2000   # other sizes
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/shownotes
seed=episodes/tech-competition-and-economic-security.yaml
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-8s %10s %12s %10s\n' episodes wall_s peak_rss_MB files
for n in "${sizes[@]}"; do
  show=$work/show-$n
  mkdir -p "$show/episodes"
  cp series.yaml "$show/"
  for i in $(seq 1 "$n"); do
    # Vary title and date so every episode renders differently.
    sed -e "s/^title: \"/title: \"第${i}回 /" -e "s/^date: .*/date: 2026-$(printf '%02d' $((i % 12 + 1)))-$(printf '%02d' $((i % 28 + 1)))/" \
      "$seed" > "$show/episodes/ep$i.yaml"
  done
  sync
  # Warm the page cache once, then measure.
  "$bin" build --root "$show" >/dev/null 2>&1
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" build --root "$show" >/dev/null 2>&1
  read -r wall rss < "$work/time"
  files=$(find "$show/dist" -type f | wc -l)
  printf '%-8s %10s %12.1f %10s\n' "$n" "$wall" "$(echo "$rss / 1024" | bc -l)" "$files"
done
