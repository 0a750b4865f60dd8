#include "report/case_report.hpp"

#include "core/json_out.hpp"

namespace pingcha {
namespace {

std::string points_text(Rational r) { return r.to_decimal_string(2); }

std::string cite_text(const Cite& c) {
    std::string out = "《" + c.law + "》";
    if (c.article.empty()) return out;
    const bool digits = c.article.find_first_not_of("0123456789") == std::string::npos;
    return out + (digits ? "第" + c.article + "条" : c.article);
}

}  // namespace

nlohmann::ordered_json rational_to_json(Rational r) {
    if (r.is_integer()) return r.num();
    return r.to_double();
}

nlohmann::ordered_json result_to_json(const CaseResult& result, const PackInfo& pack, const std::string& source) {
    nlohmann::ordered_json out;
    out["case"] = result.case_id;
    out["source"] = source;
    out["score"] = rational_to_json(result.score);
    out["grade"] = result.grade;
    out["veto"] = result.veto;
    auto& sections = out["sections"] = nlohmann::ordered_json::array();
    for (const auto& s : result.sections)
        sections.push_back({{"id", s.id}, {"name", s.name}, {"max", rational_to_json(s.max)},
                            {"deducted", rational_to_json(s.deducted)}, {"score", rational_to_json(s.score)}});
    auto& findings = out["findings"] = nlohmann::ordered_json::array();
    for (const auto& f : result.findings) {
        auto cites = nlohmann::ordered_json::array();
        for (const auto& c : f.cites) cites.push_back({{"law", c.law}, {"article", c.article}});
        findings.push_back({{"rule", f.rule}, {"section", f.section}, {"severity", severity_name(f.severity)},
                            {"points", rational_to_json(f.points)}, {"message", f.message}, {"cites", cites},
                            {"fields", f.fields()}});
    }
    out["warnings"] = result.warnings;
    out["rulepack"] = {{"name", pack.name}, {"version", pack.version}, {"digest", pack.digest}};
    return out;
}

nlohmann::ordered_json rejection_to_json(const std::optional<std::string>& case_id, const std::string& source,
                                 const std::string& error) {
    nlohmann::ordered_json out;
    out["case"] = case_id ? nlohmann::ordered_json(*case_id) : nlohmann::ordered_json(nullptr);
    out["source"] = source;
    out["error"] = error;
    return out;
}

namespace {

void append_rational(std::string& out, Rational r) {
    if (r.is_integer()) json_out::integer(out, r.num());
    else json_out::number(out, r.to_double());
}

void append_finding(std::string& out, const Finding& f) {
    using namespace json_out;
    out += '{';
    key(out, "rule"), string(out, f.rule), out += ',';
    key(out, "section"), string(out, f.section), out += ',';
    key(out, "severity"), string(out, severity_name(f.severity)), out += ',';
    key(out, "points"), append_rational(out, f.points), out += ',';
    key(out, "message"), string(out, f.message), out += ',';
    key(out, "cites"), out += '[';
    for (size_t k = 0; k < f.cites.size(); ++k) {
        out += k ? ",{" : "{";
        key(out, "law"), string(out, f.cites[k].law), out += ',';
        key(out, "article"), string(out, f.cites[k].article), out += '}';
    }
    out += "],";
    key(out, "fields"), out += f.fields_json;
    out += '}';
}

}  // namespace

void append_result_json(std::string& out, const CaseResult& result, const PackInfo& pack, std::string_view source) {
    using namespace json_out;
    out += '{';
    key(out, "case"), string(out, result.case_id), out += ',';
    key(out, "source"), string(out, source), out += ',';
    key(out, "score"), append_rational(out, result.score), out += ',';
    key(out, "grade"), string(out, result.grade), out += ',';
    key(out, "veto"), boolean(out, result.veto), out += ',';
    key(out, "sections"), out += '[';
    for (size_t k = 0; k < result.sections.size(); ++k) {
        const auto& s = result.sections[k];
        out += k ? ",{" : "{";
        key(out, "id"), string(out, s.id), out += ',';
        key(out, "name"), string(out, s.name), out += ',';
        key(out, "max"), append_rational(out, s.max), out += ',';
        key(out, "deducted"), append_rational(out, s.deducted), out += ',';
        key(out, "score"), append_rational(out, s.score), out += '}';
    }
    out += "],";
    key(out, "findings"), out += '[';
    for (size_t k = 0; k < result.findings.size(); ++k) {
        if (k) out += ',';
        append_finding(out, result.findings[k]);
    }
    out += "],";
    key(out, "warnings"), out += '[';
    for (size_t k = 0; k < result.warnings.size(); ++k) {
        if (k) out += ',';
        string(out, result.warnings[k]);
    }
    out += "],";
    key(out, "rulepack"), out += '{';
    key(out, "name"), string(out, pack.name), out += ',';
    key(out, "version"), string(out, pack.version), out += ',';
    key(out, "digest"), string(out, pack.digest), out += "}}";
}

void append_rejection_json(std::string& out, const std::optional<std::string>& case_id, std::string_view source,
                           std::string_view error) {
    using namespace json_out;
    out += '{';
    key(out, "case");
    if (case_id) string(out, *case_id);
    else out += "null";
    out += ',';
    key(out, "source"), string(out, source), out += ',';
    key(out, "error"), string(out, error), out += '}';
}

std::string result_to_text(const CaseResult& result, const RulePack& pack, const std::string& source) {
    std::string out;
    out += "案卷 " + result.case_id + "（" + source + "）\n";
    out += "评查结果：" + result.grade + "，得分 " + points_text(result.score);
    if (result.veto) out += "（存在否决项）";
    out += "\n规则包：" + pack.info.name + " " + pack.info.version + "（" + pack.info.digest.substr(0, 12) + "）\n";
    for (const auto& s : result.sections) {
        out += "  【" + s.name + "】满分 " + points_text(s.max) + "，扣 " + points_text(s.deducted) + "，得 " +
               points_text(s.score) + "\n";
        for (const auto& f : result.findings) {
            if (f.section != s.id) continue;
            out += "    - [" + std::string(severity_label(f.severity));
            if (f.severity == FindingSeverity::deduct) out += " " + points_text(f.points) + " 分";
            out += "] " + f.rule + "：" + f.message + "\n";
            for (const auto& c : f.cites) out += "      依据：" + cite_text(c) + "\n";
        }
    }
    for (const auto& w : result.warnings) out += "  注意：" + w + "\n";
    return out;
}

}  // namespace pingcha
