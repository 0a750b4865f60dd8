#!/usr/bin/env bash
# Builds the `asan` preset (clang, AddressSanitizer + UndefinedBehaviorSanitizer, build-asan/)
# and runs the whole CTest suite under it: every unit test, and every test that drives the
# real binary, runs the sanitized binary.
#
# Any sanitizer report fails this script, twice over: the reporting process aborts
# (abort_on_error, -fno-sanitize-recover=all), which fails the test that ran it, and every
# report is also written to build-asan/sanitizer-logs/ — so a report from a process whose exit
# status no test looks at (a server, a killed child) fails the run as well.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${PINGCHA_JOBS:-$(nproc)}"
TIMEFORMAT="asan: build: %0R s wall, %0U+%0S s CPU"
time {
  cmake --preset asan >/dev/null
  cmake --build --preset asan --parallel "$jobs"
}
logs="$PWD/build-asan/sanitizer-logs"
rm -rf "$logs"
mkdir -p "$logs"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:log_path=$logs/sanitizer"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$logs/sanitizer"
# Unoptimised, instrumented frames are several times larger than the Release build's: the
# nesting limits (limits.md) keep Release inside the usual 8 MiB stack, but at -O0 with ASan
# the deepest inputs the tests feed (BadInputs.*) need more, so the sanitized run gets 64 MiB.
ulimit -s 65536
# The sanitized binary is 10-100 times slower than the Release one. To keep the suite inside
# CI's time, the heavy tests run the same commands and checks on a tenth of their data
# (tests/unit/test_scale.hpp; PINGCHA_TEST_SCALE=1 runs them at full size), and the
# crash-safety tests, which kill and restart the binary many times, get a shorter budget per
# scenario (PINGCHA_CRASH_SECONDS overrides).
export PINGCHA_TEST_SCALE="${PINGCHA_TEST_SCALE:-10}"
export PINGCHA_CRASH_SECONDS="${PINGCHA_CRASH_SECONDS:-6}"
status=0
TIMEFORMAT="asan: suite: %0R s wall, %0U+%0S s CPU"
time ctest --test-dir build-asan --output-on-failure --parallel "$jobs" || status=1
# A report has an ERROR line (ASan, LSan) or a "runtime error" (UBSan). The crash-safety tests
# SIGKILL processes at random moments; one killed while LeakSanitizer inspects it at exit
# leaves only "Unable to get registers from thread …", which is shown but is no report.
for f in "$logs"/*; do
  [ -e "$f" ] || continue
  if grep -qE 'ERROR: |runtime error|SUMMARY: ' "$f"; then
    echo "asan: sanitizer report $f:" >&2
    status=1
  else
    echo "asan: note (no report), a process killed during its exit check: $f" >&2
  fi
  head -n 60 "$f" >&2
done
exit "$status"
