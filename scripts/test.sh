#!/usr/bin/env bash
# Set up, build, then run every test (unit, golden end-to-end, rule-pack tests, browser tests).
# PINGCHA_SANITIZERS=1 also runs the same suite under AddressSanitizer + UndefinedBehaviorSanitizer
# (scripts/asan.sh) and each fuzzer for a bounded time (scripts/fuzz.sh). That second, clang
# build of the whole engine takes longer than CI's 20-minute budget on 2 cores, so it is a
# separate, opt-in stage (see docs/guarantees.md).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
if [ "${PINGCHA_SANITIZERS:-0}" = 1 ]; then
  scripts/asan.sh
  PINGCHA_FUZZ_SECONDS="${PINGCHA_FUZZ_SECONDS:-20}" scripts/fuzz.sh
fi
