#!/usr/bin/env bash
# rules/bench against the hand-coded JavaScript floor of ../shared/bench: a generated corpus
# (2,000 records) plus broken lines; the per-check counts (and the rejected count) must be equal.
#   tests/bench_counts.sh PINGCHA_BINARY SOURCE_DIR
set -euo pipefail
pingcha=$1
src=$2
shared=$src/../shared/bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$shared/gen.py" --n 2000 --seed 5 --out "$work/corpus.jsonl"
{
  head -n 1000 "$work/corpus.jsonl"
  echo '{"format":"case-file/1","id":"broken", "dates": {'
  echo 'not json at all'
  echo '{"format":"case-file/1","id":"b","extra":{"n":-}}'
  tail -n +1001 "$work/corpus.jsonl"
  echo '[1, 2]'
} > "$work/mixed.jsonl"
node "$shared/js-floor/run.js" "$work/mixed.jsonl" > "$work/floor.txt" 2>/dev/null
status=0
"$pingcha" eval --rules "$src/rules/bench" --format json "$work/mixed.jsonl" > "$work/pingcha.jsonl" 2>/dev/null || status=$?
[ "$status" -eq 2 ] || { echo "pingcha eval should exit 2 (records rejected), got $status"; exit 1; }
python3 "$src/bench/counts.py" < "$work/pingcha.jsonl" > "$work/pingcha.txt"
grep -q '^records 2004$' "$work/floor.txt" && grep -q '^rejected 4$' "$work/floor.txt" || { cat "$work/floor.txt"; exit 1; }
diff "$work/floor.txt" "$work/pingcha.txt"
echo "counts agree: $(grep -c . "$work/floor.txt") lines"
