#!/usr/bin/env bash
# ctest "scale_cluster": the distributed run on a 3-master Redis Cluster of its
# own (loopback, AOF, no replicas), against the single-machine run: the
# per-article keys spread over the three masters (checked), the commands
# follow MOVED redirects, a worker is killed -9 mid-stream and one master is
# killed -9 and restarted mid-run; every article once, and the same copies,
# stories and whole JSON document as `chorus analyze`.
set -euo pipefail
n="${SCALE_ARTICLES:-600}"
. "$(dirname "$0")/common.sh"
ports=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  for p in "${ports[@]}"; do [ -f "$tmp/$p/pid" ] && kill -9 "$(cat "$tmp/$p/pid")" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# three ports whose cluster bus ports (port + 10000) are free too
read -r -a ports <<< "$(python3 - <<'PY'
import random, socket
def free(p):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p))
        return True
    except OSError:
        return False
    finally:
        s.close()
got = []
while len(got) < 3:
    p = random.randrange(20000, 50000)
    if p not in got and free(p) and free(p + 10000):
        got.append(p)
print(*got)
PY
)"
start_node() {
  local p=$1
  mkdir -p "$tmp/$p"
  redis-server --port "$p" --bind 127.0.0.1 --dir "$tmp/$p" --cluster-enabled yes \
    --cluster-config-file nodes.conf --cluster-node-timeout 2000 --appendonly yes --appendfsync always \
    --save '' --daemonize yes --pidfile "$tmp/$p/pid" --logfile "$tmp/$p/log"
  for _ in $(seq 200); do [ "$(redis-cli -p "$p" ping 2>/dev/null)" = PONG ] && return 0; sleep 0.05; done
  cat "$tmp/$p/log" >&2
  fail "redis-server on $p did not start"
}
cluster_ok() {
  for _ in $(seq 400); do
    redis-cli -p "${ports[0]}" cluster info 2>/dev/null | grep -q 'cluster_state:ok' && return 0
    sleep 0.05
  done
  fail "the cluster is not ok"
}
for p in "${ports[@]}"; do start_node "$p"; done
redis-cli --cluster create "127.0.0.1:${ports[0]}" "127.0.0.1:${ports[1]}" "127.0.0.1:${ports[2]}" \
  --cluster-replicas 0 --cluster-yes > "$tmp/create.log" 2>&1 || { cat "$tmp/create.log" >&2; fail "cluster create"; }
cluster_ok
echo "cluster of 3 masters on ${ports[*]}"
cc() { redis-cli -c -p "${ports[0]}" "$@"; }

"$bin" analyze --db :memory: "$src/samples" 2>/dev/null | python3 "$here/gen.py" "$n" 5 > "$tmp/feed.jsonl"
"$bin" analyze --db :memory: "$tmp/feed.jsonl" > "$tmp/single.json"

"$bin" submit --quiet --redis "redis://127.0.0.1:${ports[1]}" "$tmp/feed.jsonl"
[ "$(cc get '{chorus}:seq')" -eq "$n" ] || fail "submitted $(cc get '{chorus}:seq') of $n"
wopts=(--claim 1 --lease 1 --exit-when-idle 2 --retry 60 --verbose)
"$bin" worker --redis "redis://127.0.0.1:${ports[0]}" "${wopts[@]}" --consumer A 2> "$tmp/A.err" & a=$!; pids+=("$a")
"$bin" worker --redis "redis://127.0.0.1:${ports[2]}" "${wopts[@]}" --consumer B 2> "$tmp/B.err" & b=$!; pids+=("$b")
for _ in $(seq 3000); do
  [ "$(cc xpending '{chorus}:in' workers - + 10 A | wc -l)" -gt 0 ] && [ "$(cc get '{chorus}:applied')" != "" ] && break
  sleep 0.01
done
kill -9 "$a"
echo "worker A killed; applied so far: $(cc get '{chorus}:applied')"
# one master killed -9 and restarted: the slots it serves are down meanwhile
victim=${ports[2]}
[ "$(redis-cli -p "$victim" cluster countkeysinslot "$(redis-cli -p "$victim" cluster keyslot '{chorus}:in')")" -ge 0 ]
kill -9 "$(cat "$tmp/$victim/pid")"
sleep 1
start_node "$victim"
cluster_ok
echo "master $victim restarted (AOF)"
"$bin" worker --redis "redis://127.0.0.1:${ports[1]}" "${wopts[@]}" --consumer C 2> "$tmp/C.err" & c=$!; pids+=("$c")
wait "$b" || { cat "$tmp/B.err" >&2; fail "worker B failed"; }
wait "$c" || { cat "$tmp/C.err" >&2; fail "worker C failed"; }
cat "$tmp/B.err" "$tmp/C.err"
[ "$(cc get '{chorus}:applied')" -eq "$n" ] || fail "applied $(cc get '{chorus}:applied') of $n"
[ "$(cc xpending '{chorus}:in' workers | head -1)" -eq 0 ] || fail "entries still pending"
for p in "${ports[@]}"; do
  k=$(redis-cli -p "$p" dbsize)
  echo "master $p holds $k keys"
  [ "$k" -gt $((n / 5)) ] || fail "master $p holds only $k keys: the per-article keys are not spread"
done
"$bin" show --redis "redis://127.0.0.1:${ports[2]}" > "$tmp/dist.json"
python3 - "$tmp/single.json" "$tmp/dist.json" <<'PY'
import json, sys
one, dist = (json.load(open(p)) for p in sys.argv[1:3])
ids = [a["id"] for a in dist["articles"]]
assert len(ids) == len(set(ids)), "an article is there twice"
assert sorted(ids) == sorted(a["id"] for a in one["articles"]), "articles differ"
assert sorted(sorted(s["articles"]) for s in one["stories"]) == sorted(sorted(s["articles"]) for s in dist["stories"]), "stories differ"
assert sorted((c["copy"], c["origin"], c["kind"]) for c in one["copies"]) == \
       sorted((c["copy"], c["origin"], c["kind"]) for c in dist["copies"]), "copies differ"
for d in (one, dist):
    d.pop("chorus", None)
assert json.dumps(one, sort_keys=True) == json.dumps(dist, sort_keys=True), "the JSON documents differ"
print("ok: %d articles once each, %d copies, %d stories: the whole document as the single-machine run"
      % (len(ids), len(dist["copies"]), len(dist["stories"])))
PY
echo PASS
