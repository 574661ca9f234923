"""scikit-learn peer for the stories stage (bench/stories.sh runs it).

usage: /usr/bin/python3 stories_peer.py INPUT.jsonl GOLD.jsonl OUTDIR

INPUT is the chorus JSON Lines input (id, title, text, published) in
publication order. Two peers, each with its distance threshold tuned on the
file itself (it is a dev set; the grid is printed beside the best):
  agglomerative: TF-IDF (sublinear tf, English stopwords, fitted on the
      whole file) of title + text, cosine distance, average linkage, cut at
      the threshold;
  online: single pass in the given order, each article joins the cluster
      whose centroid is most similar when cosine >= 1 - threshold, else opens
      a new one.
Writes OUTDIR/agglomerative.tsv and OUTDIR/online.tsv ("id<TAB>cluster",
the best threshold) and prints one line per peer with the best threshold's
scores (scorer: ../shared/tools/score_clustering.py, imported).
"""
import json
import os
import sys
import time

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "shared", "tools"))
from score_clustering import score  # noqa: E402


def online(S, thr):
    """Single pass in the given order: each article joins the cluster whose
    centroid (sum of unit vectors) is most similar if cosine >= 1 - thr.
    S = X X^T of the unit TF-IDF vectors, so x.sum_j is a sum over members
    and |sum_j|^2 grows by 2 x.sum_j + 1 when x joins."""
    n = S.shape[0]
    labels = np.empty(n, dtype=int)
    norm2 = []
    for i in range(n):
        k = len(norm2)
        if k:
            dots = np.bincount(labels[:i], weights=S[i, :i], minlength=k)
            sims = dots / np.sqrt(np.asarray(norm2))
            j = int(np.argmax(sims))
            if sims[j] >= 1.0 - thr:
                labels[i] = j
                norm2[j] += 2 * dots[j] + 1
                continue
        labels[i] = k
        norm2.append(1.0)
    return labels


def main():
    inp, goldf, outdir = sys.argv[1:4]
    docs = [json.loads(l) for l in open(inp, encoding="utf-8")]
    gold = {}
    for l in open(goldf, encoding="utf-8"):
        o = json.loads(l)
        gold[o["id"]] = o["cluster"]
    ids = [d["id"] for d in docs]
    texts = [(d.get("title") or "") + "\n" + d.get("text", "") for d in docs]
    X = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    S = (X @ X.T).toarray()  # cosine similarities (rows are unit vectors)
    D = np.clip(1.0 - S, 0.0, None)
    for name, grid in (("agglomerative", [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9]),
                       ("online", [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9])):
        best = None
        for thr in grid:
            t1 = time.time()
            if name == "agglomerative":
                lab = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                              distance_threshold=thr).fit_predict(D)
            else:
                lab = online(S, thr)
            secs = time.time() - t1
            pred = {i: str(l) for i, l in zip(ids, lab)}
            s = score(gold, pred)
            key = s["pairwise"]["F1"] + s["bcubed"]["F1"]
            if best is None or key > best[0]:
                best = (key, thr, s, pred, secs)
        _, thr, s, pred, secs = best
        with open(os.path.join(outdir, name + ".tsv"), "w") as f:
            for i in ids:
                f.write("%s\t%s\n" % (i, pred[i]))
        print("peer %-13s threshold %.2f  pairwise P %.3f R %.3f F1 %.3f  BCubed P %.3f R %.3f F1 %.3f"
              "  clusters %d  %.0f articles/s (clustering, after TF-IDF)"
              % (name, thr, s["pairwise"]["P"], s["pairwise"]["R"], s["pairwise"]["F1"],
                 s["bcubed"]["P"], s["bcubed"]["R"], s["bcubed"]["F1"], s["n_pred_clusters"],
                 len(ids) / secs if secs > 0 else 0))


if __name__ == "__main__":
    main()
