#include "web/pages.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/explanation_report.hpp"
#include "store/store.hpp"
#include "web/html.hpp"

namespace pingcha::web {
namespace {

std::string num(Rational r) { return h(r.to_decimal_string()); }

std::string agency_label(const std::string& code) { return code.empty() ? "（未注明）" : code; }

std::string outcome_html(const CaseResult& r) {
    std::string out = "<b>" + num(r.score) + "</b> 分，" + h(r.grade);
    if (r.veto) out += " <span class=\"veto\">否决</span>";
    return out;
}

std::string cite_html(const Cite& c) {
    std::string out = "《" + c.law + "》";
    if (!c.article.empty()) {
        const bool digits = c.article.find_first_not_of("0123456789") == std::string::npos;
        out += digits ? "第" + c.article + "条" : c.article;
    }
    return h(out);
}

std::string finding_label(const review::StoredFinding& s) {
    std::string out = "<b>" + h(s.finding.rule) + "</b>";
    if (!s.path.empty()) out += " <code>" + h(s.path) + "</code>";
    out += " " + h(s.finding.title) + "［" + severity_label(s.finding.severity);
    if (s.finding.severity == FindingSeverity::deduct) out += " " + num(s.finding.points) + " 分";
    return out + "］";
}

std::string decision_html(const review::AdjudicationRecord& d) {
    std::string out = "#" + std::to_string(d.id) + " " + h(d.decided_at) + " " + h(d.reviewer) + " <b>" +
                      review::decision_label(d.decision) + "</b>";
    if (d.points) out += "（扣 " + num(*d.points) + " 分）";
    out += "：" + h(d.reason);
    if (d.superseded_by) return "<span class=\"superseded\">" + out + "</span> <span class=\"muted\">已被 #" +
                                std::to_string(*d.superseded_by) + " 取代</span>";
    return out + " <span class=\"muted\">（现行）</span>";
}

std::string options(const std::vector<std::string>& values, const std::string& selected, const std::string& any) {
    std::string out = "<option value=\"\">" + h(any) + "</option>";
    for (const auto& v : values)
        out += "<option value=\"" + h(v) + "\"" + (v == selected ? " selected" : "") + ">" + h(v) + "</option>";
    return out;
}

std::vector<std::string> column(SQLite::Database& db, const char* sql, int64_t run_id) {
    SQLite::Statement q(db, sql);
    q.bind(1, run_id);
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
}

std::vector<std::string> run_grades(SQLite::Database& db, int64_t run_id) {
    SQLite::Statement q(db, "SELECT grading FROM runs WHERE id = ?");
    q.bind(1, run_id);
    std::vector<std::string> out;
    if (!q.executeStep()) return out;
    const auto g = nlohmann::json::parse(q.getColumn(0).getString());
    for (const auto& b : g["bands"]) out.push_back(b["grade"].get<std::string>());
    const std::string veto = g.value("veto_grade", "");
    if (!veto.empty() && std::find(out.begin(), out.end(), veto) == out.end()) out.push_back(veto);
    return out;
}

struct CaseRow {
    std::string case_id, agency;
    CaseResult engine, adjudicated;
    int64_t findings = 0, decisions = 0;
};

std::vector<CaseRow> case_rows(SQLite::Database& db, int64_t run_id, const CaseFilter& f) {
    SQLite::Statement q(db,
                        "SELECT r.id, c.case_id, cr.agency_code, r.score, r.grade, r.veto, "
                        "(SELECT count(*) FROM findings x WHERE x.result_id = r.id), "
                        "(SELECT count(*) FROM adjudications a WHERE a.result_id = r.id) "
                        "FROM results r JOIN case_revisions cr ON cr.id = r.revision_id "
                        "JOIN cases c ON c.id = cr.case_ref WHERE r.run_id = ?1 "
                        "AND (?2 = '' OR cr.agency_code = ?2) "
                        "AND (?3 = '' OR EXISTS (SELECT 1 FROM findings x WHERE x.result_id = r.id AND x.rule = ?3)) "
                        "ORDER BY c.case_id");
    q.bind(1, run_id);
    q.bind(2, f.agency);
    q.bind(3, f.rule);
    std::vector<CaseRow> rows;
    while (q.executeStep()) {
        CaseRow row;
        row.case_id = q.getColumn(1).getString();
        row.agency = q.getColumn(2).getString();
        row.engine.score = store::parse_exact(q.getColumn(3).getString()).value_or(Rational{});
        row.engine.grade = q.getColumn(4).getString();
        row.engine.veto = q.getColumn(5).getInt() != 0;
        row.findings = q.getColumn(6).getInt64();
        row.decisions = q.getColumn(7).getInt64();
        row.adjudicated = row.decisions ? review::load_case_audit(db, q.getColumn(0).getInt64()).adjudicated : row.engine;
        if (!f.grade.empty() && row.adjudicated.grade != f.grade) continue;
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string adjudication_form(const review::CaseAudit& a, const review::StoredFinding& s, const std::string& csrf) {
    std::string out = "<form class=\"adjudicate\" method=\"post\" action=\"/adjudicate\">";
    auto hidden = [&](const char* name, const std::string& value) {
        out += "<input type=\"hidden\" name=\"" + std::string(name) + "\" value=\"" + h(value) + "\">";
    };
    hidden("csrf", csrf);
    hidden("run", std::to_string(a.run.id));
    hidden("case", a.case_id);
    hidden("rule", s.finding.rule);
    hidden("path", s.path);
    const std::string id = std::to_string(s.id);
    out += "<label><input type=\"radio\" name=\"decision\" value=\"confirm\" required> 确认</label>"
           "<label><input type=\"radio\" name=\"decision\" value=\"dismiss\"> 撤销</label>"
           "<label><input type=\"radio\" name=\"decision\" value=\"adjust\"> 调整扣分为 "
           "<input type=\"text\" name=\"points\" size=\"5\" inputmode=\"decimal\" aria-label=\"调整后的扣分\"> 分</label>"
           "<br><label>理由 <textarea name=\"reason\" required maxlength=\"2000\"></textarea></label>"
           "<label>裁定人 <input type=\"text\" name=\"reviewer\" required maxlength=\"100\"></label>"
           "<button type=\"submit\" id=\"submit-" + id + "\">提交裁定</button></form>";
    return out;
}

const RuleExplanation* explanation_of(const CaseWhy& why, const std::string& rule) {
    if (!why.rules) return nullptr;
    for (const auto& x : *why.rules)
        if (x.rule->id == rule) return &x;
    return nullptr;
}

// The fired evaluation behind a finding: findings of one rule come in the order its fired
// elements were evaluated.
const ElementExplanation* fired_element(const review::CaseAudit& a, const CaseWhy& why, const review::StoredFinding& f) {
    const RuleExplanation* x = explanation_of(why, f.finding.rule);
    if (!x) return nullptr;
    size_t nth = 0;
    for (const auto& other : a.findings) {
        if (&other == &f) break;
        if (other.finding.rule == f.finding.rule) ++nth;
    }
    for (const auto& e : x->elements)
        if (e.outcome == RuleOutcome::fired && nth-- == 0) return &e;
    return nullptr;
}

std::string why_block(const std::string& text) { return "<pre class=\"why\">" + h(text) + "</pre>"; }

std::string rules_explained(const CaseWhy& why) {
    if (!why.rules) return "";
    std::string out = "<h2>逐条规则说明</h2><table id=\"explanations\"><thead><tr><th>规则</th><th>结果</th>"
                      "<th>说明（判定值、不适用原因）</th></tr></thead><tbody>";
    for (const auto& x : *why.rules)
        out += "<tr class=\"" + std::string(outcome_name(x.outcome)) + "\"><td><b>" + h(x.rule->id) + "</b> " +
               h(x.rule->title) + "</td><td>" + outcome_label(x.outcome) + "</td><td>" +
               why_block(rule_explanation_text(x, "")) + "</td></tr>";
    return out + "</tbody></table>";
}

}  // namespace

std::string runs_page(SQLite::Database& db) {
    SQLite::Statement q(db,
                        "SELECT u.id, u.pack_name, u.pack_version, o.name, u.status, u.case_count, u.started_at, "
                        "u.finished_at, (SELECT count(*) FROM results r WHERE r.run_id = u.id), "
                        "(SELECT count(DISTINCT a.result_id) FROM adjudications a WHERE a.run_id = u.id) "
                        "FROM runs u LEFT JOIN rounds o ON o.id = u.round_id ORDER BY u.id DESC");
    std::string body = "<h1>评查运行</h1><table><thead><tr><th>运行</th><th>规则包</th><th>轮次</th><th>状态</th>"
                       "<th>已评/应评</th><th>已裁定案卷</th><th>开始</th><th>结束</th></tr></thead><tbody>";
    int rows = 0;
    while (q.executeStep()) {
        ++rows;
        const std::string id = std::to_string(q.getColumn(0).getInt64());
        body += "<tr><td><a href=\"" + h(link("/cases", {{"run", id}})) + "\">运行 " + id + "</a></td><td>" +
                h(q.getColumn(1).getString()) + " " + h(q.getColumn(2).getString()) + "</td><td>" +
                (q.getColumn(3).isNull() ? std::string("全部案卷") : h(q.getColumn(3).getString())) + "</td><td>" +
                (q.getColumn(4).getString() == "done" ? "已完成" : "未完成") + "</td><td class=\"n\">" +
                std::to_string(q.getColumn(8).getInt64()) + " / " + std::to_string(q.getColumn(5).getInt64()) +
                "</td><td class=\"n\">" + std::to_string(q.getColumn(9).getInt64()) + "</td><td>" +
                h(q.getColumn(6).getString()) + "</td><td>" +
                (q.getColumn(7).isNull() ? std::string("—") : h(q.getColumn(7).getString())) + "</td></tr>";
    }
    body += "</tbody></table>";
    if (rows == 0) body += "<p class=\"muted\">评查库中还没有运行（先运行 pingcha import 与 pingcha run）。</p>";
    return page("评查运行", body);
}

std::string case_list_page(SQLite::Database& db, int64_t run_id, const CaseFilter& f) {
    const auto run = store::load_run(db, run_id);
    const std::string run_text = std::to_string(run_id);
    const auto rows = case_rows(db, run_id, f);
    const auto agencies = column(db,
                                 "SELECT DISTINCT cr.agency_code FROM results r JOIN case_revisions cr ON "
                                 "cr.id = r.revision_id WHERE r.run_id = ? AND cr.agency_code != '' ORDER BY 1",
                                 run_id);
    const auto rules = column(db,
                              "SELECT DISTINCT f.rule FROM findings f JOIN results r ON r.id = f.result_id "
                              "WHERE r.run_id = ? ORDER BY 1",
                              run_id);
    std::string body = "<h1>运行 " + run_text + " 的案卷</h1><p class=\"muted\">规则包 " + h(run.pack_name) + " " +
                       h(run.pack_version) + "</p>";
    body += "<form class=\"filter\" method=\"get\" action=\"/cases\"><input type=\"hidden\" name=\"run\" value=\"" +
            run_text + "\"><label>单位 <select name=\"agency\">" + options(agencies, f.agency, "全部单位") +
            "</select></label><label>等级（裁定后） <select name=\"grade\">" +
            options(run_grades(db, run_id), f.grade, "全部等级") + "</select></label><label>问题规则 <select name=\"rule\">" +
            options(rules, f.rule, "全部规则") + "</select></label><button type=\"submit\">筛选</button></form>";
    const int64_t pages = std::max<int64_t>(1, (static_cast<int64_t>(rows.size()) + kCasesPerPage - 1) / kCasesPerPage);
    const int64_t page_no = std::clamp<int64_t>(f.page, 1, pages);
    body += "<p id=\"count\">共 <b>" + std::to_string(rows.size()) + "</b> 件";
    if (pages > 1) body += "，第 " + std::to_string(page_no) + " / " + std::to_string(pages) + " 页";
    body += "</p><table id=\"cases\"><thead><tr><th>案卷</th><th>单位</th><th>引擎得分</th><th>引擎等级</th>"
            "<th>裁定得分</th><th>裁定等级</th><th>问题</th><th>裁定</th></tr></thead><tbody>";
    const size_t first = static_cast<size_t>((page_no - 1) * kCasesPerPage);
    for (size_t i = first; i < rows.size() && i < first + static_cast<size_t>(kCasesPerPage); ++i) {
        const auto& r = rows[i];
        body += "<tr><td><a href=\"" + h(link("/case", {{"run", run_text}, {"id", r.case_id}})) + "\">" +
                h(r.case_id) + "</a></td><td>" + h(agency_label(r.agency)) + "</td><td class=\"n\">" +
                num(r.engine.score) + "</td><td>" + h(r.engine.grade) + (r.engine.veto ? "（否决）" : "") +
                "</td><td class=\"n\">" + num(r.adjudicated.score) + "</td><td>" + h(r.adjudicated.grade) +
                (r.adjudicated.veto ? "（否决）" : "") + "</td><td class=\"n\">" + std::to_string(r.findings) +
                "</td><td class=\"n\">" + std::to_string(r.decisions) + "</td></tr>";
    }
    body += "</tbody></table>";
    auto page_link = [&](int64_t n, const char* label) {
        return "<a href=\"" +
               h(link("/cases", {{"run", run_text}, {"agency", f.agency}, {"grade", f.grade}, {"rule", f.rule},
                                 {"page", std::to_string(n)}})) +
               "\">" + label + "</a> ";
    };
    if (page_no > 1) body += page_link(page_no - 1, "上一页");
    if (page_no < pages) body += page_link(page_no + 1, "下一页");
    return page("运行 " + run_text + " 的案卷", body);
}

std::string score_sheet_html(const review::CaseAudit& a) {
    std::string out = "<table class=\"scores\" id=\"scores\"><tr><th>引擎评分</th><td id=\"engine-score\">" +
                      outcome_html(a.engine) + "</td></tr><tr><th>裁定后评分</th><td id=\"adjudicated-score\">" +
                      outcome_html(a.adjudicated) + "</td></tr></table>";
    out += "<table class=\"sheet\"><thead><tr><th>部分</th><th>满分</th><th>引擎扣分</th><th>裁定扣分</th>"
           "<th>问题（依据）</th></tr></thead><tbody>";
    for (size_t i = 0; i < a.engine.sections.size(); ++i) {
        const auto& s = a.engine.sections[i];
        const Rational adjusted = i < a.adjudicated.sections.size() ? a.adjudicated.sections[i].deducted : s.deducted;
        out += "<tr><td>" + h(s.name) + "</td><td class=\"n\">" + num(s.max) + "</td><td class=\"n\">" +
               num(s.deducted) + "</td><td class=\"n\">" + num(adjusted) + "</td><td>";
        for (const auto& f : a.findings) {
            if (f.finding.section != s.id) continue;
            out += "<div>" + finding_label(f);
            if (const auto* d = a.latest(f.id)) {
                out += " <span class=\"decided\">（裁定：" + std::string(review::decision_label(d->decision));
                if (d->points) out += " " + num(*d->points) + " 分";
                out += "）</span>";
            }
            out += "：" + h(f.finding.message);
            if (!f.finding.cites.empty()) {
                out += "<br><span class=\"muted\">依据：";
                for (size_t c = 0; c < f.finding.cites.size(); ++c) out += (c ? "、" : "") + cite_html(f.finding.cites[c]);
                out += "</span>";
            }
            out += "</div>";
        }
        out += "</td></tr>";
    }
    out += "</tbody></table>";
    for (const auto& w : a.engine.warnings) out += "<p class=\"muted\">注意：" + h(w) + "</p>";
    return out;
}

std::string case_page(const review::CaseAudit& a, const CaseWhy& why, const std::string& csrf,
                      const std::string& notice, const std::string& error) {
    const std::string run_text = std::to_string(a.run.id);
    std::string body = "<p><a href=\"" + h(link("/cases", {{"run", run_text}})) + "\">← 运行 " + run_text +
                       " 的案卷</a></p><h1>案卷 " + h(a.case_id) + "</h1>";
    if (!notice.empty()) body += "<p class=\"notice\" id=\"notice\">" + h(notice) + "</p>";
    if (!error.empty()) body += "<p class=\"error\" id=\"error\">" + h(error) + "</p>";
    body += "<p>单位 " + h(agency_label(a.agency)) + " · 第 " + std::to_string(a.revision) + " 版（来源 " + h(a.source) +
            "） · 运行 " + run_text + "，规则包 " + h(a.run.pack_name) + " " + h(a.run.pack_version) + "</p>";
    body += score_sheet_html(a);
    if (!why.rules)
        body += "<p class=\"error\" id=\"explain-unavailable\">无法给出评查说明（以下仅显示保存的评查结果）：" +
                h(why.unavailable) + "</p>";
    body += "<h2>逐项裁定</h2>";
    if (a.findings.empty()) body += "<p class=\"muted\">该案卷没有问题，无需裁定。</p>";
    for (const auto& f : a.findings) {
        body += "<section class=\"finding\" id=\"finding-" + std::to_string(f.id) + "\"><p>" + finding_label(f) + "：" +
                h(f.finding.message) + "</p>";
        if (const auto* e = fired_element(a, why, f)) body += why_block(element_text(*e, ""));
        std::vector<const review::AdjudicationRecord*> history;
        for (const auto& d : a.adjudications)
            if (d.finding_id == f.id) history.push_back(&d);
        if (!history.empty()) {
            body += "<ol class=\"history\">";
            for (const auto* d : history) body += "<li>" + decision_html(*d) + "</li>";
            body += "</ol>";
        }
        body += adjudication_form(a, f, csrf) + "</section>";
    }
    body += rules_explained(why);
    return page("案卷 " + a.case_id, body);
}

std::string message_page(const std::string& title, const std::string& message) {
    return page(title, "<h1>" + h(title) + "</h1><p class=\"error\">" + h(message) +
                           "</p><p><a href=\"/\">返回运行列表</a></p>");
}

}  // namespace pingcha::web
