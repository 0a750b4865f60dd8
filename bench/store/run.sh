#!/usr/bin/env bash
# The batch store at scale (issues 6 and 8): N generated case files (default 1,000,000)
# through `pingcha import`, `pingcha run --jobs 2` and `pingcha report`, each timed with
# /usr/bin/time -v. Prints wall time, throughput and peak RSS per step and the database size
# as a Markdown table, and checks the targets (import < 60 s, run < 60 s with peak RSS < 1 GiB).
#   bench/store/run.sh            # N=1000000
#   N=100000 bench/store/run.sh   # a quicker look
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${N:-1000000}"
SEED="${SEED:-2025}"
JOBS="${JOBS:-2}"
work="${WORK:-build/bench-store}"
pingcha=build/cli/pingcha

if [ ! -x /usr/bin/time ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y -qq time >/dev/null
fi
[ -x "$pingcha" ] || scripts/build.sh

cases="$work/cases.jsonl"
db="$work/review.db"
# REUSE_CASES=1 keeps a corpus generated before with the same N and SEED (skips the gen step's timing).
if [ "${REUSE_CASES:-0}" = 1 ] && [ -f "$cases" ] && [ -f "$work/gen.time" ] && [ "$(cat "$work/corpus" 2>/dev/null)" = "$N $SEED" ]; then
    rm -f "$db" "$db-wal" "$db-shm"
    reuse=1
else
    rm -rf "$work"
    mkdir -p "$work"
    reuse=0
fi

# measure NAME COMMAND…: runs it under /usr/bin/time -v; records wall and CPU seconds and peak RSS (MiB).
declare -A wall cpu rss
measure() {
    local name="$1"
    shift
    /usr/bin/time -v -o "$work/$name.time" "$@"
    measure_from_file "$name"
}
measure_from_file() {
    local name="$1" clock
    clock=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/$name.time")
    wall[$name]=$(awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f", s }' <<<"$clock")
    cpu[$name]=$(awk '/User time|System time/ { s += $NF } END { printf "%.1f", s }' "$work/$name.time")
    rss[$name]=$(awk '/Maximum resident set size/ { printf "%.0f", $NF / 1024 }' "$work/$name.time")
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
if [ "$reuse" = 1 ]; then
    measure_from_file gen
else
    measure gen "$pingcha" gen --n "$N" --seed "$SEED" --out "$cases"
    echo "$N $SEED" >"$work/corpus"
fi
measure import "$pingcha" import --db "$db" "$cases"
run_id=$(mktemp)
measure run sh -c "'$pingcha' run --db '$db' --rules rules/shenshan --jobs $JOBS >'$run_id'"
run=$(cat "$run_id")
rm -f "$run_id"
measure report "$pingcha" report --db "$db" --run "$run" --format md --out "$work/report.md"
measure report_json "$pingcha" report --db "$db" --run "$run" --format json --out "$work/report.json"

mib() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
input_bytes=$(stat -c %s "$cases")
db_bytes=$(($(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0)))
rate() { awk -v n="$N" -v s="$1" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }

echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), N = $N, input $(mib "$input_bytes") MiB JSON Lines"
echo
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows wall times)"
echo
# CPU µs per case does not depend on other load on the machine; wall time does.
per_case() { awk -v n="$N" -v s="$1" 'BEGIN { printf "%.0f", s * 1e6 / n }'; }
echo "| step | wall s | cases/s (wall) | CPU s (user+sys) | CPU µs per case | peak RSS MiB |"
echo "|---|---|---|---|---|---|"
for step in gen import run report report_json; do
    echo "| $step | ${wall[$step]} | $(rate "${wall[$step]}") | ${cpu[$step]} | $(per_case "${cpu[$step]}") | ${rss[$step]} |"
done
echo
echo "database: $(mib "$db_bytes") MiB ($(awk -v b="$db_bytes" -v n="$N" 'BEGIN { printf "%.0f", b / n }') bytes per case)"

status=0
check() { # check LABEL VALUE LIMIT
    if awk -v v="$2" -v l="$3" 'BEGIN { exit !(v < l) }'; then echo "ok   $1: $2 < $3"; else echo "MISS $1: $2 ≥ $3"; status=1; fi
}
if [ "$N" -eq 1000000 ]; then
    check "import wall s" "${wall[import]}" 60
    check "run wall s" "${wall[run]}" 60
    check "run peak RSS MiB" "${rss[run]}" 1024
fi
exit $status
