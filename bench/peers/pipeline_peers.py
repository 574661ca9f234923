"""The peers' side of bench/pipeline.sh: the stage benches' textbook tools run on
a slice of the pipeline stream.

usage:
  pipeline_peers.py split SLICE.jsonl OUTDIR READ_N
      OUTDIR/text.jsonl: the slice's text records (id, outlet, url, published,
      title, text: what copies_peer.py and the stories peer read);
      OUTDIR/html/<id>.html: its first READ_N HTML records, and
      OUTDIR/truth.json ({id: {"url"}}) for bench/peers/readability.js.
      Prints "text=T html=H" (the slice's counts of each kind).
  pipeline_peers.py stories TEXT.jsonl N
      The online peer of bench/stories.sh (bench/peers/stories_peer.py:
      TF-IDF of title + text, cosine, single pass, an article joins the most
      similar cluster centroid at cosine >= 0.25, i.e. its threshold 0.75)
      on the first N articles; no tuning (the stream has no gold). Prints
      "stories_peer: N articles, S s CPU, R articles/s" (TF-IDF, similarities
      and clustering; CPU time of this process, JSON parse excluded).
"""
import json
import os
import sys
import time


def split(slice_path, outdir, read_n):
    os.makedirs(os.path.join(outdir, "html"), exist_ok=True)
    nt = nh = 0
    truth = {}
    with open(os.path.join(outdir, "text.jsonl"), "w", encoding="utf-8") as tf:
        for line in open(slice_path, encoding="utf-8"):
            o = json.loads(line)
            if "html" in o:
                if nh < read_n:
                    with open(os.path.join(outdir, "html", o["id"] + ".html"), "w", encoding="utf-8") as hf:
                        hf.write(o["html"])
                    truth[o["id"]] = {"url": o.get("url")}
                nh += 1
            else:
                tf.write(json.dumps({k: o.get(k) for k in ("id", "outlet", "url", "published", "title", "text")},
                                    ensure_ascii=False) + "\n")
                nt += 1
    json.dump(truth, open(os.path.join(outdir, "truth.json"), "w"))
    print("text=%d html=%d" % (nt, nh))


def stories(text_path, n):
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, here)
    from sklearn.feature_extraction.text import TfidfVectorizer
    from stories_peer import online  # the peer of bench/stories.sh, as it is

    docs = []
    for line in open(text_path, encoding="utf-8"):
        docs.append(json.loads(line))
        if len(docs) == n:
            break
    texts = [(d.get("title") or "") + "\n" + (d.get("text") or "") for d in docs]
    t0 = time.process_time()
    X = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    S = (X @ X.T).toarray()
    lab = online(S, 0.75)
    dt = time.process_time() - t0
    print("stories_peer: %d articles, %d clusters, %.1f s CPU, %.0f articles/s"
          % (len(docs), len(set(lab.tolist())), dt, len(docs) / dt if dt > 0 else 0))


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "split":
        split(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif len(sys.argv) == 4 and sys.argv[1] == "stories":
        stories(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
