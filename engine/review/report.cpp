#include "review/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <sstream>

#include "review/adjudication.hpp"
#include "store/run.hpp"
#include "store/store.hpp"

namespace pingcha::review {
namespace {

double round2(double v) { return std::round(v * 100.0) / 100.0; }

std::string agency_label(const std::string& code) { return code.empty() ? "（未注明）" : code; }

std::string number(const nlohmann::ordered_json& v) {
    if (v.is_number_integer() || v.is_number_unsigned()) return std::to_string(v.get<int64_t>());
    if (v.is_number_float()) {
        std::ostringstream ss;
        ss << v.get<double>();
        return ss.str();
    }
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
}

std::string percent(const nlohmann::ordered_json& v) {
    std::ostringstream ss;
    ss << round2(v.get<double>() * 100.0) << "%";
    return ss.str();
}

// Case-supplied text in Markdown: one line, no table breaks, nothing a renderer would take
// as markup (HTML tags, links, emphasis, code): such characters are backslash-escaped, which
// CommonMark renders as the character itself.
std::string md(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\n' || c == '\r') out += ' ';
        else if (std::strchr("\\`*_[]<>|~&!", c) && c != '\0') out += '\\', out += c;
        else out += c;
    }
    return out;
}

// RFC 4180 quoting; a cell that a spreadsheet would run as a formula (starting with =, +, -,
// @, tab or carriage return) is prefixed with an apostrophe, which spreadsheets show as text.
std::string csv(const std::string& s) {
    const bool formula = !s.empty() && std::strchr("=+-@\t\r", s[0]) && s[0] != '\0';
    const std::string text = formula ? "'" + s : s;
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

nlohmann::ordered_json build_report(SQLite::Database& db, int64_t run_id, size_t worst, size_t examples) {
    const store::RunInfo run = store::load_run(db, run_id);
    nlohmann::json grading;
    std::string started, finished;
    {
        SQLite::Statement q(db, "SELECT grading, started_at, finished_at FROM runs WHERE id = ?");
        q.bind(1, run_id);
        q.executeStep();
        grading = nlohmann::json::parse(q.getColumn(0).getString());
        started = q.getColumn(1).getString();
        finished = q.getColumn(2).isNull() ? "" : q.getColumn(2).getString();
    }
    std::vector<std::string> grades;
    for (const auto& b : grading["bands"]) grades.push_back(b["grade"].get<std::string>());
    std::set<std::string> failing = {grading["veto_grade"].get<std::string>()};
    if (!grading["bands"].empty() && !grading["bands"].back().contains("at_least"))
        failing.insert(grading["bands"].back()["grade"].get<std::string>());

    nlohmann::ordered_json rep;
    rep["运行"] = {{"编号", run_id},
                 {"规则包", run.pack_name},
                 {"版本", run.pack_version},
                 {"摘要", run.pack_digest},
                 {"轮次", run.round ? nlohmann::ordered_json(*run.round) : nlohmann::ordered_json(nullptr)},
                 {"开始", started},
                 {"结束", finished.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(finished)},
                 {"状态", run.status == "done" ? "已完成" : "未完成"},
                 {"应评案卷", run.case_count}};
    rep["等级"] = grades;
    rep["合格等级"] = nlohmann::ordered_json::array();
    for (const auto& g : grades)
        if (!failing.count(g)) rep["合格等级"].push_back(g);

    // Per agency.
    struct Agency {
        int64_t cases = 0, vetoes = 0, passed = 0, decided = 0;
        double sum = 0;
        std::map<std::string, int64_t> grades;
    };
    std::map<std::string, Agency> agencies;
    Agency all;
    {
        SQLite::Statement q(db,
                            "SELECT cr.agency_code, r.grade, count(*), sum(r.score_value), sum(r.veto) FROM results r "
                            "JOIN case_revisions cr ON cr.id = r.revision_id WHERE r.run_id = ? GROUP BY 1, 2");
        q.bind(1, run_id);
        while (q.executeStep()) {
            const std::string grade = q.getColumn(1).getString();
            const int64_t n = q.getColumn(2).getInt64();
            for (Agency* a : {&agencies[q.getColumn(0).getString()], &all}) {
                a->cases += n;
                a->sum += q.getColumn(3).getDouble();
                a->vetoes += q.getColumn(4).getInt64();
                a->grades[grade] += n;
                if (!failing.count(grade)) a->passed += n;
            }
        }
    }
    auto agency_json = [&](const std::string& name, const Agency& a) {
        nlohmann::ordered_json dist = nlohmann::ordered_json::object();
        for (const auto& g : grades) dist[g] = a.grades.count(g) ? a.grades.at(g) : 0;
        for (const auto& [g, n] : a.grades)
            if (!dist.contains(g)) dist[g] = n;
        return nlohmann::ordered_json{{"单位", name},
                                      {"案卷数", a.cases},
                                      {"平均分", a.cases ? round2(a.sum / static_cast<double>(a.cases)) : 0.0},
                                      {"等级分布", dist},
                                      {"合格数", a.passed},
                                      {"合格率", a.cases ? static_cast<double>(a.passed) / static_cast<double>(a.cases) : 0.0},
                                      {"否决数", a.vetoes}};
    };
    // Adjudicated results: cases with decisions are re-scored, the others keep the engine's.
    std::map<int64_t, CaseAudit> decided;
    {
        SQLite::Statement q(db, "SELECT DISTINCT result_id FROM adjudications WHERE run_id = ? ORDER BY 1");
        q.bind(1, run_id);
        std::vector<int64_t> ids;
        while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
        for (const auto id : ids) decided.emplace(id, load_case_audit(db, id));
    }
    std::map<std::string, Agency> adjudicated;
    Agency adjudicated_all;
    {
        SQLite::Statement q(db,
                            "SELECT r.id, cr.agency_code, r.grade, r.score_value, r.veto FROM results r "
                            "JOIN case_revisions cr ON cr.id = r.revision_id WHERE r.run_id = ?");
        q.bind(1, run_id);
        while (q.executeStep()) {
            const auto it = decided.find(q.getColumn(0).getInt64());
            const bool has = it != decided.end();
            const std::string grade = has ? it->second.adjudicated.grade : q.getColumn(2).getString();
            const double score = has ? it->second.adjudicated.score.to_double() : q.getColumn(3).getDouble();
            const bool veto = has ? it->second.adjudicated.veto : q.getColumn(4).getInt() != 0;
            for (Agency* a : {&adjudicated[q.getColumn(1).getString()], &adjudicated_all}) {
                a->cases += 1;
                a->sum += score;
                a->vetoes += veto ? 1 : 0;
                a->grades[grade] += 1;
                if (!failing.count(grade)) a->passed += 1;
                a->decided += has ? 1 : 0;
            }
        }
    }
    // The engine's figures, then the same after adjudication (裁定…).
    auto both_json = [&](const std::string& name, const Agency& engine, const Agency& adj) {
        auto row = agency_json(name, engine);
        const auto after = agency_json(name, adj);
        row["已裁定案卷"] = adj.decided;
        for (const char* key : {"平均分", "等级分布", "合格数", "合格率", "否决数"}) row[std::string("裁定") + key] = after[key];
        return row;
    };
    rep["各单位"] = nlohmann::ordered_json::array();
    for (const auto& [code, a] : agencies) rep["各单位"].push_back(both_json(agency_label(code), a, adjudicated[code]));
    rep["合计"] = both_json("合计", all, adjudicated_all);

    // Per section.
    rep["各部分扣分"] = nlohmann::ordered_json::array();
    {
        SQLite::Statement q(db,
                            "SELECT s.section, s.name, s.max, sum(s.deducted_value > 0), sum(s.deducted_value) "
                            "FROM result_sections s JOIN results r ON r.id = s.result_id WHERE r.run_id = ? "
                            "GROUP BY s.section ORDER BY min(s.seq), s.section");
        q.bind(1, run_id);
        while (q.executeStep()) {
            const double total = q.getColumn(4).getDouble();
            rep["各部分扣分"].push_back(
                {{"部分", q.getColumn(0).getString()},
                 {"名称", q.getColumn(1).getString()},
                 {"满分", q.getColumn(2).getString()},
                 {"扣分案卷数", q.getColumn(3).getInt64()},
                 {"扣分合计", round2(total)},
                 {"平均扣分", all.cases ? round2(total / static_cast<double>(all.cases)) : 0.0}});
        }
    }

    // Defects by frequency (cases hit), with the agencies they hit.
    std::map<std::string, std::vector<std::pair<std::string, int64_t>>> hit;
    {
        SQLite::Statement q(db,
                            "SELECT f.rule, cr.agency_code, count(DISTINCT f.result_id) FROM findings f "
                            "JOIN results r ON r.id = f.result_id JOIN case_revisions cr ON cr.id = r.revision_id "
                            "WHERE r.run_id = ? GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2");
        q.bind(1, run_id);
        while (q.executeStep())
            hit[q.getColumn(0).getString()].emplace_back(agency_label(q.getColumn(1).getString()),
                                                         q.getColumn(2).getInt64());
    }
    rep["问题排行"] = nlohmann::ordered_json::array();
    {
        SQLite::Statement q(db,
                            "SELECT f.rule, min(f.title), min(f.section), min(f.severity), count(*), "
                            "count(DISTINCT f.result_id), sum(f.points_value) FROM findings f "
                            "JOIN results r ON r.id = f.result_id WHERE r.run_id = ? "
                            "GROUP BY f.rule ORDER BY 6 DESC, 5 DESC, 1");
        q.bind(1, run_id);
        int rank = 0;
        while (q.executeStep()) {
            const std::string rule = q.getColumn(0).getString();
            nlohmann::ordered_json units = nlohmann::ordered_json::array();
            for (const auto& [a, n] : hit[rule]) units.push_back({{"单位", a}, {"案卷数", n}});
            const std::string sev = q.getColumn(3).getString();
            rep["问题排行"].push_back({{"排名", ++rank},
                                    {"规则", rule},
                                    {"名称", q.getColumn(1).getString()},
                                    {"部分", q.getColumn(2).getString()},
                                    {"性质", sev == "veto" ? "否决" : sev == "deduct" ? "扣分" : "提示"},
                                    {"问题数", q.getColumn(4).getInt64()},
                                    {"案卷数", q.getColumn(5).getInt64()},
                                    {"扣分合计", round2(q.getColumn(6).getDouble())},
                                    {"涉及单位", units}});
        }
    }

    // Reviewer workload (runs of a round).
    if (run.round) {
        rep["评查单位工作量"] = nlohmann::ordered_json::array();
        SQLite::Statement q(db,
                            "SELECT a.reviewer, count(*), count(r.id) FROM runs u JOIN assignments a ON a.round_id = "
                            "u.round_id JOIN case_revisions cr ON cr.case_ref = a.case_ref JOIN run_cases rc ON "
                            "rc.run_id = u.id AND rc.revision_id = cr.id LEFT JOIN results r ON r.run_id = u.id AND "
                            "r.revision_id = cr.id WHERE u.id = ? GROUP BY 1 ORDER BY 1");
        q.bind(1, run_id);
        while (q.executeStep())
            rep["评查单位工作量"].push_back({{"评查单位", q.getColumn(0).getString()},
                                          {"分配案卷", q.getColumn(1).getInt64()},
                                          {"已评查", q.getColumn(2).getInt64()}});
    }
    // Typical cases: the worst files (lowest score, then case id) and, for each of the most
    // frequent defects, the lowest-scoring file it hit (then case id).
    auto case_json = [&](int64_t result_id, const std::string& only_rule) {
        SQLite::Statement q(db,
                            "SELECT c.case_id, cr.agency_code, r.score, r.grade, r.result_json FROM results r JOIN "
                            "case_revisions cr ON cr.id = r.revision_id JOIN cases c ON c.id = cr.case_ref "
                            "WHERE r.id = ?");
        q.bind(1, result_id);
        q.executeStep();
        const auto result = nlohmann::json::parse(q.getColumn(4).getString());
        nlohmann::ordered_json findings = nlohmann::ordered_json::array();
        SQLite::Statement t(db, "SELECT title FROM findings WHERE result_id = ? ORDER BY seq");
        t.bind(1, result_id);
        for (const auto& f : result["findings"]) {
            const std::string title = t.executeStep() ? t.getColumn(0).getString() : "";
            if (!only_rule.empty() && f["rule"] != only_rule) continue;
            nlohmann::ordered_json cites = nlohmann::ordered_json::array();
            for (const auto& c : f["cites"]) {
                std::string law = "《" + c["law"].get<std::string>() + "》";
                const std::string article = c.value("article", "");
                if (!article.empty())
                    law += article.starts_with("第") ? article : "第" + article + "条";  // `40` or `第四十条`
                cites.push_back(law);
            }
            const std::string sev = f["severity"];
            findings.push_back({{"规则", f["rule"]},
                                {"名称", title},
                                {"性质", sev == "veto" ? "否决" : sev == "deduct" ? "扣分" : "提示"},
                                {"扣分", f.contains("points") ? f["points"] : nlohmann::json(0)},
                                {"说明", f["message"]},
                                {"依据", cites}});
        }
        const auto it = decided.find(result_id);
        return nlohmann::ordered_json{
            {"案卷", q.getColumn(0).getString()},
            {"单位", agency_label(q.getColumn(1).getString())},
            {"来源", result["source"]},
            {"得分", q.getColumn(2).getString()},
            {"等级", q.getColumn(3).getString()},
            {"问题", findings},
            {"裁定得分", it != decided.end() ? store::exact_text(it->second.adjudicated.score) : q.getColumn(2).getString()},
            {"裁定等级", it != decided.end() ? it->second.adjudicated.grade : q.getColumn(3).getString()}};
    };
    nlohmann::ordered_json typical;
    typical["最低分案卷"] = nlohmann::ordered_json::array();
    {
        SQLite::Statement q(db,
                            "SELECT r.id FROM results r JOIN case_revisions cr ON cr.id = r.revision_id JOIN cases c "
                            "ON c.id = cr.case_ref WHERE r.run_id = ? ORDER BY r.score_value, c.case_id LIMIT ?");
        q.bind(1, run_id);
        q.bind(2, static_cast<int64_t>(worst));
        std::vector<int64_t> ids;
        while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
        for (const auto id : ids) typical["最低分案卷"].push_back(case_json(id, ""));
    }
    typical["问题示例"] = nlohmann::ordered_json::array();
    for (size_t i = 0; i < rep["问题排行"].size() && i < examples; ++i) {
        const std::string rule = rep["问题排行"][i]["规则"];
        SQLite::Statement q(db,
                            "SELECT r.id FROM findings f JOIN results r ON r.id = f.result_id JOIN case_revisions cr ON "
                            "cr.id = r.revision_id JOIN cases c ON c.id = cr.case_ref WHERE r.run_id = ? AND f.rule = ? "
                            "ORDER BY r.score_value, c.case_id LIMIT 1");
        q.bind(1, run_id);
        q.bind(2, rule);
        if (!q.executeStep()) continue;
        const int64_t id = q.getColumn(0).getInt64();
        auto example = case_json(id, rule);
        typical["问题示例"].push_back({{"规则", rule}, {"名称", rep["问题排行"][i]["名称"]}, {"案卷", example}});
    }
    rep["典型案例"] = typical;

    nlohmann::ordered_json adj;
    {
        SQLite::Statement q(db, "SELECT count(*) FROM adjudications WHERE run_id = ?");
        q.bind(1, run_id);
        q.executeStep();
        adj["裁定记录"] = q.getColumn(0).getInt64();
    }
    adj["已裁定案卷"] = decided.size();
    std::vector<const CaseAudit*> cases;
    for (const auto& [id, a] : decided) cases.push_back(&a);
    std::sort(cases.begin(), cases.end(), [](auto* x, auto* y) { return x->case_id < y->case_id; });
    adj["案卷"] = nlohmann::ordered_json::array();
    for (const auto* a : cases) {
        int64_t in_force = 0;
        for (const auto& d : a->adjudications) in_force += d.superseded_by ? 0 : 1;
        adj["案卷"].push_back({{"案卷", a->case_id},
                              {"单位", agency_label(a->agency)},
                              {"得分", store::exact_text(a->engine.score)},
                              {"等级", a->engine.grade},
                              {"裁定得分", store::exact_text(a->adjudicated.score)},
                              {"裁定等级", a->adjudicated.grade},
                              {"裁定记录", a->adjudications.size()},
                              {"现行裁定", in_force}});
    }
    rep["裁定"] = adj;
    return rep;
}

std::string report_json(const nlohmann::ordered_json& report) { return report.dump(2) + "\n"; }

std::string report_markdown(const nlohmann::ordered_json& r) {
    std::ostringstream o;
    const auto& run = r["运行"];
    o << "# 案卷评查结果汇总（运行 " << run["编号"].get<int64_t>() << "）\n\n";
    o << "- 规则包：" << md(run["规则包"].get<std::string>()) << " " << md(run["版本"].get<std::string>())
      << "（摘要 `" << run["摘要"].get<std::string>().substr(0, 12) << "…`）\n";
    if (!run["轮次"].is_null()) o << "- 评查轮次：" << md(run["轮次"].get<std::string>()) << "\n";
    o << "- 开始：" << run["开始"].get<std::string>() << "；结束："
      << (run["结束"].is_null() ? std::string("—") : run["结束"].get<std::string>()) << "；状态："
      << run["状态"].get<std::string>() << "\n";
    o << "- 应评案卷 " << number(run["应评案卷"]) << " 件，已评 " << number(r["合计"]["案卷数"]) << " 件\n\n";

    o << "## 各单位评查结果\n\n| 单位 | 案卷数 | 平均分 |";
    for (const auto& g : r["等级"]) o << " " << md(g.get<std::string>()) << " |";
    o << " 合格率 | 否决 |\n|---|---:|---:|";
    for (size_t i = 0; i < r["等级"].size(); ++i) o << "---:|";
    o << "---:|---:|\n";
    auto row = [&](const nlohmann::ordered_json& a, bool bold) {
        const std::string b = bold ? "**" : "";
        o << "| " << b << md(a["单位"].get<std::string>()) << b << " | " << number(a["案卷数"]) << " | "
          << number(a["平均分"]) << " |";
        for (const auto& g : r["等级"]) o << " " << number(a["等级分布"][g.get<std::string>()]) << " |";
        o << " " << percent(a["合格率"]) << " | " << number(a["否决数"]) << " |\n";
    };
    for (const auto& a : r["各单位"]) row(a, false);
    row(r["合计"], true);

    o << "\n## 各部分扣分\n\n| 部分 | 名称 | 满分 | 扣分案卷数 | 扣分合计 | 平均扣分 |\n|---|---|---:|---:|---:|---:|\n";
    for (const auto& s : r["各部分扣分"])
        o << "| " << md(s["部分"].get<std::string>()) << " | " << md(s["名称"].get<std::string>()) << " | "
          << number(s["满分"]) << " | " << number(s["扣分案卷数"]) << " | " << number(s["扣分合计"]) << " | "
          << number(s["平均扣分"]) << " |\n";

    o << "\n## 常见问题排行\n\n| 排名 | 规则 | 名称 | 部分 | 性质 | 案卷数 | 问题数 | 涉及单位（件） |\n"
         "|---:|---|---|---|---|---:|---:|---|\n";
    for (const auto& d : r["问题排行"]) {
        std::string units;
        for (const auto& u : d["涉及单位"]) {
            if (!units.empty()) units += "、";
            units += u["单位"].get<std::string>() + "（" + number(u["案卷数"]) + "）";
        }
        o << "| " << number(d["排名"]) << " | " << md(d["规则"].get<std::string>()) << " | "
          << md(d["名称"].get<std::string>()) << " | " << md(d["部分"].get<std::string>()) << " | "
          << d["性质"].get<std::string>() << " | " << number(d["案卷数"]) << " | " << number(d["问题数"]) << " | "
          << md(units) << " |\n";
    }
    if (r.contains("评查单位工作量")) {
        o << "\n## 评查单位工作量\n\n| 评查单位 | 分配案卷 | 已评查 |\n|---|---:|---:|\n";
        for (const auto& w : r["评查单位工作量"])
            o << "| " << md(w["评查单位"].get<std::string>()) << " | " << number(w["分配案卷"]) << " | "
              << number(w["已评查"]) << " |\n";
    }
    const auto& typical = r["典型案例"];
    auto findings_md = [&](const nlohmann::ordered_json& c) {
        for (const auto& f : c["问题"]) {
            o << "- **" << md(f["规则"].get<std::string>()) << "** " << md(f["名称"].get<std::string>()) << "（"
              << f["性质"].get<std::string>();
            if (f["性质"] == "扣分") o << " " << number(f["扣分"]) << " 分";
            o << "）：" << md(f["说明"].get<std::string>());
            if (!f["依据"].empty()) {
                o << "　依据：";
                bool first = true;
                for (const auto& cite : f["依据"]) o << (first ? "" : "、") << md(cite.get<std::string>()), first = false;
            }
            o << "\n";
        }
    };
    o << "\n## 典型案例汇编\n\n### 得分最低的 " << typical["最低分案卷"].size() << " 件\n";
    for (const auto& c : typical["最低分案卷"]) {
        o << "\n#### " << md(c["案卷"].get<std::string>()) << "（" << md(c["单位"].get<std::string>()) << "，"
          << c["得分"].get<std::string>() << " 分，" << md(c["等级"].get<std::string>()) << "）\n\n";
        findings_md(c);
    }
    o << "\n### 常见问题示例\n";
    for (const auto& e : typical["问题示例"]) {
        const auto& c = e["案卷"];
        o << "\n#### " << md(e["规则"].get<std::string>()) << " " << md(e["名称"].get<std::string>()) << "：" << md(c["案卷"].get<std::string>())
          << "（" << md(c["单位"].get<std::string>()) << "）\n\n";
        findings_md(c);
    }
    const auto& adj = r["裁定"];
    o << "\n## 裁定结果\n\n裁定记录 " << number(adj["裁定记录"]) << " 条，已裁定案卷 " << number(adj["已裁定案卷"])
      << " 件。\n\n| 单位 | 已裁定案卷 | 平均分 | 裁定平均分 | 合格率 | 裁定合格率 | 否决 | 裁定否决 |\n"
         "|---|---:|---:|---:|---:|---:|---:|---:|\n";
    auto adj_row = [&](const nlohmann::ordered_json& a, bool bold) {
        const std::string b = bold ? "**" : "";
        o << "| " << b << md(a["单位"].get<std::string>()) << b << " | " << number(a["已裁定案卷"]) << " | "
          << number(a["平均分"]) << " | " << number(a["裁定平均分"]) << " | " << percent(a["合格率"]) << " | "
          << percent(a["裁定合格率"]) << " | " << number(a["否决数"]) << " | " << number(a["裁定否决数"]) << " |\n";
    };
    for (const auto& a : r["各单位"]) adj_row(a, false);
    adj_row(r["合计"], true);
    if (!adj["案卷"].empty()) {
        o << "\n| 案卷 | 单位 | 得分 | 等级 | 裁定得分 | 裁定等级 | 裁定记录 |\n|---|---|---:|---|---:|---|---:|\n";
        for (const auto& c : adj["案卷"])
            o << "| " << md(c["案卷"].get<std::string>()) << " | " << md(c["单位"].get<std::string>()) << " | "
              << number(c["得分"]) << " | " << md(c["等级"].get<std::string>()) << " | " << number(c["裁定得分"]) << " | "
              << md(c["裁定等级"].get<std::string>()) << " | " << number(c["裁定记录"]) << " |\n";
    }
    return o.str();
}

std::string report_csv(const nlohmann::ordered_json& r) {
    std::ostringstream o;
    o << "\xEF\xBB\xBF";
    o << "各单位评查结果\n单位,案卷数,平均分";
    for (const auto& g : r["等级"]) o << "," << csv(g.get<std::string>());
    o << ",合格数,合格率,否决数\n";
    auto row = [&](const nlohmann::ordered_json& a) {
        o << csv(a["单位"].get<std::string>()) << "," << number(a["案卷数"]) << "," << number(a["平均分"]);
        for (const auto& g : r["等级"]) o << "," << number(a["等级分布"][g.get<std::string>()]);
        o << "," << number(a["合格数"]) << "," << number(a["合格率"]) << "," << number(a["否决数"]) << "\n";
    };
    for (const auto& a : r["各单位"]) row(a);
    row(r["合计"]);
    o << "\n各部分扣分\n部分,名称,满分,扣分案卷数,扣分合计,平均扣分\n";
    for (const auto& s : r["各部分扣分"])
        o << csv(s["部分"].get<std::string>()) << "," << csv(s["名称"].get<std::string>()) << "," << number(s["满分"])
          << "," << number(s["扣分案卷数"]) << "," << number(s["扣分合计"]) << "," << number(s["平均扣分"]) << "\n";
    o << "\n常见问题排行\n排名,规则,名称,部分,性质,案卷数,问题数,涉及单位\n";
    for (const auto& d : r["问题排行"]) {
        std::string units;
        for (const auto& u : d["涉及单位"]) {
            if (!units.empty()) units += ";";
            units += u["单位"].get<std::string>() + ":" + number(u["案卷数"]);
        }
        o << number(d["排名"]) << "," << csv(d["规则"].get<std::string>()) << "," << csv(d["名称"].get<std::string>())
          << "," << csv(d["部分"].get<std::string>()) << "," << d["性质"].get<std::string>() << ","
          << number(d["案卷数"]) << "," << number(d["问题数"]) << "," << csv(units) << "\n";
    }
    if (r.contains("评查单位工作量")) {
        o << "\n评查单位工作量\n评查单位,分配案卷,已评查\n";
        for (const auto& w : r["评查单位工作量"])
            o << csv(w["评查单位"].get<std::string>()) << "," << number(w["分配案卷"]) << "," << number(w["已评查"])
              << "\n";
    }
    o << "\n裁定结果\n单位,已裁定案卷,平均分,裁定平均分,合格数,裁定合格数,合格率,裁定合格率,否决数,裁定否决数\n";
    auto adj_row = [&](const nlohmann::ordered_json& a) {
        o << csv(a["单位"].get<std::string>()) << "," << number(a["已裁定案卷"]) << "," << number(a["平均分"]) << ","
          << number(a["裁定平均分"]) << "," << number(a["合格数"]) << "," << number(a["裁定合格数"]) << ","
          << number(a["合格率"]) << "," << number(a["裁定合格率"]) << "," << number(a["否决数"]) << ","
          << number(a["裁定否决数"]) << "\n";
    };
    for (const auto& a : r["各单位"]) adj_row(a);
    adj_row(r["合计"]);
    o << "\n裁定案卷\n案卷,单位,得分,等级,裁定得分,裁定等级,裁定记录\n";
    for (const auto& c : r["裁定"]["案卷"])
        o << csv(c["案卷"].get<std::string>()) << "," << csv(c["单位"].get<std::string>()) << "," << number(c["得分"])
          << "," << csv(c["等级"].get<std::string>()) << "," << number(c["裁定得分"]) << ","
          << csv(c["裁定等级"].get<std::string>()) << "," << number(c["裁定记录"]) << "\n";
    return o.str();
}

}  // namespace pingcha::review
