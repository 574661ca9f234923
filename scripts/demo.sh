#!/usr/bin/env bash
# Builds chorus (installing missing packages) and runs it on samples/, our
# fictional corpus: writes build/demo/analysis.json, the store
# build/demo/chorus.db and the HTML report build/demo/report/index.html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
mkdir -p build/demo
rm -f build/demo/chorus.db build/demo/chorus.db-wal build/demo/chorus.db-shm
build/chorus analyze --db build/demo/chorus.db -o build/demo/analysis.json --html build/demo/report samples/
python3 - build/demo/analysis.json <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
arts = doc["articles"]
print(f"\n{len(arts)} articles from samples/:\n")
for a in sorted(arts, key=lambda a: a["published"] or "9999"):
    print(f"  {(a['published'] or '(no date)')[:16]:16}  {(a['outlet'] or '(no outlet)')[:22]:22}  {(a['title'] or '')[:60]}")
by_id = {a["id"]: a for a in arts}
copies = doc.get("copies", [])
print(f"\n{len(copies)} copies:\n")
for c in copies:
    cp, og = by_id.get(c["copy"], {}), by_id.get(c["origin"], {})
    print(f"  {(cp.get('outlet') or '?')[:22]:22} copies {(og.get('outlet') or '?')[:22]:22} ({c['kind']}, {c['similarity']}, {c.get('aligned', 0)} sentences aligned)")
quotes = [(a, q) for a in arts for q in a.get("quotes", []) if q.get("speaker")]
print(f"\n{len(quotes)} attributed quotes; the first few:\n")
for a, q in quotes[:6]:
    text = q["text"] if len(q["text"]) < 70 else q["text"][:67] + "..."
    print(f"  {q['speaker'][:22]:22} ({q['kind']}) {text}")
stories = doc.get("stories", [])
print(f"\n{len(stories)} stories:\n")
for s in stories:
    print(f"  {s['id']:4} storyline {s.get('storyline', '-'):4} {len(s['articles']):2} articles  {(s.get('headline') or s.get('title') or '')[:60]}")
    for b in s.get("summary", [])[:2]:
        t = b["text"] if len(b["text"]) < 90 else b["text"][:87] + "..."
        print(f"        brief: {t}  [{', '.join(b.get('outlets', []))}]")
for l in doc.get("storylines", []):
    for c in l.get("claims", []):
        if c.get("origin") and c.get("rulings"):
            print(f"\n  storyline {l['id']}: claim first reported by {c['origin'].get('outlet')} on {c['sourcing']} sources,"
                  f" relayed by {', '.join(sorted({r['outlet'] for r in c.get('relayed_by', []) if r.get('outlet')}))};"
                  f" {len(c.get('denials', []))} denials; ruled {', '.join(sorted({r.get('verdict') or '?' for r in c['rulings']}))}")
            break
dates = [(a, d) for a in arts for d in a.get("dates", [])]
print(f"\n{len(dates)} dates resolved against publication; the first few:\n")
for a, d in dates[:6]:
    print(f"  {(a['published'] or '')[:10]}  {d['text'][:30]:30} -> {d['value']}")
PY
cat <<MSG

The analysis:  build/demo/analysis.json  (JSON, docs/schema.md)
The store:     build/demo/chorus.db      (print it again: build/chorus show --db build/demo/chorus.db)
The report:    open $(pwd)/build/demo/report/index.html in a browser (one file, no network needed)
Live:          build/chorus serve --db build/demo/chorus.db   then open http://127.0.0.1:8080/
Tables:        build/chorus stories --db build/demo/chorus.db; build/chorus story s1 --db build/demo/chorus.db
MSG
