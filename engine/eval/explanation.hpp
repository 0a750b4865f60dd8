// Why each rule fired, did not fire or did not apply on one case: built from the trace of
// the evaluation (Evaluator::evaluate with an explanations vector), rendered by
// report/explanation_report.hpp.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plan/rule_pack.hpp"
#include "plan/trace.hpp"

namespace pingcha {

enum class RuleOutcome { fired, not_fired, not_applicable };
const char* outcome_name(RuleOutcome o);   // "fired", "not_fired", "not_applicable"
const char* outcome_label(RuleOutcome o);  // 触发, 未触发, 不适用

// A sub-expression that decided a condition, with its value. `parts` are the operands that
// decided it: both sides of a comparison, the deciding side(s) of and/or (Kleene logic).
struct Decision {
    std::string expr;                // source text
    std::string shown;               // the value as text: "99", "\"general\"", 真, （缺失）
    nlohmann::ordered_json value;    // the value as JSON (money in yuan, exact when it can be)
    std::string op;                  // and, or, not, ==, >, in, +, … ; empty for a leaf
    bool constant = false;           // a literal: shown by its text alone
    std::vector<Decision> parts;
};

// Why a condition came out missing: a case field that is absent, or an expression that
// gave missing although what it read was present (with the reason).
struct MissingCause {
    std::string field;   // "dates.notice"
    std::string expr;    // when not a field: "working_days(dates.decided, dates.served)"
    std::string reason;  // "工作日历未覆盖 2026 年"
};

// One evaluation of a rule's condition: the whole case, or one element of a `for` list.
struct ElementExplanation {
    std::string element;  // `for` rules: the element's path ("basis[1]") or value ("\"立案审批表\"")
    RuleOutcome outcome = RuleOutcome::not_fired;
    Decision decision;
    std::vector<MissingCause> missing;  // not_applicable only
    nlohmann::ordered_json fields = nlohmann::ordered_json::object();  // case fields read → value
    std::vector<std::pair<std::string, std::string>> shown_fields;     // the same, values as text
    std::vector<LawLookup> laws;
    std::vector<TierLookup> tiers;
    std::string message;  // the finding's message, when it fired
};

struct RuleExplanation {
    const CompiledRule* rule = nullptr;  // owned by the pack
    RuleOutcome outcome = RuleOutcome::not_fired;  // `for` rules: fired if any element did
    std::vector<ElementExplanation> elements;      // one for a plain rule, one per list element
    std::vector<MissingCause> list_missing;        // a `for` rule whose list is missing
};

// Builds the explanation of the condition evaluated last in `trace` (its first top-level
// step): the deciding sub-expressions, the missing causes, fields, laws and tiers.
ElementExplanation explain_condition(const Trace& trace, const RulePack& pack, std::optional<bool> outcome);

// Why the first top-level step of `trace` came out missing.
std::vector<MissingCause> missing_causes(const Trace& trace);

// Exact yuan text of an amount in fen: "14814.81468", or "1234/3（≈411.33）" when it does not terminate.
std::string exact_yuan(Rational fen);

}  // namespace pingcha
