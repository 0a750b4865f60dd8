#!/usr/bin/env bash
# Set up, build, then run a whole cross-review (交叉评查) on the generated sample batch
# samples/batch/: import → assign (each of the six agencies reviews the others) → run →
# report, and say where the reports are. `scripts/demo.sh eval [pack]` instead evaluates the
# hand-written samples of a pack (shenshan by default, or demo) with `pingcha eval`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
pingcha=build/cli/pingcha

if [ "${1:-}" = "eval" ]; then
    pack="${2:-shenshan}"
    shopt -s nullglob
    status=0
    "$pingcha" eval --rules "rules/$pack" samples/"$pack"/*.json samples/"$pack"/*.jsonl || status=$?
    # exit 2 means some sample records were rejected on purpose (they show bad-input handling)
    [ "$status" -eq 0 ] || [ "$status" -eq 2 ]
    exit 0
fi

out=build/demo
rm -rf "$out"
mkdir -p "$out"
db="$out/review.db"
echo "== 导入 samples/batch/ 的案卷"
"$pingcha" import --db "$db" samples/batch/*.json
echo "== 抽样分配：每个单位抽 20 件，交由其他单位评查"
"$pingcha" assign --db "$db" --round 演示轮次 --reviewers SS-ZJ SS-CG SS-HJ SS-SJ SS-YJ SS-GT \
    --per-agency 20 --seed 2025
echo "== 评查全部案卷"
run=$("$pingcha" run --db "$db" --rules rules/shenshan --jobs 2)
for format in html xlsx md json csv; do
    "$pingcha" report --db "$db" --run "$run" --format "$format" --out "$out/report.$format"
done
echo "== 评查抽样轮次的案卷"
round_run=$("$pingcha" run --db "$db" --rules rules/shenshan --round 演示轮次 --jobs 2)
"$pingcha" report --db "$db" --run "$round_run" --format html --out "$out/round-report.html"
echo
echo "评查库：$db（运行 $run 为全部案卷，运行 $round_run 为抽样轮次）"
echo "评查报告：$out/report.html（用浏览器打开，可打印为 A4）"
echo "          以及 $out/report.xlsx、report.md、report.json、report.csv"
echo "抽样轮次报告：$out/round-report.html（含评查单位工作量）"
