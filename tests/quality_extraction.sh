#!/usr/bin/env bash
# ctest quality gate for extraction: on ../shared's Zyte benchmark (181 real
# pages), HTML-mode F1 must stay >= 0.95 and text-mode F1 (on each page's whole
# visible text, peers/html-text.json) >= 0.90, scored by
# ../shared/tools/score_extraction.py. Skips (exit 77) when ../shared is absent.
set -euo pipefail
shared="${CHORUS_SHARED:-$CHORUS_SOURCE_DIR/../shared}"
zyte="$shared/data/extraction/zyte"
scorer="$shared/tools/score_extraction.py"
if [ ! -f "$zyte/ground-truth.json" ] || [ ! -f "$scorer" ]; then
  echo "SKIP: $zyte or its scorer is not there (../shared absent); quality not checked"
  exit 77
fi
if ! command -v python3 >/dev/null; then
  echo "SKIP: python3 is needed to score (scripts/deps.sh installs it)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Exit status 1 (some page yielded no text) is scored like any miss.
"$CHORUS_BIN" extract --quiet --mode html -o "$tmp/html" "$zyte/html" || [ $? -eq 1 ]
python3 - "$zyte/peers/html-text.json" "$tmp/texts" <<'PY'
import json, os, sys
d = json.load(open(sys.argv[1]))
d = d.get("output", d)
os.makedirs(sys.argv[2])
for k, v in d.items():
    with open(os.path.join(sys.argv[2], k + ".txt"), "w", encoding="utf-8") as f:
        f.write(v["articleBody"])
PY
"$CHORUS_BIN" extract --quiet --mode text -o "$tmp/text" "$tmp/texts" || [ $? -eq 1 ]
python3 "$scorer" "$zyte/ground-truth.json" "$tmp/html" "$tmp/text" | tee "$tmp/scores"
awk '
  $1 == "html" { html = $2 } $1 == "text" { text = $2 }
  END {
    printf "HTML mode F1 %.3f (gate 0.95), text mode F1 %.3f (gate 0.90)\n", html, text
    exit !(html >= 0.95 && text >= 0.90)
  }' "$tmp/scores"
