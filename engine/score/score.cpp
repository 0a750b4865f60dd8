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
    result.findings = std::move(findings);
    result.warnings = std::move(warnings);
    score_findings(standard, result);
    return result;
}

void score_findings(const ScoringStandard& standard, CaseResult& result) {
    Rational total;
    result.sections.resize(standard.sections.size());
    for (size_t k = 0; k < standard.sections.size(); ++k) {
        const Section& section = standard.sections[k];
        Rational deducted;
        for (const auto& f : result.findings)
            if (f.section == section.id && f.severity == FindingSeverity::deduct)
                deducted = deducted.plus(f.points).value_or(section.max);
        if (deducted > section.max) deducted = section.max;
        const Rational score = *section.max.minus(deducted);
        total = *total.plus(score);
        SectionScore& s = result.sections[k];
        s.id = section.id, s.name = section.name, s.max = section.max, s.deducted = deducted, s.score = score;
    }
    result.veto = false;
    for (const auto& f : result.findings) result.veto = result.veto || f.severity == FindingSeverity::veto;
    result.score = result.veto && standard.veto_score ? *standard.veto_score : total;
    result.grade = result.veto ? standard.veto_grade : standard.grade_for(result.score);
}

}  // namespace pingcha
