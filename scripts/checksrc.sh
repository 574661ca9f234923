#!/usr/bin/env bash
# Fails when library or CLI code calls a function banned for unbounded writes
# or silent parse failures (after curl's list): use snprintf, memcpy with a
# known length, strtol/strtoull with an end pointer, and cursor parsing instead.
set -euo pipefail
cd "$(dirname "$0")/.."
banned='\b(strcpy|strcat|sprintf|vsprintf|gets|atoi|atol|atoll|atof|strtok|sscanf|strncpy|strncat)[[:space:]]*\('
if grep -nE "$banned" src/*/*.c src/*/*.h cli/*.c include/*.h | grep -v '^\s*/\?\*'; then
  echo "checksrc: banned function used (see above); use the bounded alternatives" >&2
  exit 1
fi
echo "checksrc: ok"
