#!/usr/bin/env bash
# ctest "scale": the distributed run on its own redis-server (loopback, AOF
# with appendfsync always, in a temp folder), against the single-machine run.
#   1. back-pressure: submit with no worker fails clearly once the stream is full;
#   2. a generated feed submitted, two workers; one killed -9 mid-stream (its
#      pending entries must be taken over with XAUTOCLAIM), Redis killed -9 and
#      restarted mid-run (nothing acknowledged may be lost);
#   3. every article present once, and the copies and the stories equal to
#      `chorus analyze` on the same feed (up to story ids);
#   4. an entry delivered twice (re-added to the stream after the run) and an
#      outcome applied twice (its log entry deleted and redone) change nothing.
# redis-server is a test dependency (scripts/deps.sh): missing, the test fails.
set -euo pipefail
n="${SCALE_ARTICLES:-1200}"
. "$(dirname "$0")/common.sh"
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  [ -f "$tmp/redis.pid" ] && kill -9 "$(cat "$tmp/redis.pid")" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="redis://127.0.0.1:$port"
cli() { redis-cli -p "$port" "$@"; }
start_redis() {
  redis-server --port "$port" --bind 127.0.0.1 --dir "$tmp" --appendonly yes --appendfsync always \
    --save '' --daemonize yes --pidfile "$tmp/redis.pid" --logfile "$tmp/redis.log"
  for _ in $(seq 200); do [ "$(cli ping 2>/dev/null)" = PONG ] && return 0; sleep 0.05; done
  echo "FAIL: redis-server did not start" >&2; cat "$tmp/redis.log" >&2; exit 1
}
fail() { echo "FAIL: $*" >&2; exit 1; }
start_redis

echo "== back-pressure"
"$bin" analyze --db :memory: "$src/samples" 2>/dev/null | python3 "$here/gen.py" "$n" 7 > "$tmp/feed.jsonl"
set +e
"$bin" submit --quiet --redis "$url" --prefix bp --max-stream 5 --wait 0.5 "$tmp/feed.jsonl" 2> "$tmp/bp.err"
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "submit over --max-stream exited $rc, not 2"
grep -q "are the workers running" "$tmp/bp.err" || fail "no clear back-pressure message: $(cat "$tmp/bp.err")"
[ "$(cli xlen '{bp}:in')" -eq 5 ] || fail "the stream holds $(cli xlen '{bp}:in') entries, not 5"
echo "ok: $(cat "$tmp/bp.err")"

echo "== single-machine reference"
"$bin" analyze --db :memory: "$tmp/feed.jsonl" > "$tmp/single.json"

echo "== distributed run: 2 workers, one killed -9, Redis killed -9 and restarted"
"$bin" submit --quiet --redis "$url" "$tmp/feed.jsonl"
python3 "$here/resp.py" "$port" --save-first '{chorus}:in' "$tmp/entry.json" # for step 4
[ "$(cli get '{chorus}:seq')" -eq "$n" ] || fail "submitted $(cli get '{chorus}:seq') of $n"
# a consumer that reads 20 entries and dies before acknowledging any (what a
# worker killed between XREADGROUP and XACK leaves): XAUTOCLAIM must take them over
cli xreadgroup group workers Z count 20 streams '{chorus}:in' '>' >/dev/null
[ "$(cli xpending '{chorus}:in' workers | head -1)" -eq 20 ] || fail "Z did not take 20 entries"
wopts=(--redis "$url" --claim 1 --lease 1 --exit-when-idle 2 --retry 60 --verbose)
"$bin" worker "${wopts[@]}" --consumer A 2> "$tmp/A.err" & a=$!; pids+=("$a")
"$bin" worker "${wopts[@]}" --consumer B 2> "$tmp/B.err" & b=$!; pids+=("$b")
# wait until A holds entries it has not acknowledged, then kill it
for _ in $(seq 3000); do
  [ "$(cli xpending '{chorus}:in' workers - + 10 A | wc -l)" -gt 0 ] && [ "$(cli dbsize)" -gt 60 ] && break
  sleep 0.01
done
kill -9 "$a"
pending_a=$(( $(cli xpending '{chorus}:in' workers - + 100 A | wc -l) / 4 ))
applied_at_kill=$(cli get '{chorus}:applied' || echo 0)
echo "worker A killed with $pending_a entries pending; applied so far: ${applied_at_kill:-0}"
sleep 0.3
kill -9 "$(cat "$tmp/redis.pid")"
sleep 1
start_redis
echo "redis restarted (AOF): seq $(cli get '{chorus}:seq'), applied $(cli get '{chorus}:applied')"
"$bin" worker "${wopts[@]}" --consumer C 2> "$tmp/C.err" & c=$!; pids+=("$c")
wait "$b" || { cat "$tmp/B.err" >&2; fail "worker B failed"; }
wait "$c" || { cat "$tmp/C.err" >&2; fail "worker C failed"; }
cat "$tmp/B.err" "$tmp/C.err"
[ "$(cli get '{chorus}:applied')" -eq "$n" ] || fail "applied $(cli get '{chorus}:applied') of $n"
if [ "$(cli xlen '{chorus}:in')" -ne 0 ]; then
  echo "entries left: $(cli xlen '{chorus}:in'), sequence numbers: $(cli xrange '{chorus}:in' - + | grep -a -A1 -x s | grep -a -v -x -e s -e -- | tr '\n' ' ')" >&2
  [ -n "${SCALE_KEEP:-}" ] && cp -r "$tmp" "$SCALE_KEEP"
  fail "stream not empty"
fi
[ "$(cli xpending '{chorus}:in' workers | head -1)" -eq 0 ] || fail "entries still pending"
echo "ok: every record applied, none pending (Z's 20 and A's $pending_a taken over)"

compare() {
  "$bin" show --redis "$url" > "$tmp/dist.json"
  python3 - "$tmp/single.json" "$tmp/dist.json" <<'PY'
import json, sys
one, dist = (json.load(open(p)) for p in sys.argv[1:3])
ids = [a["id"] for a in dist["articles"]]
assert len(ids) == len(set(ids)), "an article is there twice"
assert sorted(ids) == sorted(a["id"] for a in one["articles"]), "articles differ"
def stories(d):
    # up to ids: a story is the set of its articles
    return sorted(sorted(s["articles"]) for s in d["stories"])
def copies(d):
    return sorted((c["copy"], c["origin"], c["kind"]) for c in d["copies"])
assert copies(one) == copies(dist), "copies differ"
assert stories(one) == stories(dist), "stories differ"
for d in (one, dist):
    d.pop("chorus", None)
same = json.dumps(one, sort_keys=True) == json.dumps(dist, sort_keys=True)
print("ok: %d articles once each, %d copies and %d stories as the single-machine run; whole document %s"
      % (len(ids), len(dist["copies"]), len(dist["stories"]), "identical" if same else "differs elsewhere"))
assert same, "the JSON documents differ"
PY
}
compare

echo "== at-least-once: an entry delivered again, an outcome applied again"
python3 "$here/resp.py" "$port" --readd '{chorus}:in' "$tmp/entry.json" >/dev/null
cli del chorus:a:$n >/dev/null
cli set '{chorus}:applied' $((n - 1)) >/dev/null
"$bin" worker "${wopts[@]}" --consumer D 2> "$tmp/D.err" || { cat "$tmp/D.err" >&2; fail "worker D failed"; }
cat "$tmp/D.err"
grep -q " 1 records analysed" "$tmp/D.err" || fail "worker D did not take the entry delivered again"
[ "$(cli get '{chorus}:applied')" -eq "$n" ] || fail "the deleted outcome was not redone"
compare
echo "== a record every worker dies on is rejected after 5 deliveries, not retried forever"
"$bin" submit --quiet --redis "$url" --prefix pp "$src/samples/text/vpr-contractor-denies-skipped-inspection.txt"
id=$(cli xreadgroup group workers Z count 1 streams '{pp}:in' '>' | awk '/^[0-9]+-[0-9]+$/ && !f {print; f = 1}')
for _ in 1 2 3 4; do cli xclaim '{pp}:in' workers Z 0 "$id" >/dev/null; done
"$bin" worker --redis "$url" --prefix pp --claim 0.2 --exit-when-idle 1 2> "$tmp/P.err" || { cat "$tmp/P.err" >&2; fail "worker P failed"; }
grep -q "delivered 5 times" "$tmp/P.err" || fail "no message for the poison record: $(cat "$tmp/P.err")"
[ "$(cli get '{pp}:applied')" -eq 1 ] || fail "the poison record blocks the stream stages"
"$bin" show --redis "$url" --prefix pp | python3 -c 'import json,sys; assert json.load(sys.stdin)["articles"] == []'
echo "ok: $(cat "$tmp/P.err")"
echo "PASS"
