#!/usr/bin/env python3
"""Scores copy relations (chorus's, or bench/peers/copies_peer.py's) against
the labelled stream of bench/peers/copies_stream.py.

Usage: copies_score.py DIR OUTPUT.json [--json]

DIR holds labels.jsonl, independent.jsonl and families.jsonl (see
copies_stream.py); OUTPUT.json is one JSON document {"articles": [...],
"copies": [{"copy", "origin", "kind", "similarity"}, ...]} as `chorus analyze`
prints it (docs/schema.md). Only "copies" is read (and "articles" to check
the run saw the stream). --json prints a machine-readable summary instead of
the tables.

Definitions
  Families: a generated origin with its copies is one family; every other
    article (a quote-sharing article, an unrelated single) is a family of its
    own. Bases are real bodies deduplicated so that none is a copy of another
    (copies_stream.py), so any relation across families is wrong.
  Predicted relation: one entry of "copies", (copy, origin, kind). Predicted
    groups: the connected components of the predicted relations (chorus lists
    every member of a group as a copy of the group's origin).
  For each labelled copy (copy c, origin o):
    right     a predicted relation with copy = c and origin = o (any kind);
    kind ok   right, and the predicted kind is the labelled kind;
    any       c and o in the same predicted group (any direction, also through
              other articles); any - right is printed as "other": found but
              with the wrong origin (reversed, or a chain not resolved to o).
    recall = right / labelled; recall(any) = any / labelled.
  Precision per row (kind / edit / rate): among the predicted relations with
    at least one end among that row's copies, the share whose two ends are in
    the same family. Precision per predicted kind: among the predicted
    relations of that kind, the share within one family. A relation within a
    family counts as correct whatever its direction and kind: two copies of one
    origin reported as copies of each other, or both joined only through the
    origin, are fine (the kind agreement is measured by "kind ok").
  Independent pairs (two different real bodies sharing one to three long
    quotations, which must not be copies): false-copy rate = pairs with a
    and b in the same predicted group / pairs, as n / N and per 1,000; pairs
    joined by a direct relation are counted too.
  Other false positives: predicted relations between two different families
    that are not a listed independent pair (unrelated bases, a copy and an
    unrelated base, two quote-sharing articles of different groups...).
  Relations naming ids that are not in the stream are counted apart.
"""
import argparse
import json
import os
import sys

KINDS = ("exact", "near", "syndicated", "rewrite")


def read_jsonl(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line))
    return out


class UF:
    def __init__(self):
        self.p = {}

    def find(self, x):
        p = self.p
        p.setdefault(x, x)
        root = x
        while p[root] != root:
            root = p[root]
        while p[x] != root:
            p[x], x = root, p[x]
        return root

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[ra] = rb


def pct(a, b):
    return None if b == 0 else a / b


def fmt(x):
    return "    -" if x is None else "%5.3f" % x


def rate_key(r):
    return -1 if r is None else r


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir")
    ap.add_argument("output")
    ap.add_argument("--json", action="store_true", help="print a JSON summary")
    args = ap.parse_args()

    labels = read_jsonl(os.path.join(args.dir, "labels.jsonl"))
    indep = read_jsonl(os.path.join(args.dir, "independent.jsonl"))
    fampath = os.path.join(args.dir, "families.jsonl")
    family, role = {}, {}
    if os.path.exists(fampath):
        for r in read_jsonl(fampath):
            family[r["id"]] = r["family"]
            role[r["id"]] = r["role"]
    else:  # older streams: families from the labels only
        for lab in labels:
            family[lab["origin"]] = lab["origin"]
            family[lab["copy"]] = lab["origin"]
            role[lab["origin"]] = "origin"
            role[lab["copy"]] = "copy"
    with open(args.output, encoding="utf-8") as f:
        doc = json.load(f)
    copies = doc.get("copies")
    if copies is None:
        sys.exit("copies_score.py: %s has no \"copies\" array (no store, or --extract-only?)"
                 % args.output)
    seen_articles = set(a.get("id") for a in doc.get("articles") or [])
    missing_articles = sum(1 for i in family if i not in seen_articles) if seen_articles else None

    uf = UF()
    rel = {}  # (copy, origin) -> kind
    by_end = {}  # article -> list of relation indexes
    unknown = 0
    preds = []
    for c in copies:
        a, o, k = c.get("copy"), c.get("origin"), c.get("kind")
        if a not in family or o not in family:
            unknown += 1
            continue
        idx = len(preds)
        preds.append((a, o, k))
        rel[(a, o)] = k
        by_end.setdefault(a, []).append(idx)
        by_end.setdefault(o, []).append(idx)
        uf.union(a, o)

    def same_family(i):
        a, o, _ = preds[i]
        return family[a] == family[o]

    # ---- recall per row ---------------------------------------------------------
    rows = {}
    for lab in labels:
        c, o = lab["copy"], lab["origin"]
        keys = [(lab["kind"], None, None), (lab["kind"], lab["edit"], lab.get("rate"))]
        right = (c, o) in rel
        kind_ok = right and rel[(c, o)] == lab["kind"]
        anyf = uf.find(c) == uf.find(o)
        for key in keys:
            r = rows.setdefault(key, {"labelled": 0, "right": 0, "kind_ok": 0, "any": 0,
                                      "rel": set(), "conf": {}})
            r["labelled"] += 1
            r["right"] += right
            r["kind_ok"] += kind_ok
            r["any"] += anyf
            r["rel"].update(by_end.get(c, ()))
            if right:
                pk = rel[(c, o)]
                r["conf"][pk] = r["conf"].get(pk, 0) + 1
    table = []
    for key in sorted(rows, key=lambda k: (KINDS.index(k[0]) if k[0] in KINDS else 9,
                                             k[1] is not None, k[1] or "", rate_key(k[2]))):
        r = rows[key]
        nrel = len(r["rel"])
        good = sum(1 for i in r["rel"] if same_family(i))
        table.append({"kind": key[0], "edit": key[1] or "all", "rate": key[2],
                      "labelled": r["labelled"], "right": r["right"], "kind_ok": r["kind_ok"],
                      "any": r["any"], "recall": pct(r["right"], r["labelled"]),
                      "recall_any": pct(r["any"], r["labelled"]),
                      "relations": nrel, "precision": pct(good, nrel),
                      "predicted_kinds": r["conf"]})

    # ---- recall by measured Jaccard --------------------------------------------------
    bins = [(0.9, 1.01, ">=0.9"), (0.8, 0.9, "0.8-0.9"), (0.5, 0.8, "0.5-0.8"),
            (0.3, 0.5, "0.3-0.5"), (0.0, 0.3, "<0.3")]
    jrows = {}
    for lab in labels:
        j = lab.get("jaccard")
        if j is None:
            continue
        name = next(b[2] for b in bins if b[0] <= j < b[1])
        r = jrows.setdefault((lab["kind"], name), [0, 0])
        r[0] += 1
        r[1] += (lab["copy"], lab["origin"]) in rel
    jtable = [{"kind": k, "jaccard": b[2], "labelled": jrows[(k, b[2])][0],
               "right": jrows[(k, b[2])][1],
               "recall": pct(jrows[(k, b[2])][1], jrows[(k, b[2])][0])}
              for k in KINDS for b in bins if (k, b[2]) in jrows]

    # ---- precision per predicted kind ----------------------------------------------------
    labelled_pair = {}
    for lab in labels:
        labelled_pair[(lab["copy"], lab["origin"])] = lab["kind"]
        labelled_pair[(lab["origin"], lab["copy"])] = lab["kind"]
    ptable = []
    for k in list(KINDS) + sorted(set(p[2] for p in preds) - set(KINDS)):
        idx = [i for i, p in enumerate(preds) if p[2] == k]
        if not idx and k not in KINDS:
            continue
        good = sum(1 for i in idx if same_family(i))
        lab_pairs = [labelled_pair[(preds[i][0], preds[i][1])] for i in idx
                     if (preds[i][0], preds[i][1]) in labelled_pair]
        agree = sum(1 for x in lab_pairs if x == k)
        ptable.append({"kind": k, "predicted": len(idx), "same_family": good,
                       "precision": pct(good, len(idx)), "on_labelled_pairs": len(lab_pairs),
                       "kind_agrees": agree})

    # ---- independent pairs and other false positives -----------------------------------
    ipairs = set()
    n_group = n_direct = 0
    by_nq = {}
    for p in indep:
        a, b = p["a"], p["b"]
        ipairs.add((a, b))
        ipairs.add((b, a))
        g = a in family and b in family and uf.find(a) == uf.find(b)
        d = (a, b) in rel or (b, a) in rel
        n_group += g
        n_direct += d
        q = by_nq.setdefault(p.get("quotes", 1), [0, 0])
        q[0] += 1
        q[1] += g
    other = 0
    other_roles = {}
    for a, o, k in preds:
        if family[a] == family[o] or (a, o) in ipairs:
            continue
        other += 1
        rk = "%s-%s" % tuple(sorted((role.get(a, "?"), role.get(o, "?"))))
        other_roles[rk] = other_roles.get(rk, 0) + 1
    n_ind = len(indep)
    summary = {
        "labelled": len(labels), "predicted_relations": len(copies),
        "relations_with_unknown_ids": unknown, "stream_articles_missing_from_output": missing_articles,
        "rows": table, "by_jaccard": jtable, "by_predicted_kind": ptable,
        "independent": {"pairs": n_ind, "false_copies": n_group, "direct_relations": n_direct,
                        "per_1000": None if not n_ind else round(1000 * n_group / n_ind, 2),
                        "by_quotes": {str(k): {"pairs": v[0], "false_copies": v[1]}
                                      for k, v in sorted(by_nq.items())}},
        "other_false_positives": other, "other_false_positives_by_roles": other_roles,
    }
    if args.json:
        json.dump(summary, sys.stdout, indent=1, default=sorted)
        print()
        return

    print("copies: %s against %s" % (args.output, args.dir))
    print("labelled copies %d, predicted relations %d%s" % (
        len(labels), len(copies),
        "" if not unknown else " (%d name ids not in the stream: ignored)" % unknown))
    if missing_articles:
        print("note: %d stream articles are not in the output's \"articles\"" % missing_articles)
    print()
    print("recall: right = reported as a copy of its labelled origin; kind = with the labelled "
          "kind; any = in one group with it")
    print("precision: relations touching the row's copies that stay within a family")
    hdr = "%-11s %-16s %5s %8s %6s %6s %6s %7s %7s %9s %6s  %s" % (
        "kind", "edit", "rate", "labelled", "right", "kind", "any", "recall", "r(any)",
        "relations", "prec", "predicted kinds (right)")
    print(hdr)
    print("-" * len(hdr))
    for t in table:
        rate = "" if t["edit"] == "all" else ("-" if t["rate"] is None else "%g" % t["rate"])
        conf = " ".join("%s:%d" % kv for kv in sorted(t["predicted_kinds"].items()))
        line = "%-11s %-16s %5s %8d %6d %6d %6d %7s %7s %9d %6s  %s" % (
            t["kind"], t["edit"], rate, t["labelled"], t["right"], t["kind_ok"], t["any"],
            fmt(t["recall"]), fmt(t["recall_any"]), t["relations"], fmt(t["precision"]), conf)
        print(line)
    print()
    print("recall by the measured word-5-gram Jaccard of copy and origin:")
    print("%-11s %-8s %8s %6s %7s" % ("kind", "jaccard", "labelled", "right", "recall"))
    for t in jtable:
        print("%-11s %-8s %8d %6d %7s" % (t["kind"], t["jaccard"], t["labelled"], t["right"],
                                          fmt(t["recall"])))
    print()
    print("precision by predicted kind (same family = correct; kind agrees = on labelled "
          "copy-origin pairs):")
    print("%-11s %9s %11s %9s %14s %12s" % ("kind", "predicted", "same family", "precision",
                                            "labelled pairs", "kind agrees"))
    for t in ptable:
        print("%-11s %9d %11d %9s %14d %12d" % (t["kind"], t["predicted"], t["same_family"],
                                                fmt(t["precision"]), t["on_labelled_pairs"],
                                                t["kind_agrees"]))
    print()
    ind = summary["independent"]
    print("independent quote-sharing pairs: %d / %d reported as copies (one group) = %s per 1,000"
          " (goal 0); %d by a direct relation" % (n_group, n_ind, ind["per_1000"], n_direct))
    for k, v in ind["by_quotes"].items():
        print("  sharing %s quotation(s): %d / %d" % (k, v["false_copies"], v["pairs"]))
    print("other false positives (relations across families, not an independent pair): %d%s" % (
        other, "" if not other else " (" + ", ".join(
            "%s %d" % kv for kv in sorted(other_roles.items())) + ")"))


if __name__ == "__main__":
    main()
