#!/usr/bin/env bash
# bench/ingest.sh: ingest + text layer throughput of chorus (articles/s, MB/s,
# peak RSS), beside a peer run in the same invocation, as ratios.
#
# Input: ../shared/data/clustering/gva/articles.jsonl (relative to the project
# root; 4,805 English news records: id, date, title, text, cluster, lang, url,
# source) replicated to N records (default 100000; N=... to change). Replica 0
# is the file as it is; replica K >= 1 gets id "<id>-rK", "r=K" added to the
# url's query and its date shifted by K days, so the store sees N distinct
# articles rather than replays of the same ones. The replicated file and a
# gzipped copy are built once per N under bench/.work/ (git-ignored) and
# reused while the source file is unchanged. The data is never copied into the
# repository; without ../shared the script says so and exits 0.
#
# Variants, each its own process timed by /usr/bin/time -v (wall clock and
# "Maximum resident set size"):
#   memory      chorus analyze --db :memory: --no-raw --format jsonl -o /dev/null
#               --quiet INPUT.jsonl
#               JSONL parsing, naive text extraction of the text records
#               (white space, invisible characters, NFC, paragraphs), the text
#               layer (tokens, paragraphs, sentences), identity keys, an
#               in-memory SQLite store and the JSON Lines writer (to /dev/null).
#   store       the same with a real store file in bench/.work (deleted first)
#               and raw inputs kept (chorus's default): adds SQLite writes to disk.
#   memory-gz   variant "memory" on the gzipped copy: adds gzip decompression.
#   peer        bench/peers/ingest_peer.py (Python 3 standard library): json
#               decode, NFC (unicodedata), regex tokenizer keeping offsets,
#               paragraphs and an abbreviation-aware regex sentence splitter,
#               counting tokens and sentences. It does less than chorus (no
#               store, no keys, no output), so the ratios flatter the peer.
# articles/s and MB/s divide the records and the bytes of the uncompressed
# JSONL (also for memory-gz) by the wall time; MB = 10^6 bytes, RSS included.
# "x peer" is chorus's articles/s over the peer's.
#
# Environment: N (records, default 100000), CHORUS (binary, default
# build/chorus, built with cmake when missing), SHARED (default ../shared).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${SHARED:-$root/../shared}
src=$shared/data/clustering/gva/articles.jsonl
work=$here/.work
peer=$here/peers/ingest_peer.py
chorus=${CHORUS:-$root/build/chorus}
N=${N:-100000}

say() { printf '%s\n' "$*"; }
die() { printf 'ingest.sh: %s\n' "$*" >&2; exit 2; }

if [ ! -d "$shared" ]; then
  say "ingest.sh: skipped: the shared data folder $shared is absent (the benchmark reads ../shared/data/clustering/gva/articles.jsonl)."
  exit 0
fi
if [ ! -r "$src" ]; then
  say "ingest.sh: skipped: $src is absent or unreadable."
  exit 0
fi
case $N in
  '' | *[!0-9]*) die "N must be a positive whole number of records, not '$N'" ;;
esac
N=$((10#$N))
[ "$N" -ge 1 ] || die "N must be at least 1"
[ "$N" -ge 100000 ] || say "note: N=$N is below the 100,000 records the benchmark is specified for"

# Tools: python3 for the replica and the peer, gzip, /usr/bin/time (GNU time).
if ! command -v python3 >/dev/null || [ ! -x /usr/bin/time ]; then
  say "ingest.sh: python3 or /usr/bin/time missing; running scripts/deps.sh --bench"
  "$root/scripts/deps.sh" --bench || die "scripts/deps.sh --bench failed"
fi
command -v python3 >/dev/null || die "python3 is required"
command -v gzip >/dev/null || die "gzip is required"
[ -x /usr/bin/time ] || die "/usr/bin/time (Debian package 'time') is required"
# No pipe into grep -q here: with pipefail, grep's early exit can fail the pipe.
case $(/usr/bin/time -v true 2>&1) in *'Maximum resident set size'*) ;; *)
  die "/usr/bin/time is not GNU time (no -v report)" ;; esac
[ -r "$peer" ] || die "the peer $peer is missing"

if [ ! -x "$chorus" ]; then
  [ -z "${CHORUS:-}" ] || die "CHORUS=$chorus is not an executable"
  say "ingest.sh: $chorus missing; building the release build"
  cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release >/dev/null ||
    die "cmake configure failed"
  cmake --build "$root/build" -j"$(nproc)" >/dev/null || die "build failed"
  [ -x "$chorus" ] || die "the build did not produce $chorus"
fi

mkdir -p "$work"
tmpfiles=()
cleanup() { [ ${#tmpfiles[@]} -eq 0 ] || rm -f "${tmpfiles[@]}"; }
trap cleanup EXIT

cpu=$(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*: *//' || true)
mem=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || true)
say "== chorus ingest benchmark =="
say "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
say "machine: $(nproc) CPUs, ${cpu:-unknown CPU}, ${mem:-? GiB} RAM, $(uname -sr)"
say "chorus:  $("$chorus" --version 2>&1 | head -n1) ($chorus)"
say "python:  $(python3 --version 2>&1)"

# ---- the replicated input, built once per N ---------------------------------
input=$work/ingest-$N.jsonl
gz=$input.gz
stamp=$work/ingest-$N.stamp
want="gen=1 n=$N src=$(stat -c '%s %Y' "$src")"
if [ ! -s "$input" ] || [ ! -s "$gz" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "building $N records from $(basename "$src") into bench/.work/ (once per N) ..."
  rm -f "$stamp"
  tmpfiles+=("$input.tmp" "$gz.tmp")
  python3 - "$src" "$N" "$input.tmp" <<'PY'
import datetime, json, sys

src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(src, encoding="utf-8") as f:
    lines = [l if l.endswith("\n") else l + "\n" for l in f if l.strip()]
if not lines:
    sys.exit("ingest.sh: %s has no records" % src)
recs = [json.loads(l) for l in lines]

def shift(d, k):
    if not isinstance(d, str):
        return d
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            t = datetime.datetime.strptime(d, fmt)
        except ValueError:
            continue
        return (t + datetime.timedelta(days=k)).strftime(fmt)
    return d

def url(u, k):
    if not isinstance(u, str) or not u:
        return u
    base, hash_, frag = u.partition("#")
    return "%s%sr=%d%s%s" % (base, "&" if "?" in base else "?", k, hash_, frag)

written, k = 0, 0
with open(out, "w", encoding="utf-8", newline="\n") as f:
    while written < n:
        for line, o in zip(lines, recs):
            if written >= n:
                break
            if k == 0:
                f.write(line)
            else:
                r = dict(o)
                if r.get("id") is not None:
                    r["id"] = "%s-r%d" % (r["id"], k)
                r["url"] = url(r.get("url"), k)
                if "date" in r:
                    r["date"] = shift(r["date"], k)
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
            written += 1
        k += 1
PY
  mv "$input.tmp" "$input"
  gzip -c "$input" >"$gz.tmp"
  mv "$gz.tmp" "$gz"
  printf '%s\n' "$want" >"$stamp"
fi
records=$(grep -c . "$input" || true)
bytes=$(stat -c %s "$input")
gzbytes=$(stat -c %s "$gz")
say "input:   bench/.work/$(basename "$input"): $records records, $bytes bytes (MB $(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}')); gzip copy $gzbytes bytes"
[ "$records" -eq "$N" ] || die "the replicated input has $records records, expected $N"
cat "$input" "$gz" >/dev/null # warm the page cache the same way for every variant

# ---- runs ---------------------------------------------------------------------
names=() secs=() rss=() rcs=() errs=()
failed=0

# run NAME CMD...: times CMD with /usr/bin/time -v; its stdout goes to
# bench/.work/NAME.out, its standard error to bench/.work/NAME.err.
run() {
  local name=$1
  shift
  local tf=$work/$name.time ef=$work/$name.err rc=0
  say "running $name ..."
  /usr/bin/time -v -o "$tf" "$@" >"$work/$name.out" 2>"$ef" || rc=$?
  local el kb s
  el=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time[^:]*:[^:]*: *//p' "$tf" | tail -n1)
  s=$(awk -v t="$el" 'BEGIN { n = split(t, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }')
  kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): *//p' "$tf" | tail -n1)
  names+=("$name") secs+=("$s") rss+=("${kb:-0}") rcs+=("$rc")
  errs+=("$(grep -c . "$ef" || true)")
  if grep -q 'Command terminated by signal' "$tf"; then
    say "  $name: $(grep 'Command terminated by signal' "$tf")"
    failed=1
  fi
}

run memory "$chorus" analyze --db :memory: --no-raw --format jsonl -o /dev/null --quiet "$input"
db=$work/ingest-store.db
rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
run store "$chorus" analyze --db "$db" --format jsonl -o /dev/null --quiet "$input"
run memory-gz "$chorus" analyze --db :memory: --no-raw --format jsonl -o /dev/null --quiet "$gz"
run peer python3 "$peer" "$input"

# ---- checks ---------------------------------------------------------------------
say ""
say "checks:"
say "  records in the input:              $records"
stored=$("$chorus" show --db "$db" --format jsonl | wc -l) || stored="? (chorus show failed)"
dbsize=$(du -cb "$db"* 2>/dev/null | tail -n1 | cut -f1)
say "  articles in the 'store' store:     $stored (chorus show --db ... --format jsonl | wc -l; store $(awk -v b="$dbsize" 'BEGIN{printf "%.1f", b/1e6}') MB with raw)"
say "  peer:                              $(cat "$work/peer.out")"
for i in "${!names[@]}"; do
  n=${names[$i]}
  [ "$n" != peer ] || continue
  rc=${rcs[$i]}
  case $rc in
    0) what="exit 0" ;;
    1) what="exit 1 (some input rejected)" ;;
    *) what="exit $rc (FAILED)"; failed=1 ;;
  esac
  say "  $n: $what, ${errs[$i]} line(s) on standard error"
  if [ "${errs[$i]}" -gt 0 ]; then
    # one line per distinct message, with its count and first place
    sed -E 's/^chorus: //' "$work/$n.err" | awk '
      { msg = $0; where = ""
        if (match($0, /^[^ ]+:[0-9]+(:[0-9]+)?: /)) { where = substr($0, 1, RLENGTH - 2); msg = substr($0, RLENGTH + 1) }
        if (!(msg in count)) { order[++k] = msg; first[msg] = where }
        count[msg]++ }
      END { for (i = 1; i <= k && i <= 8; i++) printf "      %6d x %s (first: %s)\n", count[order[i]], order[i], first[order[i]]
            if (k > 8) printf "      ... %d more distinct messages\n", k - 8 }'
  fi
done
[ "${rcs[3]}" -eq 0 ] || { say "  peer: exit ${rcs[3]} (FAILED): $(tail -n3 "$work/peer.err")"; failed=1; }
rm -f "$db" "$db-wal" "$db-shm" "$db-journal"

# ---- table ---------------------------------------------------------------------
say ""
say "results: $records articles, $(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}') MB of JSONL, $(nproc) CPUs, one process per variant"
peer_secs=${secs[3]}
{
  for i in "${!names[@]}"; do
    printf '%s %s %s %s\n' "${names[$i]}" "${secs[$i]}" "${rss[$i]}" "${rcs[$i]}"
  done
} | awk -v n="$records" -v b="$bytes" -v ps="$peer_secs" '
  BEGIN {
    printf "%-10s %9s %9s %11s %8s %12s %8s\n", "variant", "articles", "seconds", "articles/s", "MB/s", "peak RSS MB", "x peer"
    printf "%-10s %9s %9s %11s %8s %12s %8s\n", "----------", "---------", "---------", "-----------", "--------", "------------", "--------"
    pr = (ps > 0) ? n / ps : 0
  }
  {
    s = $2; r = (s > 0) ? n / s : 0
    ratio = ($1 == "peer") ? "1.00" : ((pr > 0 && r > 0) ? sprintf("%.2f", r / pr) : "-")
    if ($4 > 1 && $1 != "peer") ratio = ratio " (failed)"
    printf "%-10s %9d %9.2f %11.0f %8.1f %12.1f %8s\n", $1, n, s, r, (s > 0 ? b / 1e6 / s : 0), $3 * 1024 / 1e6, ratio
  }'
say ""
say "total benchmark time: ${SECONDS}s"
if [ "$failed" -ne 0 ]; then
  say "ingest.sh: some runs FAILED (see above and bench/.work/*.err)" >&2
  exit 1
fi
