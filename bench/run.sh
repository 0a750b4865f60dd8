#!/usr/bin/env bash
# pingcha beside the peer engines and the hand-coded floors of ../shared/bench, on one corpus,
# in one invocation: records/s, MB/s, peak RSS, the ratios pingcha ÷ each, and whether the
# per-check counts agree.
#
#   bench/run.sh                      # 100,000 records (seed 1), one run each
#   RUNS=5 bench/run.sh               # median of 5, in five interleaved rounds
#   N=20000 ONLY='pingcha|cpp' bench/run.sh
#
# Needs python3, node + npm, cmake, /usr/bin/time, a Release build in build/ (PINGCHA to
# override). Peers are installed with `npm ci` into bench/peers/node_modules (git-ignored)
# from the committed lock file (exact versions also pinned in package.json); the floors are built with the project's compiler into
# build/bench-floor. Results: bench/data/results/ (table in summary.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
shared=${SHARED:-$src/../shared/bench}
RUNS=${RUNS:-1}
N=${N:-100000}
SEED=${SEED:-1}
ONLY=${ONLY:-.}
PINGCHA=${PINGCHA:-$src/build/cli/pingcha}
PINGCHA_PGO=${PINGCHA_PGO:-$src/build-pgo/cli/pingcha}  # scripts/build-pgo.sh; timed too when present
CORPUS=$here/data/corpus-${N}-s${SEED}.jsonl
OUT=$here/data/results
FLOOR=$src/build/bench-floor

need() { command -v "$1" >/dev/null || { echo "缺少 $1" >&2; exit 1; }; }
need python3; need node; need npm; need cmake
[ -x /usr/bin/time ] || { echo "缺少 /usr/bin/time（apt-get install time）" >&2; exit 1; }
[ -x "$PINGCHA" ] || { echo "没有 $PINGCHA：先 cmake --build build" >&2; exit 1; }

# ---- peers, floors, corpus
[ -d "$here/peers/node_modules/json-rules-engine" ] && [ -d "$here/peers/node_modules/@gorules/zen-engine" ] ||
  (cd "$here/peers" && { npm ci --no-audit --no-fund >&2 ||
    # npm 11 may refuse its own lock file (the other platforms' optional zen-engine binaries
    # are missing from it); package.json pins exact versions, so `npm install` is equivalent
    npm install --no-audit --no-fund >&2; })
export NODE_PATH=$here/peers/node_modules   # the peers' scripts live in $shared, without node_modules
cxx=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$src/build/CMakeCache.txt" 2>/dev/null || true)
[ -f "$FLOOR/CMakeCache.txt" ] ||
  cmake -S "$shared/floor_cpp" -B "$FLOOR" -DCMAKE_BUILD_TYPE=Release ${cxx:+-DCMAKE_CXX_COMPILER="$cxx"} >/dev/null
cmake --build "$FLOOR" -j2 >/dev/null
mkdir -p "$here/data"
[ -f "$CORPUS" ] || python3 "$shared/gen.py" --n "$N" --seed "$SEED" --out "$CORPUS"

# ---- runs: NAME.k.time (time -v), NAME.report (the per-check counts). Results of names
# that ONLY leaves out are kept from the previous run.
load_start=$(cut -d" " -f1-3 /proc/loadavg)
mkdir -p "$OUT"; touch "$OUT/index.tsv"
cd "$shared"  # the floors read catalog.json from the working directory
names=() kinds=() cmds=() shown=()
plan() {  # name report-command(pingcha|self) cmd...
  local name=$1 kind=$2; shift 2
  [[ $name =~ $ONLY ]] || return 0
  echo "$name: $*" >&2
  rm -f "$OUT/$name".*
  { grep -v -P "^\Q$name\E\t" "$OUT/index.tsv" || true; } > "$OUT/index.tmp" && mv "$OUT/index.tmp" "$OUT/index.tsv"
  names+=("$name") kinds+=("$kind") cmds+=("$(printf '%q ' "$@")") shown+=("$*")
}
P="$PINGCHA eval --rules $src/rules/bench --format json"
plan pingcha pingcha $P "$CORPUS"
plan pingcha-jobs2 pingcha $P --jobs 2 "$CORPUS"
[ -x "$PINGCHA_PGO" ] && plan pingcha-pgo pingcha "$PINGCHA_PGO" eval --rules "$src/rules/bench" --format json "$CORPUS"
plan cpp-simdjson-dom self "$FLOOR/eval_simdjson_dom" "$CORPUS"
plan cpp-simdjson self "$FLOOR/eval_simdjson" "$CORPUS"
plan cpp-nlohmann self "$FLOOR/eval_nlohmann" "$CORPUS"
plan js-floor self node "$shared/js-floor/run.js" "$CORPUS"
plan json-rules-engine self node "$shared/jre/run.js" "$CORPUS"
plan zen-16-in-flight self node "$shared/zen/run.js" "$CORPUS" --concurrency 16

# Round k of every implementation before round k+1 of any: this VM's speed drifts by a
# third over minutes, and a slow spell should fall on all of them, not on one's runs.
for k in $(seq 1 "$RUNS"); do
  for i in "${!names[@]}"; do
    name=${names[$i]}
    if [ "${kinds[$i]}" = pingcha ]; then
      eval "/usr/bin/time -v -o \"\$OUT/\$name.\$k.time\" ${cmds[$i]}" >/dev/null 2>"$OUT/$name.$k.err" || true
    else
      eval "/usr/bin/time -v -o \"\$OUT/\$name.\$k.time\" ${cmds[$i]}" >"$OUT/$name.report" 2>"$OUT/$name.$k.err" || true
    fi
  done
done
for i in "${!names[@]}"; do
  # pingcha's output is timed into /dev/null; its counts come from one more, untimed run
  if [ "${kinds[$i]}" = pingcha ]; then eval "${cmds[$i]}" 2>/dev/null | python3 "$here/counts.py" >"$OUT/${names[$i]}.report" || true; fi
  printf '%s\t%s\n' "${names[$i]}" "${shown[$i]}" >>"$OUT/index.tsv"
done

{
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $load_start (start) / $(cut -d' ' -f1-3 /proc/loadavg) (end), N=$N seed $SEED, $RUNS run(s) each"
  echo
  python3 "$here/table.py" "$OUT" "$CORPUS" "$N"
} | tee "$OUT/summary.md"
