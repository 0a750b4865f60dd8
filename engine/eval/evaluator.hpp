// Evaluating one case record against a compiled rule pack: findings in a stable order
// (rule declaration order, then list order), then the score.
#pragma once
#include <string>
#include <vector>

#include "plan/rule_pack.hpp"
#include "record/record.hpp"
#include "score/score.hpp"

namespace pingcha {

// Whether a rule's condition was ever seen true and ever seen false (test coverage).
struct RuleCoverage {
    bool seen_true = false;
    bool seen_false = false;
};

// What a rule's condition came to on one record, and the case fields it read.
struct RuleExplanation {
    std::optional<bool> outcome;  // nullopt: missing (for a `for` rule: true if any element fired)
    nlohmann::ordered_json fields = nlohmann::ordered_json::object();
};

// One per thread: holds scratch memory reused across records. The RulePack is shared.
class Evaluator {
public:
    explicit Evaluator(const RulePack& pack);
    CaseResult evaluate(const Record& record);
    // The same into `out`, reusing its memory from the previous record (the hot loop).
    void evaluate(const Record& record, CaseResult& out);
    const RulePack& pack() const { return pack_; }
    // Records, per rule (in pack order), the outcomes seen from now on; null turns it off.
    void set_coverage(std::vector<RuleCoverage>* coverage) { coverage_ = coverage; }
    RuleExplanation explain(const Record& record, const CompiledRule& rule);

private:
    void run_rule(const CompiledRule& rule, EvalContext& ctx, std::vector<Finding>& findings);
    Finding make_finding(const CompiledRule& rule, EvalContext& ctx, const std::string& path);

    void note_outcome(const CompiledRule& rule, std::optional<bool> outcome);

    const RulePack& pack_;
    std::vector<RuleCoverage>* coverage_ = nullptr;
    Arena scratch_;
    std::vector<Value> slots_;
    std::vector<std::string> slot_paths_;
    FieldReads reads_;  // make_finding's, reused
};

}  // namespace pingcha
