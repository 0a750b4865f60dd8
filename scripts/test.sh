#!/usr/bin/env bash
# Set up, build, then run every test (unit, golden end-to-end, rule-pack tests).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
