// Reading back one case of a run for a supervisor's audit (`pingcha audit`): the stored
// record the run evaluated, its stored result, the run's rule pack (name, version, digest,
// the path it was run with) and the reviewer unit the round assigned.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <SQLiteCpp/SQLiteCpp.h>

#include "store/run.hpp"

namespace pingcha::store {

struct StoredCase {
    std::string case_id;
    int64_t revision_id = 0;
    int revision = 0;
    std::string source;       // where the record was imported from
    std::string record_json;  // canonical JSON as stored
    std::string result_json;  // the run's result (exactly `eval --format json`'s line)
    RunInfo run;
    std::string rules_path;   // --rules the run was started with ("" if not recorded)
    std::string reviewer;     // agency code assigned by the run's round ("" when none)
};

// `run_id` none: the latest run that has a result for the case. Throws StoreError (in
// Chinese) when the case, the run, or the case's result in that run does not exist.
StoredCase load_stored_case(SQLite::Database& db, const std::string& case_id, std::optional<int64_t> run_id);

}  // namespace pingcha::store
