#!/usr/bin/env bash
# bench/stories.sh: the stories stage (online event clustering) on the dev
# sets, beside a scikit-learn peer run in the same invocation.
#
# Data: ../shared/data/clustering/ecbplus/articles.jsonl (759 articles, gold =
# event `cluster`) and gva/articles.jsonl (about 4,800 dated gun violence
# reports, gold = incident `cluster`). Nothing is copied into the repository:
# the converted inputs live in bench/.work/stories/ (git-ignored). Without
# ../shared the script says so and exits 0.
#
# Steps, for each set:
#  1. Convert to chorus JSON Lines input (id, title, text, published = the
#     day of `date`, outlet = `source`) in publication order: sorted by date;
#     ECB+ has no dates, so its articles are shuffled with a fixed seed (its
#     file groups each event's articles together, an order no stream has).
#  2. chorus analyze --no-extract --db :memory: (the whole pipeline: the
#     copies stage runs, a copy joins its origin's story); the document's
#     stories[] become the predicted clusters (an article the pipeline
#     rejected, e.g. an empty text, counts as a cluster of its own); scored by
#     ../shared/tools/score_clustering.py (pairwise and BCubed).
#  3. build/bench/stories_speed on the same input: the rate of the clustering
#     step alone, CPU time (the text layer and dates stage, which serve every
#     stage, are not timed).
#  4. The peer (bench/peers/stories_peer.py, /usr/bin/python3 with Debian's
#     python3-sklearn): TF-IDF of title + text, cosine; agglomerative
#     average-link and a single-pass online variant, each with its threshold
#     tuned on the file itself. NO_PEER=1 skips it.
#  5. After both sets: build/bench/stories_speed --replay STREAM_N on GVA: a
#     stream of STREAM_N articles (default 1,000,000) replaying GVA, each
#     replay five years after the last (outside the time window, so its
#     articles open new stories as a stream's new events do): the rate of each
#     100,000 (flat cost or not), live stories and peak RSS.
#
# Environment: SHARED (default ../shared), NO_PEER=1, STREAM_N (default
# 1000000; 0 skips step 5).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${SHARED:-$root/../shared}
work=$here/.work/stories
py=/usr/bin/python3
[ -x "$py" ] || py=python3
scorer=$shared/tools/score_clustering.py
stream_n=${STREAM_N:-1000000}

if [ ! -f "$shared/data/clustering/ecbplus/articles.jsonl" ] || [ ! -f "$scorer" ]; then
    echo "bench/stories.sh: $shared/data/clustering not found: the benchmark needs ../shared (skipped)"
    exit 0
fi
mkdir -p "$work"
if [ ! -x "$root/build/chorus" ] || [ ! -x "$root/build/bench/stories_speed" ]; then
    echo "building chorus and the bench programs..."
    cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$root/build" -j2 >/dev/null
fi

for set in ecbplus gva; do
    gold=$shared/data/clustering/$set/articles.jsonl
    in=$work/$set.jsonl
    "$py" - "$gold" "$in" <<'EOF'
import json, random, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
random.Random(5).shuffle(docs)
docs.sort(key=lambda d: d.get("date") or "")  # stable: undated sets stay shuffled
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for d in docs:
        o = {"id": d["id"], "title": d.get("title") or "", "text": d.get("text") or ""}
        if d.get("date"):
            o["published"] = d["date"][:10]
        if d.get("source"):
            o["outlet"] = d["source"]
        f.write(json.dumps(o, ensure_ascii=False) + "\n")
EOF
    "$root/build/chorus" analyze --no-extract --db :memory: --quiet -o "$work/$set.out.json" "$in" 2>"$work/$set.err" || true
    "$py" - "$in" "$work/$set.out.json" "$work/$set.pred.tsv" <<'EOF'
import json, sys
ids = [json.loads(l)["id"] for l in open(sys.argv[1], encoding="utf-8")]
doc = json.load(open(sys.argv[2], encoding="utf-8"))
pred = {}
for s in doc.get("stories", []):
    for a in s["articles"]:
        pred[a] = s["id"]
with open(sys.argv[3], "w", encoding="utf-8") as f:
    for i in ids:
        f.write("%s\t%s\n" % (i, pred.get(i, "rejected:" + i)))
EOF
    echo "== $set: $(wc -l <"$in") articles"
    "$py" "$scorer" "$gold" "$work/$set.pred.tsv" | "$py" -c '
import json, sys
d = json.load(sys.stdin)
p, b = d["pairwise"], d["bcubed"]
print("chorus               pairwise P %.3f R %.3f F1 %.3f  BCubed P %.3f R %.3f F1 %.3f  clusters %d (gold %d)"
      % (p["P"], p["R"], p["F1"], b["P"], b["R"], b["F1"], d["n_pred_clusters"], d["n_gold_clusters"]))'
    # storylines: a link between two stories is right when most of both
    # stories' articles are of one gold event (the clustering had split it),
    # wrong when they are of two events (ECB+ has no dates: nothing links)
    "$py" - "$gold" "$work/$set.out.json" <<'EOF'
import collections, json, sys
gold = {}
for l in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(l)
    gold[d["id"]] = d["cluster"]
doc = json.load(open(sys.argv[2], encoding="utf-8"))
major = {s["id"]: collections.Counter(gold.get(a) for a in s["articles"]).most_common(1)[0][0]
         for s in doc.get("stories", []) if s["articles"]}
right = wrong = multi = 0
for l in doc.get("storylines", []):
    st = l["stories"]
    if len(st) > 1:
        multi += 1
    for s in st[1:]:
        if major.get(s) == major.get(st[0]):
            right += 1
        else:
            wrong += 1
print("chorus storylines    %d of %d stories in %d storylines of 2+; links to the same gold event %d, to another %d"
      % (sum(len(l["stories"]) for l in doc.get("storylines", []) if len(l["stories"]) > 1),
         len(major), multi, right, wrong))
EOF
    "$root/build/bench/stories_speed" "$in" 2>&1 >/dev/null | sed 's/^/chorus /'
    if [ "${NO_PEER:-0}" != 1 ]; then
        "$py" "$here/peers/stories_peer.py" "$in" "$gold" "$work"
    fi
done

if [ "$stream_n" -gt 0 ]; then
    echo "== stream: $stream_n articles replayed from GVA (clustering alone, CPU time)"
    "$root/build/bench/stories_speed" --replay "$stream_n" "$work/gva.jsonl" 2>&1 >/dev/null
fi
