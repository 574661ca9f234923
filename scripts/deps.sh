#!/usr/bin/env bash
# Installs the Debian packages chorus needs, only those that are missing.
#   scripts/deps.sh            build + test dependencies
#   scripts/deps.sh --bench    also what bench/ scripts use (time, python3-sklearn for the stories peer,
#                              wrk for bench/serve.sh, node with its npm for the Readability peer of
#                              bench/extraction.sh and bench/pipeline.sh)
#   scripts/deps.sh --browser  also chromium and node (with its npm) for the browser test (tests/browser)
set -euo pipefail
pkgs=(gcc make cmake pkg-config clang libclang-rt-14-dev
      libxml2-dev libjansson-dev libutf8proc-dev libstemmer-dev libsqlite3-dev
      libxxhash-dev zlib1g-dev libexttextcat-dev libexttextcat-data libcmocka-dev libmicrohttpd-dev python3
      libhiredis-dev redis-server redis-tools)
for flag in "$@"; do
  case "$flag" in
    --bench) pkgs+=(time python3-sklearn wrk nodejs) ;;
    --browser) pkgs+=(chromium nodejs) ;;
  esac
done
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "deps: installing ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
