#include "report/lint_report.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace pingcha {
namespace {

using Json = nlohmann::ordered_json;

struct Place {
    std::string path;
    uint32_t line = 0, column = 0, end_line = 0, end_column = 0;
};

Place place_of(const Diagnostic& d, const std::string& fallback) {
    if (!d.span.valid()) return {d.path.empty() ? fallback : d.path};
    const auto a = d.span.file->line_col(d.span.begin);
    const auto b = d.span.file->line_col(std::max(d.span.end, d.span.begin + 1));
    return {d.span.file->path(), a.line, a.column, b.line, b.column};
}

Json sarif_location(const std::string& path, uint32_t line, uint32_t column, uint32_t end_line, uint32_t end_column) {
    Json physical = {{"artifactLocation", {{"uri", path}}}};
    if (line > 0)
        physical["region"] = {{"startLine", line}, {"startColumn", column}, {"endLine", end_line}, {"endColumn", end_column}};
    return Json{{"physicalLocation", physical}};
}

Json sarif_log(Json rules, Json results, const std::string& version) {
    Json driver = {{"name", "pingcha"}, {"version", version},
                   {"rules", std::move(rules)}};
    Json run = {{"tool", {{"driver", driver}}}, {"columnKind", "unicodeCodePoints"}, {"results", std::move(results)}};
    return Json{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"}, {"runs", Json::array({run})}};
}

std::string junit_document(const std::string& suite, size_t tests, size_t failures, const std::string& cases) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"" + xml_escape(suite) + "\" tests=\"" +
           std::to_string(tests) + "\" failures=\"" + std::to_string(failures) + "\" errors=\"0\">\n  <testsuite name=\"" +
           xml_escape(suite) + "\" tests=\"" + std::to_string(tests) + "\" failures=\"" + std::to_string(failures) +
           "\" errors=\"0\" skipped=\"0\">\n" + cases + "  </testsuite>\n</testsuites>\n";
}

}  // namespace

std::string xml_escape(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') break;  // not allowed in XML 1.0
                out += static_cast<char>(c);
        }
    }
    return out;
}

std::string diagnostics_to_json(const std::vector<CheckedFile>& files) {
    Json out = Json::array();
    for (const auto& f : files)
        for (const auto& d : f.diagnostics.items()) {
            const Place p = place_of(d, f.path);
            out.push_back({{"file", p.path}, {"line", p.line}, {"column", p.column}, {"end_line", p.end_line},
                           {"end_column", p.end_column}, {"severity", severity_word(d.severity)}, {"code", d.code},
                           {"message", d.message}});
        }
    return out.dump(2) + "\n";
}

std::string diagnostics_to_sarif(const std::vector<CheckedFile>& files, const std::string& version) {
    Json rules = Json::array(), results = Json::array();
    std::vector<std::string> codes;
    for (const auto& f : files)
        for (const auto& d : f.diagnostics.items()) {
            auto it = std::find(codes.begin(), codes.end(), d.code);
            if (it == codes.end()) {
                codes.push_back(d.code);
                rules.push_back({{"id", d.code}, {"shortDescription", {{"text", d.message}}}});
                it = codes.end() - 1;
            }
            const Place p = place_of(d, f.path);
            results.push_back({{"ruleId", d.code}, {"ruleIndex", it - codes.begin()}, {"level", severity_word(d.severity)},
                               {"message", {{"text", d.message}}},
                               {"locations", Json::array({sarif_location(p.path, p.line, p.column, p.end_line, p.end_column)})}});
        }
    return sarif_log(std::move(rules), std::move(results), version).dump(2) + "\n";
}

std::string diagnostics_to_junit(const std::vector<CheckedFile>& files, bool strict) {
    std::string cases;
    size_t failures = 0;
    for (const auto& f : files) {
        cases += "    <testcase classname=\"pingcha.check\" name=\"" + xml_escape(f.path) + "\">\n";
        std::string text;
        for (const auto& d : f.diagnostics.items()) text += format_diagnostic(d);
        const bool failed = f.diagnostics.error_count() > 0 || (strict && f.diagnostics.warning_count() > 0);
        if (failed) {
            ++failures;
            cases += "      <failure message=\"" + std::to_string(f.diagnostics.error_count()) + " 个错误，" +
                     std::to_string(f.diagnostics.warning_count()) + " 个警告\" type=\"pingcha.check\">" +
                     xml_escape(text) + "</failure>\n";
        } else if (!text.empty()) {
            cases += "      <system-out>" + xml_escape(text) + "</system-out>\n";
        }
        cases += "    </testcase>\n";
    }
    return junit_document("pingcha check", files.size(), failures, cases);
}

std::string tests_to_json(const std::vector<TestOutcome>& outcomes) {
    Json out = Json::array();
    for (const auto& o : outcomes) {
        Json findings = Json::array();
        for (const auto& f : o.result.findings) findings.push_back(f.rule);
        out.push_back({{"name", o.name}, {"location", o.location}, {"passed", o.passed}, {"failures", o.failures},
                       {"grade", o.result.grade}, {"score", o.result.score.to_double()}, {"findings", findings}});
    }
    return out.dump(2) + "\n";
}

std::string tests_to_sarif(const std::vector<TestOutcome>& outcomes, const std::string& version) {
    Json rules = Json::array({{{"id", "test-failure"}, {"shortDescription", {{"text", "规则包测试未通过"}}}}});
    Json results = Json::array();
    for (const auto& o : outcomes) {
        if (o.passed) continue;
        const auto colon = o.location.rfind(':');
        const std::string path = o.location.substr(0, colon);
        const uint32_t line = static_cast<uint32_t>(std::stoul(o.location.substr(colon + 1)));
        std::string message = "测试「" + o.name + "」未通过";
        for (const auto& f : o.failures) message += "\n" + f;
        results.push_back({{"ruleId", "test-failure"}, {"ruleIndex", 0}, {"level", "error"}, {"message", {{"text", message}}},
                           {"locations", Json::array({sarif_location(path, line, 1, line, 1)})}});
    }
    return sarif_log(std::move(rules), std::move(results), version).dump(2) + "\n";
}

std::string tests_to_junit(const std::vector<TestOutcome>& outcomes, const std::string& suite) {
    std::string cases;
    size_t failures = 0;
    for (const auto& o : outcomes) {
        cases += "    <testcase classname=\"" + xml_escape(o.location.substr(0, o.location.rfind(':'))) + "\" name=\"" +
                 xml_escape(o.name) + "\">\n";
        if (!o.passed) {
            ++failures;
            std::string text;
            for (const auto& f : o.failures) text += f + "\n";
            cases += "      <failure message=\"" + xml_escape(o.failures.empty() ? "" : o.failures.front()) +
                     "\" type=\"pingcha.test\">" + xml_escape(text) + "</failure>\n";
        }
        cases += "    </testcase>\n";
    }
    return junit_document(suite, outcomes.size(), failures, cases);
}

}  // namespace pingcha
