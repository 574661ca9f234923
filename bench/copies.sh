#!/usr/bin/env bash
# bench/copies.sh: the copies stage (exact, near, syndicated, rewrite; origins),
# its accuracy on a labelled stream, the recall of its candidate index against
# exact Jaccard, and its throughput and memory on a long stream, beside a
# textbook MinHash + LSH peer run in the same invocation.
#
# Data: real article bodies from ../shared/data (the Zyte ground truth, PolNeAR,
# ECB+ and GVA texts). Nothing is copied into the repository: everything derived
# lives in bench/.work/copies/ (git-ignored). Without ../shared the script says
# so and exits 0.
#
# Steps:
#  1. The labelled stream (bench/peers/copies_stream.py, seed 1; built once,
#     reused while its inputs are unchanged): real bodies, generated copies with
#     controlled edits (exact, retitled; near: word substitutions at 2/5/10%, a
#     paragraph deleted, two swapped, the headline and lead changed; syndicated:
#     truncation, extension, sentences deleted or inserted, agency credits with
#     40-60% of the origin kept; rewrite: sentence-by-sentence paraphrase) and
#     about 1,000 independent pairs that share long quotations.
#  2. chorus analyze --no-extract on it (store in memory), and the peer
#     (bench/peers/copies_peer.py: 128 MinHash functions, 32 bands of 4 rows,
#     exact / near >= 0.8 / containment >= 0.75); both scored by
#     bench/peers/copies_score.py: recall per kind, edit and rate; precision; the
#     false-copy rate on the quote-sharing independent pairs (goal 0 in 1,000).
#  3. Exact Jaccard over all pairs of a 20,000-article sample (the labelled
#     stream, a second one built with seed 2, then GVA texts), by prefix
#     filtering (nothing missed), and the share of the pairs with J >= 0.8 that
#     chorus's index returns and classifies as copies (goal >= 0.99).
#  4. Throughput: build/bench/copies_speed over STREAM_N articles (default
#     1,000,000) replayed from the real texts (see bench/copies_speed.c): the
#     rate of fingerprint + lookup (CPU time of those steps alone: the text layer
#     is timed apart, it serves every stage), per 100,000 (flat cost), index
#     bytes per article, peak RSS; then the same program and the peer on the
#     labelled stream as given, so the two rates compare on one input.
#
# Environment: SHARED (default ../shared), STREAM_N (default 1000000),
# NO_PEER=1 skips the Python peer (it runs at a few dozen articles/s).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${SHARED:-$root/../shared}
work=$here/.work/copies
stream_n=${STREAM_N:-1000000}
py=/usr/bin/python3
[ -x "$py" ] || py=python3

if [ ! -d "$shared/data" ]; then
    echo "bench/copies.sh: $shared/data not found: the benchmark needs ../shared (skipped)"
    exit 0
fi
mkdir -p "$work"

if [ ! -x "$root/build/chorus" ] || [ ! -x "$root/build/bench/copies_speed" ]; then
    echo "building chorus and the bench programs..."
    cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$root/build" -j2 >/dev/null
fi
cp "$root/build/chorus" "$work/chorus.bin"
cp "$root/build/bench/copies_speed" "$work/copies_speed.bin"
chorus=$work/chorus.bin
speed=$work/copies_speed.bin

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. the labelled streams
for seed in 1 2; do
    dir=$work/stream-$seed
    stamp="$(stat -c %Y "$here/peers/copies_stream.py") $seed"
    if [ ! -s "$dir/stream.jsonl" ] || [ "$(cat "$dir/stamp" 2>/dev/null)" != "$stamp" ]; then
        echo "building the labelled stream (seed $seed)..."
        rm -rf "$dir"
        "$py" "$here/peers/copies_stream.py" --shared "$shared" --out "$dir" --seed "$seed" > "$dir.log"
        echo "$stamp" > "$dir/stamp"
    fi
done
dir=$work/stream-1
echo "labelled stream: $(wc -l < "$dir/stream.jsonl") articles, $(wc -l < "$dir/labels.jsonl") labelled copies, $(wc -l < "$dir/independent.jsonl") independent quote-sharing pairs"

# 2. accuracy
echo
echo "== accuracy on the labelled stream =="
/usr/bin/time -f "%e %M" -o "$work/chorus.time" \
    "$chorus" analyze --quiet --no-extract --no-raw --db :memory: --compact "$dir/stream.jsonl" > "$work/chorus.json"
read -r c_wall c_rss < "$work/chorus.time"
echo "chorus analyze (whole pipeline, store in memory): ${c_wall} s wall, $((c_rss / 1024)) MB peak RSS"
"$py" "$here/peers/copies_score.py" "$dir" "$work/chorus.json" | tee "$work/score-chorus.txt"
if [ "${NO_PEER:-0}" != 1 ]; then
    echo
    echo "-- peer (bench/peers/copies_peer.py) --"
    /usr/bin/time -f "%e %M" -o "$work/peer.time" \
        "$py" "$here/peers/copies_peer.py" "$dir/stream.jsonl" -o "$work/peer.json" 2> "$work/peer.err"
    cat "$work/peer.err"
    "$py" "$here/peers/copies_score.py" "$dir" "$work/peer.json" > "$work/score-peer.txt"
    grep -E "^(exact|near|syndicated|rewrite) +all|independent quote|other false" "$work/score-peer.txt"
    echo
    echo "recall (right origin) per kind, chorus / peer:"
    for kind in exact near syndicated rewrite; do
        c=$(awk -v k="$kind" '$1 == k && $2 == "all" {print $8}' "$work/score-chorus.txt")
        p=$(awk -v k="$kind" '$1 == k && $2 == "all" {print $8}' "$work/score-peer.txt")
        echo "  $kind: $c / $p"
    done
fi

# 3. exact Jaccard recall reference
echo
echo "== recall at Jaccard >= 0.8 against exact all-pairs Jaccard (20,000 articles) =="
"$speed" exact 20000 "$dir/stream.jsonl" "$work/stream-2/stream.jsonl" \
    "$shared/data/clustering/gva/articles.jsonl" | tee "$work/exact.txt"

# 4. throughput and memory
echo
echo "== throughput: fingerprint + lookup over $stream_n replayed articles =="
bases=("$shared/data/clustering/gva/articles.jsonl" "$shared/data/clustering/ecbplus/articles.jsonl")
for f in "$shared"/data/quotes/polnear/train.jsonl "$shared"/data/quotes/polnear/dev.jsonl; do
    [ -f "$f" ] && bases+=("$f")
done
if command -v taskset >/dev/null; then pin=(taskset -c 0); else pin=(); fi
"${pin[@]}" "$speed" stream "$stream_n" "${bases[@]}" | tee "$work/stream.txt"
echo
echo "== the same program on the labelled stream as given, beside the peer =="
"${pin[@]}" "$speed" file 100000 "$dir/stream.jsonl" | tail -1 | tee "$work/file.txt"
if [ "${NO_PEER:-0}" != 1 ]; then
    c_rate=$(sed -n 's/.*fingerprint+lookup \([0-9]*\)\/s.*/\1/p' "$work/file.txt")
    p_rate=$(sed -n 's/.*[^0-9]\([0-9.]*\) articles\/s.*/\1/p' "$work/peer.err" | head -1)
    if [ -n "$c_rate" ] && [ -n "$p_rate" ]; then
        awk -v c="$c_rate" -v p="$p_rate" 'BEGIN { printf "fingerprint + lookup: chorus %d articles/s, peer %s articles/s: %.0fx\n", c, p, c / p }'
    fi
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
