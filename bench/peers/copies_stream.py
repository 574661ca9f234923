#!/usr/bin/env python3
"""Builds the labelled stream of the copies benchmark: real article bodies
from ../shared/data plus generated copies with controlled edits, and
independent articles that share long quotations (which must not be copies).

Usage:
  copies_stream.py --shared ../shared --out DIR [--seed N] [--originals N]
                   [--target N] [--quote-pairs N]

Writes (DIR is created; nothing of ../shared is written into the repository:
use a DIR under bench/.work/, which is git-ignored):
  DIR/stream.jsonl       one article a line, in shuffled order: {"id", "outlet",
                         "url", "published" (ISO 8601, UTC, "Z"), "title",
                         "text"} with paragraphs separated by one blank line.
  DIR/labels.jsonl       one line per generated copy: {"copy", "origin", "kind",
                         "edit", "rate", "jaccard", "containment"}: ids, the
                         intended kind (exact, near, syndicated, rewrite), the
                         edit and its nominal rate (below), and the measured
                         word-5-gram Jaccard and containment (smaller set in the
                         larger) of the copy's and the origin's non-quoted
                         shingles, as bench/peers/copies_peer.py computes them.
  DIR/independent.jsonl  one line per pair that must NOT be reported as a copy
                         relation: {"a", "b", "quotes", "quote_words",
                         "jaccard"}: two different real bodies (different
                         events) into which the same long quotation(s) were
                         inserted.
  DIR/families.jsonl     one line per article: {"id", "family", "role"}: role
                         origin, copy, quote (an article of independent pairs)
                         or single (an unrelated base, no copies); family is the
                         origin's id for origins and copies, the article's own id
                         otherwise. The scorer reads it to tell "two members of
                         one family" from "unrelated".
  DIR/meta.json          seed, options, counts.
It prints the counts per kind, edit and rate.

Bases. Real bodies of >= 150 words (words = regex \\w+ runs):
  data/extraction/zyte/ground-truth.json ("articleBody"; no headline: the title
  is made from the first sentence), data/quotes/polnear/{train,dev}.jsonl
  ("text"; one record per "doc"; its first paragraph is the headline when it is
  under 30 words), data/clustering/ecbplus/articles.jsonl and
  data/clustering/gva/articles.jsonl ("title", "text"; ECB+ separates
  paragraphs by single line breaks). GVA holds many near-identical reports of
  one incident: only the longest article of each GVA incident ("cluster") is
  a candidate. Candidates are then deduplicated in a fixed order: dropped when
  their folded body equals an accepted one's, when they have fewer than 50
  non-quoted shingles (a copy of a body made of quotations cannot be found by
  design, see docs/copies.md), or when >= 20% of the smaller shingle set is in
  an accepted base's set. So no two bases are copies of each other.
  Bases are shuffled (seed) and split into the quote pool (independent
  pairs), the origins and unrelated singles. The "other text" that
  extensions, insertions and credited copies add comes from records that are
  not bases (further GVA reports of an incident, short records, records
  dropped as similar), paragraph by paragraph, keeping only paragraphs that
  share at most 2 shingles (and 5%) with the bases and the paragraphs taken
  before (TimeBank/AQUAINT and SCU texts are used here too, never as bases);
  each is used once (so it links no two families).

Copies (each origin gets one copy, or two with a different edit each, drawn
with the weights of EDITS below among the edits its length allows; edits that
add other text are no longer drawn once that text runs short; a copy
is published 10 minutes to 48 hours after its origin, by another outlet, with
its own url; the origin is always the earliest of its family):
  kind        edit          rate (nominal)   what
  exact       same          0                same body, same headline
  exact       retitle       0                same body, new headline
  near        subst         .02 .05 .10      that fraction of the words replaced
                                             (synonym from a table, else another
                                             word), quotations untouched
  near        para_delete   null             one paragraph removed (origins with
                                             >= 5 paragraphs)
  near        para_swap     null             two paragraphs swapped (>= 3)
  near        headline      null             new headline, two words of the lead
                                             paragraph replaced
  syndicated  truncate      .2 .35 .5        the last fraction of the sentences
                                             cut (the first 50-80% kept)
  syndicated  extend        .1 .25 .5        other text appended, in paragraphs,
                                             until that fraction of the origin's
                                             words is added (1-3 paragraphs)
  syndicated  sent_delete   .1 .2 .3         that fraction of sentences removed
  syndicated  sent_insert   .1 .2 .3         that many other sentences inserted
                                             (fraction of the sentence count)
  syndicated  credit_dateline .4 .5 .6       the origin's outlet is an invented
              credit_files                   agency ("Meridian Press Agency");
              credit_report                  the copy keeps the first (1 - rate)
                                             of the sentences, adds local
                                             paragraphs until it is about as long
                                             as the origin (so containment is
                                             about 1 - rate), and credits the
                                             agency: "CITY (MPA) — " before the
                                             first paragraph, a last line "With
                                             files from Meridian Press Agency",
                                             or "This report by Meridian Press
                                             Agency was first published ..."
  rewrite     paraphrase    .7 1             sentence-by-sentence retelling in
                                             the same order: synonyms (table),
                                             "said X" <-> "X said", a subordinate
                                             clause moved across its comma,
                                             simple active <-> passive, adverbs
                                             dropped, contractions made or
                                             undone; names, numbers and
                                             quotations kept; rate = probability
                                             each applicable change is made. The
                                             measured Jaccard is recorded.
  A headline change alone leaves the body (hence chorus's body hash) equal:
  that is exact/retitle; near/headline also edits the lead paragraph. A
  planned copy that does not differ as its kind says (a non-exact copy with
  the origin's words, e.g. nothing to substitute; a rewrite keeping Jaccard >
  0.6) is replaced by another edit, or dropped (counted).

Independent pairs: groups of 2 to 5 bases of different events (distinct
source records, GVA incidents and ECB+ topics) each get the same quotation of
30 to 90 words (PolNeAR direct quotations, preferring articles that are not in
the stream) as a paragraph of its own, with its own attribution style
("“...,” Smith said." / "Smith said: “...”" / split around the attribution /
straight quotes); about 10% of the groups share 2 or 3 quotations. Every pair
within a group is listed; groups are added until --quote-pairs pairs exist.

Sizes: --target (default 12000) articles in all, --quote-pairs (default
1000); --originals N fixes the number of origins (then the quote pairs default
to max(50, N) and N // 4 unrelated singles are added). With the default target
the real bases run out before 12,000: every origin then gets two copies and
the stream is as large as the data allows (printed). Deterministic for a seed
(and the same ../shared files).
"""
import argparse
import datetime
import json
import os
import random
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from copies_peer import Interner, fingerprint_text  # noqa: E402  (one tokeniser for both)

WORD = re.compile(r"\w+")


def nwords(t):
    return len(WORD.findall(t))


def clean_paras(text, single_newline=False):
    sep = r"\n" if single_newline else r"\n\s*\n"
    if not single_newline and not re.search(r"\n\s*\n", text):
        sep = r"\n"
    out = []
    for p in re.split(sep, text):
        p = re.sub(r"\s+", " ", p).strip()
        if p:
            out.append(p)
    return out


# ---- loading the bases --------------------------------------------------------

def load_bases(shared):
    d = os.path.join(shared, "data")
    bases = []
    quotes = []  # (text, speaker, source doc)

    others = []  # (rid, paragraphs) of every record: the filler's sources

    def add(src, rid, event, title, paras):
        others.append((src + ":" + rid, paras))
        body = "\n\n".join(paras)
        if nwords(body) < 150:
            return
        if not title:
            first = re.split(r"(?<=[.!?])\s", paras[0], maxsplit=1)[0]
            title = " ".join(first.split()[:12]).rstrip(",;:")
        bases.append({"src": src, "rid": rid, "key": src + ":" + rid, "event": event, "title": title.strip(),
                      "paras": paras})

    p = os.path.join(d, "extraction/zyte/ground-truth.json")
    with open(p, encoding="utf-8") as f:
        gt = json.load(f)
    for k in sorted(gt):
        add("zyte", k, "zyte:" + k, None, clean_paras(gt[k].get("articleBody") or ""))

    seen = set()
    for name in ("train.jsonl", "dev.jsonl"):
        with open(os.path.join(d, "quotes/polnear", name), encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r["doc"] in seen:
                    continue
                seen.add(r["doc"])
                paras = clean_paras(r["text"])
                title = None
                if len(paras) > 1 and nwords(paras[0]) < 30:
                    title = paras[0].rstrip(".")
                    paras = paras[1:]
                add("polnear", r["doc"], "polnear:" + r["doc"], title, paras)
                for a in r.get("attributions") or []:
                    if a.get("quote_type") != "direct":
                        continue
                    q = (a.get("content_text") or "").strip()
                    q = q.strip("\u201c\u201d\"'\u2018\u2019 ").strip()
                    q = re.sub(r"\s+", " ", q).rstrip(",;: ")
                    if q and q[-1] not in ".!?":
                        q += "."
                    if not 30 <= nwords(q) <= 90:
                        continue
                    if re.search(r"[\u201c\u201d\"]|(?<!\w)['\u2018\u2019]|['\u2018\u2019](?!\w)", q):
                        continue  # inner quotation marks: keep the test about one quotation
                    sp = (a.get("source_text") or "").strip()
                    if not (1 <= len(sp.split()) <= 4 and sp[:1].isupper()) or \
                            sp.lower() in ("he", "she", "they", "it", "we", "i", "you"):
                        sp = None
                    quotes.append((q, sp, r["doc"]))

    for ds in ("ecbplus", "gva"):
        recs = []
        with open(os.path.join(d, "clustering", ds, "articles.jsonl"), encoding="utf-8") as f:
            for line in f:
                recs.append(json.loads(line))
        if ds == "gva":
            for r in recs:
                others.append(("gva:" + str(r["id"]), clean_paras(r.get("text") or "")))
            best = {}
            for r in recs:
                n = nwords(r.get("text") or "")
                c = r.get("cluster")
                if c not in best or n > best[c][0]:
                    best[c] = (n, r)
            recs = [best[c][1] for c in sorted(best, key=str)]
        for r in recs:
            paras = clean_paras(r.get("text") or "", single_newline=(ds == "ecbplus"))
            if ds == "ecbplus" and paras and nwords(paras[0]) <= 8 and re.search(r"\d", paras[0]):
                paras = paras[1:]  # a date line: "May 2, 2013 | 5: 03pm"
            add(ds, str(r["id"]), "%s:%s" % (ds, r.get("cluster")), r.get("title"), paras)
    # more other text (filler only, never bases): TimeBank/AQUAINT documents
    # and the SCU articles
    tb = os.path.join(d, "time/TBAQ-cleaned")
    for sub in ("TimeBank", "AQUAINT"):
        folder = os.path.join(tb, sub)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".tml"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                m = re.search(r"<TEXT>(.*)</TEXT>", f.read(), re.S)
            if m:
                others.append(("tml:" + name, clean_paras(re.sub(r"<[^>]+>", "", m.group(1)))))
    scu = os.path.join(d, "quotes/scu/scu_dev.jsonl")
    if os.path.exists(scu):
        with open(scu, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                others.append(("scu:%s" % r.get("id"), clean_paras(r.get("text") or "")))
    return bases, quotes, others


def dedupe(bases, intern):
    """Accepts bases in order; see the docstring for the rules."""
    index = {}
    bodies = set()
    kept = []
    drop = {"body": 0, "few": 0, "similar": 0}
    for b in bases:
        sh, bh, _ = fingerprint_text("\n\n".join(b["paras"]), intern)
        if bh in bodies:
            drop["body"] += 1
            continue
        if len(sh) < 50:
            drop["few"] += 1
            continue
        counts = {}
        for h in sh:
            for j in index.get(h, ()):
                counts[j] = counts.get(j, 0) + 1
        bad = False
        for j, c in counts.items():
            if c >= 0.2 * min(len(sh), kept[j]["nsh"]):
                bad = True
                break
        if bad:
            drop["similar"] += 1
            continue
        bodies.add(bh)
        b["nsh"] = len(sh)
        k = len(kept)
        kept.append(b)
        for h in sh:
            index.setdefault(h, []).append(k)
    return kept, drop


# ---- text helpers -------------------------------------------------------------------

ABBREV = set("mr mrs ms dr prof sen rep gov gen lt col sgt capt st jr sr inc co corp no vs u.s "
             "jan feb mar apr jun jul aug sep sept oct nov dec ave blvd mt ft".split())
SENT_END = re.compile(r"[.!?][\u201d\"\u2019')\]]*\s+(?=[\u201c\"\u2018(\[]?[A-Z0-9])")


def split_sentences(p):
    out, start = [], 0
    for m in SENT_END.finditer(p):
        before = p[start:m.start()].split()
        last = before[-1].lower().rstrip(".") if before else ""
        if last in ABBREV or (len(last) == 1 and last.isalpha()):
            continue
        out.append(p[start:m.end()].strip())
        start = m.end()
    rest = p[start:].strip()
    if rest:
        out.append(rest)
    return out


QUOTED = re.compile(r"\u201c[^\u201d]*\u201d?|\"[^\"]*\"?|\u2018[^\u2019]*\u2019(?!\w)")


def pieces(p):
    """[(text, quoted)] of a paragraph: quoted segments are never edited."""
    out, pos = [], 0
    for m in QUOTED.finditer(p):
        if m.start() > pos:
            out.append((p[pos:m.start()], False))
        out.append((m.group(), True))
        pos = m.end()
    if pos < len(p):
        out.append((p[pos:], False))
    return out


def match_case(src, dst):
    if src[:1].isupper():
        return dst[:1].upper() + dst[1:]
    return dst


# Synonyms of common news words (lower case, one direction each; the rewrite
# and the near substitutions use them). Names are never touched: only lower
# case words are replaced.
SYN = {
    "about": "around", "after": "following", "before": "prior to", "because": "since",
    "also": "too", "told": "informed", "people": "individuals", "home": "residence",
    "house": "home", "car": "vehicle", "vehicle": "car", "children": "kids", "child": "youngster",
    "officials": "authorities", "authorities": "officials", "officers": "police",
    "investigators": "detectives", "detectives": "investigators", "hospital": "medical center",
    "injured": "hurt", "wounded": "injured", "died": "perished", "killed": "slain",
    "arrested": "detained", "charged": "accused", "large": "big", "big": "large", "small": "little",
    "many": "numerous", "several": "a number of", "help": "assist", "helped": "assisted",
    "need": "require", "needs": "requires", "used": "employed", "use": "employ",
    "show": "demonstrate", "showed": "demonstrated", "shows": "demonstrates", "start": "begin",
    "started": "began", "began": "started", "ended": "concluded", "try": "attempt",
    "tried": "attempted", "get": "obtain", "got": "received", "buy": "purchase",
    "bought": "purchased", "wanted": "sought", "think": "believe", "thought": "believed",
    "believe": "think", "important": "significant", "major": "key", "key": "crucial",
    "however": "but", "while": "whereas", "although": "though", "though": "although",
    "nearly": "almost", "almost": "nearly", "approximately": "about", "currently": "now",
    "later": "subsequently", "earlier": "previously", "reported": "indicated",
    "announced": "revealed", "revealed": "disclosed", "asked": "questioned", "area": "vicinity",
    "scene": "location", "incident": "episode", "shooting": "gun attack", "attack": "assault",
    "fire": "blaze", "city": "municipality", "country": "nation", "nation": "country",
    "government": "administration", "election": "vote", "statement": "written statement",
    "during": "throughout", "despite": "in spite of", "among": "amid", "within": "inside",
    "inside": "within", "likely": "probably", "probably": "likely", "expected": "anticipated",
    "plan": "proposal", "week": "seven days", "month": "four weeks", "victim": "person hurt",
    "victims": "those hurt", "man": "male", "woman": "female", "men": "males",
    "women": "females", "suspect": "alleged gunman", "weapon": "firearm", "gun": "firearm",
    "guns": "firearms", "gunshot": "bullet", "died.": "perished.", "according": "according",
    "found": "discovered", "discovered": "found", "called": "summoned", "said": "said",
    "says": "says", "added": "went on to say", "noted": "pointed out", "explained": "said",
    "continue": "carry on", "continued": "carried on", "received": "got", "leave": "depart",
    "left": "departed", "lives": "resides", "lived": "resided", "street": "road",
    "neighborhood": "area", "residents": "locals", "neighbors": "people nearby",
    "family": "relatives", "friends": "acquaintances", "friend": "acquaintance",
    "students": "pupils", "school": "campus", "job": "position", "work": "labor",
    "working": "laboring", "money": "funds", "cost": "price", "pay": "compensate",
    "paid": "compensated", "law": "statute", "laws": "statutes", "rule": "regulation",
    "rules": "regulations", "court": "tribunal", "judge": "magistrate", "trial": "hearing",
    "case": "matter", "evidence": "proof", "report": "account", "reports": "accounts",
    "information": "details", "details": "particulars", "question": "query",
    "questions": "queries", "answer": "reply", "answered": "replied", "problem": "issue",
    "problems": "issues", "issue": "matter", "issues": "matters", "change": "shift",
    "changes": "shifts", "changed": "altered", "support": "backing", "supporters": "backers",
    "voters": "the electorate", "candidate": "contender", "candidates": "contenders",
    "campaign": "race", "debate": "face-off", "party": "faction", "leader": "head",
    "leaders": "heads", "member": "participant", "members": "participants", "group": "team",
    "meeting": "session", "decision": "ruling", "decided": "opted", "agreed": "concurred",
    "refused": "declined", "declined": "refused", "allowed": "permitted", "allow": "permit",
    "stop": "halt", "stopped": "halted", "win": "secure", "won": "secured", "lost": "forfeited",
    "hit": "struck", "struck": "hit", "fired": "discharged", "shots": "rounds",
    "death": "killing", "deaths": "fatalities", "dead": "deceased", "serious": "grave",
    "critical": "grave", "condition": "state", "released": "freed", "jail": "lockup",
    "prison": "penitentiary", "sentenced": "ordered", "murder": "homicide",
    "crime": "offense", "crimes": "offenses", "local": "area", "national": "nationwide",
    "public": "general", "private": "personal", "recent": "latest", "new": "fresh",
    "old": "aged", "young": "youthful", "early": "initial", "late": "belated",
    "quickly": "swiftly", "immediately": "at once", "again": "once more", "often": "frequently",
    "usually": "typically", "really": "truly", "very": "highly", "clear": "evident",
    "unclear": "not clear", "able": "in a position", "enough": "sufficient",
    "whether": "if", "until": "till", "around": "about", "near": "close to", "across": "throughout",
    "against": "versus", "outside": "beyond", "without": "lacking", "through": "via",
    "because of": "owing to", "morning": "forenoon", "night": "evening", "evening": "night",
    "today": "this day", "tonight": "this evening", "began.": "started.",
}
SYN.update({
    "said": "stated|noted|explained", "say": "state", "says": "states", "saying": "stating",
    "who": "that", "which": "that", "when": "as", "where": "in which", "but": "yet",
    "just": "only", "still": "yet", "now": "currently", "then": "afterward", "only": "merely",
    "may": "might", "might": "may", "should": "ought to", "shot": "gunned down",
    "taken": "brought", "took": "brought", "happened": "occurred", "occurred": "happened",
    "made": "created", "make": "create", "went": "headed", "want": "wish", "see": "notice",
    "come": "arrive", "came": "arrived", "know": "be aware", "going": "heading",
    "call": "phone call", "lot": "great deal", "mother": "mom", "father": "dad",
    "boy": "youngster", "girl": "youngster", "person": "individual", "investigation": "probe",
    "including": "among them", "good": "fine", "even": "actually", "former": "onetime",
    "percent": "per cent", "day": "date", "son": "boy", "heard": "listened to",
    "office": "bureau", "primary": "nominating contest", "bullet": "round",
    "charges": "counts", "security": "safety", "never": "not ever", "front": "facade",
    "community": "neighborhood", "head": "chief", "trying": "attempting", "someone": "somebody",
    "away": "off", "identified": "named", "next": "following", "little": "small",
    "life": "existence", "least": "minimum", "wound": "injury", "injuries": "wounds",
    "shootings": "gun attacks", "violence": "bloodshed", "firearm": "weapon",
    "under": "beneath", "political": "politics-related", "officer": "policeman",
    "afternoon": "midday", "running": "racing", "involved": "implicated",
    "arrived": "got there", "saw": "witnessed", "tax": "levy", "looking": "searching",
    "accidentally": "by accident", "few": "handful of", "business": "firm",
    "release": "statement", "put": "placed", "seen": "spotted", "held": "hosted",
    "place": "location", "responded": "replied", "long": "lengthy", "teen": "teenager",
    "times": "occasions", "point": "moment", "set": "scheduled", "find": "locate",
    "apartment": "flat", "such": "these", "additional": "extra", "further": "additional",
    "things": "matters", "following": "after", "suspects": "alleged assailants",
    "multiple": "several", "door": "entrance", "deal": "agreement", "fight": "struggle",
    "opened": "unlocked", "video": "footage", "official": "officeholder",
    "investigating": "probing", "health": "wellbeing", "initial": "first", "keep": "retain",
    "wrote": "penned", "minutes": "moments", "better": "superior", "rights": "entitlements",
    "believed": "thought", "custody": "detention", "best": "finest", "gunfire": "shots",
    "behind": "in back of", "parents": "mother and father", "anyone": "anybody",
    "student": "pupil", "anything": "anything at all", "ago": "earlier", "always": "forever",
    "different": "distinct", "pronounced": "declared", "arrest": "apprehension",
    "nominee": "candidate", "handgun": "pistol", "spokesman": "representative",
    "company": "firm", "brother": "sibling", "close": "near", "wife": "spouse",
    "months": "moons", "described": "characterized", "past": "previous", "top": "leading",
    "building": "structure", "less": "fewer", "interview": "conversation",
    "turned": "became", "medical": "health", "team": "squad", "homicide": "killing",
    "assault": "attack", "shooter": "gunman", "message": "note", "known": "recognized",
    "room": "chamber", "accused": "charged", "getting": "obtaining", "led": "headed",
    "possible": "feasible", "companies": "firms", "chief": "head", "look": "glance",
    "conference": "briefing", "done": "finished", "give": "provide", "wounds": "injuries",
    "tell": "inform", "run": "race", "already": "by now", "coming": "arriving",
    "together": "jointly", "ran": "raced", "great": "huge", "daughter": "girl",
    "attacks": "assaults", "taking": "bringing", "transported": "taken",
    "media": "press", "treated": "cared for", "become": "turn into", "safety": "security",
    "high": "elevated", "thing": "matter", "weapons": "arms", "talking": "speaking",
    "suffered": "sustained", "contact": "touch", "kind": "type", "name": "title",
    "using": "employing", "hard": "tough", "full": "complete", "sure": "certain",
    "record": "track record", "control": "command", "real": "genuine", "driver": "motorist",
    "remains": "stays", "killing": "slaying", "feel": "sense", "located": "situated",
    "drove": "steered", "chest": "torso", "bad": "poor", "body": "corpse", "power": "might",
    "provide": "offer", "nearby": "close by", "worked": "labored", "appeared": "seemed",
    "allegedly": "reportedly", "latest": "newest", "witness": "observer",
    "move": "step", "open": "unlocked", "confirmed": "verified", "reporters": "journalists",
    "spent": "passed", "fatal": "deadly", "address": "residence", "needed": "required",
    "talk": "speak", "spoke": "talked", "calling": "labeling", "speech": "address",
    "especially": "particularly", "throughout": "across", "staff": "employees",
    "caught": "captured", "connection": "link", "witnesses": "observers",
    "efforts": "attempts", "sent": "dispatched", "soon": "shortly", "order": "command",
    "criminal": "unlawful", "comment": "remark", "final": "last", "ongoing": "continuing",
    "husband": "spouse", "fatally": "mortally", "alleged": "supposed", "attention": "notice",
    "filed": "lodged", "launched": "started", "persuaded": "convinced", "respond": "reply",
    "request": "appeal", "choosing": "opting", "blasted": "slammed", "onetime": "former",
    "lawsuit": "suit", "lawyers": "attorneys", "attorney": "lawyer",
})


ADVERBS = set("also just very really reportedly currently recently still already actually "
              "previously initially eventually finally immediately quickly simply certainly "
              "clearly apparently widely largely".split())
CONTRACT = [("did not", "didn't"), ("does not", "doesn't"), ("do not", "don't"),
            ("is not", "isn't"), ("was not", "wasn't"), ("were not", "weren't"),
            ("are not", "aren't"), ("could not", "couldn't"), ("would not", "wouldn't"),
            ("will not", "won't"), ("has not", "hasn't"), ("have not", "haven't"),
            ("had not", "hadn't"), ("it is", "it's"), ("they are", "they're"),
            ("we are", "we're"), ("he is", "he's"), ("she is", "she's"),
            ("that is", "that's"), ("there is", "there's"), ("cannot", "can't")]
PHRASES = [("according to", "as reported by"), ("in order to", "to"), ("as well as", "and"),
           ("more than", "over"), ("at least", "no fewer than"), ("a number of", "several"),
           ("due to", "because of"), ("in addition", "additionally"), ("so far", "to date"),
           ("at the time", "then"), ("in the past", "previously"), ("said that", "said"),
           ("told police", "informed police"), ("on the scene", "at the location")]
FILL = ("local regional major key recent early late public official notable several "
        "many further other various formal initial broader additional").split()
SUBORD = ("after", "when", "because", "while", "as", "before", "since", "although", "though",
          "if", "until", "once")
PASSIVE_VERBS = ("arrested", "found", "identified", "charged", "detained", "questioned",
                 "located", "recovered", "transported", "interviewed", "released", "took")
COMMON_START = set("the a an he she it they we this that there police officers authorities "
                   "officials his her its their our one".split())


def syn_word(w, rng):
    s = SYN.get(w.lower())
    if s and "|" in s:
        s = rng.choice(s.split("|"))
    if s and s != w.lower():
        return match_case(w, s)
    return None


def subst_words(paras, rate, rng, only_para=None, count=None):
    """Replace round(rate * words) (or count) non-quoted lower case words."""
    total = sum(nwords(p) for p in paras)
    cands = []  # (para index, piece index, match start, match end)
    split = [pieces(p) for p in paras]
    for i, ps in enumerate(split):
        if only_para is not None and i != only_para:
            continue
        for k, (t, q) in enumerate(ps):
            if q:
                continue
            for m in re.finditer(r"(?<![\w'\u2019-])[a-z]{3,}(?![\w'\u2019-])", t):
                cands.append((i, k, m.start(), m.end()))
    n = count if count is not None else max(1, round(rate * total))
    n = min(n, len(cands))
    chosen = sorted(rng.sample(cands, n), key=lambda c: (c[0], c[1], -c[2]))
    for i, k, s, e in chosen:
        t, q = split[i][k]
        w = t[s:e]
        r = syn_word(w, rng)
        if not r:
            r = rng.choice([f for f in FILL if f != w])
        split[i][k] = (t[:s] + r + t[e:], q)
    return ["".join(t for t, _ in ps) for ps in split]


def rewrite_segment(t, rng, p):
    """Word-level paraphrase of a non-quoted stretch of text."""
    for a, b in PHRASES:
        if rng.random() < p:
            t = re.sub(r"\b%s\b" % re.escape(a), b, t)
    for a, b in CONTRACT:
        if rng.random() < p:
            if rng.random() < 0.5:
                t = re.sub(r"\b%s\b" % a, b, t)
            else:
                t = re.sub(r"\b%s\b" % re.escape(b), a, t)

    def drop(m):
        return "" if rng.random() < p else m.group()
    t = re.sub(r" (?:%s)\b(?=[ ,])" % "|".join(sorted(ADVERBS)), drop, t)

    def sub(m):
        w = m.group()
        if rng.random() >= p:
            return w
        return syn_word(w, rng) or w
    # only lower case words (names and sentence-initial capitals are kept,
    # except common sentence starters)
    t = re.sub(r"(?<![\w'\u2019-])[a-z]+(?![\w'\u2019-])", sub, t)
    return t


def rewrite_sentence(s, rng, p):
    has_quote = bool(QUOTED.search(s))
    if not has_quote:
        # "X, said Y." <-> "X, Y said."
        m = re.match(r"^(.*), said ([A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3})\.$", s)
        if m and rng.random() < p:
            s = "%s, %s said." % (m.group(1), m.group(2))
        else:
            m = re.match(r"^(.*), ((?:[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3})|police|officials|authorities) said\.$", s)
            if m and rng.random() < p:
                s = "%s, said %s." % (m.group(1), m.group(2))
        # subordinate clause moved across the comma
        m = re.match(r"^([A-Z][^,]{15,}), (%s) ([^,]{10,})\.$" % "|".join(SUBORD), s)
        if m and rng.random() < p:
            main, conj, sub = m.groups()
            first = main.split()[0]
            if first.lower() in COMMON_START and not first.isupper():
                main = first.lower() + main[len(first):]
            s = "%s %s, %s." % (conj.capitalize(), sub, main)
        else:
            m = re.match(r"^(%s) ([^,]{10,}), ([a-z][^,]{15,})\.$" % "|".join(w.capitalize() for w in SUBORD), s)
            if m and rng.random() < p:
                conj, sub, main = m.groups()
                s = "%s %s %s." % (main[0].upper() + main[1:], conj.lower(), sub)
        # simple active <-> passive
        m = re.match(r"^(Police|Officers|Deputies|Authorities|Investigators|Detectives|Troopers) (%s) (a|an|the|two|three|four) ([a-z]+(?: [a-z]+)?)(.*)$"
                     % "|".join(PASSIVE_VERBS), s)
        if m and rng.random() < p:
            subj, verb, det, noun, rest = m.groups()
            be = "were" if det in ("two", "three", "four") or noun.endswith("s") else "was"
            verb = "taken" if verb == "took" else verb
            s = "%s %s %s %s by %s%s" % (det.capitalize(), noun, be, verb, subj.lower(), rest)
        else:
            m = re.match(r"^(The|A|An) ([a-z]+(?: [a-z]+)?) (was|were) (%s) by (police|officers|deputies|authorities|investigators|detectives)(.*)$"
                         % "|".join(v for v in PASSIVE_VERBS if v != "took"), s)
            if m and rng.random() < p:
                det, noun, _, verb, subj, rest = m.groups()
                s = "%s %s %s %s%s" % (subj.capitalize(), verb, det.lower(), noun, rest)
    out = []
    for t, q in pieces(s):
        out.append(t if q else rewrite_segment(t, rng, p))
    s = "".join(out)
    s = re.sub(r" {2,}", " ", s).replace(" ,", ",").replace(" .", ".")
    return s[:1].upper() + s[1:] if s[:1].islower() else s


def rewrite_paras(paras, rng, p):
    return [" ".join(rewrite_sentence(s, rng, p) for s in split_sentences(para)) for para in paras]


def rewrite_title(t, rng):
    r = rewrite_segment(t, rng, 1.0)
    if r == t:
        r = rng.choice(["UPDATE: ", "Report: ", "Latest: ", ""]) + t + rng.choice(["", " (update)", ": what we know"])
    if r == t:
        r = "UPDATE: " + t
    return r


# ---- outlets, ids, times -------------------------------------------------------------

CITIES = ("Ardent Harbor Millbrook Riverton Westfield Oakridge Lakeview Fairhaven Stonebridge "
          "Brookside Cedarville Maple Falls Northgate Southport Eastwood Greenhill Ashford "
          "Kingsbury Redwater Silverton Pinecrest Bayview Clearwater Highland Summit Ironwood "
          "Marston Dunmore Elmstead Foxborough Glenwood Hartley Linford Norwick Penhallow Quarry "
          "Rosedale Thornbury Upton Valemont Wexley Yarrow").split()
PAPERS = ("Gazette Herald Tribune Courier Sentinel Post Chronicle Ledger Observer Times Record "
          "Journal Dispatch Examiner Beacon").split()
AGENCY_A = ("Meridian Northern Continental Atlantic Pacific Central Union Allied Federal Global "
            "Coastal Capital Summit Harbor Prairie Frontier Liberty Pioneer Keystone Evergreen").split()
AGENCY_B = ("Press", "News", "Wire", "Report")
AGENCY_C = ("Agency", "Service", "Bureau", "Syndicate")
DATELINE_CITIES = ("WASHINGTON", "LONDON", "CHICAGO", "PORT ARDENT", "RIVERTON", "NEW YORK",
                   "ATLANTA", "DENVER", "SEATTLE", "BOSTON", "HOUSTON", "OTTAWA", "SYDNEY")


def outlets(rng):
    out = ["%s %s" % (c, p) for c in CITIES for p in PAPERS]
    out += ["The %s" % p + " of " + c for c in CITIES[:10] for p in ("Voice", "Daily")]
    rng.shuffle(out)
    return out


def agencies():
    out = []
    for a in AGENCY_A:
        for b in AGENCY_B:
            for c in AGENCY_C:
                out.append("%s %s %s" % (a, b, c))
    return out


def initials(name):
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def slug(t, n=8):
    w = re.findall(r"[a-z0-9]+", t.lower())[:n]
    return "-".join(w) or "story"


T0 = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


# ---- the generator -------------------------------------------------------------------

EDITS = [  # kind, edit, rates, weight, min paragraphs, min sentences
    ("exact", "same", [0], 5, 1, 1),
    ("exact", "retitle", [0], 5, 1, 1),
    ("near", "subst", [0.02, 0.05, 0.10], 18, 1, 1),
    ("near", "para_delete", [None], 5, 5, 1),
    ("near", "para_swap", [None], 5, 3, 1),
    ("near", "headline", [None], 5, 1, 1),
    ("syndicated", "truncate", [0.2, 0.35, 0.5], 9, 1, 4),
    ("syndicated", "extend", [0.1, 0.25, 0.5], 9, 1, 1),
    ("syndicated", "sent_delete", [0.1, 0.2, 0.3], 8, 1, 5),
    ("syndicated", "sent_insert", [0.1, 0.2, 0.3], 8, 1, 3),
    ("syndicated", "credit_dateline", [0.4, 0.5, 0.6], 3, 1, 4),
    ("syndicated", "credit_files", [0.4, 0.5, 0.6], 3, 1, 4),
    ("syndicated", "credit_report", [0.4, 0.5, 0.6], 3, 1, 4),
    ("rewrite", "paraphrase", [0.7, 1.0], 20, 1, 1),
]


class Filler:
    """Other text for extensions, insertions and local paragraphs: paragraphs
    of records that are not bases (GVA reports beyond the first of an
    incident, short records, records dropped as similar), each sharing at
    most 2 shingles (5%) with the bases and the filler taken before, so that
    they add no overlap across families. Three quarters serve as paragraphs, the
    rest as sentences; each is used once (then the pool is reused, counted and
    reported: reuse would link families)."""

    def __init__(self, others, base_keys, base_shingles, intern, rng):
        taken = set()
        accepted = []
        for key, paras in others:
            if key in base_keys:
                continue
            for p in paras:
                if nwords(p) < 15:
                    continue
                sh, _, _ = fingerprint_text(p, intern)
                if len(sh) < 5:
                    continue
                # a few common 5-grams ("according to the police department")
                # are allowed, no more
                shared = len(sh & base_shingles) + len(sh & taken)
                if shared > 2 or shared > 0.05 * len(sh):
                    continue
                taken |= sh
                accepted.append(p)
        rng.shuffle(accepted)
        cut = len(accepted) * 3 // 4
        self.paras = accepted[:cut]
        self.sents = [x for p in accepted[cut:] for x in split_sentences(p)
                      if 8 <= nwords(x) <= 45 and not QUOTED.search(x)]
        rng.shuffle(self.sents)
        self.words = sum(nwords(p) for p in self.paras)
        self.left = self.words
        self.ip = self.is_ = 0
        self.reused = 0

    def can(self, edit):
        """Enough unused other text left for one more copy of this edit."""
        if edit == "sent_insert":
            return len(self.sents) - self.is_ >= 60
        if edit == "extend" or edit.startswith("credit_"):
            return self.left >= 3000
        return True

    def para(self):
        if self.ip >= len(self.paras):
            self.ip = 0
            self.reused += 1
        self.ip += 1
        self.left -= nwords(self.paras[self.ip - 1])
        return self.paras[self.ip - 1]

    def sent(self):
        if self.is_ >= len(self.sents):
            self.is_ = 0
            self.reused += 1
        self.is_ += 1
        return self.sents[self.is_ - 1]


def sentences_of(paras):
    return [(i, s) for i, p in enumerate(paras) for s in split_sentences(p)]


def join_sentences(sl):
    out, cur, last = [], [], None
    for i, s in sl:
        if last is not None and i != last and cur:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
        last = i
    if cur:
        out.append(" ".join(cur))
    return out


def make_copy(base, kind, edit, rate, rng, filler, agency):
    """(title, paras, origin outlet override or None)."""
    paras = list(base["paras"])
    title = base["title"]
    if edit == "same":
        return title, paras
    if edit == "retitle":
        return rewrite_title(title, rng), paras
    if edit == "subst":
        return title, subst_words(paras, rate, rng)
    if edit == "para_delete":
        k = rng.randrange(1, len(paras))
        return title, paras[:k] + paras[k + 1:]
    if edit == "para_swap":
        i = rng.randrange(0, len(paras) - 1)
        j = rng.randrange(i + 1, len(paras))
        paras[i], paras[j] = paras[j], paras[i]
        return title, paras
    if edit == "headline":
        return rewrite_title(title, rng), subst_words(paras, 0, rng, only_para=0, count=2)
    sl = sentences_of(paras)
    if edit == "truncate":
        keep = max(1, int(round(len(sl) * (1 - rate))))
        return title, join_sentences(sl[:keep])
    if edit == "extend":
        add = rate * sum(nwords(p) for p in paras)
        got = 0
        while got < add or got == 0:
            p = filler.para()
            paras.append(p)
            got += nwords(p)
        return title, paras
    if edit == "sent_delete":
        k = max(1, int(round(len(sl) * rate)))
        drop = set(rng.sample(range(len(sl)), k))
        return title, join_sentences([x for n, x in enumerate(sl) if n not in drop])
    if edit == "sent_insert":
        k = max(1, int(round(len(sl) * rate)))
        where = sorted(rng.sample(range(len(sl) + 1), k) if k <= len(sl) + 1 else
                       [rng.randrange(len(sl) + 1) for _ in range(k)])
        out, w = [], 0
        for n in range(len(sl) + 1):
            while w < len(where) and where[w] == n:
                pi = sl[n][0] if n < len(sl) else sl[-1][0]
                out.append((pi, filler.sent()))
                w += 1
            if n < len(sl):
                out.append(sl[n])
        return title, join_sentences(out)
    if edit.startswith("credit_"):
        keep = max(1, int(round(len(sl) * (1 - rate))))
        kept = join_sentences(sl[:keep])
        target = sum(nwords(p) for p in paras) * rng.uniform(1.0, 1.15)
        have = sum(nwords(p) for p in kept)
        local = []
        while have < target:
            p = filler.para()
            local.append(p)
            have += nwords(p)
        # local paragraphs go after the first kept paragraph, interleaved
        out = kept[:1]
        rest = kept[1:]
        while rest or local:
            if local and (not rest or rng.random() < 0.5):
                out.append(local.pop(0))
            else:
                out.append(rest.pop(0))
        if edit == "credit_dateline":
            city = rng.choice(DATELINE_CITIES)
            dash = rng.choice(["\u2014", "\u2014", "-"])
            out[0] = "%s (%s) %s %s" % (city, initials(agency), dash, out[0])
        elif edit == "credit_files":
            out.append(rng.choice(["With files from %s", "With files from the %s",
                                   "\u2014 With files from %s"]) % agency)
        else:
            d = T0 + datetime.timedelta(days=rng.randrange(300))
            out.append("This report by %s was first published %s." % (agency, d.strftime("%B %-d, %Y")))
        title = rewrite_title(title, rng) if rng.random() < 0.5 else title
        return title, out
    if edit == "paraphrase":
        return rewrite_title(title, rng), rewrite_paras(paras, rng, rate)
    raise ValueError(edit)


def quote_paragraph(q, speaker, rng):
    role = rng.choice(["the minister", "the governor", "the senator", "the spokeswoman",
                       "the spokesman", "the candidate", "the mayor", "the official"])
    who = speaker or role
    if re.match(r"(The|A|An) ", who):
        who = who[0].lower() + who[1:]  # "the email said", not "The email said"
    straight = rng.random() < 0.3
    o, c = ('"', '"') if straight else ("\u201c", "\u201d")
    body = q.rstrip()
    end = body[-1] if body[-1] in ".!?" else "."
    core = body[:-1] if body[-1] in ".!?," else body
    style = rng.randrange(4)
    sents = split_sentences(body)
    if style == 3 and len(sents) >= 2:
        k = rng.randrange(1, len(sents))
        a = " ".join(sents[:k])
        b = " ".join(sents[k:])
        a = a[:-1] if a[-1] in ".!?" else a
        return "%s%s,%s %s said. %s%s%s" % (o, a, c, who, o, b, c)
    if style == 1:
        return "%s said: %s%s%s" % (match_case("A", who), o, body, c)
    if style == 2 and speaker:
        return "%s%s,%s said %s, %s." % (o, core, c, who, role)
    if end in "!?":
        return "%s%s%s %s said." % (o, body, c, who)
    return "%s%s,%s %s said." % (o, core, c, who)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", required=True, help="the shared folder (../shared)")
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--originals", type=int, help="number of origins (default: from --target)")
    ap.add_argument("--target", type=int, default=12000, help="articles in all (default 12000)")
    ap.add_argument("--quote-pairs", type=int, help="independent quote-sharing pairs (default 1000)")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.shared, "data")):
        print("copies_stream.py: skipped: %s/data is absent" % args.shared)
        return 0
    rng = random.Random(args.seed)
    intern = Interner()
    bases, quotes, others = load_bases(args.shared)
    n_cand = len(bases)
    bases, drop = dedupe(bases, intern)
    print("bases: %d candidates >= 150 words, %d kept (dropped: %d same body, %d under 50 "
          "shingles, %d similar to a kept one)" % (n_cand, len(bases), drop["body"], drop["few"],
                                                    drop["similar"]))
    rng.shuffle(bases)
    base_shingles = set()
    for b in bases:
        base_shingles |= fingerprint_text("\n\n".join(b["paras"]), intern)[0]
    filler = Filler(others, set(b["key"] for b in bases), base_shingles, intern, rng)
    del base_shingles, others
    print("filler: %d paragraphs (%d words) and %d sentences of other text"
          % (len(filler.paras), filler.words, len(filler.sents)))

    # quote groups
    qpairs = args.quote_pairs
    if qpairs is None:
        qpairs = 1000 if args.originals is None else max(50, args.originals)
    groups, pairs_n, qi = [], 0, 0
    pool = bases
    pos = 0
    while pairs_n < qpairs and pos < len(pool):
        size = rng.choice([2, 3, 3, 4, 4, 5])
        g, events = [], set()
        while len(g) < size and pos < len(pool):
            b = pool[pos]
            pos += 1
            if b["event"].split(":")[0] == "ecbplus":
                ev = b["event"].rsplit(":", 1)[0] + ":" + b["event"].rsplit(":", 1)[1].split("_")[0]
            else:
                ev = b["event"]
            if ev in events:
                continue  # same event: not this group (the base is simply skipped)
            events.add(ev)
            g.append(b)
        if len(g) < 2:
            break
        groups.append(g)
        pairs_n += len(g) * (len(g) - 1) // 2
    quote_bases = [b for g in groups for b in g]
    used = set(id(b) for b in quote_bases)
    rest = [b for b in pool[:pos] if id(b) not in used] + pool[pos:]

    # origins and singles
    if args.originals is not None:
        norig = min(args.originals, len(rest))
        p2 = 0.5
        nsingle = min(len(rest) - norig, norig // 4)
    else:
        budget = args.target - len(quote_bases)
        if budget >= 3 * len(rest):
            norig, p2, nsingle = len(rest), 1.0, 0
        else:
            nsingle = 0
            norig = min(len(rest), int(budget / 2.5))
            p2 = min(1.0, max(0.0, budget / max(1, norig) - 2))
            nsingle = max(0, min(len(rest) - norig, budget - int(norig * (2 + p2))))
    origins = rest[:norig]
    singles = rest[norig:norig + nsingle]

    outlet_list = outlets(rng)
    agency_list = agencies()
    rng.shuffle(agency_list)
    stream, labels, fam = [], [], []
    ids = set()

    def new_id():
        while True:
            i = "s%012x" % rng.getrandbits(48)
            if i not in ids:
                ids.add(i)
                return i

    def article(title, paras, when, outlet=None):
        outlet = outlet or rng.choice(outlet_list)
        aid = new_id()
        url = "https://www.%s.example/news/%s/%s-%s" % (
            re.sub(r"[^a-z]", "", outlet.lower()), when.strftime("%Y/%m/%d"), slug(title), aid[-6:])
        a = {"id": aid, "outlet": outlet, "url": url, "published": iso(when), "title": title,
             "text": "\n\n".join(paras)}
        stream.append(a)
        return a

    def fp(paras):
        sh, bh, _ = fingerprint_text("\n\n".join(paras), intern)
        return sh, bh

    ai = rejected = 0
    for b in origins:
        nsent = len(sentences_of(b["paras"]))
        ok = [e for e in EDITS if len(b["paras"]) >= e[4] and nsent >= e[5] and filler.can(e[1])]
        ncopies = 2 if rng.random() < p2 else 1
        picks = []
        while len(picks) < ncopies:
            e = rng.choices(ok, weights=[x[3] for x in ok])[0]
            if e not in picks:
                picks.append(e)
        credit = any(e[1].startswith("credit_") for e in picks)
        agency = agency_list[ai % len(agency_list)] if credit else None
        ai += credit
        t = T0 + datetime.timedelta(seconds=rng.randrange(300 * 86400))
        o = article(b["title"], b["paras"], t, outlet=agency)
        fam.append({"id": o["id"], "family": o["id"], "role": "origin"})
        osh, obh = fp(b["paras"])
        for pick in picks:
            # A copy must differ from its origin as its kind says: a non-exact
            # copy whose words equal the origin's (nothing to substitute), or a
            # rewrite that kept most shingles (little to paraphrase), is
            # replaced by another edit (not a credit one: the origin's outlet
            # is already chosen).
            for attempt in range(6):
                kind, edit, rates = pick[0], pick[1], pick[2]
                rate = rng.choice(rates)
                title, paras = make_copy(b, kind, edit, rate, rng, filler, agency)
                csh, cbh = fp(paras)
                inter = len(osh & csh)
                jac = inter / max(1, len(osh | csh))
                con = inter / max(1, min(len(osh), len(csh)))
                bad = (kind != "exact" and cbh == obh) or (kind == "rewrite" and jac > 0.6)
                if not bad:
                    break
                spare = [e for e in ok if e not in picks and not e[1].startswith("credit_")]
                if not spare:
                    break
                pick = rng.choices(spare, weights=[x[3] for x in spare])[0]
            else:
                rejected += 1
                continue
            if bad:
                rejected += 1
                continue
            outlet = rng.choice(outlet_list)
            tc = t + datetime.timedelta(seconds=rng.randrange(600, 48 * 3600))
            c = article(title, paras, tc, outlet=outlet)
            labels.append({"copy": c["id"], "origin": o["id"], "kind": kind, "edit": edit,
                           "rate": rate, "jaccard": round(jac, 4), "containment": round(con, 4)})
            fam.append({"id": c["id"], "family": o["id"], "role": "copy"})

    # independent quote-sharing groups
    in_stream = set(b["rid"] for b in origins + singles + quote_bases)
    quotes.sort(key=lambda q: q[2] in in_stream)  # stable: outside-the-stream first
    nq_out = sum(1 for q in quotes if q[2] not in in_stream)
    qorder = list(range(nq_out))
    rng.shuffle(qorder)
    qorder += list(range(nq_out, len(quotes)))
    indep = []
    for g in groups:
        nq = 1 if rng.random() < 0.9 else rng.choice([2, 3])
        qs = [quotes[qorder[(qi + k) % len(qorder)]] for k in range(nq)]
        qi += nq
        t = T0 + datetime.timedelta(seconds=rng.randrange(300 * 86400))
        members = []
        for b in g:
            paras = list(b["paras"])
            for q, sp, _ in qs:
                k = rng.randrange(1, len(paras) + 1)
                paras.insert(k, quote_paragraph(q, sp, rng))
            when = t + datetime.timedelta(seconds=rng.randrange(0, 12 * 3600))
            a = article(b["title"], paras, when)
            fam.append({"id": a["id"], "family": a["id"], "role": "quote"})
            members.append((a, fp(paras)[0]))
        words = sum(nwords(q[0]) for q in qs)
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                sa, sb = members[x][1], members[y][1]
                inter = len(sa & sb)
                indep.append({"a": members[x][0]["id"], "b": members[y][0]["id"], "quotes": nq,
                              "quote_words": words,
                              "jaccard": round(inter / max(1, len(sa | sb)), 4)})
    for b in singles:
        t = T0 + datetime.timedelta(seconds=rng.randrange(300 * 86400))
        a = article(b["title"], b["paras"], t)
        fam.append({"id": a["id"], "family": a["id"], "role": "single"})

    rng.shuffle(stream)
    os.makedirs(args.out, exist_ok=True)

    def dump(name, rows):
        tmp = os.path.join(args.out, name + ".tmp")
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        os.replace(tmp, os.path.join(args.out, name))

    dump("stream.jsonl", stream)
    dump("labels.jsonl", labels)
    dump("independent.jsonl", indep)
    dump("families.jsonl", fam)
    counts = {}
    for lab in labels:
        k = (lab["kind"], lab["edit"], lab["rate"])
        c = counts.setdefault(k, [0, 0.0])
        c[0] += 1
        c[1] += lab["jaccard"]
    meta = {"seed": args.seed, "target": args.target, "originals": len(origins),
            "quote_groups": len(groups), "quote_articles": len(quote_bases),
            "singles": len(singles), "articles": len(stream), "copies": len(labels),
            "independent_pairs": len(indep), "filler_paragraphs": len(filler.paras),
            "filler_reused": filler.reused, "bases": len(bases),
            "dropped": drop}
    with open(os.path.join(args.out, "meta.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=1)
        f.write("\n")
    print("stream: %d articles = %d origins + %d copies + %d quote-sharing articles "
          "(%d groups) + %d unrelated singles" % (len(stream), len(origins), len(labels),
                                                  len(quote_bases), len(groups), len(singles)))
    if args.originals is None and len(stream) < args.target * 0.95:
        print("note: the real bases allow %d articles, under the target %d" % (len(stream), args.target))
    if rejected:
        print("note: %d planned copies dropped (no edit gave a valid copy)" % rejected)
    print("independent pairs: %d (%d share 2-3 quotations); filler reused %d times"
          % (len(indep), sum(1 for p in indep if p["quotes"] > 1), filler.reused))
    print("%-11s %-16s %6s %7s %10s" % ("kind", "edit", "rate", "copies", "mean J"))
    bykind = {}
    for k in sorted(counts, key=lambda k: ([e[0] for e in EDITS].index(k[0]), k[1], k[2] or 0)):
        n, js = counts[k]
        bykind[k[0]] = bykind.get(k[0], 0) + n
        print("%-11s %-16s %6s %7d %10.3f" % (k[0], k[1], "-" if k[2] is None else k[2], n, js / n))
    print("per kind: " + ", ".join("%s %d" % kv for kv in bykind.items()))
    print("written to %s/{stream,labels,independent,families}.jsonl and meta.json" % args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
