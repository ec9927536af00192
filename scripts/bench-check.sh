#!/usr/bin/env bash
# Benchmark of `shownotes check` link checking (not a test): 1,000 unique
# URLs across 50 hosts (127.0.0.1 .. 127.0.0.50, all loopback) served by a
# local server that answers after 100 ms. Prints the wall time, the
# politeness bound and the peak memory (max RSS from /usr/bin/time -v).
#
#   cargo build --release && scripts/bench-check.sh [path/to/shownotes]
set -euo pipefail
BIN=$(realpath "${1:-${CARGO_TARGET_DIR:-target}/release/shownotes}")
HOSTS=50 PER_HOST=20 DELAY_MS=100 PORT=${PORT:-18080}
GLOBAL=32 PER_HOST_LIMIT=4 INTERVAL_MS=100
HERE=$(cd "$(dirname "$0")" && pwd)
SHOW=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$SHOW"' EXIT

python3 "$HERE/bench_server.py" "$PORT" "$HOSTS" "$DELAY_MS" > "$SHOW/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do grep -q ready "$SHOW/server.log" 2>/dev/null && break; sleep 0.1; done

mkdir -p "$SHOW/episodes"
printf 'title: Bench\n' > "$SHOW/series.yaml"
for e in $(seq -w 1 $PER_HOST); do
  {
    printf 'title: "Bench %s"\ndate: 2026-01-01\ntopics:\n  - at: "0:00"\n    title: one\n    body: |\n' "$e"
    for h in $(seq 1 $HOSTS); do
      printf '      [link](http://127.0.0.%s:%s/episode-%s/page)\n\n' "$h" "$PORT" "$e"
    done
    printf '  - at: "1:00"\n    title: two\n  - at: "2:00"\n    title: three\n'
  } > "$SHOW/episodes/bench-$e.yaml"
done

cd "$SHOW"
/usr/bin/time -v "$BIN" check --allow-private --no-cache --format json \
  --max-concurrency $GLOBAL --max-per-host $PER_HOST_LIMIT --host-interval ${INTERVAL_MS}ms \
  > result.json 2> time.log || true
python3 - "$HOSTS" "$PER_HOST" "$DELAY_MS" "$GLOBAL" "$PER_HOST_LIMIT" "$INTERVAL_MS" <<'PY'
import json, re, sys
hosts, per_host, delay, glob, limit, interval = map(int, sys.argv[1:])
doc = json.load(open("result.json"))
log = open("time.log").read()
wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", log)
wall_s = (int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3)))
rss_mb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", log).group(1)) / 1024
d = delay / 1000
# Per host: one start per interval, at most `limit` in flight for `delay` each.
host_rate = min(1000 / interval, limit / d)
host_bound = (per_host - 1) / host_rate + d
global_bound = hosts * per_host * d / glob
bound = max(host_bound, global_bound)
t = doc["totals"]
print(f"links checked: {t['links_checked']}, errors: {t['errors']}, warnings: {t['warnings']}")
print(f"wall time: {wall_s:.2f} s")
print(f"politeness bound: {bound:.2f} s (per host {host_bound:.2f} s, global limit {global_bound:.2f} s)")
print(f"ratio: {wall_s / bound:.2f}x (target <= 1.2x)")
print(f"peak memory (max RSS): {rss_mb:.1f} MB (target <= 100 MB)")
PY
