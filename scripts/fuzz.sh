#!/usr/bin/env bash
# Runs each libFuzzer target (fuzz/) for a bounded time, starting from its seed corpus in
# fuzz/corpus/<target>/. New interesting inputs go to build-asan/fuzz-corpus/<target>/ (not
# the repository); a crash, leak or timeout stops with the input saved under
# build-asan/fuzz-artifacts/ — copy it to tests/fuzz-regressions/<target>/, fix the bug, and
# FuzzRegression.* replays it in every test run from then on.
#
#   scripts/fuzz.sh                 every target, PINGCHA_FUZZ_SECONDS (default 20) each
#   scripts/fuzz.sh rules csv       only those targets
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${PINGCHA_FUZZ_SECONDS:-20}"
targets=("$@")
((${#targets[@]})) || targets=(rules case_reader citation csv law_text)
cmake --preset asan >/dev/null
cmake --build --preset asan --parallel "${PINGCHA_JOBS:-$(nproc)}" --target "${targets[@]/#/fuzz_}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
for t in "${targets[@]}"; do
  corpus="build-asan/fuzz-corpus/$t"
  artifacts="build-asan/fuzz-artifacts/$t/"
  mkdir -p "$corpus" "$artifacts"
  echo "fuzz: $t for ${seconds}s"
  if ! "build-asan/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" "fuzz/corpus/$t" \
      >"build-asan/fuzz-$t.log" 2>&1; then
    status=1
    echo "fuzz: $t FAILED; the input is in $artifacts (log: build-asan/fuzz-$t.log)" >&2
    tail -n 40 "build-asan/fuzz-$t.log" >&2
  else
    grep -E "^stat::number_of_executed_runs|^stat::new_units_added" "build-asan/fuzz-$t.log" | tr '\n' ' '
    echo
  fi
done
exit "$status"
