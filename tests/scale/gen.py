#!/usr/bin/env python3
"""Writes a JSON Lines feed for the distributed-run tests and bench: the
articles of samples/ (from `chorus analyze samples/` on stdin) republished by
other outlets (exact copies), trimmed with a wire credit (syndicated), with a
paragraph dropped (near copies), among unrelated filler stories, each as an
HTML page. Deterministic for a given seed.

usage: chorus analyze --db :memory: samples/ | gen.py N SEED > feed.jsonl
"""
import html
import json
import random
import sys

n, seed = int(sys.argv[1]), int(sys.argv[2])
rnd = random.Random(seed)
base = [a for a in json.load(sys.stdin)["articles"] if a.get("body")]
outlets = ["Northern Ledger", "Coastal Wire", "Valley Times", "Metro Daily", "Harbour Post", "City Bulletin"]
words = ("council budget river school bridge festival election hospital museum harvest storm train library "
         "market airport stadium factory union court park police ferry tower garden orchestra mayor "
         "minister report plan vote strike repair season record price road water energy housing").split()
names = ["Aldous Pryce", "Mara Quint", "Oren Vale", "Tessa Holm", "Iver Dunmore", "Lena Stroud"]
places = ["Eastvale", "Brindle Cove", "Marrow Hill", "Kestrel Bay", "Ashford Mills", "Penwick"]


def page(title, paras):
    body = "".join("<p>%s</p>" % html.escape(p) for p in paras)
    return ("<html><head><title>%s</title></head><body><article><h1>%s</h1>%s</article></body></html>"
            % (html.escape(title), html.escape(title), body))


def invented(r):
    return "".join(r.choice(["ka", "lo", "ver", "tan", "mi", "sor", "bel", "dru", "os", "qui", "ne", "pa",
                             "gor", "fen", "ul", "zi", "ram", "te", "bo", "wen"])
                   for _ in range(4)).capitalize()


def filler(k):
    """An article of filler story k: the story's own names and words, in
    sentences drawn afresh (same story, not copies of each other)."""
    r = random.Random(seed * 1000 + k)
    place, who = invented(r) + " " + r.choice(["Bay", "Hill", "Vale"]), invented(r) + " " + invented(r)
    vocab = [invented(r).lower() for _ in range(30)] + r.sample(words, 8)
    title = "%s %s %s" % (place, vocab[0], vocab[1])
    paras = []
    for _ in range(rnd.randint(3, 6)):
        sents = []
        for _ in range(rnd.randint(2, 4)):
            w = [rnd.choice(vocab) for _ in range(rnd.randint(8, 14))]
            sents.append("In %s the %s." % (place, " ".join(w)))
        sents.append("%s said the %s was %s." % (who, rnd.choice(vocab), rnd.choice(vocab)))
        paras.append(" ".join(sents))
    return title, paras


out = sys.stdout
for i in range(n):
    r = rnd.random()
    rec = {"id": "g%05d" % i, "url": "https://example.org/%d/%05d" % (seed, i),
           "published": "2025-03-%02dT%02d:00:00Z" % (10 + i * 5 // max(n, 1), i % 24)}
    if r < 0.45 and base:
        a = rnd.choice(base)
        paras = a["body"].split("\n\n")
        kind = rnd.random()
        if kind < 0.3:
            pass  # exact copy under another outlet
        elif kind < 0.65 and len(paras) > 3:
            paras = paras[: max(2, len(paras) * 2 // 3)] + ["With files from the Meridian Press Agency."]
        elif len(paras) > 2:
            del paras[rnd.randrange(1, len(paras))]
        rec.update(outlet=rnd.choice(outlets), title=a.get("title") or "", published=a.get("published") or rec["published"])
        rec["html"] = page(rec["title"], paras)
    else:
        title, paras = filler(rnd.randrange(max(n // 8, 1)))
        rec.update(outlet=rnd.choice(outlets), title=title, html=page(title, paras))
    out.write(json.dumps(rec) + "\n")
