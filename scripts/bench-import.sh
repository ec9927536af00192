#!/usr/bin/env bash
# Benchmark `shownotes import` on a synthetic feed of N items (default
# 1000), each with an HTML description of timestamp lines, links and a
# closing notice, on /dev/shm (the disk of the build machines is noisy).
#
#   scripts/bench-import.sh          # N = 1000
#   scripts/bench-import.sh 5000
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-$PWD/target}/release/shownotes"
n=${1:-1000}
work=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -n "${KEEP:-}" ] && trap - EXIT && echo "kept $work" >&2
python3 - "$n" >"$work/feed.xml" <<'PY'
import sys
n = int(sys.argv[1])
print('<?xml version="1.0" encoding="UTF-8"?>')
print('<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" '
      'xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>')
print('<title>ベンチ番組</title><link>https://bench.example.com/</link><language>ja</language>')
for i in range(n, 0, -1):
    day = 1 + i % 28
    print(f'''<item><title>第{i}回 ガジェットの話</title>
<link>https://bench.example.com/episodes/{i}</link><guid isPermaLink="false">bench-{i}</guid>
<pubDate>Wed, {day:02d} Jun 2021 21:30:00 +0900</pubDate><itunes:episode>{i}</itunes:episode>
<itunes:duration>1:02:03</itunes:duration>
<enclosure url="https://cdn.example.com/{i}.mp3" length="{30000000 + i}" type="audio/mpeg"/>
<podcast:person role="guest" href="https://guest.example.com/{i}">ゲスト {i}</podcast:person>
<description><![CDATA[<p>今回はゲストを迎えて、新しいガジェットの話をしました。<a href="https://guest.example.com/{i}">ゲストのサイト</a></p>
<ul><li>00:00~ オープニング</li><li>(03:10) 新型スマホ <a href="https://news.example.com/{i}">記事</a></li>
<li>[12:00] 値下げの話</li><li>30:00 配信ドラマ</li></ul><p>補足: https://example.org/{i}</p>
<p>■お知らせ<br>お便りは https://bench.example.com/form から。</p>]]></description></item>''')
print('</channel></rss>')
PY
printf 'items  wall(s)  peak RSS (MiB)  summary\n'
/usr/bin/time -f '%e %M' -o "$work/time" "$bin" import "$work/feed.xml" --root "$work/show" >/dev/null 2>"$work/log" ||
  { cat "$work/log"; exit 1; }
read -r wall rss <"$work/time"
printf '%-6s %8s %15.1f  %s\n' "$n" "$wall" "$(echo "$rss / 1024" | bc -l)" "$(tail -n 1 "$work/log")"
