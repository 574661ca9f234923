#!/usr/bin/env bash
# bench/serve.sh: chorus serve under wrk on loopback, beside a peer.
#   GET  /api/stories/s1 (the samples' biggest story, JSON) and /api/stories,
#        the story again with Accept-Encoding: gzip (as browsers send it),
#        and the same story JSON served as a file by python3 -m http.server
#        (the peer: a static file server, no analysis) -> requests/s, p99, ratio
#   POST /api/articles: new invented articles, BATCH per request (1, then 50)
#        -> articles/s, p99
# wrk and the server share the machine: on 2 cores, wrk takes one. As the
# machine may be shared, the server's own CPU time is printed too: requests
# (articles) per CPU-second of the server process, from /proc/PID/stat.
# POSTs use CONN_POST connections (default 8: every ingest waits for the one
# writer, so more connections only queue) and a 30 s wrk timeout.
#   DUR=10 CONN=64 CONN_POST=8 bash bench/serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh --bench
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2 >/dev/null
DUR=${DUR:-10}
CONN=${CONN:-64}
CONN_POST=${CONN_POST:-8}
work=bench/.work/serve
rm -rf "$work"
mkdir -p "$work/peer"
build/chorus analyze -q --db "$work/read.db" -o /dev/null samples/

start_server() { # db -> sets pid, port
  build/chorus serve --db "$1" --listen 127.0.0.1:0 --threads 2 --max-connections 1024 2>"$work/serve.log" &
  pid=$!
  for _ in $(seq 50); do
    port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  echo "serve did not start: $(cat "$work/serve.log")" >&2
  exit 1
}
cpu_s() { # CPU seconds (user + system) used so far by process $1
  awk -v t="$(getconf CLK_TCK)" '{printf "%.3f", ($14 + $15) / t}' "/proc/$1/stat"
}
# wrk's requests/s, 99th percentile latency and request count, as "RPS P99 N"
run_wrk() {
  wrk -t1 -c"${C:-$CONN}" -d"${DUR}s" --timeout 30s --latency "$@" >"$work/wrk.out" 2>&1
  local rps p99 errs n
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.out")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.out")
  n=$(awk '/requests in/ {print $1}' "$work/wrk.out")
  errs=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$work/wrk.out")
  if [ -n "$errs" ]; then echo "wrk: $errs non-2xx responses" >&2; cat "$work/wrk.out" >&2; fi
  echo "$rps $p99 $n"
}

start_server "$work/read.db"
curl -sf "http://127.0.0.1:$port/api/stories/s1" >"$work/peer/story.json"
curl -sf "http://127.0.0.1:$port/api/stories" >/dev/null
bytes=$(wc -c <"$work/peer/story.json")
c0=$(cpu_s "$pid")
read -r g_rps g_p99 g_n <<<"$(run_wrk "http://127.0.0.1:$port/api/stories/s1")"
c1=$(cpu_s "$pid")
read -r l_rps l_p99 l_n <<<"$(run_wrk "http://127.0.0.1:$port/api/stories")"
c2=$(cpu_s "$pid")
# as browsers ask for it: gzip (the snapshot keeps replies of 1 KB or more compressed)
gz_bytes=$(curl -sf -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port/api/stories/s1" | wc -c)
read -r z_rps z_p99 z_n <<<"$(run_wrk -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port/api/stories/s1")"
c3=$(cpu_s "$pid")
g_cpu=$(python3 -c "print(f'{$g_n / max($c1 - $c0, 1e-3):.0f}')")
l_cpu=$(python3 -c "print(f'{$l_n / max($c2 - $c1, 1e-3):.0f}')")
z_cpu=$(python3 -c "print(f'{$z_n / max($c3 - $c2, 1e-3):.0f}')")
kill "$pid"; wait "$pid" 2>/dev/null || true

python3 -m http.server 0 --bind 127.0.0.1 --directory "$work/peer" >"$work/peer.log" 2>&1 &
ppid_=$!
for _ in $(seq 50); do
  pport=$(sed -n 's|.*port \([0-9]*\).*|\1|p' "$work/peer.log" | head -1)
  [ -n "$pport" ] && break
  sleep 0.1
done
c0=$(cpu_s "$ppid_")
read -r p_rps p_p99 p_n <<<"$(run_wrk "http://127.0.0.1:$pport/story.json")"
p_cpu=$(python3 -c "print(f'{$p_n / max($(cpu_s "$ppid_") - $c0, 1e-3):.0f}')")
kill "$ppid_"; wait "$ppid_" 2>/dev/null || true

post() { # BATCH -> "articles/s p99 stored articles/CPU-s"
  rm -f "$work/write.db"*
  start_server "$work/write.db"
  local out rps p99 n stored c0 c1
  c0=$(cpu_s "$pid")
  out=$(C=$CONN_POST BATCH=$1 run_wrk -s bench/serve_post.lua "http://127.0.0.1:$port/api/articles")
  c1=$(cpu_s "$pid")
  read -r rps p99 n <<<"$out"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  stored=$(build/chorus stories --json --db "$work/write.db" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(len(s["articles"]) for s in d["stories"]))')
  python3 -c "print(f'{$rps * $1:.0f} {\"$p99\"} $stored {$stored / max($c1 - $c0, 1e-3):.0f}')"
}
read -r a1 a1_p99 a1_n a1_cpu <<<"$(post 1)"
read -r a50 a50_p99 a50_n a50_cpu <<<"$(post 50)"

printf '\nchorus serve on loopback, wrk -t1 -c%s (POST: -c%s) -d%ss, %s cores (wrk on the same machine), load average %s\n\n' \
  "$CONN" "$CONN_POST" "$DUR" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-44s %12s %10s %14s\n' "request" "per second" "p99" "per server CPU-s"
printf '%-44s %12s %10s %14s\n' "GET /api/stories/s1 ($bytes bytes)" "$g_rps" "$g_p99" "$g_cpu"
printf '%-44s %12s %10s %14s\n' "GET /api/stories" "$l_rps" "$l_p99" "$l_cpu"
printf '%-44s %12s %10s %14s\n' "GET /api/stories/s1, gzip ($gz_bytes bytes)" "$z_rps" "$z_p99" "$z_cpu"
printf '%-44s %12s %10s %14s\n' "peer: python3 http.server, same story file" "$p_rps" "$p_p99" "$p_cpu"
printf '%-44s %12s %10s %14s\n' "POST /api/articles, 1 article a request" "$a1 art." "$a1_p99" "$a1_cpu art."
printf '%-44s %12s %10s %14s\n' "POST /api/articles, 50 articles a request" "$a50 art." "$a50_p99" "$a50_cpu art."
python3 -c "print(f'\nGET story: chorus / peer = {$g_rps / $p_rps:.1f}x')"
printf 'stored after the POST runs: %s and %s articles in stories\n' "$a1_n" "$a50_n"
