#include "review/history.hpp"

#include "report/case_report.hpp"
#include "store/store.hpp"

namespace pingcha::review {
namespace {

nlohmann::ordered_json nullable(const SQLite::Column& c) {
    return c.isNull() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.getString());
}

nlohmann::ordered_json adjudication_json(const AdjudicationRecord& r) {
    auto opt = [](const std::optional<int64_t>& v) {
        return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
    };
    return {{"id", r.id},
            {"rule", r.rule},
            {"path", r.path},
            {"decision", decision_name(r.decision)},
            {"points", r.points ? rational_to_json(*r.points) : nlohmann::ordered_json(nullptr)},
            {"reason", r.reason},
            {"reviewer", r.reviewer},
            {"time", r.decided_at},
            {"supersedes", opt(r.supersedes)},
            {"superseded_by", opt(r.superseded_by)},
            {"in_force", !r.superseded_by}};
}

std::string outcome_text(const nlohmann::ordered_json& o) {
    return o["score"].dump() + " 分，" + o["grade"].get<std::string>() + (o["veto"].get<bool>() ? "（否决）" : "");
}

}  // namespace

nlohmann::ordered_json outcome_json(const CaseResult& r) {
    return {{"score", rational_to_json(r.score)}, {"grade", r.grade}, {"veto", r.veto}};
}

nlohmann::ordered_json case_history(SQLite::Database& db, const std::string& case_id, std::optional<int64_t> run) {
    nlohmann::ordered_json h;
    {
        SQLite::Statement q(db, "SELECT agency_code FROM cases WHERE case_id = ?");
        q.bind(1, case_id);
        if (!q.executeStep()) throw store::StoreError("评查库中没有案卷「" + case_id + "」");
        h["case"] = case_id;
        h["agency"] = q.getColumn(0).getString();
    }
    h["revisions"] = nlohmann::ordered_json::array();
    {
        SQLite::Statement q(db,
                            "SELECT cr.revision, cr.import_id, i.started_at, cr.source, cr.agency_code, cr.sha256 "
                            "FROM case_revisions cr JOIN cases c ON c.id = cr.case_ref JOIN imports i ON "
                            "i.id = cr.import_id WHERE c.case_id = ? ORDER BY cr.revision");
        q.bind(1, case_id);
        while (q.executeStep())
            h["revisions"].push_back({{"revision", q.getColumn(0).getInt64()},
                                      {"import", q.getColumn(1).getInt64()},
                                      {"imported_at", q.getColumn(2).getString()},
                                      {"source", q.getColumn(3).getString()},
                                      {"agency", q.getColumn(4).getString()},
                                      {"sha256", q.getColumn(5).getString()}});
    }
    h["runs"] = nlohmann::ordered_json::array();
    SQLite::Statement q(db,
                        "SELECT u.id, cr.revision, r.id, u.started_at, u.finished_at FROM run_cases rc "
                        "JOIN runs u ON u.id = rc.run_id JOIN case_revisions cr ON cr.id = rc.revision_id "
                        "JOIN cases c ON c.id = cr.case_ref LEFT JOIN results r ON r.run_id = rc.run_id AND "
                        "r.revision_id = rc.revision_id WHERE c.case_id = ? AND (? IS NULL OR u.id = ?) ORDER BY u.id");
    q.bind(1, case_id);
    if (run) {
        q.bind(2, *run);
        q.bind(3, *run);
    } else {
        q.bind(2);
        q.bind(3);
    }
    while (q.executeStep()) {
        const auto info = store::load_run(db, q.getColumn(0).getInt64());
        nlohmann::ordered_json r = {{"run", info.id},
                                    {"pack", info.pack_name},
                                    {"version", info.pack_version},
                                    {"digest", info.pack_digest},
                                    {"round", info.round ? nlohmann::ordered_json(*info.round) : nullptr},
                                    {"started_at", q.getColumn(3).getString()},
                                    {"finished_at", nullable(q.getColumn(4))},
                                    {"status", info.status},
                                    {"revision", q.getColumn(1).getInt64()},
                                    {"evaluated", !q.getColumn(2).isNull()}};
        if (!q.getColumn(2).isNull()) {
            const CaseAudit a = load_case_audit(db, q.getColumn(2).getInt64());
            r["engine"] = outcome_json(a.engine);
            r["adjudicated"] = outcome_json(a.adjudicated);
            r["findings"] = nlohmann::ordered_json::array();
            for (const auto& s : a.findings)
                r["findings"].push_back({{"id", s.id},
                                         {"rule", s.finding.rule},
                                         {"path", s.path},
                                         {"section", s.finding.section},
                                         {"severity", severity_name(s.finding.severity)},
                                         {"points", rational_to_json(s.finding.points)},
                                         {"message", s.finding.message}});
            r["adjudications"] = nlohmann::ordered_json::array();
            for (const auto& d : a.adjudications) r["adjudications"].push_back(adjudication_json(d));
        }
        h["runs"].push_back(std::move(r));
    }
    if (run && h["runs"].empty())
        throw store::StoreError("运行 " + std::to_string(*run) + " 中没有案卷「" + case_id + "」");
    return h;
}

std::string history_text(const nlohmann::ordered_json& h) {
    std::string o = "案卷 " + h["case"].get<std::string>() + "（单位 " +
                    (h["agency"].get<std::string>().empty() ? "（未注明）" : h["agency"].get<std::string>()) + "）\n";
    o += "记录修订：\n";
    for (const auto& v : h["revisions"])
        o += "  第 " + v["revision"].dump() + " 版　导入批次 " + v["import"].dump() + "（" +
             v["imported_at"].get<std::string>() + "）　来源 " + v["source"].get<std::string>() + "　sha256 " +
             v["sha256"].get<std::string>().substr(0, 12) + "…\n";
    for (const auto& r : h["runs"]) {
        o += "运行 " + r["run"].dump() + "（" + r["pack"].get<std::string>() + " " + r["version"].get<std::string>() +
             "，" + (r["status"] == "done" ? "已完成" : "未完成") + "）评查第 " + r["revision"].dump() + " 版：";
        if (!r["evaluated"].get<bool>()) {
            o += "尚无结果\n";
            continue;
        }
        o += "引擎 " + outcome_text(r["engine"]) + "；裁定后 " + outcome_text(r["adjudicated"]) + "\n";
        for (const auto& f : r["findings"]) {
            o += "  问题 " + f["rule"].get<std::string>();
            if (!f["path"].get<std::string>().empty()) o += ' ' + f["path"].get<std::string>();
            const std::string severity = f["severity"];
            o += severity == "veto" ? "［否决" : severity == "deduct" ? "［扣分 " + f["points"].dump() : "［提示";
            o += "］" + f["message"].get<std::string>() + "\n";
        }
        for (const auto& d : r["adjudications"]) {
            const auto decision = parse_decision(d["decision"].get<std::string>()).value_or(Decision::confirm);
            o += "  裁定 #" + d["id"].dump() + "　" + d["time"].get<std::string>() + "　" +
                 d["reviewer"].get<std::string>() + "　" + decision_label(decision) + " " + d["rule"].get<std::string>();
            if (!d["path"].get<std::string>().empty()) o += ' ' + d["path"].get<std::string>();
            if (!d["points"].is_null()) o += "（扣 " + d["points"].dump() + " 分）";
            o += "：" + d["reason"].get<std::string>();
            if (!d["superseded_by"].is_null()) o += "　［已被 #" + d["superseded_by"].dump() + " 取代］";
            o += "\n";
        }
    }
    return o;
}

}  // namespace pingcha::review
