#!/usr/bin/env bash
# Audits the shipped GitHub Actions workflow (the one `shownotes init`
# writes, .github/workflows/shownotes.yml) with zizmor, the GitHub Actions
# security linter: actions pinned to commit SHAs, no persisted
# credentials, least privilege, no template injection...
#
#   scripts/zizmor.sh                 # install zizmor from PyPI, audit; fail on any finding
#   scripts/zizmor.sh --if-available  # the same, but only warn when zizmor cannot be installed
#
# zizmor is installed with pip into a throwaway virtual environment
# (nothing global is touched); --offline keeps the audit itself off the
# network.
set -euo pipefail
cd "$(dirname "$0")/.."
ZIZMOR_VERSION="${ZIZMOR_VERSION:-1.32.0}"
optional=false
[[ "${1:-}" == "--if-available" ]] && optional=true

venv="$(mktemp -d)"
trap 'rm -rf "$venv"' EXIT
if ! { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet "zizmor==$ZIZMOR_VERSION"; } >&2; then
    if $optional; then
        echo "warning: zizmor could not be installed; the workflow audit was skipped" >&2
        exit 0
    fi
    echo "error: zizmor could not be installed (pip install zizmor==$ZIZMOR_VERSION)" >&2
    exit 2
fi
"$venv/bin/zizmor" --offline .github/workflows/
