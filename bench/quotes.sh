#!/usr/bin/env bash
# bench/quotes.sh: quotes, speakers and entities (the quotes stage), beside
# their floors, in one run.
#
# Data (read in place, never copied into the repository):
#   ../shared/data/quotes/polnear/dev.jsonl   PolNeAR dev: 84 US political news
#       articles with every attribution (content, source and cue spans; direct,
#       mixed, indirect). Scored by ../shared/tools/score_quotes.py (Dice >= 0.5
#       on trimmed character sets, one-to-one; "e2e": the quote matched and its
#       speaker mention overlapping the gold source).
#   ../shared/data/ner/wikigold/CONLL-format/data/wikigold.conll.txt   WikiGold
#       (Wikipedia, CoNLL IO tags): entity F1 per type, exact span and type,
#       over PER, ORG and LOC (MISC is not scored; a name chorus types as one of
#       ours that is MISC in the gold counts as a false positive).
# Work files: bench/.work/quotes/ (git-ignored). Without ../shared the script
# says so and exits 0.
#
# Systems:
#   chorus       chorus analyze --no-extract on the dev texts (JSON Lines, body =
#                text, so offsets are the gold's); quotes -> one attribution each
#                (content = the quote's parts, widened to their quotation marks
#                for direct quotes as PolNeAR's spans are; source = the speaker
#                mention; cue = the cue), by bench/peers/quotes_tools.py
#   regex floor  bench/peers/quotes_regex.py: quoted spans + "said NAME" after
#                them + "NAME said that CLAUSE"
#   NER baseline bench/peers/ner_baseline.py: capitalised runs typed by the same
#                gazetteer chorus compiles in
#   speed        build/bench/quotes_speed (bench/quotes_speed.c): cx_quotes_analyze
#                alone (entities + quotes; the text layer is built before the
#                clock starts) over the PolNeAR train + dev texts, ROUNDS rounds,
#                one thread pinned to one CPU
#
# Usage: bash bench/quotes.sh [--build DIR]   (default build/, built when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=build
[ "${1:-}" = "--build" ] && BUILD=$2
SHARED=$ROOT/../shared
PN=$SHARED/data/quotes/polnear
WG=$SHARED/data/ner/wikigold/CONLL-format/data/wikigold.conll.txt
SCORE=$SHARED/tools/score_quotes.py
if [ ! -f "$PN/dev.jsonl" ] || [ ! -f "$SCORE" ]; then
    echo "bench/quotes.sh: ../shared/data/quotes/polnear or ../shared/tools/score_quotes.py is absent: skipped"
    exit 0
fi
PY=/usr/bin/python3
W=$ROOT/bench/.work/quotes
mkdir -p "$W"
if [ ! -x "$BUILD/chorus" ]; then
    cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$BUILD" -j2 >/dev/null
fi
cmake --build "$BUILD" --target quotes_speed >/dev/null
CHORUS=$BUILD/chorus
TOOLS=bench/peers/quotes_tools.py

$PY $TOOLS polnear-in "$PN/dev.jsonl" "$W/dev_in.jsonl"
$CHORUS analyze --quiet --no-extract --db :memory: -o "$W/dev_out.json" "$W/dev_in.jsonl"
$PY $TOOLS polnear-out "$W/dev_out.json" "$W/dev_pred.jsonl"
$PY bench/peers/quotes_regex.py "$PN/dev.jsonl" "$W/dev_regex.jsonl"

row() { # label pred subset
    $PY "$SCORE" "$PN/dev.jsonl" "$2" --subset "$3" --json | $PY -c "
import json, sys
d = json.load(sys.stdin)
print('%-12s %-8s gold %4d pred %4d  P %5.1f R %5.1f F1 %5.1f | quote+speaker F1 %5.1f | speaker name acc %s' % (
    '$1', d['subset'], d['gold'], d['pred'], d['quote_P'], d['quote_R'], d['quote_F1'], d['e2e_F1'],
    d['speaker_name_acc']))"
}
echo "== PolNeAR dev (84 articles), Dice >= 0.5; quote+speaker = e2e (quote matched, speaker mention overlaps)"
for sub in quoted direct mixed indirect all; do
    row chorus "$W/dev_pred.jsonl" $sub
    row "regex floor" "$W/dev_regex.jsonl" $sub
done
$PY -c "
import json
d = json.load(open('$W/dev_out.json'))
k = {}
for a in d['articles']:
    for q in a['quotes']:
        k[q['kind']] = k.get(q['kind'], 0) + 1
print('chorus quotes by kind:', ', '.join('%s %d' % x for x in sorted(k.items())))"

echo
if [ -f "$WG" ]; then
    echo "== WikiGold NER (exact span and type; PER/ORG/LOC)"
    $PY $TOOLS wikigold-in "$WG" "$W/wg_in.jsonl" "$W/wg_gold.json"
    $CHORUS analyze --quiet --no-extract --db :memory: -o "$W/wg_out.json" "$W/wg_in.jsonl"
    $PY bench/peers/ner_baseline.py src/quotes/gazetteer.c "$W/wg_in.jsonl" "$W/wg_base.json"
    $PY $TOOLS ner-score "$W/wg_gold.json" "$W/wg_out.json" chorus
    $PY $TOOLS ner-score "$W/wg_gold.json" "$W/wg_base.json" "capitalised baseline"
else
    echo "WikiGold absent: NER skipped"
fi

echo
echo "== speed (entities + quotes, one core)"
$PY -c "
import json
with open('$W/speed.jsonl', 'w') as f:
    for p in ('$PN/train.jsonl', '$PN/dev.jsonl'):
        for l in open(p, encoding='utf-8'):
            f.write(json.dumps({'text': json.loads(l)['text'], 'title': ''}) + '\n')"
PIN=""
command -v taskset >/dev/null && PIN="taskset -c 0"
$PIN "$BUILD/bench/quotes_speed" "$W/speed.jsonl" "${ROUNDS:-5}"
