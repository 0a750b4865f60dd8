// Scoring: sections start at their maximum, deductions are capped per section (扣完为止，
// 不计负分), warnings cost nothing, a veto sets the failing grade (and, if the standard
// says so, the score).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/rational.hpp"

namespace pingcha {

struct Section {
    std::string id;
    std::string name;
    Rational max;
};

struct GradeBand {
    std::string grade;
    std::optional<Rational> at_least;  // none: the catch-all band
};

struct ScoringStandard {
    std::vector<Section> sections;
    std::vector<GradeBand> bands;      // highest threshold first, catch-all last
    std::string veto_grade;
    std::optional<Rational> veto_score;
    std::string grade_for(Rational score) const;
};

enum class FindingSeverity { veto, deduct, warn };
const char* severity_name(FindingSeverity s);   // "veto", "deduct", "warn"
const char* severity_label(FindingSeverity s);  // 否决、扣分、提示

struct Cite {
    std::string law;
    std::string article;  // as written in the rule, may be empty
    bool operator==(const Cite&) const = default;
};

struct Finding {
    std::string rule;
    std::string title;
    std::string section;
    FindingSeverity severity = FindingSeverity::warn;
    Rational points;  // deduct only
    std::string message;
    std::vector<Cite> cites;
    std::string fields_json = "{}";  // each case field the rule read → value, as a JSON object
    // The place in its pack of the rule that made it (set by the evaluator), so that a writer
    // can reuse what it rendered once for that rule.
    static constexpr uint32_t kNoRule = UINT32_MAX;
    uint32_t rule_index = kNoRule;
    nlohmann::ordered_json fields() const { return nlohmann::ordered_json::parse(fields_json); }
};

struct SectionScore {
    std::string id;
    std::string name;
    Rational max;
    Rational deducted;  // capped at max
    Rational score;
};

struct CaseResult {
    std::string case_id;
    Rational score;
    std::string grade;
    bool veto = false;
    std::vector<SectionScore> sections;
    std::vector<Finding> findings;
    std::vector<std::string> warnings;  // e.g. a working-day count over a year the calendar lacks
};

CaseResult score_case(const ScoringStandard& standard, std::string case_id, std::vector<Finding> findings,
                      std::vector<std::string> warnings = {});
// Scores `result.findings` in place: sets sections, score, grade and veto (reusing `result`'s memory).
void score_findings(const ScoringStandard& standard, CaseResult& result);

}  // namespace pingcha
