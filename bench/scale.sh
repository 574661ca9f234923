#!/usr/bin/env bash
# bench/scale.sh: the distributed run (docs/scale.md) on this machine against
# the single-process run, on the same generated feed (tests/scale/gen.py: the
# samples' articles copied, trimmed and republished among filler stories, as
# HTML pages; N articles, default 3000).
#
# Measures, each on its own redis-server (loopback, AOF; appendfsync from
# FSYNC, default everysec: a killed redis-server loses nothing acknowledged, as
# Redis writes the AOF before it replies; "always" also survives the machine
# crashing, at one fsync a write):
#   - single: `chorus analyze --db :memory:` wall and CPU time, peak RSS;
#   - 1 worker, 2 workers: wall time from the first worker's start to the last
#     record applied (polled every 20 ms), the workers' CPU and peak RSS, the
#     Redis commands per article (INFO commandstats, submit included) and the
#     redis-server CPU per article;
#   - the stream stages alone (the serial part): with every record already
#     analysed, the log deleted and one worker applying it all again.
# Prints one table; docs/scale.md keeps the figures. Needs redis-server,
# python3 and GNU time (scripts/deps.sh --bench).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-3000}"
bin=build/chorus
[ -x "$bin" ] || { echo "build first: cmake -S . -B build && cmake --build build" >&2; exit 1; }
tmp=$(mktemp -d)
rpid=""
cleanup() { [ -n "$rpid" ] && kill -9 "$rpid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="redis://127.0.0.1:$port"
cli() { redis-cli -p "$port" "$@"; }
start_redis() {
  rm -rf "$tmp/redis"; mkdir -p "$tmp/redis"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$tmp/redis" --appendonly yes --appendfsync "${FSYNC:-everysec}" \
    --save '' --daemonize yes --pidfile "$tmp/redis/pid" --logfile "$tmp/redis/log"
  for _ in $(seq 200); do [ "$(cli ping 2>/dev/null)" = PONG ] && break; sleep 0.05; done
  rpid=$(cat "$tmp/redis/pid")
}
stop_redis() { cli shutdown nosave >/dev/null 2>&1 || true; rpid=""; sleep 0.2; }
cmds() { cli info commandstats | awk -F'[=,]' '/^cmdstat_/ {s += $2} END {print s}'; }
redis_cpu() { awk '{printf "%.3f", ($14 + $15) / 100}' "/proc/$rpid/stat"; } # utime + stime, at 100 Hz
now() { date +%s.%N; }

"$bin" analyze --db :memory: samples/ 2>/dev/null | python3 tests/scale/gen.py "$n" 11 > "$tmp/feed.jsonl"
echo "appendfsync ${FSYNC:-everysec}"
echo "feed: $n articles, $(du -k "$tmp/feed.jsonl" | cut -f1) KiB"

/usr/bin/time -f "%e %U %S %M" -o "$tmp/single.time" "$bin" analyze --db :memory: "$tmp/feed.jsonl" > /dev/null
read -r s_wall s_user s_sys s_rss < "$tmp/single.time"

run() { # $1 workers
  local w=$1
  start_redis
  local c0 t0 t1 cpu0
  c0=$(cmds); cpu0=$(redis_cpu)
  "$bin" submit --quiet --redis "$url" --max-stream 1000000 "$tmp/feed.jsonl"
  t0=$(now)
  local pids=()
  for i in $(seq "$w"); do
    /usr/bin/time -f "%e %U %S %M" -o "$tmp/w$i.time" "$bin" worker --redis "$url" --exit-when-idle 0.3 \
      --consumer "w$i" --verbose 2> "$tmp/w$i.err" &
    pids+=($!)
  done
  while [ "$(cli get '{chorus}:applied')" != "$n" ]; do sleep 0.02; done
  t1=$(now)
  for p in "${pids[@]}"; do wait "$p"; done
  local c1 cpu1
  c1=$(cmds); cpu1=$(redis_cpu)
  local wcpu=0 wrss=0
  for i in $(seq "$w"); do
    read -r _ u s m < "$tmp/w$i.time"
    wcpu=$(python3 -c "print($wcpu + $u + $s)")
    [ "$m" -gt "$wrss" ] && wrss=$m
  done
  local wall
  wall=$(python3 -c "print(round($t1 - $t0, 3))")
  printf "%-22s %8s s %9.0f /s %8.3f s %8.1f %8.2f ms %8d KiB\n" "$w worker(s)" "$wall" \
    "$(python3 -c "print($n / $wall)")" "$wcpu" "$(python3 -c "print(($c1 - $c0) / $n)")" \
    "$(python3 -c "print(($cpu1 - $cpu0) * 1000 / $n)")" "$wrss"
  eval "wall_$w=$wall"
  echo "  redis used_memory per article: $(( $(cli info memory | awk -F: '/^used_memory:/ {print $2+0}') / n )) bytes (results and outcomes kept)"
  if [ "$w" -eq 1 ]; then
    # the serial part alone: the log deleted, one worker applies every record again
    # the JSON document, as analyze writes it at the end of its run
    /usr/bin/time -f "%e %U %S %M" -o "$tmp/show.time" "$bin" show --redis "$url" > /dev/null
    read -r h_wall h_user h_sys h_rss < "$tmp/show.time"
    printf "%-22s %8s s %12s %8.3f s %8s %11s %8d KiB\n" "show --redis (JSON)" "$h_wall" "" \
      "$(python3 -c "print($h_user + $h_sys)")" "-" "-" "$h_rss"
    cli --scan --pattern 'chorus:a:*' | xargs -r -n 500 redis-cli -p "$port" del > /dev/null
    cli del '{chorus}:applied' '{chorus}:lease' > /dev/null
    c0=$(cmds); cpu0=$(redis_cpu)
    /usr/bin/time -f "%e %U %S %M" -o "$tmp/apply.time" "$bin" worker --redis "$url" --exit-when-idle 0.3 \
      --consumer applier 2> /dev/null
    read -r a_wall a_user a_sys a_rss < "$tmp/apply.time"
    c1=$(cmds); cpu1=$(redis_cpu)
    printf "%-22s %8s s %9.0f /s %8.3f s %8.1f %8.2f ms %8d KiB  (wall includes 0.3 s idle exit)\n" \
      "stream stages alone" "$a_wall" "$(python3 -c "print($n / ($a_user + $a_sys))")" \
      "$(python3 -c "print($a_user + $a_sys)")" "$(python3 -c "print(($c1 - $c0) / $n)")" \
      "$(python3 -c "print(($cpu1 - $cpu0) * 1000 / $n)")" "$a_rss"
  fi
  stop_redis
}

printf "%-22s %10s %12s %10s %8s %11s %12s\n" "run" "wall" "articles/s" "CPU" "cmds/art" "redis CPU/art" "peak RSS"
printf "%-22s %8s s %9.0f /s %8.3f s %8s %11s %8d KiB\n" "single process" "$s_wall" \
  "$(python3 -c "print($n / $s_wall)")" "$(python3 -c "print($s_user + $s_sys)")" "-" "-" "$s_rss"
run 1
run 2
echo "ratio 2 workers / 1 worker (wall): $(python3 -c "print(round($wall_1 / $wall_2, 2))")"
echo "ratio 2 workers / single process (wall): $(python3 -c "print(round($s_wall / $wall_2, 2))")"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
