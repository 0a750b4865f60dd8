// build_report: the report document of one run, part by part, from the store.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "review/adjudication.hpp"
#include "review/report.hpp"
#include "store/rows.hpp"
#include "store/run.hpp"
#include "store/store.hpp"

namespace pingcha::review {

double round2(double v) { return std::round(v * 100.0) / 100.0; }

namespace {

using Json = nlohmann::ordered_json;

std::string agency_label(const std::string& code) { return code.empty() ? "（未注明）" : code; }

std::string severity_text(const std::string& severity) {
    return severity == "veto" ? "否决" : severity == "deduct" ? "扣分" : "提示";
}

// The grades of the run's pack, best first, and those that do not pass.
struct Grading {
    std::vector<std::string> grades;
    std::set<std::string> failing;
    std::string started, finished;
};

Grading load_grading(SQLite::Database& db, int64_t run_id) {
    SQLite::Statement q(db, "SELECT grading, started_at, finished_at FROM runs WHERE id = ?");
    q.bind(1, run_id);
    q.executeStep();
    const auto grading = nlohmann::json::parse(q.getColumn(0).getString());
    Grading g;
    g.started = q.getColumn(1).getString();
    g.finished = q.getColumn(2).isNull() ? "" : q.getColumn(2).getString();
    for (const auto& b : grading["bands"]) g.grades.push_back(b["grade"].get<std::string>());
    g.failing = {grading["veto_grade"].get<std::string>()};
    if (!grading["bands"].empty() && !grading["bands"].back().contains("at_least"))
        g.failing.insert(grading["bands"].back()["grade"].get<std::string>());
    return g;
}

Json run_json(const store::RunInfo& run, const Grading& g) {
    return {{"编号", run.id},
            {"规则包", run.pack_name},
            {"版本", run.pack_version},
            {"摘要", run.pack_digest},
            {"轮次", run.round ? Json(*run.round) : Json(nullptr)},
            {"开始", g.started},
            {"结束", g.finished.empty() ? Json(nullptr) : Json(g.finished)},
            {"状态", run.status == "done" ? "已完成" : "未完成"},
            {"应评案卷", run.case_count}};
}

// The results of one agency (or of all), as the engine gave them or after adjudication.
struct Tally {
    int64_t cases = 0, vetoes = 0, passed = 0, decided = 0;
    double sum = 0;
    std::map<std::string, int64_t> grades;

    void add(const std::string& grade, int64_t n, double score_sum, int64_t veto_count, bool passes) {
        cases += n;
        sum += score_sum;
        vetoes += veto_count;
        grades[grade] += n;
        if (passes) passed += n;
    }
};

struct Tallies {
    std::map<std::string, Tally> agencies;
    Tally all;

    Tally& add(const std::string& agency, const std::string& grade, int64_t n, double score_sum, int64_t vetoes,
               bool passes) {
        all.add(grade, n, score_sum, vetoes, passes);
        Tally& a = agencies[agency];
        a.add(grade, n, score_sum, vetoes, passes);
        return a;
    }
};

Tallies engine_tallies(SQLite::Database& db, int64_t run_id, const Grading& g) {
    Tallies t;
    store::each_row(
        db,
        "SELECT cr.agency_code, r.grade, count(*), sum(r.score_value), sum(r.veto) FROM results r "
        "JOIN case_revisions cr ON cr.id = r.revision_id WHERE r.run_id = ? GROUP BY 1, 2",
        [&](SQLite::Statement& q) {
            const std::string grade = q.getColumn(1).getString();
            t.add(q.getColumn(0).getString(), grade, q.getColumn(2).getInt64(), q.getColumn(3).getDouble(),
                  q.getColumn(4).getInt64(), !g.failing.count(grade));
        },
        run_id);
    return t;
}

// Cases with decisions are re-scored, the others keep the engine's result.
Tallies adjudicated_tallies(SQLite::Database& db, int64_t run_id, const Grading& g,
                            const std::map<int64_t, CaseAudit>& decided) {
    Tallies t;
    store::each_row(
        db,
        "SELECT r.id, cr.agency_code, r.grade, r.score_value, r.veto FROM results r "
        "JOIN case_revisions cr ON cr.id = r.revision_id WHERE r.run_id = ?",
        [&](SQLite::Statement& q) {
            const auto it = decided.find(q.getColumn(0).getInt64());
            const bool has = it != decided.end();
            const std::string grade = has ? it->second.adjudicated.grade : q.getColumn(2).getString();
            const double score = has ? it->second.adjudicated.score.to_double() : q.getColumn(3).getDouble();
            const bool veto = has ? it->second.adjudicated.veto : q.getColumn(4).getInt() != 0;
            const int64_t d = has ? 1 : 0;
            t.add(q.getColumn(1).getString(), grade, 1, score, veto ? 1 : 0, !g.failing.count(grade)).decided += d;
            t.all.decided += d;
        },
        run_id);
    return t;
}

Json tally_json(const std::string& name, const Tally& a, const Grading& g) {
    Json dist = Json::object();
    for (const auto& grade : g.grades) dist[grade] = a.grades.count(grade) ? a.grades.at(grade) : 0;
    for (const auto& [grade, n] : a.grades)
        if (!dist.contains(grade)) dist[grade] = n;
    const auto cases = static_cast<double>(a.cases);
    return Json{{"单位", name},
                {"案卷数", a.cases},
                {"平均分", a.cases ? round2(a.sum / cases) : 0.0},
                {"等级分布", dist},
                {"合格数", a.passed},
                {"合格率", a.cases ? static_cast<double>(a.passed) / cases : 0.0},
                {"否决数", a.vetoes}};
}

// The engine's figures, then the same after adjudication (裁定…).
Json both_json(const std::string& name, const Tally& engine, const Tally& adjudicated, const Grading& g) {
    auto row = tally_json(name, engine, g);
    const auto after = tally_json(name, adjudicated, g);
    row["已裁定案卷"] = adjudicated.decided;
    for (const char* key : {"平均分", "等级分布", "合格数", "合格率", "否决数"}) row[std::string("裁定") + key] = after[key];
    return row;
}

std::map<int64_t, CaseAudit> decided_cases(SQLite::Database& db, int64_t run_id) {
    std::vector<int64_t> ids;
    store::each_row(
        db, "SELECT DISTINCT result_id FROM adjudications WHERE run_id = ? ORDER BY 1",
        [&](SQLite::Statement& q) { ids.push_back(q.getColumn(0).getInt64()); }, run_id);
    std::map<int64_t, CaseAudit> decided;
    for (const auto id : ids) decided.emplace(id, load_case_audit(db, id));
    return decided;
}

Json section_deductions(SQLite::Database& db, int64_t run_id, int64_t cases) {
    Json out = Json::array();
    store::each_row(
        db,
        "SELECT s.section, s.name, s.max, sum(s.deducted_value > 0), sum(s.deducted_value) "
        "FROM result_sections s JOIN results r ON r.id = s.result_id WHERE r.run_id = ? "
        "GROUP BY s.section ORDER BY min(s.seq), s.section",
        [&](SQLite::Statement& q) {
            const double total = q.getColumn(4).getDouble();
            out.push_back({{"部分", q.getColumn(0).getString()},
                           {"名称", q.getColumn(1).getString()},
                           {"满分", q.getColumn(2).getString()},
                           {"扣分案卷数", q.getColumn(3).getInt64()},
                           {"扣分合计", round2(total)},
                           {"平均扣分", cases ? round2(total / static_cast<double>(cases)) : 0.0}});
        },
        run_id);
    return out;
}

// Defects by frequency (cases hit), with the agencies they hit.
Json defect_ranking(SQLite::Database& db, int64_t run_id) {
    std::map<std::string, Json> units;
    store::each_row(
        db,
        "SELECT f.rule, cr.agency_code, count(DISTINCT f.result_id) FROM findings f "
        "JOIN results r ON r.id = f.result_id JOIN case_revisions cr ON cr.id = r.revision_id "
        "WHERE r.run_id = ? GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2",
        [&](SQLite::Statement& q) {
            units[q.getColumn(0).getString()].push_back(
                {{"单位", agency_label(q.getColumn(1).getString())}, {"案卷数", q.getColumn(2).getInt64()}});
        },
        run_id);
    Json out = Json::array();
    store::each_row(
        db,
        "SELECT f.rule, min(f.title), min(f.section), min(f.severity), count(*), "
        "count(DISTINCT f.result_id), sum(f.points_value) FROM findings f "
        "JOIN results r ON r.id = f.result_id WHERE r.run_id = ? "
        "GROUP BY f.rule ORDER BY 6 DESC, 5 DESC, 1",
        [&](SQLite::Statement& q) {
            const std::string rule = q.getColumn(0).getString();
            out.push_back({{"排名", out.size() + 1},
                           {"规则", rule},
                           {"名称", q.getColumn(1).getString()},
                           {"部分", q.getColumn(2).getString()},
                           {"性质", severity_text(q.getColumn(3).getString())},
                           {"问题数", q.getColumn(4).getInt64()},
                           {"案卷数", q.getColumn(5).getInt64()},
                           {"扣分合计", round2(q.getColumn(6).getDouble())},
                           {"涉及单位", units.count(rule) ? units[rule] : Json::array()}});
        },
        run_id);
    return out;
}

// Reviewer workload, for a run of a round.
Json reviewer_workload(SQLite::Database& db, int64_t run_id) {
    Json out = Json::array();
    store::each_row(
        db,
        "SELECT a.reviewer, count(*), count(r.id) FROM runs u JOIN assignments a ON a.round_id = "
        "u.round_id JOIN case_revisions cr ON cr.case_ref = a.case_ref JOIN run_cases rc ON "
        "rc.run_id = u.id AND rc.revision_id = cr.id LEFT JOIN results r ON r.run_id = u.id AND "
        "r.revision_id = cr.id WHERE u.id = ? GROUP BY 1 ORDER BY 1",
        [&](SQLite::Statement& q) {
            out.push_back({{"评查单位", q.getColumn(0).getString()},
                           {"分配案卷", q.getColumn(1).getInt64()},
                           {"已评查", q.getColumn(2).getInt64()}});
        },
        run_id);
    return out;
}

// 《law》 with its article: `40` becomes 第40条, `第四十条` stays.
Json cites_json(const nlohmann::json& cites) {
    Json out = Json::array();
    for (const auto& c : cites) {
        std::string law = "《" + c["law"].get<std::string>() + "》";
        const std::string article = c.value("article", "");
        if (!article.empty()) law += article.starts_with("第") ? article : "第" + article + "条";
        out.push_back(law);
    }
    return out;
}

// One case of the typical-case compilation, with its findings (of `only_rule` when given).
class TypicalCases {
public:
    TypicalCases(SQLite::Database& db, const std::map<int64_t, CaseAudit>& decided) : db_(db), decided_(decided) {}

    Json case_json(int64_t result_id, const std::string& only_rule) const {
        SQLite::Statement q(db_,
                            "SELECT c.case_id, cr.agency_code, r.score, r.grade, r.result_json FROM results r JOIN "
                            "case_revisions cr ON cr.id = r.revision_id JOIN cases c ON c.id = cr.case_ref "
                            "WHERE r.id = ?");
        q.bind(1, result_id);
        q.executeStep();
        const auto result = nlohmann::json::parse(q.getColumn(4).getString());
        const auto it = decided_.find(result_id);
        const bool has = it != decided_.end();
        return Json{{"案卷", q.getColumn(0).getString()},
                    {"单位", agency_label(q.getColumn(1).getString())},
                    {"来源", result["source"]},
                    {"得分", q.getColumn(2).getString()},
                    {"等级", q.getColumn(3).getString()},
                    {"问题", findings_json(result_id, result["findings"], only_rule)},
                    {"裁定得分", has ? store::exact_text(it->second.adjudicated.score) : q.getColumn(2).getString()},
                    {"裁定等级", has ? it->second.adjudicated.grade : q.getColumn(3).getString()}};
    }

private:
    Json findings_json(int64_t result_id, const nlohmann::json& findings, const std::string& only_rule) const {
        Json out = Json::array();
        SQLite::Statement t(db_, "SELECT title FROM findings WHERE result_id = ? ORDER BY seq");
        t.bind(1, result_id);
        for (const auto& f : findings) {
            const std::string title = t.executeStep() ? t.getColumn(0).getString() : "";
            if (!only_rule.empty() && f["rule"] != only_rule) continue;
            out.push_back({{"规则", f["rule"]},
                           {"名称", title},
                           {"性质", severity_text(f["severity"].get<std::string>())},
                           {"扣分", f.contains("points") ? f["points"] : nlohmann::json(0)},
                           {"说明", f["message"]},
                           {"依据", cites_json(f["cites"])}});
        }
        return out;
    }

    SQLite::Database& db_;
    const std::map<int64_t, CaseAudit>& decided_;
};

// The worst files (lowest score, then case id) and, for each of the most frequent defects,
// the lowest-scoring file it hit (then case id).
Json typical_cases(SQLite::Database& db, int64_t run_id, const Json& ranking, const TypicalCases& cases,
                   size_t worst, size_t examples) {
    Json typical;
    typical["最低分案卷"] = Json::array();
    std::vector<int64_t> ids;
    store::each_row(
        db,
        "SELECT r.id FROM results r JOIN case_revisions cr ON cr.id = r.revision_id JOIN cases c "
        "ON c.id = cr.case_ref WHERE r.run_id = ? ORDER BY r.score_value, c.case_id LIMIT ?",
        [&](SQLite::Statement& q) { ids.push_back(q.getColumn(0).getInt64()); }, run_id, static_cast<int64_t>(worst));
    for (const auto id : ids) typical["最低分案卷"].push_back(cases.case_json(id, ""));
    typical["问题示例"] = Json::array();
    for (size_t i = 0; i < ranking.size() && i < examples; ++i) {
        const std::string rule = ranking[i]["规则"];
        SQLite::Statement q(db,
                            "SELECT r.id FROM findings f JOIN results r ON r.id = f.result_id JOIN case_revisions cr ON "
                            "cr.id = r.revision_id JOIN cases c ON c.id = cr.case_ref WHERE r.run_id = ? AND f.rule = ? "
                            "ORDER BY r.score_value, c.case_id LIMIT 1");
        q.bind(1, run_id);
        q.bind(2, rule);
        if (!q.executeStep()) continue;
        auto example = cases.case_json(q.getColumn(0).getInt64(), rule);
        typical["问题示例"].push_back({{"规则", rule}, {"名称", ranking[i]["名称"]}, {"案卷", example}});
    }
    return typical;
}

Json adjudication_summary(SQLite::Database& db, int64_t run_id, const std::map<int64_t, CaseAudit>& decided) {
    Json adj;
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
    adj["案卷"] = Json::array();
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
    return adj;
}

}  // namespace

nlohmann::ordered_json build_report(SQLite::Database& db, int64_t run_id, size_t worst, size_t examples) {
    const store::RunInfo run = store::load_run(db, run_id);
    const Grading grading = load_grading(db, run_id);
    Json rep;
    rep["运行"] = run_json(run, grading);
    rep["等级"] = grading.grades;
    rep["合格等级"] = Json::array();
    for (const auto& g : grading.grades)
        if (!grading.failing.count(g)) rep["合格等级"].push_back(g);

    const auto decided = decided_cases(db, run_id);
    const Tallies engine = engine_tallies(db, run_id, grading);
    Tallies adjudicated = adjudicated_tallies(db, run_id, grading, decided);
    rep["各单位"] = Json::array();
    for (const auto& [code, a] : engine.agencies)
        rep["各单位"].push_back(both_json(agency_label(code), a, adjudicated.agencies[code], grading));
    rep["合计"] = both_json("合计", engine.all, adjudicated.all, grading);

    rep["各部分扣分"] = section_deductions(db, run_id, engine.all.cases);
    rep["问题排行"] = defect_ranking(db, run_id);
    if (run.round) rep["评查单位工作量"] = reviewer_workload(db, run_id);
    rep["典型案例"] = typical_cases(db, run_id, rep["问题排行"], TypicalCases(db, decided), worst, examples);
    rep["裁定"] = adjudication_summary(db, run_id, decided);
    return rep;
}

}  // namespace pingcha::review
