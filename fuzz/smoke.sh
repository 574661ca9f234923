#!/usr/bin/env bash
# fuzz/smoke.sh BUILD_DIR [TARGET...]: runs each libFuzzer target of the fuzz
# build for FUZZ_SECONDS (default 15) from a copy of its seed corpus
# (fuzz/corpus/TARGET), under the build's sanitizers. New crashes are written
# to BUILD_DIR/ and fail the run. Used by scripts/test.sh and by the
# `fuzz-smoke` target of a fuzz build (make fuzz-smoke).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: fuzz/smoke.sh BUILD_DIR [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(html jsonl warc text serve)
for t in "${targets[@]}"; do
  work=$build/corpus-$t
  mkdir -p "$work"
  cp "$here/corpus/$t"/* "$work"/
  if ! "$build/fuzz/fuzz_$t" "$work" -max_total_time="${FUZZ_SECONDS:-15}" -max_len=65536 \
       -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$build/" -print_final_stats=1 \
       >"$build/fuzz_$t.log" 2>&1; then
    tail -n 40 "$build/fuzz_$t.log" >&2
    echo "fuzz_$t: failed (reproducer in $build/)" >&2
    exit 1
  fi
  echo "fuzz_$t: $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$build/fuzz_$t.log" | awk '{print $2}') runs, no crash"
done
