#!/usr/bin/env bash
# bench/brief.sh: the brief (summary, headline, coverage) and the timeline
# on the samples, beside a LexRank baseline computed in the same run, plus
# the speed of both stages.
#
# No human multi-document summaries can be had here, so quality is measured
# on samples/ (our own invented articles), whose README lists the key facts
# a brief must carry (3.8) and the storyline's timeline (3.9):
#   1. chorus analyze --db :memory: samples/ (stories and copies from the
#      pipeline), converted to brief_speed input: one record per article with
#      its story and copy origin, in publication order; plus the storyline
#      "L" (the stories of A01 and A12: events 1 and 3).
#   2. build/bench/brief_speed --print --sentences N: each story's summary,
#      headline, coverage and timeline.
#   3. bench/brief/score.py: per event, key facts covered (keyword sets of
#      bench/brief/facts.txt matched in summary sentences), redundant pairs
#      (two summary sentences matching the same set of facts), citations
#      right (each cited article carries the sentence's facts); the same for
#      a LexRank baseline (TF-IDF cosine graph, threshold 0.1, power
#      iteration; Erkan and Radev 2004) run by the script on the same
#      articles; the storyline timeline's rows (bench/brief/timeline.txt)
#      found merged.
#   4. Speed, CPU time, one thread (text layer and dates not timed): the
#      samples' three stories (4.7 articles each) REPEAT times; and, when
#      ../shared is there, ECB+'s 66 gold topics as stories (11.5 articles
#      each, ../shared/data/clustering/ecbplus/articles.jsonl, not copied).
#
# Environment: CHORUS (default build/chorus), BUILD (default build), N
# (summary length, default 5), REPEAT (default 200), SHARED (default ../shared).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
build=${BUILD:-$root/build}
chorus=${CHORUS:-$build/chorus}
speed=$build/bench/brief_speed
shared=${SHARED:-$root/../shared}
n=${N:-5}
repeat=${REPEAT:-200}
work=$root/bench/.work/brief
py=/usr/bin/python3
mkdir -p "$work"
[ -x "$chorus" ] && [ -x "$speed" ] || { echo "build first: $chorus and $speed are needed" >&2; exit 2; }

"$chorus" analyze --db :memory: --compact --quiet "$root/samples" > "$work/samples.json"
$py - "$work/samples.json" "$work/samples.jsonl" "$work/stories.jsonl" <<'PY'
import json, sys
from datetime import datetime, timezone
doc = json.load(open(sys.argv[1]))
story = {a: s["id"] for s in doc["stories"] for a in s["articles"]}
copy = {c["copy"]: c["origin"] for c in doc["copies"]}
def when(a):
    p = a["published"]
    d = datetime.fromisoformat(p.replace("Z", "+00:00"))
    return d if d.tzinfo else d.replace(tzinfo=timezone.utc)
arts = sorted(doc["articles"], key=when)
line = {story[a["id"]] for a in arts if a["input"].endswith(("feed.jsonl:1", "crawl.warc.gz@10759"))}
def rec(a, key):
    return json.dumps({"id": a["id"], "title": a["title"], "text": a["body"], "published": a["published"],
                       "outlet": a["outlet"], "story": key, "copy_of": copy.get(a["id"])})
with open(sys.argv[2], "w") as f, open(sys.argv[3], "w") as g:
    for a in arts:
        f.write(rec(a, story[a["id"]]) + "\n")
        g.write(rec(a, story[a["id"]]) + "\n")
    for a in arts:
        if story[a["id"]] in line:
            f.write(rec(a, "L") + "\n")
PY
"$speed" --print --sentences "$n" --repeat 1 "$work/samples.jsonl" > "$work/briefs.json" 2>/dev/null
echo "== quality on the samples (samples/README.md 3.8, 3.9)"
$py "$here/brief/score.py" "$work/samples.json" "$work/briefs.json" "$n"

echo
echo "== speed (CPU time, one thread; text layer and dates stage not timed)"
echo "-- the samples' stories, $repeat runs"
"$speed" --sentences "$n" --repeat "$repeat" "$work/stories.jsonl" 2>&1
ecb=$shared/data/clustering/ecbplus/articles.jsonl
if [ -f "$ecb" ]; then
  $py - "$ecb" "$work/ecb.jsonl" <<'PY'
import json, sys
with open(sys.argv[2], "w") as out:
    for line in open(sys.argv[1]):
        r = json.loads(line)
        out.write(json.dumps({"id": r["id"], "title": r.get("title") or "", "text": r["text"],
                              "outlet": r.get("source"), "story": str(r["cluster"])}) + "\n")
PY
  echo "-- ECB+ gold topics as stories, 10 runs"
  "$speed" --sentences "$n" --repeat 10 "$work/ecb.jsonl" 2>&1
else
  echo "-- ($ecb not found: ECB+ speed skipped)"
fi
