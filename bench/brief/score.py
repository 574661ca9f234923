#!/usr/bin/python3
"""bench/brief/score.py: scores the briefs and timelines of the samples.

Usage: score.py ANALYZED.json BRIEFS.json N

ANALYZED.json is `chorus analyze` of samples/ (bodies, inputs, ids);
BRIEFS.json is build/bench/brief_speed --print over the samples' stories
(and the storyline "L": events 1 and 3); N the summary length asked for.

For each event (samples/README.md 3.8, facts in bench/brief/facts.txt):
  coverage    key facts matched by at least one summary sentence
  redundancy  pairs of summary sentences that match the same non-empty set
              of facts (one fact stated twice)
  citations   (summary sentence, cited article) pairs where the article
              carries every fact the sentence matches (two consecutive
              sentences hold every keyword group); a sentence matching no
              key fact is checked lexically instead: the article has a
              sentence sharing at least half of its content words
The LexRank baseline (Erkan and Radev 2004: TF-IDF cosine graph over the
story's sentences, threshold 0.1, damping 0.85, power iteration; top
sentences skipping any at cosine >= 0.5 to one taken) is computed here on
the same articles and scored the same way (it cites only its own article).
Timeline: the rows of bench/brief/timeline.txt found as one merged event
whose articles include the listed ones.
"""
import json
import math
import re
import sys
from collections import Counter

HERE = sys.path[0]
STOP = set("""a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from further had has
have having he her here hers him his how i if in into is it its itself just me more most my no nor not now
of off on once only or other our out over own said same say says she should so some such than that the
their them then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your""".split())


def load_facts():
    facts = {}
    for line in open(f"{HERE}/facts.txt", encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        ev, name, groups = line.rstrip("\n").split("\t")
        facts.setdefault(ev, []).append(
            (name, [[alt.strip().lower() for alt in g.split("|")] for g in groups.split(" & ")]))
    return facts


def load_table(name):
    rows = []
    for line in open(f"{HERE}/{name}", encoding="utf-8"):
        if not line.startswith("#") and line.strip():
            rows.append(line.rstrip("\n").split("\t"))
    return rows


def matches(groups, text):
    t = text.lower()
    return all(any(alt in t for alt in g) for g in groups)


def sentences(body):
    parts = re.split(r'(?<=[.!?])["”’]?\s+(?=["“‘]?[A-Z0-9])|\n\s*\n', body)
    return [p.strip() for p in parts if p and p.strip()]


def words(text):
    return [w for w in re.findall(r"[a-z0-9][a-z0-9'\-]*", text.lower()) if w not in STOP and len(w) > 2]


def carries(groups, sents):
    for i in range(len(sents)):
        if matches(groups, " ".join(sents[i:i + 2])):
            return True
    return False


def lexical(text, sents):
    w = set(words(text))
    if not w:
        return True
    return any(len(w & set(words(s))) >= 0.5 * len(w) for s in sents)


def lexrank(arts, n):
    """LexRank over the articles' sentences: [(article id, sentence)]."""
    units = [(a["id"], s) for a in arts for s in sentences(a["body"]) if len(words(s)) >= 5]
    if not units:
        return []
    bags = [Counter(words(s)) for _, s in units]
    df = Counter(w for b in bags for w in b)
    N = len(bags)
    idf = {w: math.log(N / d) for w, d in df.items()}
    vecs = []
    for b in bags:
        v = {w: c * idf[w] for w, c in b.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})

    def cos(i, j):
        a, b = vecs[i], vecs[j]
        if len(a) > len(b):
            a, b = b, a
        return sum(x * b.get(w, 0.0) for w, x in a.items())

    sim = [[cos(i, j) for j in range(N)] for i in range(N)]
    adj = [[1.0 if sim[i][j] >= 0.1 else 0.0 for j in range(N)] for i in range(N)]
    deg = [sum(r) or 1.0 for r in adj]
    p = [1.0 / N] * N
    for _ in range(100):
        q = [(1 - 0.85) / N + 0.85 * sum(adj[j][i] / deg[j] * p[j] for j in range(N)) for i in range(N)]
        if sum(abs(x - y) for x, y in zip(p, q)) < 1e-6:
            p = q
            break
        p = q
    order = sorted(range(N), key=lambda i: -p[i])
    picked = []
    for i in order:
        if len(picked) == n:
            break
        if all(sim[i][j] < 0.5 for j in picked):
            picked.append(i)
    return [{"article": units[i][0], "text": units[i][1], "articles": [units[i][0]]} for i in picked]


def score(summary, facts, by_id):
    covered = set()
    fact_sets = []
    cites = ok = 0
    bad = []
    for s in summary:
        fs = frozenset(name for name, g in facts if matches(g, s["text"]))
        fact_sets.append(fs)
        covered |= fs
        for aid in s["articles"]:
            sents = sentences(by_id[aid]["body"])
            good = all(carries(g, sents) for name, g in facts if name in fs) if fs else lexical(s["text"], sents)
            cites += 1
            ok += good
            if not good:
                bad.append((aid, s["text"][:80]))
    red = sum(1 for i in range(len(fact_sets)) for j in range(i + 1, len(fact_sets))
              if fact_sets[i] and fact_sets[i] == fact_sets[j])
    return covered, red, cites, ok, bad


def main():
    analyzed, briefs, n = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), int(sys.argv[3])
    facts = load_facts()
    arts = analyzed["articles"]
    by_id = {a["id"]: a for a in arts}
    label = {}
    for lab, ev, suffix in load_table("samples.txt"):
        for a in arts:
            if a["input"].endswith(suffix):
                label[a["id"]] = (lab, ev)
    tot = {"ours": [0, 0, 0, 0, 0], "lexrank": [0, 0, 0, 0, 0]}
    print(f"summary length N = {n}")
    print(f"{'event':<6} {'system':<8} {'coverage':>9} {'redundant':>9} {'citations ok':>13}  missed facts")
    for st in briefs:
        if st["story"] == "L":
            continue
        evs = Counter(label[a][1] for a in st["articles"] if a in label)
        if not evs:
            continue
        ev = evs.most_common(1)[0][0]
        fl = facts.get(ev, [])
        members = [by_id[a] for a in st["articles"]]
        for system, summ in (("ours", st["summary"]), ("lexrank", lexrank(members, n))):
            covered, red, cites, ok, bad = score(summ, fl, by_id)
            missed = [name for name, _ in fl if name not in covered]
            print(f"{ev:<6} {system:<8} {len(covered):>5}/{len(fl):<3} {red:>9} {ok:>7}/{cites:<5}  {' '.join(missed)}")
            for aid, text in bad:
                print(f"         wrong citation: {label.get(aid, (aid,))[0]} for \"{text}...\"")
            t = tot[system]
            t[0] += len(covered)
            t[1] += len(fl)
            t[2] += red
            t[3] += ok
            t[4] += cites
    for system, t in tot.items():
        print(f"{'all':<6} {system:<8} {t[0]:>5}/{t[1]:<3} {t[2]:>9} {t[3]:>7}/{t[4]:<5}"
              f"  coverage {t[0] / max(t[1], 1):.3f}, citation precision {t[3] / max(t[4], 1):.3f}")
    # timeline of the storyline
    line = [st for st in briefs if st["story"] == "L"]
    if line:
        ids_of = {lab: aid for aid, (lab, _) in label.items()}
        found = 0
        rows = load_table("timeline.txt")
        for date, labs in rows:
            want = {ids_of[x] for x in labs.split()}
            hit = any(e["kind"] == "event" and e["date"] == date and want <= set(e["articles"])
                      for e in line[0]["timeline"])
            found += hit
            if not hit:
                print(f"timeline: row {date} ({labs}) not found merged")
        events = sum(1 for e in line[0]["timeline"] if e["kind"] == "event")
        print(f"timeline (storyline, events 1 + 3): {found}/{len(rows)} expected rows found merged; "
              f"{events} dated events, {len(line[0]['timeline']) - events} publications")


if __name__ == "__main__":
    main()
