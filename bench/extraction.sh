#!/usr/bin/env bash
# bench/extraction.sh: article extraction quality (P/R/F1) and speed of
# `chorus extract`, beside peers, in one run.
#
# Data: ../shared/data/extraction/zyte/ (relative to the project root): the 181
# real pages of the Scrapinghub article-extraction benchmark (html/<id>.html.gz,
# all UTF-8), their ground truth (ground-truth.json: {id: {articleBody, url}})
# and the peers' published outputs (peers/*.json). Scored by
# ../shared/tools/score_extraction.py: 4-gram shingle precision and recall
# averaged over the pages, F1 of the averages, as the benchmark defines them.
# Nothing is copied into the repository: derived inputs and outputs live in
# bench/.work/extraction/ (git-ignored); without ../shared the script says so
# and exits 0.
#
# Systems, each its own process timed by /usr/bin/time -v (wall clock and
# "Maximum resident set size"); chorus is pinned to one CPU with taskset (when
# present) and runs single-threaded:
#   chorus html        chorus extract --quiet [--mode html] -o DIR html/  (181 pages;
#                      its F1 is the HTML-mode figure)
#   chorus html xK     the same over the 181 pages replicated K times (HTML_X,
#                      default 5: symlinks to the shared files, replica 0 keeps the
#                      page's id), so the run lasts a few seconds; its pages/s is
#                      the HTML speed figure (>= 300 pages/s, >= 30x Readability)
#   chorus text        chorus extract --quiet [--mode text] -o DIR texts/: one
#                      <id>.txt per page holding peers/html-text.json's text (each
#                      page's whole visible text, boilerplate included); its F1 is
#                      the text-mode figure
#   chorus text jsonl  one JSON Lines file of TEXT_N records (default 20,000) {"id",
#                      "url", "text"}: the 181 texts replicated (replica K >= 1 gets
#                      id "<id>-rK" and "r=K" in the url's query); its texts/s is the
#                      text speed figure (>= 5,000 articles/s)
#   chorus text files  the same TEXT_N texts as TEXT_N .txt files (hard links) in one
#                      directory, for comparison
#   Readability        Mozilla Readability, run live: bench/peers/readability.js under
#                      node with @mozilla/readability 0.6.0 and jsdom 27.0.0 (pinned
#                      in bench/peers/package.json), installed by this script from npm
#                      into bench/node_modules (git-ignored) when missing; the 181
#                      pages; not pinned (node's GC threads may use a second CPU)
# plus, scored in the same scorer run: html-text.json itself (the text-mode input,
# i.e. no extraction at all: the floor) and every published peer in peers/*.json.
#
# Which text-mode speed input is fairer: the single JSON Lines file. It measures
# what text mode is for (records arriving from a feed or a store: one stream,
# one process), without 20,000 opens, stats and a directory scan that measure
# the file system more than the extractor; it also charges chorus for decoding
# the JSON (escapes included). Measured here, neither was consistently the
# faster (within about 20% of each other either way, on a shared machine).
# Both write 20,000 output files. The files variant is printed beside it.
#
# Speed figures: pages/s = pages / the process's wall time (start-up included;
# negligible for chorus). For Readability, pages/s is its own timing of the loop
# over the pages (read, gunzip, jsdom parse, Readability, write), node's start-up
# and module loading excluded, which favours the peer; its whole-process figure
# is printed too. "x Readability" = chorus's pages/s over Readability's. The
# replicated runs measure speed only: the F1 printed for them is that of their
# replica 0 (the same 181 ids), a consistency check.
#
# `--mode html` / `--mode text` are passed only when `chorus extract --help`
# mentions --mode.
#
# chorus is copied to bench/.work/extraction/chorus.bin first, so that a rebuild
# during the run cannot mix two binaries. The load average before and after is
# printed: speed figures from a busy machine are low.
#
# Environment: CHORUS (binary, default build/chorus, built with cmake when
# missing), SHARED (default ../shared), HTML_X (default 5), TEXT_N (default
# 20000), NO_PEER=1 skips the live Readability run.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${SHARED:-$root/../shared}
zyte=$shared/data/extraction/zyte
truth=$zyte/ground-truth.json
htmldir=$zyte/html
peersdir=$zyte/peers
htmltext=$peersdir/html-text.json
scorer=$shared/tools/score_extraction.py
work=$here/.work/extraction
chorus=${CHORUS:-$root/build/chorus}
HTML_X=${HTML_X:-5}
TEXT_N=${TEXT_N:-20000}
NO_PEER=${NO_PEER:-0}

say() { printf '%s\n' "$*"; }
die() { printf 'extraction.sh: %s\n' "$*" >&2; exit 2; }

if [ ! -d "$shared" ]; then
  say "extraction.sh: skipped: the shared data folder $shared is absent (the benchmark reads ../shared/data/extraction/zyte/)."
  exit 0
fi
for f in "$truth" "$htmltext" "$scorer"; do
  if [ ! -r "$f" ]; then
    say "extraction.sh: skipped: $f is absent or unreadable."
    exit 0
  fi
done
if [ ! -d "$htmldir" ]; then
  say "extraction.sh: skipped: $htmldir is absent."
  exit 0
fi
case $HTML_X in '' | *[!0-9]*) die "HTML_X must be a positive whole number, not '$HTML_X'" ;; esac
case $TEXT_N in '' | *[!0-9]*) die "TEXT_N must be a positive whole number, not '$TEXT_N'" ;; esac
HTML_X=$((10#$HTML_X)) TEXT_N=$((10#$TEXT_N))
[ "$HTML_X" -ge 1 ] && [ "$TEXT_N" -ge 1 ] || die "HTML_X and TEXT_N must be at least 1"

# Tools: python3 (inputs, scorer, table), /usr/bin/time (GNU time).
if ! command -v python3 >/dev/null || [ ! -x /usr/bin/time ]; then
  say "extraction.sh: python3 or /usr/bin/time missing; running scripts/deps.sh --bench"
  bash "$root/scripts/deps.sh" --bench || die "scripts/deps.sh --bench failed"
fi
command -v python3 >/dev/null || die "python3 is required"
[ -x /usr/bin/time ] || die "/usr/bin/time (Debian package 'time') is required"
case $(/usr/bin/time -v true 2>&1) in *'Maximum resident set size'*) ;; *)
  die "/usr/bin/time is not GNU time (no -v report)" ;; esac

if [ ! -x "$chorus" ]; then
  [ -z "${CHORUS:-}" ] || die "CHORUS=$chorus is not an executable"
  say "extraction.sh: $chorus missing; building the release build"
  cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release >/dev/null ||
    die "cmake configure failed"
  cmake --build "$root/build" -j"$(nproc)" >/dev/null || die "build failed"
  [ -x "$chorus" ] || die "the build did not produce $chorus"
fi

html_mode=() text_mode=()
# Run a private copy: the build may be replaced while the bench runs, and every
# run must use the same binary.
mkdir -p "$work"
cp "$chorus" "$work/chorus.bin"
chorus_src=$chorus chorus=$work/chorus.bin
extract_help=$("$chorus" extract --help 2>&1 || true) # no pipe into grep -q: SIGPIPE + pipefail
if grep -q -- '--mode' <<<"$extract_help"; then
  html_mode=(--mode html) text_mode=(--mode text)
fi
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c "$(($(nproc) - 1))"); fi

mkdir -p "$work"
cpu=$(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*: *//' || true)
mem=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || true)
npages=$(find "$htmldir" -maxdepth 1 \( -name '*.html.gz' -o -name '*.html' \) | wc -l)
say "== chorus article extraction benchmark =="
say "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
say "machine: $(nproc) CPUs, ${cpu:-unknown CPU}, ${mem:-? GiB} RAM, $(uname -sr)"
say "chorus:  $("$chorus" version 2>&1 | head -n1) ($chorus_src, built $(date -u -r "$chorus_src" '+%Y-%m-%d %H:%M:%S UTC'), copied to bench/.work/extraction/chorus.bin for this run)"
say "modes:   $(if [ ${#html_mode[@]} -gt 0 ]; then echo "--mode html / --mode text passed"; else echo "chorus extract has no --mode: none passed (text inputs are .txt / JSONL text records)"; fi)"
say "pinning: chorus ${pin[*]:-(taskset missing: not pinned)}"
say "data:    $npages pages in $htmldir"
say "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the runs"

# ---- inputs (derived, under bench/.work/extraction/, rebuilt when stale) -------
stamp=$work/inputs.stamp
want="gen=1 x=$HTML_X n=$TEXT_N truth=$(stat -c '%s %Y' "$truth") text=$(stat -c '%s %Y' "$htmltext") html=$(stat -c '%Y' "$htmldir") pages=$npages"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "building the derived inputs in bench/.work/extraction/ ..."
  rm -rf "$stamp" "$work/texts" "$work"/texts-* "$work"/html-x*
  python3 - "$truth" "$htmltext" "$htmldir" "$work" "$HTML_X" "$TEXT_N" <<'PY'
import json, os, shutil, sys

truth, htmltext, htmldir, work, x, n = sys.argv[1:7]
x, n = int(x), int(n)

def load(p):
    d = json.load(open(p, encoding="utf-8"))
    if isinstance(d, dict) and set(d) == {"version", "output"}:
        d = d["output"]
    return d

gt = load(truth)
src = load(htmltext)
ids = sorted(src)
if not ids:
    sys.exit("extraction.sh: %s has no pages" % htmltext)

# 1. one <id>.txt per page: the text-mode input, scored
texts = os.path.join(work, "texts")
os.makedirs(texts)
for k in ids:
    with open(os.path.join(texts, k + ".txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write((src[k] or {}).get("articleBody") or "")

def url(k, r):
    u = (gt.get(k) or {}).get("url") or ""
    if r == 0 or not u:
        return u
    base, hash_, frag = u.partition("#")
    return "%s%sr=%d%s%s" % (base, "&" if "?" in base else "?", r, hash_, frag)

# 2. TEXT_N records: JSON Lines and as many files (hard links; copies if refused)
tdir = os.path.join(work, "texts-%d" % n)
os.makedirs(tdir)
with open(os.path.join(work, "texts-%d.jsonl.tmp" % n), "w", encoding="utf-8", newline="\n") as f:
    i = r = 0
    while i < n:
        for k in ids:
            if i >= n:
                break
            rid = k if r == 0 else "%s-r%d" % (k, r)
            text = (src[k] or {}).get("articleBody") or ""
            f.write(json.dumps({"id": rid, "url": url(k, r), "text": text}, ensure_ascii=False) + "\n")
            a, b = os.path.join(texts, k + ".txt"), os.path.join(tdir, rid + ".txt")
            try:
                os.link(a, b)
            except OSError:
                shutil.copyfile(a, b)
            i += 1
        r += 1
os.rename(os.path.join(work, "texts-%d.jsonl.tmp" % n), os.path.join(work, "texts-%d.jsonl" % n))

# 3. the pages replicated x times: symlinks to the shared files, replica 0 keeps the id
hdir = os.path.join(work, "html-x%d" % x)
os.makedirs(hdir)
pages = sorted(f for f in os.listdir(htmldir) if f.endswith((".html.gz", ".html")))
for r in range(x):
    for p in pages:
        stem, ext = (p[:-8], ".html.gz") if p.endswith(".html.gz") else (p[:-5], ".html")
        name = stem + ext if r == 0 else "%s-r%d%s" % (stem, r, ext)
        os.symlink(os.path.abspath(os.path.join(htmldir, p)), os.path.join(hdir, name))
PY
  printf '%s\n' "$want" >"$stamp"
fi
jsonl=$work/texts-$TEXT_N.jsonl
ntexts=$(find "$work/texts" -maxdepth 1 -name '*.txt' | wc -l)
say "inputs:  bench/.work/extraction/texts/ ($ntexts texts), texts-$TEXT_N.jsonl ($TEXT_N records, $(awk -v b="$(stat -c %s "$jsonl")" 'BEGIN{printf "%.1f", b/1e6}') MB), texts-$TEXT_N/ (hard links), html-x$HTML_X/ ($((npages * HTML_X)) symlinks)"
# warm the page cache the same way for everyone
cat "$htmldir"/* "$work"/texts/* "$jsonl" >/dev/null

# ---- the live peer: Mozilla Readability under node ------------------------------
peer_ok=0 peer_note=""
if [ "$NO_PEER" = 1 ]; then
  peer_note="skipped (NO_PEER=1)"
elif ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  peer_note="skipped: node or npm is not installed"
else
  want_pkgs=$(node -e '
    const d = require(process.argv[1]).dependencies;
    console.log(Object.entries(d).map(([k, v]) => k + "@" + v).join(" "));' "$here/peers/package.json")
  have_pkgs=$(node -e '
    const path = require("path");
    const d = require(process.argv[1]).dependencies;
    const out = [];
    for (const k of Object.keys(d)) {
      try { out.push(k + "@" + require(path.join(process.argv[2], "node_modules", k, "package.json")).version); }
      catch (e) { out.push(k + "@missing"); }
    }
    console.log(out.join(" "));' "$here/peers/package.json" "$here")
  if [ "$want_pkgs" = "$have_pkgs" ]; then
    peer_ok=1
  else
    say "installing the live peer from npm into bench/node_modules: $want_pkgs ..."
    # shellcheck disable=SC2086 # one word per package
    if npm install --prefix "$here" --no-save --no-package-lock --no-audit --no-fund \
        --loglevel=error $want_pkgs >"$work/npm.log" 2>&1; then
      peer_ok=1
    else
      peer_note="skipped: npm install failed (no network?): $(grep -v '^npm warn' "$work/npm.log" | tail -n1)"
    fi
  fi
fi
if [ "$peer_ok" = 1 ]; then say "peer:    node $(node --version), $want_pkgs"; fi

# ---- runs ---------------------------------------------------------------------
# run NAME CMD...: times CMD with /usr/bin/time -v; stdout to $work/NAME.out,
# standard error to $work/NAME.err; appends "NAME seconds rss_kb rc cpu% cpu_seconds"
# (user + system time) to runs.tsv.
runs=$work/runs.tsv
: >"$runs"
failed=0
run() {
  local name=$1
  shift
  local tf=$work/$name.time rc=0
  say "running $name ..."
  /usr/bin/time -v -o "$tf" "$@" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
  local el s kb pc
  el=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time[^:]*:[^:]*: *//p' "$tf" | tail -n1)
  s=$(awk -v t="$el" 'BEGIN { n = split(t, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }')
  kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): *//p' "$tf" | tail -n1)
  pc=$(sed -n 's/^[[:space:]]*Percent of CPU this job got: *//p' "$tf" | tail -n1)
  us=$(sed -n 's/^[[:space:]]*User time (seconds): *//p' "$tf" | tail -n1)
  sy=$(sed -n 's/^[[:space:]]*System time (seconds): *//p' "$tf" | tail -n1)
  cs=$(awk -v u="${us:-0}" -v y="${sy:-0}" 'BEGIN { printf "%.2f", u + y }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$s" "${kb:-0}" "$rc" "${pc:-?}" "$cs" >>"$runs"
  if grep -q 'Command terminated by signal' "$tf"; then
    say "  $name: $(grep 'Command terminated by signal' "$tf")"
    failed=1
  elif [ "$rc" -gt 1 ]; then
    say "  $name: exit $rc (FAILED): $(tail -n2 "$work/$name.err" | tr '\n' ' ')"
    failed=1
  fi
}
out=$work/out
rm -rf "$out"
mkdir -p "$out"

run chorus-html "${pin[@]}" "$chorus" extract --quiet "${html_mode[@]}" -o "$out/chorus-html" "$htmldir/"
run chorus-html-x$HTML_X "${pin[@]}" "$chorus" extract --quiet "${html_mode[@]}" -o "$out/chorus-html-x$HTML_X" "$work/html-x$HTML_X/"
run chorus-text "${pin[@]}" "$chorus" extract --quiet "${text_mode[@]}" -o "$out/chorus-text" "$work/texts/"
run chorus-text-jsonl "${pin[@]}" "$chorus" extract --quiet "${text_mode[@]}" -o "$out/chorus-text-jsonl" "$jsonl"
run chorus-text-files "${pin[@]}" "$chorus" extract --quiet "${text_mode[@]}" -o "$out/chorus-text-files" "$work/texts-$TEXT_N/"
# The same texts as a stream with no file per article (file creation dominates
# the two runs above on some file systems): analyze --extract-only to /dev/null.
if "$chorus" analyze --help | grep -q -- '--extract-only'; then
  run chorus-text-stream "${pin[@]}" "$chorus" analyze --quiet --extract-only --db :memory: --no-raw \
    "${text_mode[@]}" --format jsonl -o /dev/null "$jsonl"
fi
if [ "$peer_ok" = 1 ]; then
  run readability node "$here/peers/readability.js" "$truth" "$htmldir" "$out/readability-live"
  if ! grep -q '^pages=' "$work/readability.out"; then
    peer_ok=0
    peer_note="FAILED: $(tail -n2 "$work/readability.err" | tr '\n' ' ')"
  fi
fi
[ "$peer_ok" = 1 ] || say "live peer Mozilla Readability: $peer_note"

# ---- scoring: one scorer run over every system ------------------------------------
say "scoring ..."
preds=("$out/chorus-html" "$out/chorus-html-x$HTML_X" "$out/chorus-text" "$out/chorus-text-jsonl" "$out/chorus-text-files")
if [ "$peer_ok" = 1 ]; then preds+=("$out/readability-live"); fi
preds+=("$htmltext")
for f in AutoExtract rs_trafilatura trafilatura readability_js readability boilerpipe; do
  if [ -r "$peersdir/$f.json" ]; then preds+=("$peersdir/$f.json"); fi
done
for f in "$peersdir"/*.json; do # any other published peer
  case " ${preds[*]} " in *" $f "*) ;; *) preds+=("$f") ;; esac
done
perpage=$work/per-page.tsv
rm -f "$perpage"
python3 "$scorer" "$truth" "${preds[@]}" --per-page "$perpage" >"$work/scores.txt" 2>"$work/scores.err" ||
  die "the scorer failed: $(tail -n3 "$work/scores.err")"

# ---- table, targets, worst pages ---------------------------------------------------
say ""
python3 - "$runs" "$work/scores.txt" "$perpage" "$work/readability.out" "$peer_ok" "$npages" "$HTML_X" "$TEXT_N" "$out" <<'PY'
import os, sys
from urllib.parse import urlsplit

runs_f, scores_f, perpage_f, peer_out, peer_ok, npages, x, n, out = sys.argv[1:10]
peer_ok, npages, x, n = peer_ok == "1", int(npages), int(x), int(n)

runs = {}
for line in open(runs_f):
    name, s, kb, rc, pc, cs = line.rstrip("\n").split("\t")
    runs[name] = dict(s=float(s), rss=int(kb) * 1024 / 1e6, rc=int(rc), cpu=pc, cs=float(cs))
scores = {}
for line in open(scores_f).read().splitlines()[1:]:
    f = line.split()
    if len(f) >= 4:
        scores[f[0]] = tuple(float(v) for v in f[1:4])  # F1, P, R

peer_rate = peer_wall_rate = None
if peer_ok:
    kv = dict(t.split("=", 1) for t in open(peer_out).read().split() if "=" in t)
    peer_pages, peer_secs, peer_failed = int(kv["pages"]), float(kv["seconds"]), int(kv["failed"])
    peer_rate = peer_pages / peer_secs if peer_secs > 0 else None
    w = runs.get("readability", {}).get("s", 0)
    peer_wall_rate = peer_pages / w if w > 0 else None

def files(d):
    try:
        return len(os.listdir(os.path.join(out, d)))
    except OSError:
        return 0

rows = []  # system, mode, items, score key, run name, items for rate
rows.append(("chorus", "html", npages, "chorus-html", "chorus-html"))
rows.append(("chorus, pages x%d" % x, "html", npages * x, "chorus-html-x%d" % x, "chorus-html-x%d" % x))
rows.append(("chorus", "text", npages, "chorus-text", "chorus-text"))
rows.append(("chorus, %d texts JSONL" % n, "text", n, "chorus-text-jsonl", "chorus-text-jsonl"))
rows.append(("chorus, %d text files" % n, "text", n, "chorus-text-files", "chorus-text-files"))
if "chorus-text-stream" in runs:
    # timing only: the stream's F1 is the 181-text run's (same texts, replicated)
    rows.append(("chorus, %d texts, stream" % n, "text", n, "chorus-text", "chorus-text-stream"))
if peer_ok:
    rows.append(("Mozilla Readability (live)", "html", npages, "readability-live", "readability"))
rows.append(("html-text (input, no extraction)", "text", None, "html-text.json", None))
published = [("AutoExtract", "AutoExtract.json"), ("rs-trafilatura", "rs_trafilatura.json"),
             ("trafilatura", "trafilatura.json"), ("Mozilla Readability", "readability_js.json"),
             ("readability-lxml", "readability.json"), ("boilerpipe", "boilerpipe.json")]
known = {k for _, k in published} | {"html-text.json"}
for label, key in published:
    if key in scores:
        rows.append((label + " (published)", "html", None, key, None))
for key in sorted(scores):
    if key.endswith(".json") and key not in known:
        rows.append((key[:-5] + " (published)", "html", None, key, None))

rate = {}
rate_cpu = {}
hdr = "%-34s %-4s %6s %6s %6s %6s %9s %9s %8s %8s %5s" % ("system", "mode", "items", "F1", "P", "R", "items/s", "items/cpu", "peak MB", "x Readab", "CPU")
print("results (F1/P/R by score_extraction.py; items/s = pages or texts per wall second; items/cpu = per CPU second")
print("(user + system; the steadier figure on a shared machine); peak MB = max RSS, 10^6 bytes;")
print("x Readab = HTML pages/s over live Readability's; CPU = share of one core)")
print(hdr)
print("-" * len(hdr))
for label, mode, items, key, run in rows:
    f1, p, r = scores.get(key, (None, None, None))
    fmt = lambda v: "%6.3f" % v if v is not None else "%6s" % "-"
    ps = pc_ = mb = xr = cpu = "-"
    if run and run in runs:
        ru = runs[run]
        if run == "readability":
            rt = peer_rate
        else:
            rt = items / ru["s"] if ru["s"] > 0 else None
        rate[run] = rt
        ps = "%.0f" % rt if rt else "?"
        if run != "readability" and ru["cs"] > 0:
            rate_cpu[run] = items / ru["cs"]
            pc_ = "%.0f" % rate_cpu[run]
        if run == "readability" and rt and rt < 100:
            ps = "%.1f" % rt
        mb = "%.1f" % ru["rss"]
        cpu = ru["cpu"]
        if mode == "html" and rt and peer_rate:
            xr = "%.1f" % (rt / peer_rate)
        if ru["rc"] > 1:
            xr += " FAIL"
    print("%-34s %-4s %6s %s %s %s %9s %9s %8s %8s %5s" % (label, mode, items if items else "-", fmt(f1), fmt(p), fmt(r), ps, pc_, mb, xr, cpu))

notes = []
for name, want in (("chorus-html", npages), ("chorus-text", npages), ("chorus-html-x%d" % x, npages * x),
                   ("chorus-text-jsonl", n), ("chorus-text-files", n)):
    got = files(name)
    if got != want:
        notes.append("note: %s wrote %d files for %d inputs (a missing file scores as an empty output)" % (name, got, want))
for name in [r for r in runs if r.startswith("chorus")]:
    try:
        lines = [l.rstrip("\n") for l in open(os.path.join(os.path.dirname(runs_f), name + ".err"), errors="replace") if l.strip()]
    except OSError:
        lines = []
    if lines:
        notes.append("note: %s: %d line(s) on standard error despite --quiet, first: %s" % (name, len(lines), lines[0][:160]))
if peer_ok:
    notes.append("note: Readability: %.1f pages/s over its page loop (the figure used), %.1f pages/s for the whole node process; %d page(s) with no article"
                 % (peer_rate, peer_wall_rate or 0, peer_failed))
if notes:
    print()
    print("\n".join(notes))

def target(what, value, goal, fmtv):
    if value is None:
        print("  %-44s %-12s not measured" % (what, "-"))
        return
    print("  %-44s %-12s %s" % (what, fmtv % value, "met" if value >= goal else "NOT met"))

print()
print("targets:")
target("HTML mode F1 >= 0.97", scores.get("chorus-html", (None,))[0], 0.97, "%.3f")
target("text mode F1 >= 0.92 (html-text.json input)", scores.get("chorus-text", (None,))[0], 0.92, "%.3f")
hx = rate.get("chorus-html-x%d" % x)
target("HTML speed >= 30x Readability (same run)", hx / peer_rate if hx and peer_rate else None, 30, "%.1fx")
target("HTML >= 300 pages/s on one core", hx, 300, "%.0f/s")
target("  the same per CPU second", rate_cpu.get("chorus-html-x%d" % x), 300, "%.0f/s")
target("text >= 5,000 articles/s (stream, one core)",
       rate.get("chorus-text-stream", rate.get("chorus-text-jsonl")), 5000, "%.0f/s")
target("  the same per CPU second",
       rate_cpu.get("chorus-text-stream", rate_cpu.get("chorus-text-jsonl")), 5000, "%.0f/s")

print()
print("15 worst HTML-mode pages (chorus html, by F1):")
pages = []
for line in open(perpage_f, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if len(f) >= 5 and f[0] == "chorus-html":
        p, r = float(f[2]), float(f[3])
        pages.append((2 * p * r / (p + r) if p + r else 0.0, p, r, f[1], urlsplit(f[4]).hostname or "-"))
pages.sort()
print("  %-64s %-28s %5s %5s %5s" % ("id", "host", "F1", "P", "R"))
for f1, p, r, k, host in pages[:15]:
    fp = os.path.join(out, "chorus-html", k + ".txt")
    empty = "" if os.path.exists(fp) and open(fp, "rb").read().strip() else "  (empty output)"
    print("  %-64s %-28s %5.3f %5.3f %5.3f%s" % (k, host[:28], f1, p, r, empty))
PY

say ""
say "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) after the runs"
say "outputs in bench/.work/extraction/out/; per-page scores in bench/.work/extraction/per-page.tsv"
# the replicated outputs are large and only timed: drop them
rm -rf "$out/chorus-html-x$HTML_X" "$out/chorus-text-jsonl" "$out/chorus-text-files"
say "total benchmark time: ${SECONDS}s"
if [ "$failed" -ne 0 ]; then
  say "extraction.sh: some runs FAILED (see above and bench/.work/extraction/*.err)" >&2
  exit 1
fi
