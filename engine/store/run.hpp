// Runs: evaluating the stored cases with a rule pack and storing results as they come.
// A run fixes its set of case revisions when it is created (run_cases), so a resumed run
// evaluates exactly the revisions it started with, each exactly once (results has a unique
// key on (run_id, revision_id) and a resume skips the revisions that already have one).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "core/limits.hpp"
#include "plan/rule_pack.hpp"

namespace pingcha::store {

struct RunInfo {
    int64_t id = 0;
    std::string pack_name, pack_version, pack_digest;
    std::optional<std::string> round;
    size_t case_count = 0;
    std::string status;  // running | done
};

// Creates a run over the latest revision of every case, or of the cases assigned in
// `round`. `options` is stored as given (JSON text). Throws StoreError when the round is
// unknown or there is nothing to evaluate.
RunInfo create_run(SQLite::Database& db, const RulePack& pack, const std::optional<std::string>& round,
                   const std::string& options);

// Throws StoreError when there is no such run.
RunInfo load_run(SQLite::Database& db, int64_t run_id);

struct RunOutcome {
    size_t total = 0;         // revisions in the run
    size_t already_done = 0;  // had a result before this call (resume)
    size_t evaluated = 0;     // stored by this call
    std::vector<std::string> failures;  // revisions that could not be read back (not stored)
    bool done = false;        // every revision has a result; the run is marked done
};

// (stored so far in the run, total, stored before this call); called from the writer
// thread after each commit.
using RunProgress = std::function<void(size_t done, size_t total, size_t resumed_from)>;

// Evaluates the revisions of `run` that have no result yet with `jobs` threads (one
// Evaluator each). Holds the run's RunLock throughout: throws StoreError when another process
// is executing the same run. Results are written by one writer thread on its own connection to
// `db_path`, committed every `batch` results (and at least once a second).
// `limits` apply when the stored records are read back (a store imported with raised limits
// needs the same limits to run).
RunOutcome execute_run(const std::string& db_path, const RunInfo& run, const RulePack& pack, unsigned jobs,
                       const RunProgress& progress, size_t batch = 2000, const Limits& limits = Limits{});

// Exact numbers as stored: the shortest exact decimal, or `num/den` when it does not terminate.
std::string exact_text(Rational r);
std::optional<Rational> parse_exact(std::string_view text);

// The pack's scoring standard as exact JSON (stored in runs.scoring when a run is created),
// and back. Enough to re-score a case from its findings without the rule files.
std::string scoring_json(const ScoringStandard& standard);
// Throws StoreError when the run is unknown or was created before the store kept it.
ScoringStandard load_scoring(SQLite::Database& db, int64_t run_id);

}  // namespace pingcha::store
