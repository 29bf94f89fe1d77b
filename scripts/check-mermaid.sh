#!/usr/bin/env bash
# Renders every Mermaid block in the given markdown files (default: every report.md under results/ and
# results/README.md) in headless Chromium with the mermaid package, and fails on a syntax error.
# Installs what it needs: the mermaid npm package (scripts/mermaid-check) and Debian's chromium (as root).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
if ! command -v "${CHROMIUM:-chromium}" >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is not installed (Debian: apt-get install chromium)" >&2; exit 2
  fi
fi
if [ ! -d "$here/mermaid-check/node_modules/mermaid" ]; then
  (cd "$here/mermaid-check" && npm install --no-audit --no-fund --silent)
fi
if [ $# -eq 0 ]; then
  mapfile -t files < <(find "$root/results" -name '*.md' | sort)
else
  files=("$@")
fi
CHROMIUM="$(command -v "${CHROMIUM:-chromium}")" node "$here/mermaid-check/check.mjs" "${files[@]}"
