"""Figures of one `chorus analyze` run for bench/pipeline.sh (standard library only).

usage: /usr/bin/python3 pipeline_report.py LABEL TIME STATS ERR INPUT N_RECORDS SUMMARY

TIME is /usr/bin/time -f "%e %U %S %M" output (wall, user, system seconds, peak
RSS KB); STATS the file `chorus analyze --stats FILE` wrote, or "-" when the
build has no --stats; ERR the run's standard error (each rejected article is a
line); INPUT the stream file (its size gives MB/s); N_RECORDS the records in it.
Prints the run's figures and writes them as one JSON object to SUMMARY.

The --stats contract (written by the lead's engine):
  {"articles":N,"bytes":B,"wall_s":x,"cpu_s":y,
   "stages":{"read":s,"extract":s,"text":s,"keys":s,"store":s,"copies":s,
             "stories":s,"output":s,"story_output":s},
   "checkpoints":[{"articles":100000,"wall_s":x,"cpu_s":y},...]}
checkpoints are cumulative from the start of the run.
"""
import json
import os
import sys


def segments(st):
    """(articles, wall, cpu) points from 0 to the end, cumulative."""
    pts = [(0, 0.0, 0.0)]
    for c in st.get("checkpoints") or []:
        pts.append((int(c["articles"]), float(c["wall_s"]), float(c["cpu_s"])))
    end = (int(st.get("articles", 0)), float(st.get("wall_s", 0)), float(st.get("cpu_s", 0)))
    if end[0] > pts[-1][0]:
        pts.append(end)
    return pts


def cost(a, b):
    n = b[0] - a[0]
    if n <= 0:
        return None
    return n, (b[1] - a[1]) / n * 1e6, (b[2] - a[2]) / n * 1e6


def main():
    label, timef, statsf, errf, inp, nrec, summf = sys.argv[1:8]
    nrec = int(nrec)
    wall, user, sys_s, rss_kb = open(timef).read().split()[-4:]
    wall, user, sys_s, rss = float(wall), float(user), float(sys_s), int(rss_kb) / 1024.0
    cpu = user + sys_s
    rejected = sum(1 for l in open(errf, errors="replace") if l.startswith("chorus: ") and ":" in l[8:])
    if statsf != "-" and os.path.exists(statsf) and os.path.getsize(statsf) > 0:
        rejected = int(json.load(open(statsf)).get("rejected", rejected))
    size = os.path.getsize(inp)
    n = nrec - rejected
    out = {"label": label, "records": nrec, "rejected": rejected, "wall_s": wall, "cpu_s": cpu,
           "user_s": user, "sys_s": sys_s, "rss_mb": rss, "bytes": size,
           "per_s_wall": nrec / wall if wall > 0 else 0, "per_cpu_s": nrec / cpu if cpu > 0 else 0}
    print("%s: %d records (%d rejected), wall %.1f s, CPU %.1f s (user %.1f + sys %.1f)"
          % (label, nrec, rejected, wall, cpu, user, sys_s))
    print("  %.0f articles/s (wall), %.0f articles per CPU-second, %.2f MB/s (wall; %.1f MB input), "
          "peak RSS %.0f MB" % (out["per_s_wall"], out["per_cpu_s"], size / 1e6 / wall if wall > 0 else 0,
                                size / 1e6, rss))
    st = None
    if statsf != "-" and os.path.exists(statsf) and os.path.getsize(statsf) > 0:
        st = json.load(open(statsf))
        out["stats"] = st
        arts = int(st.get("articles", n)) or 1
        stages = st.get("stages") or {}
        total = sum(float(v) for v in stages.values()) or 1.0
        print("  stages (--stats; %d articles, engine wall %.1f s, CPU %.1f s):"
              % (arts, float(st.get("wall_s", 0)), float(st.get("cpu_s", 0))))
        for k, v in sorted(stages.items(), key=lambda kv: -float(kv[1])):
            print("    %-13s %9.1f s %9.1f us/article %5.1f%%" % (k, float(v), float(v) / arts * 1e6,
                                                                    100.0 * float(v) / total))
        pts = segments(st)
        if len(pts) >= 3:
            first = cost(pts[0], pts[1])
            # the last segment: the run's tail after the last checkpoint when
            # it holds at least half a step (rejected articles are not
            # counted), else the last full step
            step = pts[1][0]
            i = len(pts) - 1
            if pts[i][0] - pts[i - 1][0] < step / 2 and i > 1:
                i -= 1
            last = (pts[i - 1][0], cost(pts[i - 1], pts[i]))
            print("  per-article cost, first %d: %.0f us wall, %.0f us CPU; articles %d-%d: %.0f us wall, "
                  "%.0f us CPU (last/first CPU %.2f)"
                  % (first[0], first[1], first[2], last[0] + 1, last[0] + last[1][0], last[1][1],
                     last[1][2], last[1][2] / first[2] if first[2] > 0 else 0))
            print("  per-article CPU cost at each checkpoint (us): " + " ".join(
                "%.0f" % cost(pts[i - 1], pts[i])[2] for i in range(1, len(pts))))
            out["first"] = {"articles": first[0], "wall_us": first[1], "cpu_us": first[2]}
            out["last"] = {"from": last[0] + 1, "articles": last[1][0], "wall_us": last[1][1],
                           "cpu_us": last[1][2]}
    else:
        print("  stage times and first/last cost: need `chorus analyze --stats` (not in this build)")
    json.dump(out, open(summf, "w"))


if __name__ == "__main__":
    main()
