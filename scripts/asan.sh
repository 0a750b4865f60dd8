#!/usr/bin/env bash
# Builds the `asan` preset (clang, AddressSanitizer + UndefinedBehaviorSanitizer, build-asan/)
# and runs the whole CTest suite under it: every unit test, and every test that drives the
# real binary, runs the sanitized binary. Any report aborts the test that caused it.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${PINGCHA_JOBS:-$(nproc)}"
cmake --preset asan >/dev/null
cmake --build --preset asan --parallel "$jobs"
# The crash-safety tests kill and restart the binary many times: a shorter budget per scenario
# under the sanitizers keeps the suite inside CI's time (PINGCHA_CRASH_SECONDS overrides).
export PINGCHA_CRASH_SECONDS="${PINGCHA_CRASH_SECONDS:-6}"
ctest --preset asan --parallel "$jobs"
