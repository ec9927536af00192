#!/usr/bin/env bash
# Screenshots of the bundled show's pages as a listener sees them: an
# episode page and the series page, in headless Chromium at 1200 px
# (desktop) and 390 px (phone), in the light and the dark colour scheme.
#
#   scripts/screenshots.sh               # all eight into target/screenshots/
#   scripts/screenshots.sh /tmp/shots    # all eight into another folder
#   scripts/screenshots.sh --guide       # the four the user guide shows, into docs/src/images/
#
# Needs Debian's `chromium` and `fonts-noto-cjk` (apt-get install chromium
# fonts-noto-cjk); with `pngquant` installed the PNGs are compressed
# (about 100 KB each instead of 350 KB). The show is built into a temporary directory and served
# on 127.0.0.1; its cover art is replaced by a local SVG so the page loads
# without the network. Nothing else is fetched: the audio URL of the
# bundled show does not exist, so the player shows no duration.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/screenshots}
guide=
if [ "$out" = --guide ]; then
  out=docs/src/images
  guide=1
fi
episode=${EPISODE:-tech-competition-and-economic-security}
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "chromium not found: apt-get install chromium fonts-noto-cjk" >&2; exit 2; }
mkdir -p "$out"
work=$(mktemp -d)
server=
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/show"
cp -r series.yaml episodes "$work/show/"
sed -i "s|^image: .*|image: http://127.0.0.1:$port/cover.svg|" "$work/show/series.yaml"
cargo build --quiet
"${CARGO_TARGET_DIR:-$PWD/target}/debug/shownotes" build --root "$work/show" --out "$work/dist" >/dev/null 2>&1
cat >"$work/dist/cover.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">
<rect width="600" height="600" fill="#0b3d6b"/><circle cx="470" cy="130" r="90" fill="#f2b84b"/>
<text x="60" y="420" font-family="Noto Sans CJK JP, sans-serif" font-size="110" font-weight="700" fill="#fff">PEP</text>
<text x="60" y="520" font-family="Noto Sans CJK JP, sans-serif" font-size="80" fill="#cfe3f7">Think</text>
</svg>
SVG
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/dist" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break
  sleep 0.1
done

shot() { # name path width height scheme
  local name=$1 path=$2 width=$3 height=$4 scheme=$5 dark=()
  case "$guide:$name" in
    1:episode-1200-light | 1:episode-390-dark | 1:series-1200-dark | 1:series-390-light | :*) ;;
    *) return 0 ;;
  esac
  # Blink's preferredColorScheme: 0 = dark, 1 = light.
  if [ "$scheme" = dark ]; then dark=(--force-dark-mode --blink-settings=preferredColorScheme=0); else dark=(--blink-settings=preferredColorScheme=1); fi
  "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --force-device-scale-factor=1 --user-data-dir="$(mktemp -d -p "$work")" \
    "${dark[@]}" --window-size="$width,$height" --screenshot="$out/$name.png" \
    "http://127.0.0.1:$port/$path" >/dev/null 2>&1
  if command -v pngquant >/dev/null; then
    pngquant --quality=60-85 --speed 1 --force --ext .png "$out/$name.png"
  fi
  echo "$out/$name.png $(wc -c <"$out/$name.png") bytes"
}

shot episode-1200-light "$episode/" 1200 1500 light
shot episode-1200-dark "$episode/" 1200 1500 dark
shot episode-390-light "$episode/" 390 1800 light
shot episode-390-dark "$episode/" 390 1800 dark
shot series-1200-light "" 1200 800 light
shot series-1200-dark "" 1200 800 dark
shot series-390-light "" 390 900 light
shot series-390-dark "" 390 900 dark
