#!/usr/bin/env bash
# bench/pipeline.sh: the whole `chorus analyze` (extraction from HTML and from
# text, text layer, copies, entities, quotes, sourcing, dates, stories,
# storylines, timeline, brief, store writes) over a long stream of articles,
# beside the stage benches' textbook peers run on a slice in the same
# invocation.
#
# Data: the stream is built by build/bench/pipeline_stream (bench/pipeline_stream.c)
# from the real texts of ../shared/data (clustering/gva and ecbplus,
# quotes/polnear train and dev, quotes/scu, time/TBAQ-cleaned, the Zyte pages):
# replayed in publication order over two days per million articles, entities
# moved pass after pass, light edits, one article in seven a copy of a recent
# one, one record in five an HTML page. Written once to bench/.work/pipeline/
# (git-ignored; about 7.5 KB an article) and reused while the generator and
# the length are unchanged. Without ../shared the script says so and exits 0.
#
# Steps:
#  1. Build Release (build/), copy the binaries aside (a rebuild during the
#     run does not change them), write the stream.
#  2. For each N in JOBS: chorus analyze --db FILE over the
#     stream (--jobs N when this build has it; else the serial engine, once),
#     with --stats when the build has it: wall and CPU time (/usr/bin/time),
#     articles/s, MB/s, peak RSS, the time per stage, and the per-article cost
#     of the first and of the last STATS_EVERY articles (flat or not). The
#     outputs of the runs are compared by checksum (--jobs must not change
#     them).
#  3. The text part and the HTML part apart: the text records and the HTML
#     records of the first SPLIT_N of the same sequence, each through
#     chorus analyze with the first of JOBS.
#  4. Peers (NO_PEER=1 skips): on the first PEER_N records, chorus as in step
#     2, then bench/peers/readability.js (Mozilla Readability on jsdom, the
#     extraction bench's live peer) over the first PEER_READ_N HTML pages of
#     the slice, bench/peers/copies_peer.py (MinHash + LSH, the copies
#     bench's peer) over the first PEER_COPIES_N text records, and the online
#     TF-IDF peer of bench/stories.sh over the first PEER_STORIES_N; their
#     per-article costs summed (the HTML share of the slice weighs
#     Readability) against chorus's whole-pipeline cost. The peers cover three
#     stages of the dozen chorus runs: the ratio flatters them.
#
# Output: the default JSON document (FORMAT=jsonl for JSON Lines): it is the
# whole pipeline, since only the document has the story-level stages
# (stories[], storylines[]: summaries, timelines, briefs; the "story_output"
# stage) written at the end of the run; JSON Lines has the articles alone.
#
# Environment: SHARED (default ../shared), PIPE_N (stream length, default
# 1000000), JOBS (default "1 2"), SEED (default 1), STATS_EVERY (default 100000,
# or PIPE_N/10 when smaller), SPLIT_N (default 100000, at most PIPE_N; 0 skips
# step 3), NO_PEER=1, PEER_N (default 20000), PEER_READ_N (500),
# PEER_COPIES_N (2000), PEER_STORIES_N (5000), FORMAT (json or jsonl; default
# json), NO_RAW=1 (do not keep raw
# inputs in the store; kept by default, as `chorus analyze` does).
# The full run takes long on a shared 2-core machine: run it with nice.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${SHARED:-$root/../shared}
work=$here/.work/pipeline
pipe_n=${PIPE_N:-1000000}
jobs_list=${JOBS:-1 2}
seed=${SEED:-1}
every=${STATS_EVERY:-100000}
[ "$every" -le $((pipe_n / 10)) ] || every=$((pipe_n / 10 > 0 ? pipe_n / 10 : 1))
split_n=${SPLIT_N:-100000}
[ "$split_n" -le "$pipe_n" ] || split_n=$pipe_n
peer_n=${PEER_N:-20000}
[ "$peer_n" -le "$pipe_n" ] || peer_n=$pipe_n
peer_read_n=${PEER_READ_N:-500}
peer_copies_n=${PEER_COPIES_N:-2000}
peer_stories_n=${PEER_STORIES_N:-5000}
format=${FORMAT:-json}
py=/usr/bin/python3
[ -x "$py" ] || py=python3

if [ ! -d "$shared/data/clustering" ]; then
    echo "bench/pipeline.sh: $shared/data not found: the benchmark needs ../shared (skipped)"
    exit 0
fi
if [ ! -x /usr/bin/time ]; then
    echo "bench/pipeline.sh: /usr/bin/time is missing (scripts/deps.sh --bench installs it)" >&2
    exit 2
fi
mkdir -p "$work"

# 1. build, binaries aside, the stream
echo "building Release..."
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/build" -j2 --target chorus pipeline_stream >/dev/null
# copied then renamed: another run of this script may be executing the old ones
cp "$root/build/chorus" "$work/chorus.bin.$$" && mv -f "$work/chorus.bin.$$" "$work/chorus.bin"
cp "$root/build/bench/pipeline_stream" "$work/pipeline_stream.bin.$$" &&
    mv -f "$work/pipeline_stream.bin.$$" "$work/pipeline_stream.bin"
chorus=$work/chorus.bin
gen=$work/pipeline_stream.bin

help=$("$chorus" analyze --help 2>&1 || true)
has_jobs=0 has_stats=0
grep -q -- '--jobs' <<<"$help" && has_jobs=1
grep -q -- '--stats' <<<"$help" && has_stats=1
raw=()
[ "${NO_RAW:-0}" = 1 ] && raw=(--no-raw)
echo "chorus: $(git -C "$root" log -1 --format='%h %cd' --date=short 2>/dev/null || echo '?'); --jobs: $([ $has_jobs = 1 ] && echo yes || echo 'no (serial engine)'); --stats: $([ $has_stats = 1 ] && echo yes || echo no)"
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# stream.jsonl for (generator, length, seed); rebuilt when one changes
gen_stamp="$(md5sum < "$gen" | cut -c1-12) $pipe_n $seed"
stream=$work/stream-$pipe_n.jsonl
if [ ! -s "$stream" ] || [ "$(cat "$stream.stamp" 2>/dev/null)" != "$gen_stamp" ]; then
    need_kb=$((pipe_n * 9))
    avail_kb=$(df -Pk "$work" | awk 'NR == 2 {print $4}')
    if [ "$avail_kb" -lt $((need_kb + 4000000)) ]; then
        echo "bench/pipeline.sh: the stream needs about $((need_kb / 1000)) MB and $((avail_kb / 1000)) MB are free on $(df -P "$work" | awk 'NR == 2 {print $6}'): lower PIPE_N" >&2
        exit 2
    fi
    rm -f "$work"/stream-*.jsonl "$work"/stream-*.stamp
    echo "writing the stream ($pipe_n articles)..."
    "$gen" -n "$pipe_n" -s "$seed" -o "$stream" "$shared" 2>&1 | sed 's/^/  /'
    echo "$gen_stamp" > "$stream.stamp"
fi
n_rec=$(wc -l < "$stream")
echo "stream: $stream: $n_rec records, $(awk -v b="$(stat -c %s "$stream")" 'BEGIN {printf "%.1f", b / 1e6}') MB, $(grep -c '"html":' "$stream") HTML"
cat "$stream" > /dev/null # the page cache, warm for every run

# run LABEL INPUT JOBS: one chorus analyze, its figures printed and summed up
# in $work/LABEL.summary.json; the output's checksum in $work/LABEL.sum
run() {
    local label=$1 input=$2 j=$3 n every_n
    n=$(wc -l < "$input")
    every_n=$every
    [ "$every_n" -le $((n / 10)) ] || every_n=$((n / 10 > 0 ? n / 10 : 1))
    local args=(analyze --quiet --db "$work/$label.db" --format "$format" -o /dev/stdout "${raw[@]}")
    [ $has_jobs = 1 ] && args+=(--jobs "$j")
    local stats=-
    if [ $has_stats = 1 ]; then
        stats=$work/$label.stats.json
        rm -f "$stats"
        args+=(--stats "$stats" --stats-every "$every_n")
    fi
    rm -f "$work/$label.db" "$work/$label.db-wal" "$work/$label.db-shm"
    local rc=0
    { /usr/bin/time -f "%e %U %S %M" -o "$work/$label.time" "$chorus" "${args[@]}" "$input" \
        2> "$work/$label.err" | cksum > "$work/$label.sum"; } || rc=$?
    # exit 1: some articles were rejected (named in .err); more is a failure
    if [ ! -s "$work/$label.time" ] || grep -q "Command exited with non-zero status [2-9]" "$work/$label.time"; then
        echo "$label: chorus failed:" >&2
        tail -5 "$work/$label.err" >&2
        return 2
    fi
    "$py" "$here/peers/pipeline_report.py" "$label" "$work/$label.time" "$stats" "$work/$label.err" \
        "$input" "$n" "$work/$label.summary.json"
    echo "  store: $(du -m "$work/$label.db" | cut -f1) MB; output checksum $(cut -d' ' -f1-2 "$work/$label.sum")"
    rm -f "$work/$label.db" "$work/$label.db-wal" "$work/$label.db-shm"
    return $rc
}

# 2. the whole stream
echo
echo "== the whole pipeline over $n_rec articles (--format $format, stats every $every) =="
ran=()
for j in $jobs_list; do
    if [ $has_jobs = 0 ] && [ ${#ran[@]} -gt 0 ]; then
        echo "(--jobs $j skipped: this build has no --jobs)"
        continue
    fi
    run "all-$pipe_n-j$j" "$stream" "$j" || true
    ran+=("$j")
done
if [ ${#ran[@]} -gt 1 ]; then
    same=1
    for j in "${ran[@]}"; do
        cmp -s "$work/all-$pipe_n-j${ran[0]}.sum" "$work/all-$pipe_n-j$j.sum" || same=0
    done
    echo "output identical across --jobs ${ran[*]}: $([ $same = 1 ] && echo yes || echo NO)"
    "$py" - "$work" "$pipe_n" "${ran[@]}" <<'EOF'
import json, sys
w, n, js = sys.argv[1], sys.argv[2], sys.argv[3:]
s = {j: json.load(open("%s/all-%s-j%s.summary.json" % (w, n, j))) for j in js}
b = s[js[0]]
for j in js[1:]:
    print("--jobs %s against --jobs %s: %.2fx the articles/s (wall), %.2fx the CPU time"
          % (j, js[0], s[j]["per_s_wall"] / b["per_s_wall"], s[j]["cpu_s"] / b["cpu_s"]))
EOF
fi

# 3. text and HTML apart
j1=${ran[0]:-1}
if [ "$split_n" -gt 0 ]; then
    echo
    echo "== the text part and the HTML part of the first $split_n records, --jobs $j1 =="
    for kind in text html; do
        part=$work/part-$kind-$split_n.jsonl
        if [ ! -s "$part" ] || [ "$(cat "$part.stamp" 2>/dev/null)" != "$gen_stamp" ]; then
            "$gen" -n "$split_n" -s "$seed" --kind "$kind" -o "$part" "$shared" 2>/dev/null
            echo "$gen_stamp" > "$part.stamp"
        fi
        run "$kind-$split_n-j$j1" "$part" "$j1" || true
    done
fi

# 4. peers on a slice
if [ "${NO_PEER:-0}" = 1 ]; then
    echo
    echo "peers skipped (NO_PEER=1)"
else
    echo
    echo "== peers on the first $peer_n records, beside chorus on the same slice =="
    pdir=$work/peer
    rm -rf "$pdir"
    mkdir -p "$pdir"
    head -n "$peer_n" "$stream" > "$pdir/slice.jsonl"
    run "slice-$peer_n-j$j1" "$pdir/slice.jsonl" "$j1" || true
    counts=$("$py" "$here/peers/pipeline_peers.py" split "$pdir/slice.jsonl" "$pdir" "$peer_read_n")
    n_text=${counts#text=}; n_text=${n_text%% *}
    n_html=${counts##*html=}
    echo "slice: $n_text text records, $n_html HTML pages"
    # Readability (node, jsdom): installed into bench/node_modules as bench/extraction.sh does
    read_s=""
    if command -v node >/dev/null && command -v npm >/dev/null && [ "$n_html" -gt 0 ]; then
        want=$(node -e 'const d = require(process.argv[1]).dependencies;
            console.log(Object.entries(d).map(([k, v]) => k + "@" + v).join(" "));' "$here/peers/package.json")
        have=$(node -e 'const path = require("path"); const d = require(process.argv[1]).dependencies;
            const out = []; for (const k of Object.keys(d)) { try { out.push(k + "@" +
            require(path.join(process.argv[2], "node_modules", k, "package.json")).version); }
            catch (e) { out.push(k + "@missing"); } } console.log(out.join(" "));' "$here/peers/package.json" "$here")
        if [ "$want" != "$have" ]; then
            echo "installing the live peer from npm into bench/node_modules: $want ..."
            # shellcheck disable=SC2086 # one word per package
            npm install --prefix "$here" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
                $want > "$pdir/npm.log" 2>&1 || echo "npm install failed: Readability skipped"
        fi
        if node "$here/peers/readability.js" "$pdir/truth.json" "$pdir/html" "$pdir/readability" \
            > "$pdir/readability.out" 2> "$pdir/readability.err"; then
            line=$(tail -1 "$pdir/readability.out")
            pages=$(sed -n 's/.*pages=\([0-9]*\).*/\1/p' <<<"$line")
            secs=$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' <<<"$line")
            [ -n "$pages" ] && [ "$pages" -gt 0 ] && read_s=$(awk -v s="$secs" -v p="$pages" 'BEGIN {printf "%.6f", s / p}')
            echo "readability.js: $line ($(awk -v s="$read_s" 'BEGIN {printf "%.1f", s * 1e3}') ms a page; wall of its loop)"
        else
            echo "readability.js failed: $(tail -1 "$pdir/readability.err")"
        fi
    else
        echo "Readability skipped (node/npm missing or no HTML in the slice)"
    fi
    head -n "$peer_copies_n" "$pdir/text.jsonl" > "$pdir/copies-in.jsonl"
    "$py" "$here/peers/copies_peer.py" "$pdir/copies-in.jsonl" -o /dev/null 2> "$pdir/copies.err" || true
    cat "$pdir/copies.err"
    copies_rate=$(sed -n 's/.* \([0-9.]*\) articles\/s.*/\1/p' "$pdir/copies.err" | tail -1)
    "$py" "$here/peers/pipeline_peers.py" stories "$pdir/text.jsonl" "$peer_stories_n" > "$pdir/stories.out" 2>&1 || true
    cat "$pdir/stories.out"
    stories_rate=$(sed -n 's/.* \([0-9.]*\) articles\/s.*/\1/p' "$pdir/stories.out" | tail -1)
    "$py" - "$work/slice-$peer_n-j$j1.summary.json" "$n_text" "$n_html" "${read_s:-}" "${copies_rate:-}" "${stories_rate:-}" <<'EOF'
import json, sys
summ, nt, nh, rd, cp, sr = sys.argv[1:7]
s = json.load(open(summ))
nt, nh = int(nt), int(nh)
share = nh / (nt + nh) if nt + nh else 0
parts, cost = [], 0.0
if rd:
    cost += share * float(rd); parts.append("Readability %.0f us a page x %.2f" % (float(rd) * 1e6, share))
if cp and float(cp) > 0:
    cost += 1 / float(cp); parts.append("copies %.0f us" % (1e6 / float(cp)))
if sr and float(sr) > 0:
    cost += 1 / float(sr); parts.append("stories %.0f us" % (1e6 / float(sr)))
c_cpu = s["cpu_s"] / s["records"] * 1e6
c_wall = s["wall_s"] / s["records"] * 1e6
print("chorus whole pipeline on the slice: %.0f us CPU an article (%.0f articles per CPU-second), %.0f us wall"
      % (c_cpu, 1e6 / c_cpu, c_wall))
if cost > 0:
    print("peers, summed per article: %.0f us (%s): %.0f articles/s" % (cost * 1e6, ", ".join(parts), 1 / cost))
    # the peers time themselves on the wall clock (their loops, start-up and
    # parsing excluded); chorus's CPU time and its wall time bracket them
    print("ratio: chorus whole pipeline against the peers' three stages: %.1fx (chorus CPU time), %.1fx "
          "(chorus wall time; whole process)" % (cost * 1e6 / c_cpu, cost * 1e6 / c_wall))
EOF
fi
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
