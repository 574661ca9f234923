#!/usr/bin/env bash
# tests/tsan.sh BUILD_DIR: the --jobs pool under ThreadSanitizer. Runs a
# ThreadSanitizer build of chorus with 4 jobs over the samples, the bad inputs
# and edited replays of the sample feed (a few hundred articles: several
# batches and story jobs), with a store and without, and fails on any data race
# or when the output differs from the one-job run.
set -euo pipefail
bin="$1/chorus"
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# edited replays of the feed: ids changed, two rounds in three with a line added
awk -v rounds=60 '{ line[NR] = $0 } END {
  for (k = 0; k < rounds; k++) for (i = 1; i <= NR; i++) {
    l = line[i]; sub(/"id": *"/, "\"id\":\"r" k "-", l)
    if (k % 3) sub(/"text": *"/, "\"text\":\"Update " k " followed. ", l)
    print l } }' "$root/samples/feed.jsonl" > "$work/replays.jsonl"
export TSAN_OPTIONS="halt_on_error=1 exitcode=66"
for db in ":memory:" "$work/a.db"; do
  for j in 1 4; do
    [ "$db" != ":memory:" ] && rm -f "$work/a.db"*
    rc=0
    "$bin" analyze --db "$db" --jobs "$j" -q "$root/samples" "$root/tests/bad" "$work/replays.jsonl" \
      > "$work/out$j.json" 2> "$work/err$j.txt" || rc=$?
    if [ "$rc" -eq 66 ] || grep -q "ThreadSanitizer" "$work/err$j.txt"; then
      cat "$work/err$j.txt" >&2
      echo "tsan: a data race with --jobs $j (db $db)" >&2
      exit 1
    fi
    [ "$rc" -eq 1 ] || { echo "tsan: exit status $rc, expected 1 (tests/bad holds rejected inputs)" >&2; exit 1; }
  done
  cmp "$work/out1.json" "$work/out4.json" || { echo "tsan: --jobs 4 output differs (db $db)" >&2; exit 1; }
  cmp "$work/err1.txt" "$work/err4.txt" || { echo "tsan: --jobs 4 messages differ (db $db)" >&2; exit 1; }
  n=$(grep -c '"input"' "$work/out1.json")
  [ "$n" -ge 250 ] || { echo "tsan: only $n articles analysed" >&2; exit 1; }
done
echo "tsan: no data race; --jobs 4 output equals --jobs 1 ($n articles, with and without a store)"
