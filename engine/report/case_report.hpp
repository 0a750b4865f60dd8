// Rendering one case's result: JSON (one line per record) and a Chinese text score sheet.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "plan/rule_pack.hpp"
#include "score/score.hpp"

namespace pingcha {

// {case, source, score, grade, veto, sections, findings, warnings, rulepack}
nlohmann::ordered_json result_to_json(const CaseResult& result, const PackInfo& pack, const std::string& source);
// {case, source, error} for a rejected record
nlohmann::ordered_json rejection_to_json(const std::optional<std::string>& case_id, const std::string& source,
                                 const std::string& error);

// The same JSON as `result_to_json(...).dump()` and `rejection_to_json(...).dump()`, byte for
// byte, appended to `out` without building a json tree (the `eval --format json` hot path).
void append_result_json(std::string& out, const CaseResult& result, const PackInfo& pack, std::string_view source);
void append_rejection_json(std::string& out, const std::optional<std::string>& case_id, std::string_view source,
                           std::string_view error);

// A readable score sheet (评查结果): grade and score, sections, findings with citations.
std::string result_to_text(const CaseResult& result, const RulePack& pack, const std::string& source);

// Exact number for JSON: integers stay integers, other values as the nearest double.
nlohmann::ordered_json rational_to_json(Rational r);

}  // namespace pingcha
