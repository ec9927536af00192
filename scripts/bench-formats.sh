#!/usr/bin/env bash
# Peak memory and time of `shownotes build` (every format, including the
# series page and the feed) on a generated show of N copies of the bundled
# episode. Usage: scripts/bench-formats.sh [N]   (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/shownotes"
show="$(mktemp -d)"
trap 'rm -rf "$show"' EXIT
cp series.yaml "$show/"
mkdir "$show/episodes"
source_episode=episodes/tech-competition-and-economic-security.yaml
for i in $(seq 1 "$n"); do
  day=$(( (i % 28) + 1 ))
  month=$(( (i / 28) % 12 + 1 ))
  year=$(( 2000 + i / 336 ))
  sed -e "s/^date: .*/date: $(printf '%04d-%02d-%02d' "$year" "$month" "$day")\nnumber: $i/" \
    "$source_episode" > "$show/episodes/ep$(printf '%05d' "$i").yaml"
done
/usr/bin/time -f "peak RSS %M KiB, wall %e s" "$bin" build --root "$show" 2>&1 >/dev/null \
  | grep -E "^(built|peak RSS|build failed)"
echo "feed.xml: $(wc -c < "$show/dist/feed.xml") bytes, index.html: $(wc -c < "$show/dist/index.html") bytes"
