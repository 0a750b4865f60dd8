// The full history of one case in the store (案卷评查档案): every imported revision of its
// record, every run that evaluated it with the engine's and the adjudicated result and
// findings, and every adjudication, superseded ones marked. Nothing is left out.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include "review/adjudication.hpp"

namespace pingcha::review {

// {"case", "agency", "revisions": [{"revision","import","imported_at","source","agency","sha256"}],
//  "runs": [{"run","pack","version","digest","round","started_at","finished_at","status","revision",
//            "evaluated", "engine": {"score","grade","veto"}, "adjudicated": {…},
//            "findings": [{"id","rule","path","section","severity","points","message"}],
//            "adjudications": [{"id","rule","path","decision","points","reason","reviewer","time",
//                               "supersedes","superseded_by","in_force"}]}]}
// Throws StoreError when the case is unknown (or not in `run`).
nlohmann::ordered_json case_history(SQLite::Database& db, const std::string& case_id, std::optional<int64_t> run);
std::string history_text(const nlohmann::ordered_json& history);

// {"score","grade","veto"} with the score as an exact JSON number.
nlohmann::ordered_json outcome_json(const CaseResult& r);

}  // namespace pingcha::review
