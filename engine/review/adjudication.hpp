// Adjudication (裁定): a supervisor confirms, dismisses or adjusts a finding of a stored run.
// Decisions are append-only rows of `adjudications` (SQLite triggers refuse UPDATE and
// DELETE); a later decision on the same finding supersedes the earlier one, which stays.
// The adjudicated score and grade are the run's scoring standard (runs.scoring) applied to
// the engine's findings with the latest decision on each:
//   confirm  the finding counts as the engine found it;
//   dismiss  the finding does not count (a dismissed veto no longer vetoes);
//   adjust   the finding counts as a deduction of N points in its section (a veto or warning
//            adjusted becomes such a deduction), 0 <= N <= the section's maximum.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "score/score.hpp"
#include "store/run.hpp"

namespace pingcha::review {

enum class Decision { confirm, dismiss, adjust };
std::optional<Decision> parse_decision(std::string_view name);  // confirm | dismiss | adjust
const char* decision_name(Decision d);
const char* decision_label(Decision d);  // 确认 | 撤销 | 调整

// One stored finding of a case in a run.
struct StoredFinding {
    int64_t id = 0;    // findings.id
    int64_t seq = 0;   // order within the result
    std::string path;  // tells apart findings of one rule in the case (see finding_paths)
    Finding finding;
};

struct AdjudicationRecord {
    int64_t id = 0;
    int64_t finding_id = 0;
    std::string rule, path;
    Decision decision = Decision::confirm;
    std::optional<Rational> points;  // adjust only
    std::string reason, reviewer, decided_at;
    std::optional<int64_t> supersedes;     // the earlier decision on the same finding
    std::optional<int64_t> superseded_by;  // the later one, when there is one
};

// One case in one run: what the engine found, every decision, and the score after them.
struct CaseAudit {
    store::RunInfo run;
    int64_t result_id = 0;
    int64_t revision = 0;
    std::string case_id, agency, source;
    CaseResult engine;
    CaseResult adjudicated;  // equal to `engine` while nothing is decided
    std::vector<StoredFinding> findings;
    std::vector<AdjudicationRecord> adjudications;  // oldest first
    // The decision in force for a finding (the latest), or nullptr.
    const AdjudicationRecord* latest(int64_t finding_id) const;
};

// The element a finding is about, to tell apart findings of one rule in one case: the one
// indexed list element among the case fields it read (`basis[1]`), `''` when the rule fired
// once with no such element, and `#n` (the n-th finding of the rule, 1-based; appended to
// the element when that is still ambiguous) otherwise. `#n` is always accepted as --path.
std::vector<std::string> finding_paths(const std::vector<Finding>& findings);

// Throws StoreError when the run, or the case's result in it, does not exist.
CaseAudit load_case_audit(SQLite::Database& db, int64_t run_id, const std::string& case_id);
CaseAudit load_case_audit(SQLite::Database& db, int64_t result_id);

struct AdjudicationRequest {
    int64_t run_id = 0;
    std::string case_id, rule;
    std::optional<std::string> path;
    Decision decision = Decision::confirm;
    std::optional<std::string> points;  // adjust only, exact decimal
    std::string reason, reviewer;
};

struct AdjudicationOutcome {
    int64_t id = 0;
    std::optional<int64_t> supersedes;
    CaseAudit audit;  // after the decision
};

// Validates the request (Chinese message in a StoreError naming what is wrong) and records
// it in one transaction.
AdjudicationOutcome adjudicate(SQLite::Database& db, const AdjudicationRequest& request);

}  // namespace pingcha::review
