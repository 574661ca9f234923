#!/usr/bin/env python3
"""Peer for the copies benchmark: a plain MinHash + LSH near-duplicate detector
in Python 3 (standard library only), run on the same stream as chorus and
scored by bench/peers/copies_score.py, so chorus's figures can be read beside
a textbook method.

Usage:
  copies_peer.py STREAM.jsonl [-o OUT.json]
      Reads the stream (one article a line: id, outlet, url, published, title,
      text; see copies_stream.py) and writes one JSON document of the shape
      `chorus analyze` prints: {"chorus": "1", "peer": "copies_peer.py",
      "articles": [{"id"}...], "copies": [{"copy", "origin", "kind",
      "similarity"}...]} (to OUT.json, or standard output). Prints its speed
      (articles/s, fingerprint + lookup + grouping, JSON parse excluded) on
      standard error.
  copies_peer.py STREAM.jsonl --exact-jaccard N [-t 0.5] [-o PAIRS.jsonl]
      The recall reference for LSH: for the first N articles of the stream,
      the exact Jaccard similarity of the word-5-gram shingle sets of every
      pair with J >= t (default 0.5), one JSON line {"a", "b", "jaccard"} per
      pair (a before b in stream order), found without missing any (see
      "Exact all-pairs Jaccard" below). Prints the count and the time.

Shingles (written to match docs/copies.md and src/dedup/dedup.c):
  the body is split into paragraphs at blank lines; each paragraph is
  tokenised like src/text/token.c (words: a letter, then letters or digits,
  continued over an apostrophe before a letter or a hyphen before a letter or
  digit; dotted abbreviations "U.S."; numbers: digits with inner , . : / before
  a digit and a letter suffix; quotation marks " ' “ ” ‘ ’ „ ‚ « » ‹ › 「 」
  『 』 ＂ and `` with chorus's open/close rule from the characters around
  them); words and numbers are folded (ASCII lower case; otherwise NFKC and
  case folding); the shingles are the runs of five consecutive folded words
  outside quotation marks: an opening mark starts a quotation, a closing mark
  ends it, an ambiguous one toggles, a closing single mark right after a
  letter is taken as an apostrophe (players’) and ignored; a shingle never
  spans a quotation mark or a paragraph break. The body hash covers every
  folded word, quoted ones included.
  Known differences from chorus: chorus shingles the paragraphs of its text
  layer (the span of the paragraph's sentences), this splits on blank lines
  only; the elided-century number (’90s), PTB '' closers and C_IGNORE
  characters are handled more simply; Unicode letter/digit classes are
  Python's (combining marks are not letters here); and this keeps the exact
  shingle set (hashed to 64 bits) where chorus keeps a one-permutation sketch.

Detector (the "straightforward" textbook method, not chorus's):
  MinHash with 128 hash functions standing for permutations, h_i(x) = (a_i x
  + b_i) mod 2^64 with seeded random a_i (odd), b_i (seed 1) over the shingle
  hashes folded to 32 bits (multiply-add hashing: about 3x faster in Python
  than arithmetic modulo a Mersenne prime, and as good for MinHash);
  LSH with 32 bands of 4 rows. Articles are processed in stream order; each
  is compared with every earlier article sharing a band (a band bucket keeps
  at most 200 articles). Kinds: equal body hash -> exact; estimated Jaccard
  >= 0.8 -> near; estimated containment of the smaller set in the larger,
  J (|A| + |B|) / (1 + J) / min(|A|, |B|), >= 0.75 with at least 20 shingles
  -> syndicated. No credit rule (chorus's "(MPA) —" / "With files from" rule is
  not part of the peer). Relations join articles into groups (union-find); the
  origin of a group is its earliest published member, then the longest; every
  other member is listed as a copy of the origin, with the kind and
  similarity of its own pair with the origin when that pair qualifies, else
  of the relation through which it joined.

Exact all-pairs Jaccard (--exact-jaccard): prefix filtering (Chaudhuri,
  Ganti and Kaushik 2006; Bayardo, Ma and Srikant 2007). The shingles of every
  set are sorted by a global order (rarest first, ties by hash); only the
  first |S| - ceil(t |S|) + 1 of each set are indexed and probed. Two sets with
  J >= t share at least one shingle within those prefixes, so no pair with
  J >= t is missed; candidates also pass the size filter t |A| <= |B| <=
  |A| / t before the exact intersection is computed. Articles without
  shingles are skipped. A shingle in many articles is not skipped (that
  could miss pairs): the prefix filter alone keeps the candidates few.
"""
import argparse
import json
import math
import random
import re
import sys
import time
import unicodedata

# ---- tokeniser (see the module docstring) ------------------------------------

QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019\u201a\u201b\u201e\u201f\u00ab\u00bb\u2039\u203a\u300c\u300d\u300e\u300f\uff02"
OPEN, CLOSE, AMBIG = 1, 2, 3
SINGLE, DOUBLE = 1, 2
GLYPH = {
    "\u201c": (OPEN, DOUBLE), "\u201e": (OPEN, DOUBLE), "\u00ab": (OPEN, DOUBLE),
    "\u300c": (OPEN, DOUBLE), "\u300e": (OPEN, DOUBLE), "\u201f": (OPEN, DOUBLE),
    "\u201d": (CLOSE, DOUBLE), "\u00bb": (CLOSE, DOUBLE), "\u300d": (CLOSE, DOUBLE),
    "\u300f": (CLOSE, DOUBLE),
    "\u2018": (OPEN, SINGLE), "\u201a": (OPEN, SINGLE), "\u2039": (OPEN, SINGLE),
    "\u201b": (OPEN, SINGLE),
    "\u2019": (CLOSE, SINGLE), "\u203a": (CLOSE, SINGLE),
    "'": (AMBIG, SINGLE),
}
APOSTROPHES = "'\u2019\u02bc"
L = r"[^\W\d_]"  # a letter
TOKEN = re.compile(
    r"(?P<w>(?:%s{1,2}\.){2,}"  # dotted abbreviation: U.S.  a.m.  Ph.D.
    r"|%s(?:[^\W_]|['\u2019\u02bc](?=%s)|[-\u2010\u2011](?=[^\W_]))*)"  # word
    r"|(?P<n>\d(?:\d|[,.:/](?=\d))*%s*)"  # number: 1,200  3.5  9:30  21st
    r"|(?P<q>``|[%s])"  # quotation mark
    r"|(?P<o>\S)" % (L, L, L, L, re.escape(QUOTE_CHARS))
)
OPENERS = set("([{\u2014\u2013-:/")


def _opens_context(prev):
    """chorus's opens_context: start, space, ( [ { — – - : / or a quote mark."""
    return prev is None or prev.isspace() or prev in OPENERS or prev in QUOTE_CHARS


def _is_punct(c):
    return unicodedata.category(c).startswith("P") and c not in QUOTE_CHARS


_fold_cache = {}


def fold(w):
    f = _fold_cache.get(w)
    if f is None:
        if w.isascii():
            f = w.lower()
        else:
            f = unicodedata.normalize("NFKC", w).casefold()
        if len(_fold_cache) < 2000000:
            _fold_cache[w] = f
    return f


def paragraph_words(para):
    """Folded words of a paragraph as (word, quoted) pairs plus quote edges:
    yields a word string, or None at a quotation mark (a shingle break)."""
    depth = 0
    out = []
    n = len(para)
    skip = 0
    for m in TOKEN.finditer(para):
        if m.start() < skip:
            continue
        k = m.lastgroup
        if k == "w" or k == "n":
            out.append((fold(m.group()), depth))
            continue
        if k != "q":
            continue
        s, e = m.start(), m.end()
        q = m.group()
        prev = para[s - 1] if s > 0 else None
        nxt = para[e] if e < n else None
        if q == "``":
            role, style = OPEN, DOUBLE
        else:
            if q in APOSTROPHES and nxt is not None and nxt.isdigit() and _opens_context(prev):
                # ’90s: an elided century, part of a number
                j = e
                while j < n and (para[j].isdigit() or "a" <= para[j] <= "z"):
                    j += 1
                out.append((fold(para[s:j]), depth))
                skip = j
                continue
            role, style = GLYPH.get(q, (AMBIG, DOUBLE))
            oc = _opens_context(prev)
            left = oc and nxt is not None and not nxt.isspace()
            right = (not oc) and (nxt is None or nxt.isspace() or nxt in QUOTE_CHARS or _is_punct(nxt))
            if left and not right:
                role = OPEN
            elif right and not left:
                role = CLOSE
            if role == CLOSE and style == SINGLE and prev is not None and prev.isalpha():
                continue  # an apostrophe: players’
        if role == OPEN:
            depth = 1
        elif role == CLOSE:
            depth = 0
        else:
            depth = 1 - depth
        out.append((None, 0))
    return out


PARA = re.compile(r"\n[ \t\r\f\v]*\n")


class Interner:
    """Folded word -> small int, in order of first appearance (deterministic
    for a given input order, unlike Python's salted str hash)."""

    def __init__(self):
        self.ids = {}

    def __call__(self, w):
        i = self.ids.get(w)
        if i is None:
            i = self.ids[w] = len(self.ids) + 1
        return i


def fingerprint_text(text, intern):
    """(set of shingle hashes, body hash, word count) of a body."""
    shingles = set()
    allw = []
    for para in PARA.split(text):
        win = []
        for w, quoted in paragraph_words(para):
            if w is None:
                win = []
                continue
            i = intern(w)
            allw.append(i)
            if quoted:
                continue
            win.append(i)
            if len(win) > 5:
                del win[0]
            if len(win) == 5:
                shingles.add(hash(tuple(win)))
        # a shingle never runs across paragraphs: win restarts
    return shingles, hash(tuple(allw)), len(allw)


# ---- MinHash + LSH ---------------------------------------------------------------

MASK64 = (1 << 64) - 1
MASK32 = (1 << 32) - 1
NPERM, BANDS = 128, 32
ROWS = NPERM // BANDS


def make_perms(seed=1):
    r = random.Random(seed)
    return [(r.getrandbits(64) | 1, r.getrandbits(64)) for _ in range(NPERM)]


def minhash(shingles, perms):
    """128 values: min over the shingles of h_i(x) = (a_i x + b_i) mod 2^64
    (multiply-add hashing, Dietzfelbinger et al. 1997) of the 32-bit folded
    shingle hash x."""
    xs = [(h ^ (h >> 32)) & MASK32 for h in shingles]
    return [min([(a * x + b) & MASK64 for x in xs]) for a, b in perms]


def classify(fa, fb):
    """(kind, similarity) or None: fa, fb = (sig, nshingles, bodyhash)."""
    sa, na, ha = fa
    sb, nb, hb = fb
    if ha == hb and na:
        return "exact", 1.0
    if not na or not nb:
        return None
    eq = sum(1 for x, y in zip(sa, sb) if x == y)
    j = eq / NPERM
    if j >= 0.8:
        return "near", j
    small = min(na, nb)
    inter = j * (na + nb) / (1 + j)
    c = inter / small
    if small >= 20 and c >= 0.75:
        return "syndicated", min(c, 1.0)
    return None


def read_stream(path, limit=None):
    arts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            arts.append(json.loads(line))
            if limit and len(arts) >= limit:
                break
    return arts


def run_detector(arts):
    perms = make_perms(1)
    intern = Interner()
    fps = []
    buckets = {}
    edges = []  # (i, j, kind, sim), j < i
    for i, a in enumerate(arts):
        sh, bh, _ = fingerprint_text(a.get("text") or "", intern)
        sig = minhash(sh, perms) if sh else None
        fp = (sig, len(sh), bh)
        fps.append(fp)
        cands = set()
        keys = []
        if sig:
            for b in range(BANDS):
                keys.append(hash((b,) + tuple(sig[b * ROWS:(b + 1) * ROWS])))
        # exact copies without shingles (under 5 words) still share the body hash
        keys.append(("body", bh))
        for k in keys:
            lst = buckets.get(k)
            if lst is None:
                buckets[k] = [i]
                continue
            cands.update(lst)
            if len(lst) < 200:
                lst.append(i)
        for j in sorted(cands):
            r = classify(fp, fps[j])
            if r:
                edges.append((i, j, r[0], r[1]))
    return fps, edges


def group(arts, fps, edges):
    parent = list(range(len(arts)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    joined = {}  # article -> (kind, sim) of the first relation that joined it
    for i, j, kind, sim in edges:
        joined.setdefault(i, (kind, sim))
        joined.setdefault(j, (kind, sim))
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[ri] = rj
    members = {}
    for i in range(len(arts)):
        members.setdefault(find(i), []).append(i)
    copies = []
    for root, ms in members.items():
        if len(ms) < 2:
            continue

        def key(i):
            p = arts[i].get("published") or "9999"
            return (p, -len(arts[i].get("text") or ""), i)

        o = min(ms, key=key)
        for m in sorted(ms):
            if m == o:
                continue
            r = classify(fps[m], fps[o]) or joined.get(m, ("near", 0.0))
            copies.append({"copy": arts[m]["id"], "origin": arts[o]["id"],
                           "kind": r[0], "similarity": round(r[1], 3)})
    return copies


# ---- exact all-pairs Jaccard ------------------------------------------------------

def exact_pairs(arts, t, out):
    intern = Interner()
    sets = []
    t0 = time.time()
    for a in arts:
        sh, _, _ = fingerprint_text(a.get("text") or "", intern)
        sets.append(sh)
    t_fp = time.time() - t0
    freq = {}
    for s in sets:
        for h in s:
            freq[h] = freq.get(h, 0) + 1
    index = {}
    npairs = ncand = 0
    ids = [a["id"] for a in arts]
    # process in stream order; sets are probed against earlier ones only
    for i, s in enumerate(sets):
        n = len(s)
        if n == 0:
            continue
        order = sorted(s, key=lambda h: (freq[h], h))
        plen = n - math.ceil(t * n) + 1
        cands = set()
        for h in order[:plen]:
            lst = index.get(h)
            if lst is None:
                index[h] = [i]
            else:
                cands.update(lst)
                lst.append(i)
        lo, hi = t * n, n / t
        for j in sorted(cands):
            m = len(sets[j])
            if m < lo or m > hi:
                continue
            ncand += 1
            inter = len(s & sets[j]) if n <= m else len(sets[j] & s)
            jac = inter / (n + m - inter)
            if jac >= t:
                npairs += 1
                out.write(json.dumps({"a": ids[j], "b": ids[i], "jaccard": round(jac, 4)}) + "\n")
    return npairs, ncand, t_fp, time.time() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("stream")
    ap.add_argument("-o", "--out", help="output file (default: standard output)")
    ap.add_argument("--exact-jaccard", type=int, metavar="N",
                    help="exact all-pairs Jaccard >= t over the first N articles")
    ap.add_argument("-t", "--threshold", type=float, default=0.5)
    args = ap.parse_args()
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    if args.exact_jaccard:
        t = args.threshold
        if not 0 < t <= 1:
            sys.exit("copies_peer.py: the threshold must be in (0, 1]")
        arts = read_stream(args.stream, args.exact_jaccard)
        n, nc, tfp, tt = exact_pairs(arts, t, out)
        print("copies_peer.py: exact Jaccard >= %g over %d articles: %d pairs (%d candidates "
              "verified), %.1f s (shingling %.1f s)" % (t, len(arts), n, nc, tt, tfp),
              file=sys.stderr)
        return
    arts = read_stream(args.stream)
    t0 = time.time()
    fps, edges = run_detector(arts)
    copies = group(arts, fps, edges)
    dt = time.time() - t0
    doc = {"chorus": "1", "peer": "copies_peer.py",
           "articles": [{"id": a["id"]} for a in arts], "copies": copies}
    json.dump(doc, out, ensure_ascii=False)
    out.write("\n")
    print("copies_peer.py: %d articles, %d relations, %d copies listed, %.1f s, %.0f articles/s"
          % (len(arts), len(edges), len(copies), dt, len(arts) / dt if dt > 0 else 0),
          file=sys.stderr)


if __name__ == "__main__":
    main()
