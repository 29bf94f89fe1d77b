#!/usr/bin/env bash
# Renders every chart the given markdown files show (default: every .md under results/) in headless Chromium and
# fails on a broken one: an SVG image link to a missing file, an SVG that is not well-formed or that Chromium cannot
# draw, a Mermaid block that does not parse or render (scripts/chart-check/check.mjs).
# usage: scripts/check-charts.sh [FILE.md...]     scripts/check-charts.sh --self-test
# Exit code: 0 every chart renders, 1 a chart is broken, 2 the check cannot run here (no Chromium, no mermaid package).
# --self-test checks the checker: a page with a good SVG, a broken SVG, a missing SVG and a broken Mermaid block must
# fail on exactly the three broken ones (exit 0 when it does, 1 when the checker would let a broken chart through).
# Installs what it needs: Debian's chromium (as root), and the mermaid npm package only when a file has a Mermaid block.
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
command -v node >/dev/null 2>&1 || { echo "node is not installed" >&2; exit 2; }

check() {
  if grep -q '```mermaid' "$@" 2>/dev/null && [ ! -d "$here/chart-check/node_modules/mermaid" ]; then
    (cd "$here/chart-check" && npm ci --no-audit --no-fund --silent) || { echo "cannot install the mermaid package" >&2; return 2; }
  fi
  CHROMIUM="$(command -v "${CHROMIUM:-chromium}")" node "$here/chart-check/check.mjs" "$@"
}

if [ "${1:-}" = "--self-test" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/charts"
  printf '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="teal"/></svg>\n' > "$work/charts/good.svg"
  printf '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"></svg>\n' > "$work/charts/broken.svg"
  cat > "$work/page.md" <<'PAGE'
# A page with one chart of each kind that works and each way one breaks

![good](charts/good.svg)

![broken: an unclosed element](charts/broken.svg)

![missing](charts/missing.svg)

```mermaid
xychart-beta
    title "good"
    x-axis [a, b]
    line [1, 2]
```

```mermaid
xychart-beta
    line [1, 2
```
PAGE
  set +e
  output="$(check "$work/page.md")"
  status=$?
  set -e
  echo "$output"
  [ "$status" -eq 2 ] && { echo "self-test: the check could not run" >&2; exit 2; }
  fails=$(grep -c '^FAIL' <<< "$output" || true)
  if [ "$status" -eq 1 ] && [ "$fails" -eq 3 ] \
     && grep -q '^FAIL .*charts/broken.svg: not well-formed SVG' <<< "$output" \
     && grep -q '^FAIL .*charts/missing.svg: no such file' <<< "$output" \
     && grep -q '^FAIL .*mermaid: error' <<< "$output" \
     && grep -q '^ok .*charts/good.svg' <<< "$output"; then
    echo "self-test: passed (the three broken charts fail, the good ones pass)"
    exit 0
  fi
  echo "self-test: FAILED: the checker exited $status with $fails failures; it must fail exactly the broken SVG, the missing SVG and the broken Mermaid block" >&2
  exit 1
fi

if [ $# -eq 0 ]; then
  mapfile -t files < <(find "$root/results" -name '*.md' -not -path '*/node_modules/*' | sort)
else
  files=("$@")
fi
check "${files[@]}"
