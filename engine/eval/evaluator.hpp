// Evaluating one case record against a compiled rule pack: findings in a stable order
// (rule declaration order, then list order), then the score.
#pragma once
#include <string>
#include <vector>

#include "eval/explanation.hpp"
#include "plan/cited_benchmarks.hpp"
#include "plan/cited_laws.hpp"
#include "plan/root_index.hpp"
#include "plan/rule_pack.hpp"
#include "plan/value_format.hpp"
#include "record/record.hpp"
#include "score/score.hpp"

namespace pingcha {

// Whether a rule's condition was ever seen true and ever seen false (test coverage).
struct RuleCoverage {
    bool seen_true = false;
    bool seen_false = false;
};

// One per thread: holds scratch memory reused across records. The RulePack is shared.
class Evaluator {
public:
    explicit Evaluator(const RulePack& pack);
    // With `explanations`, also explains every rule, in pack order, into it (replacing its
    // contents); without, the trace hook stays off and costs one pointer test per node.
    CaseResult evaluate(const Record& record, std::vector<RuleExplanation>* explanations = nullptr);
    // The same into `out`, reusing its memory from the previous record (the hot loop).
    void evaluate(const Record& record, CaseResult& out, std::vector<RuleExplanation>* explanations = nullptr);
    const RulePack& pack() const { return pack_; }
    // Records, per rule (in pack order), the outcomes seen from now on; null turns it off.
    void set_coverage(std::vector<RuleCoverage>* coverage) { coverage_ = coverage; }

private:
    void run_rule(const CompiledRule& rule, EvalContext& ctx, std::vector<Finding>& findings, RuleExplanation* x);
    std::optional<bool> judge(const CompiledRule& rule, EvalContext& ctx, RuleExplanation* x);
    Finding make_finding(const CompiledRule& rule, EvalContext& ctx, const std::string& path);
    void render_fields(std::string& out, bool check_utf8) const;

    void note_outcome(const CompiledRule& rule, std::optional<bool> outcome);

    const RulePack& pack_;
    std::vector<RuleCoverage>* coverage_ = nullptr;
    CitedLaws cited_laws_;
    CitedBenchmarks cited_benchmarks_;
    RootIndex root_index_;
    Arena scratch_;
    std::vector<Value> slots_;
    std::vector<MemoCell> memo_;
    std::vector<Finding> spare_findings_;
    uint32_t epoch_ = 0;
    std::vector<std::string> slot_paths_;
    Trace fields_trace_;   // reads only: a finding's case fields
    Trace explain_trace_;  // every step: explanations
    ValueJsonWriter value_json_;
};

}  // namespace pingcha
