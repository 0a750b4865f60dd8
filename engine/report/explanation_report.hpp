// Rendering explanations (eval/explanation.hpp): Chinese text for `eval --explain`,
// `audit` and `test` failures, and JSON for `--format json`. See docs/explain.md.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/explanation.hpp"

namespace pingcha {

// Every rule: outcome, condition, deciding values, missing fields, laws and tiers.
std::string explanations_text(const std::vector<RuleExplanation>& rules);
// One rule; every line starts with `indent`.
std::string rule_explanation_text(const RuleExplanation& rule, const std::string& indent);
// The lines of one evaluation of a condition (判定 / 缺失 / 读取 / 法规 / 裁量), each starting with `indent`.
std::string element_text(const ElementExplanation& element, const std::string& indent);

// `days(dates.filed, dates.decided) = 99 > 90 → 真`
std::string decision_text(const Decision& d);
// 缺失：dates.notice；working_days(…)（工作日历未覆盖 2026 年）
std::string missing_text(const std::vector<MissingCause>& causes);
// The law, its kind and territory, and the version in force on the day that matters, with why.
std::string law_text(const LawLookup& law);
// The benchmark, the tier and its bounds computed for the case, exact in yuan.
std::string tier_text(const TierLookup& tier);

nlohmann::ordered_json explanations_json(const std::vector<RuleExplanation>& rules);

}  // namespace pingcha
