// Rendering one case's result: JSON (one line per record) and a Chinese text score sheet.
#pragma once
#include <memory>
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

struct RenderedPack;

// append_result_json for the results of one pack, with what they all share (the rulepack
// block, each section's id, name and maximum, each rule's id, section, severity, points,
// cites and constant message) rendered once. A piece is used only while the result still
// says what it was rendered from, so the bytes are always append_result_json's.
class ResultJsonWriter {
public:
    explicit ResultJsonWriter(const RulePack& pack);
    ~ResultJsonWriter();
    void append(std::string& out, const CaseResult& result, std::string_view source) const;

private:
    std::unique_ptr<const RenderedPack> rendered_;
};

// A readable score sheet (评查结果): grade and score, sections, findings with citations.
std::string result_to_text(const CaseResult& result, const RulePack& pack, const std::string& source);

// Exact number for JSON: integers stay integers, other values as the nearest double.
nlohmann::ordered_json rational_to_json(Rational r);

}  // namespace pingcha
