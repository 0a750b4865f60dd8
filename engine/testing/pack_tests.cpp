#include "testing/pack_tests.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "eval/evaluator.hpp"
#include "record/loader.hpp"

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

void check_expectation(const ast::Expectation& e, const CaseResult& r, std::vector<std::string>& failures) {
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
            if (count == 0) failures.push_back(where + "应有 " + e.rule.text + "，实际问题：" + findings_of(r));
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
                failures.push_back(where + "不应有 " + e.rule.text + "，实际有：" + msg);
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

std::vector<TestOutcome> run_pack_tests(const RulePack& pack, const std::string& filter) {
    std::vector<TestOutcome> outcomes;
    const std::regex pattern(filter.empty() ? ".*" : filter);
    Evaluator evaluator(pack);
    CaseReader reader(pack.keys);
    for (const auto& [file, test] : pack.tests) {
        if (!std::regex_search(test->name, pattern)) continue;
        TestOutcome outcome;
        outcome.name = test->name;
        outcome.location = location(test->span);
        std::string source, error;
        const std::string text = case_text(*file, *test, source, error);
        int records = 0;
        if (error.empty())
            reader.read(source, text, [&](const Record* record, const RecordRejection* bad) {
                ++records;
                if (bad) error = "案卷被拒收：" + bad->to_string();
                else outcome.result = evaluator.evaluate(*record);
            });
        if (error.empty() && records != 1) error = "测试案卷应恰好包含一条记录，实际 " + std::to_string(records) + " 条";
        if (!error.empty()) outcome.failures.push_back(outcome.location + ": " + error);
        else
            for (const auto& e : test->expects) check_expectation(e, outcome.result, outcome.failures);
        outcome.passed = outcome.failures.empty();
        outcomes.push_back(std::move(outcome));
    }
    return outcomes;
}

}  // namespace pingcha
