#!/usr/bin/env bash
# bench/time.sh: temporal expressions (the dates stage) on TempEval-3's
# TimeBank + AQUAINT (TBAQ-cleaned: 256 news documents, 1,822 TIMEX3 with type
# and value, each document's creation time given), scored with the TempEval-3
# Task A definitions, beside a regular-expression peer run in the same
# invocation, plus the speed of the dates stage on one core.
#
# Input: ../shared/data/time/TBAQ-cleaned/{TimeBank,AQUAINT}/*.tml and the
# scorer ../shared/tools/score_timex.py (relative to the project root). The
# data is never copied into the repository; without ../shared the script says
# so and exits 0. Work files go in bench/.work/time/ (git-ignored).
#
# Steps:
#   1. bench/timeml.py input: one JSON Lines record per document, {"id",
#      "text", "published", "language"}: text is the document's <TEXT> with the
#      tags removed (what the scorer compares offsets in), published its
#      creation time.
#   2. chorus analyze --no-extract --db :memory: --format jsonl (the body is
#      the text exactly, so dates[] offsets point into it).
#   3. bench/timeml.py output: a TimeML file per document with a TIMEX3 tag
#      (type, value) around each dates[] entry.
#   4. bench/peers/timex_regex.py: the peer, a small regex tagger (month-name
#      dates, years, weekdays, deictic words, "N units ago", last/this/next,
#      durations, sets, clock times; no tense, no anaphora), same input, same
#      output form.
#   5. score_timex.py on both: strict and relaxed extent F1, type and value
#      accuracy, value F1 = value accuracy x relaxed F1 (the Task A ranking).
#   6. speed: tests/test_time --bench times the dates stage alone (text layer
#      built beforehand) over the documents, REPEAT times (default 20), one
#      thread; also the whole "chorus analyze" run and the peer's run, each
#      timed as a process (they include start-up and I/O).
#
# Environment: CHORUS (binary, default build/chorus), BUILD (build folder,
# default build), SHARED (default ../shared), REPEAT (default 20).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${SHARED:-$root/../shared}
data=$shared/data/time/TBAQ-cleaned
scorer=$shared/tools/score_timex.py
build=${BUILD:-$root/build}
chorus=${CHORUS:-$build/chorus}
tester=$build/tests/test_time
work=$here/.work/time
REPEAT=${REPEAT:-20}
py=/usr/bin/python3

say() { printf '%s\n' "$*"; }
die() { printf 'time.sh: %s\n' "$*" >&2; exit 2; }

if [ ! -d "$data/TimeBank" ] || [ ! -f "$scorer" ]; then
    say "time.sh: $data or $scorer not found (../shared is absent): skipped."
    exit 0
fi
if [ ! -x "$chorus" ] || [ ! -x "$tester" ]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" -j2 >/dev/null || die "build failed"
fi

rm -rf "$work"
mkdir -p "$work/gold"
ln -s "$data"/TimeBank/*.tml "$data"/AQUAINT/*.tml "$work/gold/"
docs=$("$py" "$here/timeml.py" input "$work/gold" "$work/in.jsonl")

now() { date +%s.%N; }
t0=$(now)
"$chorus" analyze --no-extract --db :memory: --format jsonl -o "$work/out.jsonl" --quiet "$work/in.jsonl"
t1=$(now)
"$py" "$here/timeml.py" output "$work/out.jsonl" "$work/gold" "$work/chorus" >/dev/null
t2=$(now)
"$py" "$here/peers/timex_regex.py" "$work/in.jsonl" "$work/gold" "$work/peer" >/dev/null
t3=$(now)

"$py" "$scorer" "$work/gold" "$work/chorus" >"$work/chorus.score"
"$py" "$scorer" "$work/gold" "$work/peer" >"$work/peer.score"

# field N of the scorer's line starting with KEY ("strict :", "relaxed:", "value  :")
pick() { awk -v k="$2" -v f="$3" 'index($0, k) == 1 { for (i = 1; i <= NF; i++) if ($i ~ "^" f "=") { sub(f "=", "", $i); print $i } }' "$1"; }

say "TempEval-3 TimeBank + AQUAINT: $docs documents, $(sed -n 's/^gold=\([0-9]*\).*/\1/p' "$work/chorus.score") TIMEX3 (scorer: $scorer)"
printf '%-22s %10s %10s %12s %12s %12s\n' "" "strict F1" "relaxed F1" "type acc" "value acc" "value F1"
for who in chorus peer; do
    f=$work/$who.score
    printf '%-22s %10s %10s %12s %12s %12s\n' "$([ $who = chorus ] && echo chorus || echo 'regex peer')" \
        "$(pick "$f" 'strict :' F1)" "$(pick "$f" 'relaxed:' F1)" "$(pick "$f" 'type   :' accuracy)" \
        "$(pick "$f" 'value  :' accuracy)" "$(pick "$f" 'value  :' F1)"
done
cv=$(pick "$work/chorus.score" 'value  :' F1)
pv=$(pick "$work/peer.score" 'value  :' F1)
cr=$(pick "$work/chorus.score" 'relaxed:' F1)
pr=$(pick "$work/peer.score" 'relaxed:' F1)
awk -v a="$cv" -v b="$pv" -v c="$cr" -v d="$pr" \
    'BEGIN { printf "chorus / peer: value F1 x%.2f, relaxed F1 x%.2f\n", a / b, c / d }'
say "published (TempEval-3 platinum test set, not this one): HeidelTime 90.3 relaxed / 81.3 strict / 77.6 value F1"

say ""
say "speed (one core):"
"$tester" --bench "$work/in.jsonl" "$REPEAT"
awk -v n="$docs" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN {
    printf "chorus analyze --no-extract (whole pipeline, one process): %.2f s, %.0f articles/s\n", b - a, n / (b - a);
    printf "regex peer (one process): %.2f s, %.0f articles/s\n", d - c, n / (d - c) }'
say "work files: $work (chorus.score, peer.score; score_timex.py GOLD SYS --errors lists each miss)"
