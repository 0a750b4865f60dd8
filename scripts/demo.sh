#!/usr/bin/env bash
# Set up, build, then evaluate the bundled sample case files with the bundled rule pack
# (the Shenshan pack by default; `scripts/demo.sh demo` for the demo pack).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
pack="${1:-shenshan}"
shopt -s nullglob
status=0
build/cli/pingcha eval --rules "rules/$pack" samples/"$pack"/*.json samples/"$pack"/*.jsonl || status=$?
# exit 2 means some sample records were rejected on purpose (they show bad-input handling)
[ "$status" -eq 0 ] || [ "$status" -eq 2 ]
