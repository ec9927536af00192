#!/usr/bin/env bash
# Times `shownotes check` (decode + validate + Japanese lint) and `build`
# over N copies of the bundled minutes seed plus one large minutes file.
# Usage: scripts/bench-minutes.sh [N] (default 500); needs a release build:
#   cargo build --release
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-500}"
bin="${CARGO_TARGET_DIR:-target}/release/shownotes"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp series.yaml "$work/"
mkdir -p "$work/episodes"
for i in $(seq 1 "$n"); do
  cp episodes/global-industry-strategy-meeting-3.yaml "$work/episodes/minutes-$i.yaml"
done
# One large file: the seed's sections repeated up to ~3.5 MiB.
{
  sed -n '1,5p' episodes/global-industry-strategy-meeting-3.yaml
  echo "sections:"
  for _ in $(seq 1 110); do
    sed -n '/^sections:/,$p' episodes/global-industry-strategy-meeting-3.yaml | tail -n +2
  done
} > "$work/episodes/large.yaml"
size=$(du -k "$work/episodes/large.yaml" | cut -f1)
echo "files: $n seed copies + large.yaml (${size} KiB)"
for cmd in check build; do
  start=$(date +%s.%N)
  (cd "$work" && "$bin" "$cmd" >/dev/null 2>"$work/$cmd.log") || { cat "$work/$cmd.log"; exit 1; }
  end=$(date +%s.%N)
  printf '%s: %.2f s  (%s)\n' "$cmd" "$(echo "$end - $start" | bc)" "$(tail -1 "$work/$cmd.log")"
done
