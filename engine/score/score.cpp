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

// One pass over the findings (a case has a handful, most sections none), then one over
// the sections; `result.sections` keeps its strings from the previous case.
void score_findings(const ScoringStandard& standard, CaseResult& result) {
    const size_t n = standard.sections.size();
    result.sections.resize(n);
    for (size_t k = 0; k < n; ++k) {
        const Section& section = standard.sections[k];
        SectionScore& s = result.sections[k];
        s.id = section.id, s.name = section.name, s.max = section.max, s.deducted = Rational();
    }
    result.veto = false;
    for (const auto& f : result.findings) {
        result.veto = result.veto || f.severity == FindingSeverity::veto;
        if (f.severity != FindingSeverity::deduct) continue;
        for (size_t k = 0; k < n; ++k) {
            SectionScore& s = result.sections[k];
            if (f.section != s.id) continue;
            s.deducted = s.deducted.plus(f.points).value_or(s.max);
            break;
        }
    }
    Rational total;
    for (SectionScore& s : result.sections) {
        if (s.deducted > s.max) s.deducted = s.max;
        s.score = s.deducted.is_zero() ? s.max : *s.max.minus(s.deducted);
        total = *total.plus(s.score);
    }
    result.score = result.veto && standard.veto_score ? *standard.veto_score : total;
    result.grade = result.veto ? standard.veto_grade : standard.grade_for(result.score);
}

}  // namespace pingcha
