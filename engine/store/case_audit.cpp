#include "store/case_audit.hpp"

#include <nlohmann/json.hpp>

#include "store/store.hpp"

namespace pingcha::store {

StoredCase load_stored_case(SQLite::Database& db, const std::string& case_id, std::optional<int64_t> run_id) {
    SQLite::Statement c(db, "SELECT id FROM cases WHERE case_id = ?");
    c.bind(1, case_id);
    if (!c.executeStep()) throw StoreError("评查库中没有案卷「" + case_id + "」");
    const int64_t case_ref = c.getColumn(0).getInt64();
    if (!run_id) {
        SQLite::Statement q(db,
                            "SELECT max(r.run_id) FROM results r JOIN case_revisions cr ON cr.id = r.revision_id "
                            "WHERE cr.case_ref = ?");
        q.bind(1, case_ref);
        if (!q.executeStep() || q.getColumn(0).isNull())
            throw StoreError("案卷「" + case_id + "」还没有任何运行的评查结果（先运行 pingcha run）");
        run_id = q.getColumn(0).getInt64();
    }
    StoredCase out;
    out.case_id = case_id;
    out.run = load_run(db, *run_id);
    SQLite::Statement r(db,
                        "SELECT cr.id, cr.revision, cr.source, cr.record_json, r.result_json FROM results r "
                        "JOIN case_revisions cr ON cr.id = r.revision_id WHERE r.run_id = ? AND cr.case_ref = ?");
    r.bind(1, *run_id);
    r.bind(2, case_ref);
    if (!r.executeStep())
        throw StoreError("运行 " + std::to_string(*run_id) + " 中没有案卷「" + case_id +
                         "」的评查结果（该运行不含此案卷，或尚未评查到）");
    out.revision_id = r.getColumn(0).getInt64();
    out.revision = r.getColumn(1).getInt();
    out.source = r.getColumn(2).getString();
    out.record_json = r.getColumn(3).getString();
    out.result_json = r.getColumn(4).getString();
    SQLite::Statement o(db, "SELECT options FROM runs WHERE id = ?");
    o.bind(1, *run_id);
    if (o.executeStep()) {
        const auto options = nlohmann::json::parse(o.getColumn(0).getString(), nullptr, false);
        if (options.is_object() && options.contains("rules") && options["rules"].is_string())
            out.rules_path = options["rules"].get<std::string>();
    }
    SQLite::Statement a(db,
                        "SELECT a.reviewer FROM assignments a JOIN runs r ON r.round_id = a.round_id "
                        "WHERE r.id = ? AND a.case_ref = ?");
    a.bind(1, *run_id);
    a.bind(2, case_ref);
    if (a.executeStep()) out.reviewer = a.getColumn(0).getString();
    return out;
}

}  // namespace pingcha::store
