// Scoring: sections start at their maximum, deductions are capped per section (扣完为止),
// warnings cost nothing, a veto sets the veto grade (and the score, when the standard gives
// one) while every finding is still listed; otherwise the grade is the first band whose
// threshold the score reaches. Tested through packs and directly on score_case.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pack_fixture.hpp"
#include "score/score.hpp"

using namespace pingcha;
using namespace pingcha::testing;

namespace {

Rational dec(const char* text) { return *Rational::parse_decimal(text); }

// A case whose `extra` object switches rules on: `extra.<flag> == true`.
std::string case_with_flags(const std::vector<std::string>& flags) {
    std::string extra;
    for (const auto& f : flags) extra += (extra.empty() ? "" : ", ") + ("\"" + f + "\": true");
    return R"({"format": "case-file/1", "id": "S-1", "extra": {)" + extra + "}}";
}

// Rules over the standard prelude (甲 max 60, 乙 max 40; 优秀 >= 90, 合格 >= 60, 不合格
// otherwise; veto grade 不合格 score 0), each switched on by a flag of the same name.
const char* kRules = R"(
rule D20A in 乙 deduct 20 when extra.d20a == true says "a"
rule D20B in 乙 deduct 20 when extra.d20b == true says "b"
rule D20C in 乙 deduct 20 when extra.d20c == true says "c"
rule D10 in 甲 deduct 10 when extra.d10 == true says "ten"
rule D-HALF in 甲 deduct 0.5 when extra.half == true says "half"
rule D30 in 甲 deduct 30 when extra.d30 == true says "thirty"
rule W in 甲 warn when extra.warn == true says "注意"
rule V in 乙 veto when extra.veto == true says "否决"
)";

const SectionScore& section(const CaseResult& r, const std::string& id) {
    for (const auto& s : r.sections)
        if (s.id == id) return s;
    throw std::runtime_error("no section " + id);
}

}  // namespace

// ------------------------------------------------------------------ through packs

TEST(ScoringPack, NoFindingsScoresTheSumOfSectionMaxima) {
    auto pack = compile_text(kRules);
    const auto r = eval_case(*pack, case_with_flags({}));
    EXPECT_EQ(r.case_id, "S-1");
    EXPECT_TRUE(r.findings.empty());
    EXPECT_EQ(r.score, Rational(100));
    EXPECT_EQ(r.grade, "优秀");
    EXPECT_FALSE(r.veto);
    ASSERT_EQ(r.sections.size(), 2u);
    EXPECT_EQ(r.sections[0].id, "甲");
    EXPECT_EQ(r.sections[0].name, "甲项");
    EXPECT_EQ(r.sections[0].max, Rational(60));
    EXPECT_EQ(r.sections[1].id, "乙");
    EXPECT_EQ(r.sections[1].max, Rational(40));
}

TEST(ScoringPack, DeductionsAreCappedAtTheSectionMaximum) {
    auto pack = compile_text(kRules);
    // 3 × 20 = 60 points against a section worth 40: it scores 0, never negative.
    const auto r = eval_case(*pack, case_with_flags({"d20a", "d20b", "d20c"}));
    EXPECT_EQ(rule_ids(r), (std::vector<std::string>{"D20A", "D20B", "D20C"}));
    for (const auto& f : r.findings) {
        EXPECT_EQ(f.severity, FindingSeverity::deduct);
        EXPECT_EQ(f.points, Rational(20));
        EXPECT_EQ(f.section, "乙");
    }
    EXPECT_EQ(section(r, "乙").deducted, Rational(40));
    EXPECT_EQ(section(r, "乙").score, Rational(0));
    // The other section is untouched.
    EXPECT_EQ(section(r, "甲").deducted, Rational(0));
    EXPECT_EQ(section(r, "甲").score, Rational(60));
    EXPECT_EQ(r.score, Rational(60));
    EXPECT_EQ(r.grade, "合格");
}

TEST(ScoringPack, DeductionsUpToTheMaximumAreNotCapped) {
    auto pack = compile_text(kRules);
    const auto r = eval_case(*pack, case_with_flags({"d20a", "d20b"}));
    EXPECT_EQ(section(r, "乙").deducted, Rational(40));
    EXPECT_EQ(section(r, "乙").score, Rational(0));
    EXPECT_EQ(r.score, Rational(60));
    const auto one = eval_case(*pack, case_with_flags({"d20a"}));
    EXPECT_EQ(section(one, "乙").score, Rational(20));
    EXPECT_EQ(one.score, Rational(80));
    EXPECT_EQ(one.grade, "合格");
}

TEST(ScoringPack, DeductionsInSeveralSectionsAdd) {
    auto pack = compile_text(kRules);
    const auto r = eval_case(*pack, case_with_flags({"d10", "d20a", "half"}));
    EXPECT_EQ(section(r, "甲").deducted, dec("10.5"));
    EXPECT_EQ(section(r, "甲").score, dec("49.5"));
    EXPECT_EQ(section(r, "乙").score, Rational(20));
    EXPECT_EQ(r.score, dec("69.5"));
    EXPECT_EQ(r.grade, "合格");
}

TEST(ScoringPack, ForRuleDeductsOncePerFinding) {
    auto pack = compile_text(R"(
rule DOC in 乙 deduct 15 for t in ["立案审批表", "决定书", "送达回证"] when t not in documents[*].type says "缺少{t}"
)");
    const auto r = eval_case(*pack, R"({"format": "case-file/1", "id": "S-2", "documents": [{"type": "决定书"}]})");
    EXPECT_EQ(r.findings.size(), 2u);
    EXPECT_EQ(section(r, "乙").deducted, Rational(30));
    EXPECT_EQ(r.score, Rational(70));
    const auto none = eval_case(*pack, R"({"format": "case-file/1", "id": "S-3", "documents": []})");
    EXPECT_EQ(none.findings.size(), 3u);
    EXPECT_EQ(section(none, "乙").deducted, Rational(40));  // 45 capped at 40
    EXPECT_EQ(none.score, Rational(60));
}

TEST(ScoringPack, WarningsCostNothing) {
    auto pack = compile_text(kRules);
    const auto r = eval_case(*pack, case_with_flags({"warn"}));
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].severity, FindingSeverity::warn);
    EXPECT_EQ(r.findings[0].points, Rational(0));
    EXPECT_EQ(r.findings[0].message, "注意");
    EXPECT_EQ(section(r, "甲").deducted, Rational(0));
    EXPECT_EQ(r.score, Rational(100));
    EXPECT_EQ(r.grade, "优秀");
    EXPECT_FALSE(r.veto);
}

TEST(ScoringPack, VetoSetsTheVetoGradeAndScoreAndListsEveryFinding) {
    auto pack = compile_text(kRules);
    const auto r = eval_case(*pack, case_with_flags({"d10", "warn", "veto"}));
    EXPECT_TRUE(r.veto);
    EXPECT_EQ(r.grade, "不合格");
    EXPECT_EQ(r.score, Rational(0));
    EXPECT_EQ(rule_ids(r), (std::vector<std::string>{"D10", "W", "V"}));
    EXPECT_EQ(r.findings[2].severity, FindingSeverity::veto);
    // The sections are still scored as usual.
    EXPECT_EQ(section(r, "甲").score, Rational(50));
    EXPECT_EQ(section(r, "乙").score, Rational(40));
}

TEST(ScoringPack, VetoAloneOverridesAPerfectScore) {
    auto pack = compile_text(kRules);
    const auto r = eval_case(*pack, case_with_flags({"veto"}));
    EXPECT_TRUE(r.veto);
    EXPECT_EQ(r.grade, "不合格");
    EXPECT_EQ(r.score, Rational(0));
    EXPECT_EQ(section(r, "乙").deducted, Rational(0));  // a veto deducts nothing itself
}

TEST(ScoringPack, GradeBandsAtExactThresholds) {
    auto pack = compile_text(kRules);
    const auto at90 = eval_case(*pack, case_with_flags({"d10"}));
    EXPECT_EQ(at90.score, Rational(90));
    EXPECT_EQ(at90.grade, "优秀");  // >= 90 includes 90

    const auto at89_5 = eval_case(*pack, case_with_flags({"d10", "half"}));
    EXPECT_EQ(at89_5.score, dec("89.5"));
    EXPECT_EQ(at89_5.grade, "合格");

    const auto at60 = eval_case(*pack, case_with_flags({"d10", "d30"}));
    EXPECT_EQ(at60.score, Rational(60));
    EXPECT_EQ(at60.grade, "合格");

    const auto at59_5 = eval_case(*pack, case_with_flags({"d10", "d30", "half"}));
    EXPECT_EQ(at59_5.score, dec("59.5"));
    EXPECT_EQ(at59_5.grade, "不合格");

    const auto at99_5 = eval_case(*pack, case_with_flags({"half"}));
    EXPECT_EQ(at99_5.score, dec("99.5"));
    EXPECT_EQ(at99_5.grade, "优秀");
}

TEST(ScoringPack, VetoWithoutScoreKeepsTheComputedScore) {
    auto checked = check_text(R"(pack v version "1"
section 甲 "甲项" max 60
section 乙 "乙项" max 40
grade 优秀 >= 90
grade 不合格 otherwise
veto grade 不合格
rule D5 in 甲 deduct 5 when true says "d"
rule V in 乙 veto when extra.veto == true says "v"
)");
    ASSERT_FALSE(checked.diags.has_errors()) << checked.text();
    auto pack = compile_pack(std::move(checked.pack));
    const auto vetoed = eval_case(*pack, case_with_flags({"veto"}));
    EXPECT_TRUE(vetoed.veto);
    EXPECT_EQ(vetoed.grade, "不合格");
    EXPECT_EQ(vetoed.score, Rational(95));  // not replaced
    const auto plain = eval_case(*pack, case_with_flags({}));
    EXPECT_FALSE(plain.veto);
    EXPECT_EQ(plain.grade, "优秀");
    EXPECT_EQ(plain.score, Rational(95));
}

TEST(ScoringPack, BandsDeclaredInAnyOrder) {
    auto checked = check_text(R"(pack v version "1"
section 甲 "甲项" max 100
grade 差 otherwise
grade 合格 >= 60
grade 良好 >= 80
grade 优秀 >= 90
rule D in 甲 deduct 15 when extra.d == true says "d"
rule E in 甲 deduct 30 when extra.e == true says "e"
)");
    ASSERT_FALSE(checked.diags.has_errors()) << checked.text();
    auto pack = compile_pack(std::move(checked.pack));
    EXPECT_EQ(eval_case(*pack, case_with_flags({})).grade, "优秀");
    EXPECT_EQ(eval_case(*pack, case_with_flags({"d"})).grade, "良好");    // 85
    EXPECT_EQ(eval_case(*pack, case_with_flags({"e"})).grade, "合格");    // 70
    EXPECT_EQ(eval_case(*pack, case_with_flags({"d", "e"})).grade, "差");  // 55
}

TEST(ScoringPack, WithoutAVetoDeclarationAVetoFallsToTheCatchAllGrade) {
    auto checked = check_text(R"(pack v version "1"
section 甲 "甲项" max 100
grade 优秀 >= 90
grade 不合格 otherwise
rule V in 甲 veto when true says "v"
)");
    ASSERT_FALSE(checked.diags.has_errors()) << checked.text();
    auto pack = compile_pack(std::move(checked.pack));
    const auto r = eval_case(*pack, case_with_flags({}));
    EXPECT_TRUE(r.veto);
    EXPECT_EQ(r.grade, "不合格");
    EXPECT_EQ(r.score, Rational(100));
}

// ------------------------------------------------------------------ score_case directly

namespace {

ScoringStandard standard(bool veto_score = true) {
    ScoringStandard s;
    s.sections = {{"A", "主体", Rational(10)}, {"B", "程序", dec("7.5")}};
    s.bands = {{"优秀", Rational(15)}, {"合格", dec("9.5")}, {"不合格", std::nullopt}};
    s.veto_grade = "不合格";
    if (veto_score) s.veto_score = Rational(0);
    return s;
}

Finding finding(const std::string& rule, const std::string& section, FindingSeverity severity, Rational points = 0) {
    Finding f;
    f.rule = rule;
    f.section = section;
    f.severity = severity;
    f.points = points;
    f.message = rule + " message";
    return f;
}

}  // namespace

TEST(ScoreCase, EmptyFindings) {
    const auto r = score_case(standard(), "X-1", {});
    EXPECT_EQ(r.case_id, "X-1");
    EXPECT_EQ(r.score, dec("17.5"));
    EXPECT_EQ(r.grade, "优秀");
    EXPECT_FALSE(r.veto);
    ASSERT_EQ(r.sections.size(), 2u);
    EXPECT_EQ(r.sections[0].id, "A");
    EXPECT_EQ(r.sections[0].name, "主体");
    EXPECT_EQ(r.sections[0].max, Rational(10));
    EXPECT_EQ(r.sections[0].deducted, Rational(0));
    EXPECT_EQ(r.sections[0].score, Rational(10));
    EXPECT_EQ(r.sections[1].max, dec("7.5"));
    EXPECT_EQ(r.sections[1].score, dec("7.5"));
    EXPECT_TRUE(r.findings.empty());
    EXPECT_TRUE(r.warnings.empty());
}

TEST(ScoreCase, CapsEachSectionIndependently) {
    const auto r = score_case(standard(), "X-2",
                              {finding("R1", "B", FindingSeverity::deduct, 5), finding("R2", "B", FindingSeverity::deduct, 5),
                               finding("R3", "A", FindingSeverity::deduct, dec("2.25"))});
    EXPECT_EQ(r.sections[1].deducted, dec("7.5"));  // 10 capped at 7.5
    EXPECT_EQ(r.sections[1].score, Rational(0));
    EXPECT_EQ(r.sections[0].deducted, dec("2.25"));
    EXPECT_EQ(r.sections[0].score, dec("7.75"));
    EXPECT_EQ(r.score, dec("7.75"));
    EXPECT_EQ(r.grade, "不合格");  // 7.75 < 9.5
}

TEST(ScoreCase, WarningsAndVetoesDeductNothing) {
    const auto r = score_case(standard(false), "X-3",
                              {finding("W", "A", FindingSeverity::warn, 3), finding("V", "B", FindingSeverity::veto, 4)});
    EXPECT_EQ(r.sections[0].deducted, Rational(0));
    EXPECT_EQ(r.sections[1].deducted, Rational(0));
    EXPECT_EQ(r.score, dec("17.5"));  // no veto score in this standard
    EXPECT_TRUE(r.veto);
    EXPECT_EQ(r.grade, "不合格");
}

TEST(ScoreCase, VetoScoreReplacesTheTotal) {
    auto s = standard();
    s.veto_score = Rational(3);
    const auto r = score_case(s, "X-4", {finding("V", "A", FindingSeverity::veto)});
    EXPECT_TRUE(r.veto);
    EXPECT_EQ(r.score, Rational(3));
    EXPECT_EQ(r.grade, "不合格");
    EXPECT_EQ(r.sections[0].score, Rational(10));  // sections keep their own scores
}

TEST(ScoreCase, GradeAtExactThresholds) {
    // 17.5 - 2.5 = 15 → 优秀 (>= 15); 17.5 - 8 = 9.5 → 合格; 17.5 - 8.25 = 9.25 → 不合格
    EXPECT_EQ(score_case(standard(), "a", {finding("R", "A", FindingSeverity::deduct, dec("2.5"))}).grade, "优秀");
    EXPECT_EQ(score_case(standard(), "b", {finding("R", "A", FindingSeverity::deduct, dec("2.51"))}).grade, "合格");
    EXPECT_EQ(score_case(standard(), "c", {finding("R", "A", FindingSeverity::deduct, 8)}).grade, "合格");
    EXPECT_EQ(score_case(standard(), "d", {finding("R", "A", FindingSeverity::deduct, dec("8.25"))}).grade, "不合格");
}

TEST(ScoreCase, KeepsFindingsInOrderAndPassesWarningsThrough) {
    const auto r = score_case(standard(), "X-5",
                              {finding("Z", "B", FindingSeverity::warn), finding("A", "A", FindingSeverity::deduct, 1),
                               finding("M", "B", FindingSeverity::veto)},
                              {"工作日历未覆盖 2023 年"});
    ASSERT_EQ(r.findings.size(), 3u);
    EXPECT_EQ(r.findings[0].rule, "Z");
    EXPECT_EQ(r.findings[1].rule, "A");
    EXPECT_EQ(r.findings[2].rule, "M");
    EXPECT_EQ(r.findings[1].message, "A message");
    EXPECT_EQ(r.warnings, std::vector<std::string>{"工作日历未覆盖 2023 年"});
}

TEST(ScoreCase, GradeForUsesTheFirstBandReached) {
    const auto s = standard();
    EXPECT_EQ(s.grade_for(Rational(100)), "优秀");
    EXPECT_EQ(s.grade_for(Rational(15)), "优秀");
    EXPECT_EQ(s.grade_for(dec("14.99")), "合格");
    EXPECT_EQ(s.grade_for(dec("9.5")), "合格");
    EXPECT_EQ(s.grade_for(dec("9.49")), "不合格");
    EXPECT_EQ(s.grade_for(Rational(0)), "不合格");
}

TEST(ScoreCase, SeverityNames) {
    EXPECT_STREQ(severity_name(FindingSeverity::veto), "veto");
    EXPECT_STREQ(severity_name(FindingSeverity::deduct), "deduct");
    EXPECT_STREQ(severity_name(FindingSeverity::warn), "warn");
}
