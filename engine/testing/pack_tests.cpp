#include "testing/pack_tests.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <fstream>
#include <sstream>

#include "eval/evaluator.hpp"
#include "record/loader.hpp"
#include "report/explanation_report.hpp"

namespace pingcha {
namespace {

std::string location(const SourceSpan& span) {
    return span.file->path() + ":" + std::to_string(span.file->line_col(span.begin).line);
}

std::string findings_of(const CaseResult& r) {
    std::string out;
    for (const auto& f : r.findings) out += (out.empty() ? "" : ", ") + f.rule;
    return out.empty() ? "（无）" : out;
}

// What decided a rule on this case: its explanation (the same as `eval --explain` shows),
// one line per fact, under the failure.
std::string why(Evaluator& evaluator, const Record& record, const std::string& rule_id) {
    std::vector<RuleExplanation> explanations;
    evaluator.evaluate(record, &explanations);
    for (const auto& x : explanations)
        if (x.rule->id == rule_id) {
            std::string text = rule_explanation_text(x, "        ");
            if (!text.empty() && text.back() == '\n') text.pop_back();
            return "\n" + text;
        }
    return {};
}

void check_expectation(const ast::Expectation& e, const CaseResult& r, std::vector<std::string>& failures,
                       Evaluator& evaluator, const Record& record) {
    using K = ast::Expectation::Kind;
    Rational points;
    uint32_t count = 0;
    for (const auto& f : r.findings)
        if (f.rule == e.rule.text) {
            ++count;
            points = *points.plus(f.points);
        }
    const std::string where = location(e.span) + ": ";
    switch (e.kind) {
        case K::finding:
            if (count == 0)
                failures.push_back(where + "应有 " + e.rule.text + "，实际问题：" + findings_of(r) + why(evaluator, record, e.rule.text));
            else if (e.points && points != *e.points)
                failures.push_back(where + e.rule.text + " 应扣 " + e.points->to_decimal_string() + " 分，实际 " +
                                   points.to_decimal_string());
            else if (e.count && count != *e.count)
                failures.push_back(where + e.rule.text + " 应出现 " + std::to_string(*e.count) + " 次，实际 " +
                                   std::to_string(count) + " 次");
            break;
        case K::no_finding:
            if (count > 0) {
                std::string msg;
                for (const auto& f : r.findings)
                    if (f.rule == e.rule.text) msg = f.message;
                failures.push_back(where + "不应有 " + e.rule.text + "，实际有：" + msg + why(evaluator, record, e.rule.text));
            }
            break;
        case K::grade:
            if (r.grade != e.grade.text) failures.push_back(where + "等次应为 " + e.grade.text + "，实际 " + r.grade);
            break;
        case K::score:
            if (r.score != e.score)
                failures.push_back(where + "得分应为 " + e.score.to_decimal_string() + "，实际 " + r.score.to_decimal_string());
            break;
        case K::veto:
            if (!r.veto) failures.push_back(where + "应有否决项，实际没有；问题：" + findings_of(r));
            break;
        case K::no_veto:
            if (r.veto) failures.push_back(where + "不应有否决项，实际问题：" + findings_of(r));
            break;
    }
}

std::string case_text(const ParsedFile& file, const ast::TestDecl& test, std::string& source, std::string& error) {
    if (test.case_json) {
        source = location(test.case_span);
        return *test.case_json;
    }
    const auto path = std::filesystem::path(file.source->path()).parent_path() / *test.case_file;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "无法读取案卷文件 " + path.string();
        return {};
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    source = path.string();
    return ss.str();
}

}  // namespace

size_t PackTestRun::passed() const {
    return static_cast<size_t>(std::count_if(outcomes.begin(), outcomes.end(), [](const TestOutcome& o) { return o.passed; }));
}

double PackTestRun::covered_percent() const {
    if (coverage.empty()) return 100.0;
    const auto fired = std::count_if(coverage.begin(), coverage.end(), [](const RuleCoverageLine& c) { return c.fired; });
    return 100.0 * static_cast<double>(fired) / static_cast<double>(coverage.size());
}

PackTestRun run_pack_tests(const RulePack& pack, const std::string& filter) {
    PackTestRun run;
    const std::regex pattern(filter.empty() ? ".*" : filter);
    Evaluator evaluator(pack);
    std::vector<RuleCoverage> seen(pack.rules.size());
    evaluator.set_coverage(&seen);
    std::set<std::string> fired;
    CaseReader reader(pack.keys);
    for (const auto& entry : pack.tests) {
        const auto& file = entry.first;  // not a structured binding: lambdas below capture it (clang 14)
        const auto& test = entry.second;
        if (!std::regex_search(test->name, pattern)) continue;
        TestOutcome outcome;
        outcome.name = test->name;
        outcome.location = location(test->span);
        std::string source, error;
        const std::string text = case_text(*file, *test, source, error);
        int records = 0;
        if (error.empty())
            reader.read(source, text, [&](const Record* record, const RecordRejection* bad) {
                if (++records > 1) return;
                if (bad) {
                    error = "案卷被拒收：" + bad->to_string();
                    return;
                }
                outcome.result = evaluator.evaluate(*record);
                for (const auto& f : outcome.result.findings) fired.insert(f.rule);
                evaluator.set_coverage(nullptr);  // explanations must not count as coverage
                for (const auto& e : test->expects) check_expectation(e, outcome.result, outcome.failures, evaluator, *record);
                evaluator.set_coverage(&seen);
            });
        if (error.empty() && records != 1) error = "测试案卷应恰好包含一条记录，实际 " + std::to_string(records) + " 条";
        if (!error.empty()) outcome.failures.insert(outcome.failures.begin(), outcome.location + ": " + error);
        outcome.passed = outcome.failures.empty();
        run.outcomes.push_back(std::move(outcome));
    }
    for (size_t k = 0; k < pack.rules.size(); ++k)
        run.coverage.push_back({pack.rules[k].id, fired.count(pack.rules[k].id) > 0, seen[k].seen_true, seen[k].seen_false});
    return run;
}

}  // namespace pingcha
