#!/usr/bin/env bash
# Set up, build, then run every test (unit, golden end-to-end, rule-pack, browser tests); then
# the same suite again under AddressSanitizer + UndefinedBehaviorSanitizer (scripts/asan.sh: a
# clang build in build-asan/) and each libFuzzer target for a bounded time (scripts/fuzz.sh).
# CI (.ci/run) runs all of it; on 2 cores with a cold ccache it stays inside the 20-minute
# budget (docs/guarantees.md has the measured times). PINGCHA_SANITIZERS=0 skips the sanitizer
# and fuzzing stages for a quick local run; CI never sets it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
if [ "${PINGCHA_SANITIZERS:-1}" != 0 ]; then
  scripts/asan.sh
  scripts/fuzz.sh
fi
