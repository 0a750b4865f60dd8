// Explaining a stored case again (`pingcha audit`, `pingcha serve`'s case page): the run's
// rule pack is loaded from the path the run recorded (or one given), must have the run's
// digest, and re-evaluating the stored record with it must give the stored result;
// otherwise the explanation would not explain what was stored.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "eval/explanation.hpp"
#include "plan/rule_pack.hpp"
#include "report/score_sheet.hpp"
#include "store/case_audit.hpp"

namespace pingcha::review {

// The pack of a run, or why there is none (Chinese, one sentence or two).
struct RunPack {
    std::unique_ptr<RulePack> pack;
    std::string problem;
    Diagnostics diagnostics;  // from loading the pack
};

// From `given` when not empty, else from `recorded_path` (the run's --rules).
RunPack load_run_pack(const store::RunInfo& run, const std::string& recorded_path, const std::string& given);

// The stored case evaluated again with its run's pack; `problem` says why not when `result`
// is empty (the record does not read, or the result differs from the stored one).
struct CaseExplanation {
    std::optional<CaseResult> result;
    std::vector<RuleExplanation> explanations;  // pointers into the pack
    SheetHeader header;
    std::string problem;
};

CaseExplanation explain_stored_case(const RulePack& pack, const store::StoredCase& stored);

}  // namespace pingcha::review
