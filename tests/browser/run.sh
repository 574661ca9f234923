#!/usr/bin/env bash
# The browser test (report.test.mjs): installs playwright-core from
# package-lock.json into tests/browser/node_modules (git-ignored) when
# missing, finds Debian's chromium (scripts/deps.sh --browser installs it),
# and runs. Skips (77) with a message only when chromium is absent and
# cannot be installed. Screenshots: $CHORUS_BUILD_DIR/browser/screenshots.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="${CHORUS_SOURCE_DIR:-$(cd "$here/../.." && pwd)}"
if [ ! -x /usr/bin/chromium ]; then
  bash "$src/scripts/deps.sh" --browser >&2 || true
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "SKIP: chromium is not installed and could not be installed (scripts/deps.sh --browser)" >&2
  exit 77
fi
command -v node >/dev/null || { echo "browser test: node is missing (scripts/deps.sh --browser)" >&2; exit 1; }
if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi
export OUT="${CHORUS_BUILD_DIR:?}/browser"
exec node "$here/report.test.mjs"
