// Evaluating one case record against a compiled rule pack: findings in a stable order
// (rule declaration order, then list order), then the score.
#pragma once
#include <string>
#include <vector>

#include "plan/rule_pack.hpp"
#include "record/record.hpp"
#include "score/score.hpp"

namespace pingcha {

// One per thread: holds scratch memory reused across records. The RulePack is shared.
class Evaluator {
public:
    explicit Evaluator(const RulePack& pack);
    CaseResult evaluate(const Record& record);
    const RulePack& pack() const { return pack_; }

private:
    void run_rule(const CompiledRule& rule, EvalContext& ctx, std::vector<Finding>& findings);
    Finding make_finding(const CompiledRule& rule, EvalContext& ctx, const std::string& element_path);

    const RulePack& pack_;
    Arena scratch_;
    std::vector<Value> slots_;
    std::vector<std::string> slot_paths_;
};

}  // namespace pingcha
