#!/usr/bin/env bash
# Builds chorus and runs every test: the release build (-O2), the same tests
# under AddressSanitizer + UndefinedBehaviorSanitizer (leaks included), the
# --jobs pool under ThreadSanitizer (tests/tsan.sh), and a short libFuzzer run
# of each fuzz target (FUZZ_SECONDS each, default 15).
# Installs missing Debian packages first (scripts/deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
# chromium for the browser test; when it cannot be installed that test skips
bash scripts/deps.sh --browser || echo "deps: chromium could not be installed: the browser test will be skipped" >&2
bash scripts/checksrc.sh
jobs=$(nproc)
passed=0

echo "== release build"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"
passed=$((passed + $(ctest --test-dir build -N | awk '/Total Tests:/ {print $3}')))

echo "== sanitizer build (ASan + UBSan)"
cmake -S . -B build-san -DCHORUS_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-san -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-san --output-on-failure -j"$jobs"
passed=$((passed + $(ctest --test-dir build-san -N | awk '/Total Tests:/ {print $3}')))

echo "== thread sanitizer (the --jobs pool)"
cmake -S . -B build-tsan -DCHORUS_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS=-fsanitize=thread -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread \
  -DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=thread >/dev/null
cmake --build build-tsan -j"$jobs" --target chorus
bash tests/tsan.sh build-tsan
passed=$((passed + 1))

echo "== fuzz smoke (libFuzzer, ${FUZZ_SECONDS:-15} s per target)"
cmake -S . -B build-fuzz -DCHORUS_FUZZ=ON -DCHORUS_TESTS=OFF -DCMAKE_C_COMPILER=clang \
  -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-fuzz -j"$jobs"
for t in html jsonl warc text serve; do
  if ! bash fuzz/smoke.sh build-fuzz "$t"; then
    echo "summary: $passed passed, 1 failed"
    exit 1
  fi
  passed=$((passed + 1))
done
echo "summary: $passed passed, 0 failed"
