#include "report/case_report.hpp"

#include <functional>

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

// The JSON of a result in pieces, so that the pieces every result of a pack shares can be
// rendered once (RenderedPack) by the same code that renders them per result.
class JsonPieces {
public:
    JsonPieces(std::string& out, bool checked) : out_(out), checked_(checked) {}

    // {"id":…,"name":…,"max":…,"deducted":
    void section_head(const std::string& id, const std::string& name, Rational max) {
        using json_out::key;
        out_ += '{';
        key(out_, "id"), str(id), out_ += ',';
        key(out_, "name"), str(name), out_ += ',';
        key(out_, "max"), append_rational(out_, max), out_ += ',';
        key(out_, "deducted");
    }
    // {"rule":…,"section":…,"severity":…,"points":…,"message":
    void finding_head(const Finding& f) {
        using json_out::key;
        out_ += '{';
        key(out_, "rule"), str(f.rule), out_ += ',';
        key(out_, "section"), str(f.section), out_ += ',';
        key(out_, "severity"), str(severity_name(f.severity)), out_ += ',';
        key(out_, "points"), append_rational(out_, f.points), out_ += ',';
        key(out_, "message");
    }
    // ,"cites":[…],"fields":
    void finding_cites(const std::vector<Cite>& cites) {
        using json_out::key;
        out_ += ',';
        key(out_, "cites"), out_ += '[';
        for (size_t k = 0; k < cites.size(); ++k) {
            out_ += k ? ",{" : "{";
            key(out_, "law"), str(cites[k].law), out_ += ',';
            key(out_, "article"), str(cites[k].article), out_ += '}';
        }
        out_ += "],";
        key(out_, "fields");
    }
    // "rulepack":{…}}  (the end of the result)
    void pack_block(const PackInfo& pack) {
        using json_out::key;
        key(out_, "rulepack"), out_ += '{';
        key(out_, "name"), str(pack.name), out_ += ',';
        key(out_, "version"), str(pack.version), out_ += ',';
        key(out_, "digest"), str(pack.digest), out_ += "}}";
    }
    void str(std::string_view s) { checked_ ? json_out::string(out_, s) : json_out::escaped(out_, s); }

private:
    std::string& out_;
    bool checked_;
};

std::string rendered(const std::function<void(JsonPieces&)>& render) {
    std::string out;
    JsonPieces pieces(out, false);  // checked with the whole result it goes into
    render(pieces);
    return out;
}

}  // namespace

// What every result of one pack shares, rendered once.
struct RenderedPack {
    struct SectionPiece {
        const Section* section;
        std::string head;
        std::string undeducted;  // the whole section when nothing was deducted in it, the usual case
    };
    struct RulePiece {
        const CompiledRule* rule;
        Rational points;  // CompiledRule::finding_points()
        std::string head, message_json, cites;
        std::optional<std::string> message;  // a constant message

        bool describes(const Finding& f) const {
            return f.rule == rule->id && f.section == rule->section && f.severity == rule->severity &&
                   f.points == points && f.cites == rule->cites;
        }
    };

    explicit RenderedPack(const RulePack& pack) : info(pack.info) {
        pack_block = rendered([&](JsonPieces& p) { p.pack_block(pack.info); });
        for (const auto& s : pack.standard.sections) {
            std::string head = rendered([&](JsonPieces& p) { p.section_head(s.id, s.name, s.max); });
            std::string undeducted = head + R"(0,"score":)";
            append_rational(undeducted, s.max);
            undeducted += '}';
            sections.push_back({&s, std::move(head), std::move(undeducted)});
        }
        for (const auto& r : pack.rules) rules.push_back(rule_piece(r));
    }

    static RulePiece rule_piece(const CompiledRule& r) {
        Finding f;
        f.rule = r.id, f.section = r.section, f.severity = r.severity, f.cites = r.cites;
        f.points = r.finding_points();
        RulePiece piece{&r, f.points, rendered([&](JsonPieces& p) { p.finding_head(f); }), {},
                        rendered([&](JsonPieces& p) { p.finding_cites(r.cites); }), std::nullopt};
        if (const auto* c = dynamic_cast<const ConstNode*>(r.says); c && c->constant().kind == ValueKind::text) {
            piece.message = std::string(c->constant().as_text());
            piece.message_json = rendered([&](JsonPieces& p) { p.str(*piece.message); });
        }
        return piece;
    }

    const SectionPiece* section(size_t k, const SectionScore& s) const {
        if (k >= sections.size()) return nullptr;
        const Section& d = *sections[k].section;
        return s.id == d.id && s.name == d.name && s.max == d.max ? &sections[k] : nullptr;
    }
    const RulePiece* rule(const Finding& f) const {
        if (f.rule_index >= rules.size() || !rules[f.rule_index].describes(f)) return nullptr;
        return &rules[f.rule_index];
    }

    const PackInfo& info;
    std::string pack_block;
    std::vector<SectionPiece> sections;
    std::vector<RulePiece> rules;
};

namespace {

// Writes one result; `checked` validates UTF-8 string by string (and throws on the first
// invalid one), otherwise the caller validates the whole text once. With `rendered`, copies
// the pieces it holds instead of rendering them again.
class ResultWriter {
public:
    ResultWriter(std::string& out, bool checked, const RenderedPack* rendered = nullptr)
        : out_(out), pieces_(out, checked), rendered_(rendered) {}

    // The keys with their punctuation as literals: one append each.
    void result(const CaseResult& result, const PackInfo& pack, std::string_view source) {
        using namespace std::string_view_literals;
        out_ += R"({"case":)"sv, str(result.case_id);
        out_ += R"(,"source":)"sv, str(source);
        out_ += R"(,"score":)"sv, append_rational(out_, result.score);
        out_ += R"(,"grade":)"sv, str(result.grade);
        out_ += R"(,"veto":)"sv, json_out::boolean(out_, result.veto);
        out_ += R"(,"sections":[)"sv;
        for (size_t k = 0; k < result.sections.size(); ++k) {
            if (k) out_ += ',';
            section(k, result.sections[k]);
        }
        out_ += R"(],"findings":[)"sv;
        for (size_t k = 0; k < result.findings.size(); ++k) {
            if (k) out_ += ',';
            finding(result.findings[k]);
        }
        out_ += R"(],"warnings":[)"sv;
        for (size_t k = 0; k < result.warnings.size(); ++k) {
            if (k) out_ += ',';
            str(result.warnings[k]);
        }
        out_ += "],"sv;
        if (rendered_) out_ += rendered_->pack_block;
        else pieces_.pack_block(pack);
    }

private:
    void str(std::string_view s) { pieces_.str(s); }

    void section(size_t k, const SectionScore& s) {
        using namespace std::string_view_literals;
        const auto* piece = rendered_ ? rendered_->section(k, s) : nullptr;
        if (piece && s.deducted.is_zero() && s.score == s.max) return void(out_ += piece->undeducted);
        if (piece) out_ += piece->head;
        else pieces_.section_head(s.id, s.name, s.max);
        append_rational(out_, s.deducted);
        out_ += R"(,"score":)"sv, append_rational(out_, s.score), out_ += '}';
    }

    void finding(const Finding& f) {
        const auto* piece = rendered_ ? rendered_->rule(f) : nullptr;
        if (!piece) {
            pieces_.finding_head(f);
            str(f.message);
            pieces_.finding_cites(f.cites);
        } else {
            out_ += piece->head;
            if (piece->message == f.message) out_ += piece->message_json;
            else str(f.message);
            out_ += piece->cites;
        }
        out_ += f.fields_json;
        out_ += '}';
    }

    std::string& out_;
    JsonPieces pieces_;
    const RenderedPack* rendered_;
};

// One UTF-8 check over the whole result instead of one per string; only a result with
// invalid text is written a second time, string by string, to fail as nlohmann would.
void append_checked(std::string& out, const CaseResult& result, const PackInfo& pack, std::string_view source,
                    const RenderedPack* rendered) {
    const size_t start = out.size();
    ResultWriter(out, false, rendered).result(result, pack, source);
    if (json_out::valid_utf8(std::string_view(out).substr(start))) return;
    out.resize(start);
    ResultWriter(out, true).result(result, pack, source);
}

}  // namespace

void append_result_json(std::string& out, const CaseResult& result, const PackInfo& pack, std::string_view source) {
    append_checked(out, result, pack, source, nullptr);
}

ResultJsonWriter::ResultJsonWriter(const RulePack& pack) : rendered_(std::make_unique<const RenderedPack>(pack)) {}
ResultJsonWriter::~ResultJsonWriter() = default;

void ResultJsonWriter::append(std::string& out, const CaseResult& result, std::string_view source) const {
    append_checked(out, result, rendered_->info, source, rendered_.get());
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
            if (f.severity == FindingSeverity::deduct) {  // piecewise: GCC 12 warns wrongly (-Wrestrict) on " " + string
                out += ' ';
                out += points_text(f.points);
                out += " 分";
            }
            out += "] " + f.rule + "：" + f.message + "\n";
            for (const auto& c : f.cites) out += "      依据：" + cite_text(c) + "\n";
        }
    }
    for (const auto& w : result.warnings) out += "  注意：" + w + "\n";
    return out;
}

}  // namespace pingcha
