#!/usr/bin/env bash
# Benchmark `shownotes build` on N synthetic episodes shaped like the
# bundled seed episode (same text, sources and Markdown; numbers and dates
# vary). For each N it reports wall time and peak RSS of:
#   cold-3    txt, md, html into a new output directory on disk
#   warm-3    the same again, nothing changed (outputs are compared, not rewritten)
#   tmpfs-3   txt, md, html into a new directory on tmpfs (the tool without the disk)
#   cold-all  every format (chapters, YouTube, descriptions, series page, feed) on disk
#
#   scripts/bench-build.sh             # N = 1000 and 10000
#   scripts/bench-build.sh 500 2000    # other sizes
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-$PWD/target}/release/shownotes"
seed=episodes/tech-competition-and-economic-security.yaml
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
work=$(mktemp -d)
shm=$(mktemp -d -p /dev/shm 2>/dev/null || true)
trap 'rm -rf "$work" ${shm:+"$shm"}' EXIT

measure() { # label out-dir args...
  local label=$1 out=$2
  shift 2
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" build --root "$show" --out "$out" "$@" >/dev/null 2>"$work/log" ||
    { cat "$work/log"; exit 1; }
  read -r wall rss <"$work/time"
  printf '%-8s %-9s %8s %10.1f   %s\n' "$n" "$label" "$wall" "$(echo "$rss / 1024" | bc -l)" "$(tail -n 1 "$work/log")"
}

printf '%-8s %-9s %8s %10s   %s\n' episodes run wall_s rss_MB summary
for n in "${sizes[@]}"; do
  show=$work/show-$n
  mkdir -p "$show/episodes"
  cp series.yaml "$show/"
  for i in $(seq 1 "$n"); do
    sed -e "s/^date: .*/date: $(printf '%04d-%02d-%02d' $((2000 + i / 336)) $(((i / 28) % 12 + 1)) $((i % 28 + 1)))\nnumber: $i/" \
      "$seed" >"$show/episodes/ep$(printf '%05d' "$i").yaml"
  done
  measure cold-3 "$work/dist-$n" --format txt,md,html
  measure warm-3 "$work/dist-$n" --format txt,md,html
  [ -n "$shm" ] && measure tmpfs-3 "$shm/dist-$n" --format txt,md,html && rm -rf "${shm:?}/dist-$n"
  measure cold-all "$work/all-$n"
done
