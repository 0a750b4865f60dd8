#!/usr/bin/env bash
# Set up, build, then run every test (unit, golden end-to-end, rule-pack tests); then the
# same suite under AddressSanitizer + UndefinedBehaviorSanitizer (scripts/asan.sh) and each
# fuzzer for a bounded time (scripts/fuzz.sh). PINGCHA_SKIP_SANITIZERS=1 stops after the
# normal suite (e.g. while iterating locally).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
if [ "${PINGCHA_SKIP_SANITIZERS:-0}" != 1 ]; then
  scripts/asan.sh
  PINGCHA_FUZZ_SECONDS="${PINGCHA_FUZZ_SECONDS:-20}" scripts/fuzz.sh
fi
