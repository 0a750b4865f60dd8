#!/usr/bin/env bash
# Set up, build, then run every test (unit, golden end-to-end, rule-pack, browser tests); then
# the same suite again under AddressSanitizer + UndefinedBehaviorSanitizer (scripts/asan.sh: a
# clang build in build-asan/, the heavy tests' workloads scaled down, see
# tests/unit/test_scale.hpp) and each libFuzzer target for a bounded time (scripts/fuzz.sh).
# Any failure in any stage fails the script. This is what CI runs (.ci/run); the whole of it
# must stay under 20 minutes on a fresh 2-core machine from a clean clone (docs/guarantees.md
# has the measured stages). Each stage prints its wall and CPU time.
#
# PINGCHA_SANITIZERS=0 skips the sanitizer suite and the fuzzing (a quicker run while developing).
set -euo pipefail
cd "$(dirname "$0")/.."

# Runs "$@" as the stage named $1 and reports its times (children included).
stage() {
  local name="$1" TIMEFORMAT
  shift
  TIMEFORMAT="test.sh: $name: %0R s wall, %0U+%0S s CPU"
  time "$@"
}

stage setup scripts/setup.sh
stage "Release build" scripts/build.sh
stage "Release suite" ctest --test-dir build --output-on-failure --parallel "$(nproc)"
if [ "${PINGCHA_SANITIZERS:-1}" != 0 ]; then
  stage "sanitizer build and suite" scripts/asan.sh
  stage fuzzing scripts/fuzz.sh
fi
