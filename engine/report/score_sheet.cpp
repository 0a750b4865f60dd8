#include "report/score_sheet.hpp"

#include "report/explanation_report.hpp"

namespace pingcha {
namespace {

std::string points_text(Rational r) { return r.to_decimal_string(2); }

std::string text_at(const Value& root, const RulePack& pack, std::initializer_list<const char*> path) {
    Value v = root;
    for (const char* key : path) {
        const auto id = pack.keys.find(key);
        if (!id) return {};
        v = v.get(*id);
    }
    return v.kind == ValueKind::text ? std::string(v.as_text()) : std::string();
}

std::optional<Date> date_at(const Value& root, const RulePack& pack, const char* field) {
    const auto dates = pack.keys.find("dates"), key = pack.keys.find(field);
    if (!dates || !key) return std::nullopt;
    const Value v = root.get(*dates).get(*key);
    return v.kind == ValueKind::date ? std::optional<Date>(v.as_date()) : std::nullopt;
}

std::string agency_text(const RulePack& pack, const std::string& code, const std::string& name) {
    const auto it = pack.agencies.find(code);
    const std::string display = !name.empty() ? name : it != pack.agencies.end() ? it->second.display : "";
    if (code.empty()) return display;
    return display.empty() ? code : display + "（" + code + "）";
}

// One row of a section: a rule of the standard and what it came to on this case.
struct ItemRow {
    std::string item;                  // "PROC-DEADLINE-90 办案超期"
    std::string value;                 // 扣 3 分 / 否决 / 提示
    std::string deducted;              // "3.00", 否决, —
    std::vector<std::string> opinion;  // findings, citations, deciding values
};

struct SectionBlock {
    std::string title;
    std::vector<ItemRow> rows;
    SectionScore score;
};

struct FindingLine {
    std::string rule, kind, message;
    std::vector<std::string> cites;
};

struct SheetModel {
    std::vector<std::pair<std::string, std::string>> header;
    std::vector<SectionBlock> sections;
    std::vector<FindingLine> findings;
    std::vector<std::string> vetoes;
    const CaseResult* result = nullptr;
};

const RuleExplanation* explanation_of(const std::vector<RuleExplanation>& xs, const CompiledRule& rule) {
    for (const auto& x : xs)
        if (x.rule == &rule) return &x;
    return nullptr;
}

std::string kind_text(const CompiledRule& r) {
    return r.severity == FindingSeverity::veto     ? "否决项"
           : r.severity == FindingSeverity::deduct ? "扣 " + points_text(r.points) + " 分"
                                                    : "提示（不扣分）";
}

ItemRow item_row(const RulePack& pack, const CompiledRule& rule, const CaseResult& result,
                 const RuleExplanation* x, const SheetHeader& h) {
    ItemRow row{rule.id + (rule.title.empty() ? "" : " " + rule.title), kind_text(rule), "—", {}};
    Rational deducted;
    size_t fired = 0;
    std::vector<const ElementExplanation*> fired_elements;
    if (x)
        for (const auto& e : x->elements)
            if (e.outcome == RuleOutcome::fired) fired_elements.push_back(&e);
    for (const auto& f : result.findings) {
        if (f.rule != rule.id) continue;
        deducted = *deducted.plus(f.points);
        row.opinion.push_back("问题：" + f.message);
        if (fired < fired_elements.size()) row.opinion.push_back("判定：" + decision_text(fired_elements[fired]->decision));
        ++fired;
    }
    if (fired > 0) {
        for (const auto& c : rule.cites) row.opinion.push_back("依据：" + citation_text(pack, c, h.decided ? h.decided : h.act));
        row.deducted = rule.severity == FindingSeverity::veto     ? "否决"
                       : rule.severity == FindingSeverity::deduct ? points_text(deducted)
                                                                   : "提示";
    } else if (x && x->outcome == RuleOutcome::not_applicable) {
        const auto& causes = !x->list_missing.empty() ? x->list_missing : x->elements.front().missing;
        row.opinion.push_back("不适用（缺失：" + missing_text(causes) + "）");
    } else {
        row.opinion.push_back("未发现问题");
    }
    return row;
}

SheetModel build_model(const RulePack& pack, const CaseResult& result, const std::vector<RuleExplanation>& xs,
                       const SheetHeader& h) {
    SheetModel m;
    m.result = &result;
    m.header = {{"案号", h.case_id},
                {"执法主体", h.agency},
                {"案由", h.cause},
                {"当事人", h.party},
                {"作出决定日期", h.decided ? h.decided->to_string() : ""},
                {"评查单位", h.reviewer_unit.empty() ? "（未分配）" : h.reviewer_unit},
                {"评查轮次", h.round.empty() ? "（无）" : h.round},
                {"规则包", h.pack.name + " " + h.pack.version + "（摘要 " + h.pack.digest.substr(0, 12) + "）"}};
    if (!h.run.empty()) m.header.push_back({"运行编号", h.run});
    for (const auto& s : result.sections) {
        SectionBlock block{s.name + "（" + s.id + "）", {}, s};
        for (const auto& rule : pack.rules)
            if (rule.section == s.id) block.rows.push_back(item_row(pack, rule, result, explanation_of(xs, rule), h));
        m.sections.push_back(std::move(block));
    }
    for (const auto& f : result.findings) {
        FindingLine line{f.rule + (f.title.empty() ? "" : " " + f.title),
                         f.severity == FindingSeverity::veto     ? "否决"
                         : f.severity == FindingSeverity::deduct ? "扣 " + points_text(f.points) + " 分"
                                                                  : "提示",
                         f.message,
                         {}};
        for (const auto& c : f.cites) line.cites.push_back(citation_text(pack, c, h.decided ? h.decided : h.act));
        if (f.severity == FindingSeverity::veto) m.vetoes.push_back(line.rule);
        m.findings.push_back(std::move(line));
    }
    return m;
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
    return out;
}

// ---------------------------------------------------------------------------- HTML

const char* kStyle = R"css(
@page { size: A4; margin: 15mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", SimSun, serif; font-size: 10.5pt; color: #000; margin: 0; }
.sheet { width: 186mm; margin: 0 auto; }
h1 { text-align: center; font-size: 18pt; letter-spacing: 0.3em; margin: 0 0 4mm; }
table { width: 100%; border-collapse: collapse; margin-bottom: 4mm; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left; }
th { background: #eee; font-weight: bold; }
td.num, th.num { text-align: center; white-space: nowrap; }
caption { font-weight: bold; text-align: left; padding: 1mm 0; }
.opinion div { margin: 0.4mm 0; }
.header th { width: 24mm; white-space: nowrap; }
.section th:nth-child(1) { width: 9mm; } .section th:nth-child(2) { width: 46mm; }
.section th:nth-child(3) { width: 20mm; } .section th:nth-child(4) { width: 12mm; }
.total td { font-weight: bold; }
.sign td { height: 16mm; }
.note { font-size: 9pt; color: #333; }
@media screen { body { background: #f4f4f4; } .sheet { background: #fff; padding: 10mm; margin: 5mm auto; } }
)css";

std::string cell(const std::string& text, const char* cls = nullptr) {
    return std::string("<td") + (cls ? std::string(" class=\"") + cls + "\"" : "") + ">" + html_escape(text) + "</td>";
}

std::string html_sheet(const SheetModel& m) {
    const CaseResult& r = *m.result;
    std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>案卷评查表 " +
                      html_escape(m.header[0].second) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n" +
                      "<div class=\"sheet\">\n<h1>行政处罚案卷评查表</h1>\n<table class=\"header\">\n";
    for (size_t k = 0; k < m.header.size(); k += 2) {
        out += "<tr><th>" + html_escape(m.header[k].first) + "</th>" + cell(m.header[k].second);
        if (k + 1 < m.header.size()) out += "<th>" + html_escape(m.header[k + 1].first) + "</th>" + cell(m.header[k + 1].second);
        else out += "<th></th><td></td>";
        out += "</tr>\n";
    }
    out += "</table>\n";
    for (const auto& s : m.sections) {
        out += "<table class=\"section\">\n<caption>" + html_escape(s.title) + "　满分 " + points_text(s.score.max) +
               "</caption>\n<tr><th class=\"num\">序号</th><th>评查项目</th><th class=\"num\">分值</th>"
               "<th class=\"num\">扣分</th><th>评查意见</th></tr>\n";
        for (size_t k = 0; k < s.rows.size(); ++k) {
            const ItemRow& row = s.rows[k];
            out += "<tr>" + cell(std::to_string(k + 1), "num") + cell(row.item) + cell(row.value, "num") +
                   cell(row.deducted, "num") + "<td class=\"opinion\">";
            for (const auto& line : row.opinion) out += "<div>" + html_escape(line) + "</div>";
            out += "</td></tr>\n";
        }
        out += "<tr class=\"total\"><td colspan=\"3\">小计（扣完为止，不计负分）</td>" +
               cell("扣 " + points_text(s.score.deducted), "num") + cell("得分 " + points_text(s.score.score)) + "</tr>\n";
        out += "</table>\n";
    }
    out += "<table class=\"result\">\n<caption>评查结论</caption>\n";
    out += "<tr class=\"total\"><th>总分</th>" + cell(points_text(r.score)) + "<th>等次</th>" + cell(r.grade) + "</tr>\n";
    out += "<tr><th>否决项</th><td colspan=\"3\">" + html_escape(m.vetoes.empty() ? "无" : join(m.vetoes, "；")) +
           "</td></tr>\n";
    for (const auto& w : r.warnings) out += "<tr><th>注意</th><td colspan=\"3\">" + html_escape(w) + "</td></tr>\n";
    out += "</table>\n";
    out += "<table class=\"findings\">\n<caption>问题与法律依据</caption>\n"
           "<tr><th class=\"num\">序号</th><th>评查项目</th><th class=\"num\">性质</th><th>问题</th><th>法律依据</th></tr>\n";
    if (m.findings.empty()) out += "<tr><td colspan=\"5\">未发现问题</td></tr>\n";
    for (size_t k = 0; k < m.findings.size(); ++k) {
        const FindingLine& f = m.findings[k];
        out += "<tr>" + cell(std::to_string(k + 1), "num") + cell(f.rule) + cell(f.kind, "num") + cell(f.message) +
               "<td>";
        for (const auto& c : f.cites) out += "<div>" + html_escape(c) + "</div>";
        out += "</td></tr>\n";
    }
    out += "</table>\n";
    out += "<table class=\"sign\">\n<caption>评查人员联合署名（一卷一表、联合署名）</caption>\n"
           "<tr><th>评查人员（签名）</th><td></td><td></td><td></td></tr>\n"
           "<tr><th>评查单位（盖章）</th><td colspan=\"3\"></td></tr>\n"
           "<tr><th>评查日期</th><td colspan=\"3\">　　　　年　　月　　日</td></tr>\n</table>\n";
    out += "<p class=\"note\">本表由 pingcha 按规则包自动生成，评查人员复核后签名。</p>\n</div>\n</body>\n</html>\n";
    return out;
}

// ------------------------------------------------------------------------ Markdown

// Table-cell text: no line breaks, `|` and Markdown/HTML specials escaped.
std::string md(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '\n':
            case '\r': out += ' '; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            case '|':
            case '\\':
            case '*':
            case '_':
            case '`':
            case '[':
            case ']':
            case '#':
                out += '\\';
                out += c;
                break;
            default: out += c;
        }
    }
    return out;
}

std::string md_sheet(const SheetModel& m) {
    const CaseResult& r = *m.result;
    std::string out = "# 行政处罚案卷评查表\n\n| 项目 | 内容 |\n|---|---|\n";
    for (const auto& [k, v] : m.header) out += "| " + md(k) + " | " + md(v) + " |\n";
    for (const auto& s : m.sections) {
        out += "\n## " + md(s.title) + "（满分 " + points_text(s.score.max) + "）\n\n";
        out += "| 序号 | 评查项目 | 分值 | 扣分 | 评查意见 |\n|---:|---|---|---:|---|\n";
        for (size_t k = 0; k < s.rows.size(); ++k) {
            const ItemRow& row = s.rows[k];
            std::vector<std::string> lines;
            for (const auto& l : row.opinion) lines.push_back(md(l));
            out += "| " + std::to_string(k + 1) + " | " + md(row.item) + " | " + md(row.value) + " | " + md(row.deducted) +
                   " | " + join(lines, "<br>") + " |\n";
        }
        out += "| | **小计**（扣完为止，不计负分） | | **" + points_text(s.score.deducted) + "** | 得分 **" +
               points_text(s.score.score) + "** |\n";
    }
    out += "\n## 评查结论\n\n| 总分 | 等次 | 否决项 |\n|---:|---|---|\n| **" + points_text(r.score) + "** | **" +
           md(r.grade) + "** | " + md(m.vetoes.empty() ? "无" : join(m.vetoes, "；")) + " |\n";
    for (const auto& w : r.warnings) out += "\n> 注意：" + md(w) + "\n";
    out += "\n## 问题与法律依据\n\n";
    if (m.findings.empty()) out += "未发现问题。\n";
    else out += "| 序号 | 评查项目 | 性质 | 问题 | 法律依据 |\n|---:|---|---|---|---|\n";
    for (size_t k = 0; k < m.findings.size(); ++k) {
        const FindingLine& f = m.findings[k];
        std::vector<std::string> cites;
        for (const auto& c : f.cites) cites.push_back(md(c));
        out += "| " + std::to_string(k + 1) + " | " + md(f.rule) + " | " + md(f.kind) + " | " + md(f.message) + " | " +
               join(cites, "<br>") + " |\n";
    }
    out += "\n## 评查人员联合署名（一卷一表、联合署名）\n\n"
           "| 评查人员（签名） | | | |\n|---|---|---|---|\n"
           "| 评查单位（盖章） | | | |\n| 评查日期 | 　　　　年　　月　　日 | | |\n";
    return out;
}

}  // namespace

std::string citation_text(const RulePack& pack, const Cite& cite, std::optional<Date> day) {
    const bool digits = !cite.article.empty() && cite.article.find_first_not_of("0123456789") == std::string::npos;
    const std::string article = cite.article.empty() ? "" : digits ? "第 " + cite.article + " 条" : cite.article;
    const Law* law = pack.laws.find(cite.law);
    if (!law) return "《" + cite.law + "》" + article;
    std::string version;
    if (const LawVersion* v = day ? LawCatalog::version_on(*law, *day) : nullptr) version = "（" + v->label + " 年版）";
    return "《" + law->name + "》" + version + article;
}

SheetHeader sheet_header(const Record& record, const RulePack& pack, const std::string& reviewer) {
    SheetHeader h;
    const Value& root = record.root;
    h.case_id = text_at(root, pack, {"id"});
    h.agency = agency_text(pack, text_at(root, pack, {"agency", "code"}), text_at(root, pack, {"agency", "name"}));
    h.cause = text_at(root, pack, {"cause"});
    h.party = text_at(root, pack, {"party", "name"});
    h.act = date_at(root, pack, "act");
    h.decided = date_at(root, pack, "decided");
    h.reviewer_unit = reviewer.empty() ? "" : agency_text(pack, reviewer, "");
    h.pack = pack.info;
    h.source = record.source;
    return h;
}

std::string score_sheet_html(const RulePack& pack, const CaseResult& result,
                             const std::vector<RuleExplanation>& explanations, const SheetHeader& header) {
    return html_sheet(build_model(pack, result, explanations, header));
}

std::string score_sheet_markdown(const RulePack& pack, const CaseResult& result,
                                 const std::vector<RuleExplanation>& explanations, const SheetHeader& header) {
    return md_sheet(build_model(pack, result, explanations, header));
}

std::string render_score_sheet(std::string_view format, const RulePack& pack, const CaseResult& result,
                               const std::vector<RuleExplanation>& explanations, const SheetHeader& header) {
    return format == "html" ? score_sheet_html(pack, result, explanations, header)
                            : score_sheet_markdown(pack, result, explanations, header);
}

}  // namespace pingcha
