#!/usr/bin/env bash
# A profile-guided build of the CLI in build-pgo/ (PGO_BUILD=DIR for another folder): an
# instrumented build, a training run, then the optimised build. bench/run.sh times
# build-pgo/cli/pingcha beside the ordinary Release build when it exists.
#
# The training runs evaluate a corpus of ../shared/bench/gen.py with seed 2 (the benchmark's
# corpus is seed 1) against rules/bench, and the Shenshan samples against rules/shenshan,
# once plainly and once explained, so that the profile covers the reader, the rule plan, the
# findings and the output, not one pack alone. About 11 minutes on this project's 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${PGO_BUILD:-build-pgo}"
jobs="${PINGCHA_JOBS:-$(nproc)}"
shared="${SHARED:-../shared}"

cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPINGCHA_PGO=generate >/dev/null
cmake --build "$dir" --parallel "$jobs" --target pingcha
find "$dir" -name '*.gcda' -delete  # profiles of an earlier training describe other code

train="$dir/train-s2.jsonl"
[ -f "$train" ] || python3 "$shared/bench/gen.py" --n 20000 --seed 2 --out "$train"
pingcha="$dir/cli/pingcha"
"$pingcha" eval --rules rules/bench --format json "$train" >/dev/null
"$pingcha" eval --rules rules/bench --format text "$train" >/dev/null
"$pingcha" eval --rules rules/shenshan --format json samples/shenshan/*.json >/dev/null
"$pingcha" eval --rules rules/shenshan --explain --format json samples/shenshan/*.json >/dev/null

cmake -S . -B "$dir" -DPINGCHA_PGO=use >/dev/null
cmake --build "$dir" --parallel "$jobs" --target pingcha
echo "$dir/cli/pingcha: profile-guided build"
