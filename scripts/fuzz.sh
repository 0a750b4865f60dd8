#!/usr/bin/env bash
# Runs each libFuzzer target (fuzz/) for a bounded time, PINGCHA_JOBS (default: the number of
# cores) at a time. Seeds: fuzz/corpus/<target>/ plus the real inputs of the repository —
# rules/ for `rules`, samples/ for `case_reader`, ../shared/laws/ (when present) for `law_text`.
# New interesting inputs go to build-asan/fuzz-corpus/<target>/ (not the repository). A crash,
# leak, sanitizer report or timeout makes this script exit 1 with the input saved under
# build-asan/fuzz-artifacts/<target>/ — copy it to tests/fuzz-regressions/<target>/, fix the
# bug, and FuzzRegression.* replays it in every test run from then on.
#
#   scripts/fuzz.sh                 every target, PINGCHA_FUZZ_SECONDS (default 12) each
#   scripts/fuzz.sh rules csv       only those targets
#
# Why 12 s: CI (scripts/test.sh) runs this after the Release and the sanitizer suites, and the
# whole run must stay under 20 minutes on 2 cores (a cold run took 19 min 55 s with 20 s each);
# five targets two at a time take three rounds, so 12 s each is about 40 s. That is long enough
# to replay every seed and corpus input under
# the sanitizers and mutate from them (30 s on a shared machine executed 343 inputs of `rules`,
# the slowest, up to 370,000 of `citation`); longer campaigns are for a developer's machine
# (PINGCHA_FUZZ_SECONDS=600 scripts/fuzz.sh rules).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${PINGCHA_FUZZ_SECONDS:-12}"
jobs="${PINGCHA_JOBS:-$(nproc)}"
targets=("$@")
((${#targets[@]})) || targets=(rules case_reader citation csv law_text)
cmake --preset asan >/dev/null
cmake --build --preset asan --parallel "$jobs" --target "${targets[@]/#/fuzz_}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

seeds() {
  case "$1" in
    rules) echo rules ;;
    case_reader) echo samples ;;
    law_text) [ -d ../shared/laws ] && echo ../shared/laws ;;
  esac
  return 0
}

# One target; its output goes to build-asan/fuzz-<target>.log.
fuzz_one() {
  local t="$1" corpus="build-asan/fuzz-corpus/$1" artifacts="build-asan/fuzz-artifacts/$1/"
  mkdir -p "$corpus" "$artifacts"
  # shellcheck disable=SC2046  # seeds() gives zero or one directory without spaces
  "build-asan/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" "fuzz/corpus/$t" $(seeds "$t") \
    >"build-asan/fuzz-$t.log" 2>&1
}

report() {
  local t="$1" rc="$2"
  if [ "$rc" -ne 0 ]; then
    echo "fuzz: $t FAILED (exit $rc); the input is in build-asan/fuzz-artifacts/$t/ (log: build-asan/fuzz-$t.log)" >&2
    tail -n 40 "build-asan/fuzz-$t.log" >&2
    return 1
  fi
  echo "fuzz: $t ${seconds}s: $(grep -E '^stat::(number_of_executed_units|new_units_added)' "build-asan/fuzz-$t.log" | tr '\n' ' ')"
}

status=0
for ((i = 0; i < ${#targets[@]}; i += jobs)); do
  batch=("${targets[@]:i:jobs}")
  pids=()
  for t in "${batch[@]}"; do
    fuzz_one "$t" &
    pids+=($!)
  done
  for k in "${!batch[@]}"; do
    rc=0
    wait "${pids[k]}" || rc=$?
    report "${batch[k]}" "$rc" || status=1
  done
done
exit "$status"
