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

# ---------------------------------------------------------------------------
# The three targets of the edit loop and full runs, against Hugo (Debian's
# `hugo` package) and Zola on the same content, outputs on tmpfs, runs
# interleaved. The largest N only; PEERS=0 skips it. Zola is not on
# crates.io or in Debian: it is compared when a `zola` binary is on PATH or
# named by ZOLA=path (this script never builds it).
[ "${PEERS:-1}" = 1 ] && [ -n "$shm" ] || exit 0
command -v hugo >/dev/null || { echo "hugo not installed (apt-get install hugo): peers skipped"; exit 0; }
zola=${ZOLA:-$(command -v zola || true)}
[ -z "$zola" ] || [ -x "$zola" ] || { echo "ZOLA=$zola is not an executable"; exit 1; }
n=${sizes[-1]}
show=$work/show-$n
site=$shm/hugo-$n
edit=ep$(printf '%05d' $((n / 2)))
old=倉庫のピッキングロボット
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# The same episodes as a Hugo site: the seed's Markdown notes (as
# `shownotes render --format md` writes them) under each episode's title and
# date, one single-page template with the same head, one list page.
"$bin" render --root . "$seed" --format md >"$work/seed.md"
mkdir -p "$site/layouts/_default"
cat >"$site/hugo.toml" <<'TOML'
baseURL = "https://example.com/"
languageCode = "ja"
title = "Bench"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
TOML
cat >"$site/layouts/_default/single.html" <<'HTML'
<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>
HTML
cat >"$site/layouts/index.html" <<'HTML'
<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>{{ .Site.Title }}</title></head>
<body><ul>{{ range .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul></body></html>
HTML
# The same for Zola: TOML front matter, a page template and the root
# section's template, no feed, sitemap or robots.txt (as for Hugo above).
zsite=$shm/zola-$n
mkdir -p "$zsite/templates"
cat >"$zsite/config.toml" <<'TOML'
base_url = "https://example.com"
title = "Bench"
default_language = "ja"
generate_feeds = false
generate_sitemap = false
generate_robots_txt = false
TOML
cat >"$zsite/templates/page.html" <<'HTML'
<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>{{ page.title }}</title></head>
<body><main><h1>{{ page.title }}</h1>{{ page.content | safe }}</main></body></html>
HTML
cat >"$zsite/templates/index.html" <<'HTML'
<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>{{ config.title }}</title></head>
<body><ul>{% for page in section.pages %}<li><a href="{{ page.path }}">{{ page.title }}</a> {{ page.date }}</li>{% endfor %}</ul></body></html>
HTML
python3 - "$show/episodes" "$site/content" "$zsite/content" "$work/seed.md" <<'PY'
import json, os, re, sys
episodes, hugo, zola, seed = sys.argv[1:]
body = open(seed, encoding="utf-8").read()
os.makedirs(hugo, exist_ok=True)
os.makedirs(zola, exist_ok=True)
for name in sorted(os.listdir(episodes)):
    text = open(os.path.join(episodes, name), encoding="utf-8").read()
    title = re.search(r'^title: "?(.*?)"?$', text, re.M).group(1)
    date = re.search(r"^date: (.*)$", text, re.M).group(1)
    page = name.replace(".yaml", ".md")
    with open(os.path.join(hugo, page), "w", encoding="utf-8") as f:
        f.write(f'---\ntitle: "{title}"\ndate: {date}\n---\n{body}')
    with open(os.path.join(zola, page), "w", encoding="utf-8") as f:
        f.write(f"+++\ntitle = {json.dumps(title, ensure_ascii=False)}\ndate = {date}\n+++\n{body}")
PY

timed() { # command... -> "wall_s rss_mb cpu_s"
  # What a tool prints goes to tmpfs too: check prints some 10 MB of
  # warnings for these episodes, and the disk's write times swing.
  /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$@" >/dev/null 2>"$shm/log" || { cat "$shm/log"; exit 1; }
  awk '{printf "%s %.0f %.2f\n", $1, $2 / 1024, $3 + $4}' "$work/time"
}
: >"$work/ours" && : >"$work/hugo" && : >"$work/zola" && : >"$work/check"
for run in 1 2 3 4 5; do
  rm -rf "$shm/ours" "$shm/hugo-out" "$shm/zola-out"
  timed "$bin" build --root "$show" --out "$shm/ours" --format html >>"$work/ours"
  timed hugo --quiet -s "$site" -d "$shm/hugo-out" >>"$work/hugo"
  [ -z "$zola" ] || timed "$zola" --root "$zsite" build --output-dir "$shm/zola-out" >>"$work/zola"
done
# check's target is a time of its own, not a ratio: its runs follow one
# another, not each right after a Hugo run that held a gigabyte. Eleven
# of them, as the shared VM's speed swings by a tenth or more from one
# second to the next: the median and the fastest are both printed.
for run in $(seq 11); do
  timed "$bin" check --offline --root "$show" >>"$work/check"
done
med_of() { cut -d' ' -f"$2" "$work/$1" | median; }
peak() { cut -d' ' -f2 "$work/$1" | sort -n | tail -1; }
ours=$(med_of ours 1) hugo=$(med_of hugo 1) check=$(med_of check 1) check_cpu=$(med_of check 3)
check_min=$(cut -d' ' -f1 "$work/check" | sort -n | head -1)
ours_rss=$(peak ours) hugo_rss=$(peak hugo) check_rss=$(peak check)
fastest=$hugo fastest_name=Hugo zola_time=- zola_rss=
if [ -s "$work/zola" ]; then
  zola_time=$(med_of zola 1) zola_rss=$(peak zola)
  if awk -v z="$zola_time" -v h="$hugo" 'BEGIN { exit !(z < h) }'; then fastest=$zola_time fastest_name=Zola; fi
fi

rm -rf "$shm/ours" "$shm/hugo-out" "$shm/zola-out"
cp "$show/episodes/$edit.yaml" "$work/edit.yaml"
ours_edit=$(python3 scripts/edit_latency.py --dir "$show" --ready watching --label shownotes \
  --source "episodes/$edit.yaml" --output "$shm/ours/$edit/index.html" --old "$old" -n 21 -- \
  "$bin" serve --port 0 --out "$shm/ours" | tail -1)
cp "$work/edit.yaml" "$show/episodes/$edit.yaml"
hugo_edit=$(python3 scripts/edit_latency.py --dir "$site" --ready "Web Server is available" --label hugo \
  --source "content/$edit.md" --output "$shm/hugo-out/$edit/index.html" --old "$old" -n 21 -- \
  hugo server --renderToDisk -d "$shm/hugo-out" --port 1414 --bind 127.0.0.1 | tail -1)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
short() { sed -E 's/^.*median ([0-9.]+ ms).*peak RSS ([0-9]+ MB)$/\1, \2/'; }
echo
echo "targets, $n episodes (tmpfs; medians of 5 builds interleaved, 11 checks, 21 edits):"
printf '  %-34s %-22s %-22s %-22s %s\n' measure shownotes hugo zola target
printf '  %-34s %-22s %-22s %-22s %s\n' "build --format html" "${ours} s, ${ours_rss} MB" "${hugo} s, ${hugo_rss} MB" \
  "${zola_time}${zola_rss:+ s, ${zola_rss} MB}" \
  "$(ratio "$ours" "$fastest")x of $fastest_name, the faster peer (target <= 0.5x, <= 150 MB)"
printf '  %-34s %-22s %-22s %-22s %s\n' "check --offline" "${check} s (fastest ${check_min} s, cpu ${check_cpu} s), ${check_rss} MB" - - \
  "target <= 0.5 s, <= 150 MB"
printf '  %-34s %-22s %-22s %-22s %s\n' "edit -> page (serve / hugo server)" "$(short <<<"$ours_edit")" \
  "$(short <<<"$hugo_edit")" - "target <= 100 ms median, faster than Hugo, <= 200 MB"
