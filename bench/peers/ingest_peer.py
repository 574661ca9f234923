#!/usr/bin/env python3
"""Peer for bench/ingest.sh: comparable ingest + text-layer work in plain
Python 3 (standard library only), so chorus's figures can be read as ratios.

For every line of a JSONL file (optionally .gz):
  1. json-decode the record (blank or malformed lines are counted and skipped);
  2. NFC-normalise the "text" field (unicodedata);
  3. tokenize it with one regex into (kind, start, end) tuples kept in a list:
     words (letters with inner apostrophes/hyphens, dotted abbreviations such
     as U.S.), numbers (1,200  3.5  9:30  21st), quotation marks, "..."/"--",
     and any other single punctuation or symbol character;
  4. split paragraphs (blank lines; one per line when there is no blank line)
     and sentences: a regex finds each terminal run (. ! ? ...) followed by
     white space and the next word, and an abbreviation check decides the hard
     cases the way chorus's splitter does (titles never end a sentence, months
     end one unless a number follows, U.S./Inc./Calif. end one only before a
     typical sentence starter, lower-case next word never starts one).
It prints one line: records, bytes, tokens, words, sentences, paragraphs.

Usage: ingest_peer.py FILE.jsonl[.gz]
"""
import gzip
import json
import re
import sys
import unicodedata

L = r"[^\W\d_]"  # a letter
TOKEN = re.compile(
    r"(?P<w>(?:%s\.){2,}|%s+(?:['\u2019\-]%s+)*)"  # word / dotted abbreviation
    r"|(?P<n>\d+(?:[.,:]\d+)*%s*)"  # number with inner , . : and a suffix
    r"|(?P<q>[\"'`\u201c\u201d\u2018\u2019\u00ab\u00bb\u2039\u203a\u201e\u201a])"  # quote
    r"|(?P<p>\.\.\.|--|[^\w\s])" % (L, L, L, L)  # punctuation / symbol
)
WORD_KINDS = ("w", "n")

# A terminal run with its closers, followed by white space and the next token.
BOUNDARY = re.compile(
    r"(?<!\S)(?P<prev>\S*?)(?P<term>[.!?\u2026\u203d]+)(?P<close>[\"'\u201d\u2019)\]]*)"
    r"(?=\s+(?P<open>[\"'\u201c\u2018(\[]?)(?P<next>\S+))"
)
BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
PARA_SPLIT = re.compile(r"\n\s*\n")

NEVER_FINAL = set("""mr mrs ms mssrs messrs dr prof sen sens rep reps gov gen lt col sgt
capt cpl pvt adm maj cmdr cdr rev hon pres supt insp det const mt ft mme mlle fr atty brig
vs v approx fig figs pp cf al ald coun cllr rt ave blvd dept univ assn gens sec secs treas
amb asst assoc spc pfc ens cmdt comdr msgr sra srta rd""".split())
MONTHS = set("jan feb mar apr jun jul aug sep sept oct nov dec".split())
MAY_BE_FINAL = set("""inc ltd co corp jr sr bros etc st no nos ont que man sask alta nfld
calif fla mass conn penn ill wis mich minn tenn ky ala ariz ark colo del ga ind kan la md
miss mo mont neb nev okla ore pa tex va vt wash wyo plc llc ph esq cie gmbh ag vol""".split())
STARTERS = set("""a an the he she it they we i you his her its their our my this that these
those there here in on at but and or so yet if when while after before as since although
though because for with without by from to of however meanwhile still also then now later
earlier some many most no not one two three police officials both all each every what who
why how where which last next during according despite under over among until authorities
residents witnesses critics experts investigators that's it's there's he's she's they're
we're i'm such other another several few""".split())
NO_START = set(",;:)-")
TRIM_WORD = re.compile(r"^\W+|\W+$")


def is_boundary(m, sent_start):
    nxt = m.group("next")
    c = nxt[0]
    if c in NO_START:
        return False
    if c.islower():
        return False
    if m.group("term") != ".":
        return True  # ! ? ... and friends
    prev = m.group("prev")
    quoted = bool(m.group("open")) or c in "\"'\u201c\u2018"
    nword = TRIM_WORD.sub("", nxt).lower()
    if "." in prev:  # dotted word: U.S.  a.m.  Ph.D.
        return quoted or nword in STARTERS
    if not prev:
        return True
    if prev.isdigit() and m.start() == sent_start:
        return False  # "1." list marker
    w = prev.lower()
    if len(prev) == 1 and "A" <= prev <= "Z":
        return False  # an initial
    if w in NEVER_FINAL:
        return False
    if w in MONTHS:
        return not c.isdigit()
    if w in MAY_BE_FINAL:
        if w in ("no", "nos"):
            return not c.isdigit()
        return quoted or nword in STARTERS
    return True


def analyse(text):
    """Returns (tokens list, words, sentences, paragraphs) for one body."""
    toks = [(m.lastgroup, m.start(), m.end()) for m in TOKEN.finditer(text)]
    words = sum(1 for k, _, _ in toks if k in WORD_KINDS)
    if BLANK_LINE.search(text):
        paras = PARA_SPLIT.split(text)
    else:
        paras = text.split("\n")
    n_sent = n_para = 0
    for p in paras:
        p = p.strip()
        if not p:
            continue
        n_para += 1
        n_sent += 1
        start = 0
        for m in BOUNDARY.finditer(p):
            if is_boundary(m, start):
                n_sent += 1
                start = m.end()
    return toks, words, n_sent, n_para


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    opener = gzip.open if path.endswith(".gz") else open
    records = bad = nbytes = ntok = nwords = nsent = npara = 0
    with opener(path, "rb") as f:
        for line in f:
            nbytes += len(line)
            if not line.strip():
                continue
            try:
                o = json.loads(line)
            except ValueError:
                bad += 1
                continue
            if not isinstance(o, dict):
                bad += 1
                continue
            records += 1
            text = o.get("text") or o.get("body") or ""
            text = unicodedata.normalize("NFC", text)
            toks, words, s, p = analyse(text)
            ntok += len(toks)
            nwords += words
            nsent += s
            npara += p
    print("records=%d bad=%d bytes=%d tokens=%d words=%d sentences=%d paragraphs=%d"
          % (records, bad, nbytes, ntok, nwords, nsent, npara))


if __name__ == "__main__":
    main()
