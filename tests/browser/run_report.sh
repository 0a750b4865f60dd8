#!/usr/bin/env bash
# Builds a review store from samples/shenshan (plus the hostile case of
# tests/fixtures/report) in a temporary directory, writes the run's HTML and JSON reports
# and checks the HTML in headless Chromium (report_html.mjs). Usage: run_report.sh PINGCHA_BINARY
source "$(dirname "$0")/../script_start.sh" "$@"
"$pingcha" import --db "$out/review.db" samples/shenshan/*.json tests/fixtures/report/hostile-case.json 2>/dev/null
"$pingcha" assign --db "$out/review.db" --round r1 --reviewers SS-ZJ SS-XF SS-CG --seed 3 2>/dev/null
run="$("$pingcha" run --db "$out/review.db" --rules rules/shenshan --round r1 --jobs 2 2>/dev/null)"
for format in html json; do
  "$pingcha" report --db "$out/review.db" --run "$run" --worst 100 --format "$format" --out "$out/report.$format" 2>/dev/null
done
node "$here/report_html.mjs" "$out/report.html" "$out/report.json" "$out/report.pdf"
