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

// Writes one result; `checked` validates UTF-8 string by string (and throws on the first
// invalid one), otherwise the caller validates the whole text once.
class ResultWriter {
public:
    ResultWriter(std::string& out, bool checked) : out_(out), checked_(checked) {}

    void result(const CaseResult& result, const PackInfo& pack, std::string_view source) {
        using json_out::key;
        out_ += '{';
        key(out_, "case"), str(result.case_id), out_ += ',';
        key(out_, "source"), str(source), out_ += ',';
        key(out_, "score"), append_rational(out_, result.score), out_ += ',';
        key(out_, "grade"), str(result.grade), out_ += ',';
        key(out_, "veto"), json_out::boolean(out_, result.veto), out_ += ',';
        key(out_, "sections"), out_ += '[';
        for (size_t k = 0; k < result.sections.size(); ++k) {
            const auto& s = result.sections[k];
            out_ += k ? ",{" : "{";
            key(out_, "id"), str(s.id), out_ += ',';
            key(out_, "name"), str(s.name), out_ += ',';
            key(out_, "max"), append_rational(out_, s.max), out_ += ',';
            key(out_, "deducted"), append_rational(out_, s.deducted), out_ += ',';
            key(out_, "score"), append_rational(out_, s.score), out_ += '}';
        }
        out_ += "],";
        key(out_, "findings"), out_ += '[';
        for (size_t k = 0; k < result.findings.size(); ++k) {
            if (k) out_ += ',';
            finding(result.findings[k]);
        }
        out_ += "],";
        key(out_, "warnings"), out_ += '[';
        for (size_t k = 0; k < result.warnings.size(); ++k) {
            if (k) out_ += ',';
            str(result.warnings[k]);
        }
        out_ += "],";
        key(out_, "rulepack"), out_ += '{';
        key(out_, "name"), str(pack.name), out_ += ',';
        key(out_, "version"), str(pack.version), out_ += ',';
        key(out_, "digest"), str(pack.digest), out_ += "}}";
    }

private:
    void str(std::string_view s) { checked_ ? json_out::string(out_, s) : json_out::escaped(out_, s); }

    void finding(const Finding& f) {
        using json_out::key;
        out_ += '{';
        key(out_, "rule"), str(f.rule), out_ += ',';
        key(out_, "section"), str(f.section), out_ += ',';
        key(out_, "severity"), str(severity_name(f.severity)), out_ += ',';
        key(out_, "points"), append_rational(out_, f.points), out_ += ',';
        key(out_, "message"), str(f.message), out_ += ',';
        key(out_, "cites"), out_ += '[';
        for (size_t k = 0; k < f.cites.size(); ++k) {
            out_ += k ? ",{" : "{";
            key(out_, "law"), str(f.cites[k].law), out_ += ',';
            key(out_, "article"), str(f.cites[k].article), out_ += '}';
        }
        out_ += "],";
        key(out_, "fields"), out_ += f.fields_json;
        out_ += '}';
    }

    std::string& out_;
    bool checked_;
};

}  // namespace

// One UTF-8 check over the whole result instead of one per string; only a result with
// invalid text is written a second time, string by string, to fail as nlohmann would.
void append_result_json(std::string& out, const CaseResult& result, const PackInfo& pack, std::string_view source) {
    const size_t start = out.size();
    ResultWriter(out, false).result(result, pack, source);
    if (json_out::valid_utf8(std::string_view(out).substr(start))) return;
    out.resize(start);
    ResultWriter(out, true).result(result, pack, source);
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
