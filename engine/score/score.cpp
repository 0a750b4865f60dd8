#include "score/score.hpp"

namespace pingcha {

const char* severity_label(FindingSeverity s) {
    switch (s) {
        case FindingSeverity::veto: return "否决";
        case FindingSeverity::deduct: return "扣分";
        case FindingSeverity::warn: return "提示";
    }
    return "";
}

const char* severity_name(FindingSeverity s) {
    switch (s) {
        case FindingSeverity::veto: return "veto";
        case FindingSeverity::deduct: return "deduct";
        case FindingSeverity::warn: return "warn";
    }
    return "warn";
}

std::string ScoringStandard::grade_for(Rational score) const {
    for (const auto& band : bands)
        if (!band.at_least || score >= *band.at_least) return band.grade;
    return veto_grade;
}

CaseResult score_case(const ScoringStandard& standard, std::string case_id, std::vector<Finding> findings,
                      std::vector<std::string> warnings) {
    CaseResult result;
    result.case_id = std::move(case_id);
    Rational total;
    for (const auto& section : standard.sections) {
        Rational deducted;
        for (const auto& f : findings)
            if (f.section == section.id && f.severity == FindingSeverity::deduct)
                deducted = deducted.plus(f.points).value_or(section.max);
        if (deducted > section.max) deducted = section.max;
        const Rational score = *section.max.minus(deducted);
        total = *total.plus(score);
        result.sections.push_back({section.id, section.name, section.max, deducted, score});
    }
    for (const auto& f : findings) result.veto = result.veto || f.severity == FindingSeverity::veto;
    result.score = result.veto && standard.veto_score ? *standard.veto_score : total;
    result.grade = result.veto ? standard.veto_grade : standard.grade_for(result.score);
    result.findings = std::move(findings);
    result.warnings = std::move(warnings);
    return result;
}

}  // namespace pingcha
