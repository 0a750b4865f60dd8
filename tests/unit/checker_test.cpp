// Diagnostics of the checker and the parser: exact headlines
// (`t.pc:LINE:COL: error[CODE]: message`), positions counted in characters, sorted by
// position, and error recovery that keeps checking later declarations.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pack_fixture.hpp"

using namespace pingcha;
using namespace pingcha::testing;

namespace {

using Lines = std::vector<std::string>;

// Checks `rules` followed by the standard prelude, so that line numbers in the headlines
// are the lines of `rules` (line 1 is its first line). The prelude declares sections 甲 and
// 乙, grades 优秀/合格/不合格 and territories national, guangdong, shenzhen_sez, shenzhen,
// shenshan.
CheckResult check_rules(const std::string& rules) { return check_text(rules + "\n" + kStandardPrelude); }

Lines headlines_of(const std::string& rules) { return check_rules(rules).headlines(); }

const char* kLaw = R"(law "中华人民共和国行政处罚法" alias "行政处罚法" kind 法律 {
  version "2021" adopted 2021-01-22 from 2021-07-15 articles 86
})";

}  // namespace

// ------------------------------------------------------------------ clean packs

TEST(Checker, PreludeAloneHasNoDiagnostics) {
    const auto r = check_text(kStandardPrelude);
    EXPECT_EQ(r.text(), "");
    EXPECT_EQ(r.pack.standard.sections.size(), 2u);
}

TEST(Checker, DemoPackChecksClean) {
    Diagnostics diags;
    const auto pack = load_and_check(std::string(PINGCHA_SOURCE_DIR) + "/rules/demo", diags);
    EXPECT_EQ(format_diagnostics(diags), "");
    EXPECT_FALSE(pack.rules.empty());
}

// ------------------------------------------------------------------ names and fields

TEST(Checker, UnknownFieldSuggestsTheClosestField) {
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when days(dates.filed, dates.decide) > 90 says "x")"),
              Lines{"t.pc:1:41: error[E0203]: 未知字段 'dates.decide'（是否想写 'dates.decided'？）"});
}

TEST(Checker, UnknownFieldInsideATemplateHoleAndAForElement) {
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn for b in basis when b.law == "x" says "{penalty.fin}")"),
              Lines{"t.pc:1:58: error[E0203]: 未知字段 'penalty.fin'（是否想写 'penalty.fine'？）"});
    // A field of the element of a list of records is checked against the element's shape.
    const auto lines = headlines_of(R"(rule A in 甲 warn for b in basis when b.lw == "x" says "x")");
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].rfind("t.pc:1:38: error[E0203]: 未知字段 '", 0), 0u) << lines[0];
    EXPECT_NE(lines[0].find("（是否想写 '"), std::string::npos) << lines[0];
    EXPECT_NE(lines[0].find("law'？）"), std::string::npos) << lines[0];
}

TEST(Checker, FieldWithNoCloseNameHasNoSuggestion) {
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when exists(dates.zzzzzzzzzzzz) says "x")"),
              Lines{"t.pc:1:30: error[E0203]: 未知字段 'dates.zzzzzzzzzzzz'"});
}

TEST(Checker, FieldsUnderExtraAndAmountsAreNotChecked) {
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when extra.anything.deep > 1 and penalty.amounts.whatever > 1 says "x")"),
              Lines{});
}

TEST(Checker, UnknownIdentifier) {
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when foo > 1 says "x")"),
              Lines{"t.pc:1:23: error[E0201]: 未知的标识符 'foo'"});
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when procedur == "general" says "x")"),
              Lines{"t.pc:1:23: error[E0201]: 未知的标识符 'procedur'（是否想写 'procedure'？）"});
}

TEST(Checker, DefCannotSeeForOrLambdaVariables) {
    EXPECT_EQ(headlines_of(R"(def uses_b = b.law == "x"
rule A in 甲 warn for b in basis when uses_b says "x")"),
              Lines{"t.pc:1:14: error[E0201]: 未知的标识符 'b'（是否想写 'id'？）"});
}

TEST(Checker, UnknownFunctionSuggestsABuiltin) {
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when cont(documents) > 1 says "x")"),
              Lines{"t.pc:1:23: error[E0202]: 未知函数 'cont'（是否想写 'count'？）"});
}

TEST(Checker, WrongNumberOfArguments) {
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when contains(cause) says "x")"),
              Lines{"t.pc:1:23: error[E0205]: 函数 contains 需要 2 个参数，实际为 1 个"});
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when count(documents, d => true, 1) > 0 says "x")"),
              Lines{"t.pc:1:23: error[E0205]: 函数 count 需要 1～2 个参数，实际为 3 个"});
}

// ------------------------------------------------------------------ types

TEST(Checker, ComparingTextWithANumber) {
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when procedure > 3 says "x")"),
              Lines{"t.pc:1:23: error[E0204]: 类型错误：无法比较大小：文本与整数"});
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when dates.act == 3 says "x")"),
              Lines{"t.pc:1:23: error[E0204]: 类型错误：无法比较日期与整数"});
}

TEST(Checker, ArithmeticOnADateAndText) {
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when dates.act + "x" > dates.act says "x")"),
              Lines{"t.pc:1:23: error[E0204]: 类型错误：不能计算日期 + 文本"});
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when dates.act + dates.filed > dates.act says "x")"),
              Lines{"t.pc:1:23: error[E0204]: 类型错误：不能计算日期 + 日期"});
}

TEST(Checker, ConditionMustBeBoolean) {
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when penalty.fine says "x")"),
              Lines{"t.pc:1:23: error[E0204]: 类型错误：规则条件应为布尔，实际为金额"});
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when true and dates.act says "x")"),
              Lines{"t.pc:1:32: error[E0204]: 类型错误：and 的右侧应为布尔，实际为日期"});
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when not cause says "x")"),
              Lines{"t.pc:1:27: error[E0204]: 类型错误：not 的操作数应为布尔，实际为文本"});
}

TEST(Checker, DurationCountMustBeAnIntegerAndIsLocated) {
    // `1.5 days`: the count is reported at its own position (column 35), like every
    // other diagnostic.
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when dates.act + 1.5 days > dates.act says "x")"),
              Lines{"t.pc:1:35: error[E0204]: 类型错误：天数、月数、年数应为整数，实际为小数"});
}

TEST(Checker, ForNeedsAList) {
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn for x in cause when true says "x")"),
              Lines{"t.pc:1:27: error[E0204]: 类型错误：for 之后应为列表，实际为文本"});
}

TEST(Checker, MixedListAndMismatchedCoalesce) {
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when "a" in [1, "a"] says "x")"),
              (Lines{"t.pc:1:23: error[E0204]: 类型错误：in 的右侧应为列表或文本，不能判断文本是否属于列表<整数>",
                     "t.pc:1:34: error[E0204]: 类型错误：列表元素应为整数，实际为文本"}));
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when exists(coalesce(penalty.fine, "x")) says "x")"),
              Lines{"t.pc:1:30: error[E0204]: 类型错误：coalesce 的两个参数类型不同：金额、文本"});
}

TEST(Checker, MembershipNeedsAListOrText) {
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when "罚款" in penalty.fine says "x")"),
              Lines{"t.pc:1:23: error[E0204]: 类型错误：in 的右侧应为列表或文本，不能判断文本是否属于金额"});
}

TEST(Checker, WellTypedExpressionsPass) {
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn
  when dates.decided - dates.filed > 90 and penalty.fine >= 5000 and dates.act + 2 years < dates.discovered
       and "罚款" in penalty.kinds and all(basis, b => b.article.no > 0) and sum(documents, d => 1) > 2
  says "{penalty.fine * 1.2%}")"),
              Lines{});
}

// ------------------------------------------------------------------ lambdas and defs

TEST(Checker, QuantifierNeedsALambda) {
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when count(documents, true) > 1 says "x")"),
              Lines{"t.pc:1:40: error[E0206]: 此处应为 lambda（x => 表达式）"});
}

TEST(Checker, MisplacedLambdaIsReportedAtItsPosition) {
    // A lambda outside any/all/count/sum/filter/map is an error, and like every other
    // diagnostic it must point at the source (here the lambda at column 30).
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when exists(x => true) says "x")"),
              Lines{"t.pc:1:30: error[E0206]: lambda（x => …）只能作为 any、all、count、sum、filter、map 的参数"});
    // Lambda first, list second: both arguments are wrong, both are located.
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when any(d => true, documents) says "x")"),
              (Lines{"t.pc:1:27: error[E0206]: lambda（x => …）只能作为 any、all、count、sum、filter、map 的参数",
                     "t.pc:1:38: error[E0206]: 此处应为 lambda（x => 表达式）"}));
}

TEST(Checker, LambdaBodyOfTheWrongTypeIsReportedAtItsPosition) {
    const auto lines = headlines_of(R"(rule A in 甲 warn when count(documents, d => d.type) > 1 says "x")");
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_NE(lines[0].find("error[E0204]: 类型错误：count 的条件应为布尔，实际为文本"), std::string::npos) << lines[0];
    // The diagnostic has a position on line 1 (the lambda starts at column 40).
    EXPECT_EQ(lines[0].rfind("t.pc:1:", 0), 0u) << lines[0];
}

TEST(Checker, RecursiveDefs) {
    EXPECT_EQ(headlines_of(R"(def a = b
def b = a
def c = c and true
rule A in 甲 warn when a says "x")"),
              (Lines{"t.pc:1:5: error[E0208]: def 'a' 循环引用自身", "t.pc:3:5: error[E0208]: def 'c' 循环引用自身"}));
}

TEST(Checker, DefsMayUseOtherDefs) {
    EXPECT_EQ(headlines_of(R"(def big = penalty.fine >= 100000
def org = party.kind == "organization"
def needs_hearing = big and org
rule A in 甲 warn when needs_hearing says "x")"),
              Lines{});
}

TEST(Checker, DefMayNotShadowACaseField) {
    EXPECT_EQ(headlines_of(R"(def hearing = true
def x = 1
def x = 2)"),
              (Lines{"t.pc:1:5: error[E0320]: 名称 'hearing' 已被使用（def 或案卷字段）",
                     "t.pc:3:5: error[E0320]: 名称 'x' 已被使用（def 或案卷字段）"}));
}

// ------------------------------------------------------------------ declarations

TEST(Checker, UndeclaredLawBenchmarkTerritorySectionGrade) {
    EXPECT_EQ(headlines_of(R"(rule A in 丙 warn when in_force("刑法", dates.act) says "x")"),
              (Lines{"t.pc:1:11: error[E0304]: 未声明的评查项目 '丙'", "t.pc:1:32: error[E0301]: 法规库中没有 '刑法'"}));
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when tier_min("B9", "x") > 1 says "x")"),
              Lines{"t.pc:1:32: error[E0302]: 未声明的裁量基准 'B9'"});
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when within(territory, "mars") says "x")"),
              Lines{"t.pc:1:41: error[E0303]: 未声明的地域 'mars'"});
    EXPECT_EQ(headlines_of(R"(test "t" {
  case { "format": "case-file/1", "id": "t1" }
  expect grade 中等
})"),
              Lines{"t.pc:3:16: error[E0305]: 未声明的等次 '中等'"});
}

TEST(Checker, CitedLawMustBeDeclaredOrRecognised) {
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn cites "刑法" art 3, "深圳经济特区某某条例" when true says "x")"),
              Lines{"t.pc:1:24: error[E0301]: 法规库中没有 '刑法'"});
}

TEST(Checker, UndeclaredTerritoryInDeclarations) {
    EXPECT_EQ(headlines_of(R"(territory mars "火星" within solar
agency X-1 "某局" in moon)"),
              (Lines{"t.pc:1:28: error[E0303]: 未声明的地域 'solar'", "t.pc:2:20: error[E0303]: 未声明的地域 'moon'"}));
}

TEST(Checker, UndeclaredAgencyLiteral) {
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when agency_name("XX") == "" says "x")"),
              Lines{"t.pc:1:35: error[E0309]: 未声明的执法主体 'XX'"});
}

TEST(Checker, DuplicateRuleId) {
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when true says "x"
rule A in 乙 warn when true says "y")"),
              Lines{"t.pc:2:6: error[E0306]: 规则编号 'A' 重复（首次声明于 t.pc:1）"});
}

TEST(Checker, DuplicateLawNameOrAlias) {
    EXPECT_EQ(headlines_of(std::string(kLaw) + R"(
law "行政处罚法" kind 法律 {
  version "1" from 2001-01-01
}
law "某某法" alias "中华人民共和国行政处罚法" kind 法律 {
  version "1" from 2001-01-01
})"),
              (Lines{"t.pc:4:5: error[E0307]: 法规 '行政处罚法' 重复声明（名称或别名已被使用）",
                     "t.pc:7:17: error[E0307]: 别名 '中华人民共和国行政处罚法' 已被另一部法规使用"}));
}

TEST(Checker, UnknownLawKind) {
    EXPECT_EQ(headlines_of(R"(law "某某办法" kind 规范性文件 {
  version "1" from 2001-01-01
})"),
              Lines{"t.pc:1:17: error[E0310]: 未知的法规类别 '规范性文件'（应为 法律、行政法规、地方性法规、经济特区法规、部门规章 或 "
                    "地方政府规章）"});
}

TEST(Checker, ReversedVersionDates) {
    EXPECT_EQ(headlines_of(R"(law "某某法" kind 法律 {
  version "2021" from 2021-07-15 until 2021-07-14
  version "2022" from 2022-01-01 until 2022-01-01
})"),
              Lines{"t.pc:2:11: error[E0314]: 版本 '2021' 的施行日期晚于失效日期"});
}

TEST(Checker, TierMinimumAboveMaximum) {
    EXPECT_EQ(headlines_of(std::string(kLaw) + R"(
benchmark B1 "x" {
  basis "行政处罚法" art 1
  range 100 .. 50
  tier 轻 2% .. 1% of contract_price
  tier 重 30000 .. 20000
  tier 中 1% .. 2% of contract_price
  tier 混 1% of contract_price .. 100
})"),
              (Lines{"t.pc:6:9: error[E0322]: 罚款下限大于上限", "t.pc:7:8: error[E0322]: 罚款下限大于上限",
                     "t.pc:8:8: error[E0322]: 罚款下限大于上限"}));
}

// Once reported as two errors more, "pingcha: error[E0301]: 法规库中没有 ''" without a place.
TEST(Checker, BenchmarkWithoutBasisIsOneErrorAtItsCode) {
    EXPECT_EQ(headlines_of(R"(benchmark B1 "x" {
  max 100
  tier 轻 0 .. 100
})"),
              Lines{"t.pc:1:11: error[E0323]: 裁量基准缺少处罚依据（basis）"});
}

// Found by fuzzing (a timeout): a mistyped year made a range of two thousand years, which was
// checked, and reported, day by day.
TEST(Checker, CalendarRangeOutsideItsYearsIsOneError) {
    EXPECT_EQ(headlines_of(R"(calendar 2023 source "x" {
  rest 0023-01-21..2023-01-27, 2023-12-30..2025-01-02
  work 2022-12-31..2023-01-01
})"),
              (Lines{"t.pc:2:8: error[E0317]: 日期 0023-01-21 不属于 2023 年的日历",
                     "t.pc:2:32: error[E0317]: 日期 2025-01-01 不属于 2023 年的日历",
                     "t.pc:3:8: error[E0317]: 日期 2022-12-31 不属于 2023 年的日历"}));
}

TEST(Checker, MissingCatchAllGrade) {
    const auto r = check_text(R"(pack t version "1"
section 甲 "甲项" max 60
grade 优秀 >= 90
rule A in 甲 warn when true says "x"
)");
    EXPECT_EQ(r.headlines(), Lines{"t.pc: error[E0327]: 缺少兜底等次（grade 名称 otherwise）"});
}

TEST(Checker, SeveralCatchAllGrades) {
    const auto r = check_text(R"(pack t version "1"
section 甲 "甲项" max 60
grade 优秀 >= 90
grade 不合格 otherwise
grade 差 otherwise
)");
    EXPECT_EQ(r.headlines(), Lines{"t.pc:5:1: error[E0327]: 只能有一个 otherwise 等次"});
}

TEST(Checker, UnknownRuleInATest) {
    EXPECT_EQ(headlines_of(R"(rule A in 甲 warn when true says "x"
test "t" {
  case { "format": "case-file/1", "id": "t1" }
  expect A
  expect NOPE points 2
  expect no GONE
})"),
              (Lines{"t.pc:5:10: error[E0330]: 测试引用了未声明的规则 'NOPE'",
                     "t.pc:6:13: error[E0330]: 测试引用了未声明的规则 'GONE'"}));
}

TEST(Checker, NonPositiveDeduction) {
    EXPECT_EQ(headlines_of(R"(rule A in 甲 deduct 0 when true says "x")"), Lines{"t.pc:1:13: error[E0331]: 扣分必须大于 0"});
}

// ------------------------------------------------------------------ several errors

TEST(Checker, AllErrorsAreReportedSortedByPosition) {
    // The checker looks at laws before rules; the report is still in source order.
    const auto r = check_rules(R"(rule A in 甲 warn when foo > 1 says "x"
law "某某法" kind 法典 {
  version "1" from 2001-01-01
}
rule B in 丙 warn when dates.decide > dates.act and bar(1) says "{baz}"
rule A in 甲 warn when true says "x")");
    EXPECT_EQ(r.headlines(), (Lines{
                                 "t.pc:1:23: error[E0201]: 未知的标识符 'foo'",
                                 "t.pc:2:16: error[E0310]: 未知的法规类别 '法典'（应为 法律、行政法规、地方性法规、经济特区法规、部门规章 或 地方政府规章）",
                                 "t.pc:5:11: error[E0304]: 未声明的评查项目 '丙'",
                                 "t.pc:5:23: error[E0203]: 未知字段 'dates.decide'（是否想写 'dates.decided'？）",
                                 "t.pc:5:52: error[E0202]: 未知函数 'bar'（是否想写 'map'？）",
                                 "t.pc:5:66: error[E0201]: 未知的标识符 'baz'",
                                 "t.pc:6:6: error[E0306]: 规则编号 'A' 重复（首次声明于 t.pc:1）",
                             }));
    EXPECT_EQ(r.diags.error_count(), 7u);
}

// ------------------------------------------------------------------ syntax errors and recovery

TEST(Parser, MissingNumberAfterDeductRecoversAtTheNextRule) {
    const auto r = check_rules(R"(rule A in 甲 deduct when true says "x"
rule B in 甲 warn when true says "ok")");
    EXPECT_EQ(r.headlines(), Lines{"t.pc:1:20: error[E0101]: 语法错误：此处应为数字，实际为 'when'"});
    ASSERT_EQ(r.pack.rules.size(), 1u);
    EXPECT_EQ(r.pack.rules[0]->id.text, "B");
}

TEST(Parser, CaretLineCountsTwoColumnsPerChineseCharacter) {
    const auto r = check_rules(R"(rule A in 甲 deduct when true says "x")");
    // Column 20 counts 甲 as one character; the caret is under `when`, 20 cells in because
    // 甲 is two cells wide.
    EXPECT_EQ(r.text(),
              "t.pc:1:20: error[E0101]: 语法错误：此处应为数字，实际为 'when'\n"
              "  rule A in 甲 deduct when true says \"x\"\n"
              "                      ^\n");
}

TEST(Parser, CaretSpansAWholeTokenAfterChineseText) {
    const auto r = check_rules(R"(rule 期限 "办案期限" in 甲 warn when days(dates.filed, dates.decide) > 90 says "超期")");
    EXPECT_EQ(r.text(),
              "t.pc:1:49: error[E0203]: 未知字段 'dates.decide'（是否想写 'dates.decided'？）\n"
              "  rule 期限 \"办案期限\" in 甲 warn when days(dates.filed, dates.decide) > 90 says \"超期\"\n"
              "                                                         ^~~~~~~~~~~~\n");
}

TEST(Parser, UnterminatedString) {
    const auto r = check_rules(R"(rule A in 甲 warn when true says "unterminated
rule B in 甲 warn when true says "ok")");
    EXPECT_EQ(r.headlines(), Lines{"t.pc:1:46: error[E0101]: 语法错误：此处应为结束引号 \"，实际为 行尾"});
    ASSERT_EQ(r.pack.rules.size(), 1u);
    EXPECT_EQ(r.pack.rules[0]->id.text, "B");
}

TEST(Parser, InvalidDateIsReportedAndParsingContinues) {
    const auto r = check_rules(R"(rule A in 甲 warn when dates.act > 2018-13-01 says "x"
rule B in 甲 warn when dates.act > 2018-02-30 says "y"
rule C in 甲 warn when true says "ok")");
    EXPECT_EQ(r.headlines(), (Lines{"t.pc:1:35: error[E0104]: 不是有效的日期：2018-13-01",
                                    "t.pc:2:35: error[E0104]: 不是有效的日期：2018-02-30"}));
    EXPECT_EQ(r.pack.rules.size(), 3u);
}

TEST(Parser, UnexpectedTextAtTopLevel) {
    const auto r = check_rules(R"(foo bar
rule B in 甲 warn when true says "ok")");
    // The list of declaration keywords in the message may grow; its frame may not.
    const auto lines = r.headlines();
    ASSERT_EQ(lines.size(), 1u);
    const std::string head = "t.pc:1:1: error[E0100]: 语法错误：此处应为声明（pack、import、";
    const std::string tail = "rule 或 test），实际为 'foo'";
    EXPECT_EQ(lines[0].substr(0, head.size()), head) << lines[0];
    ASSERT_GE(lines[0].size(), tail.size());
    EXPECT_EQ(lines[0].substr(lines[0].size() - tail.size()), tail) << lines[0];
    ASSERT_EQ(r.pack.rules.size(), 1u);
    EXPECT_EQ(r.pack.rules[0]->id.text, "B");
}

TEST(Parser, SeveralSyntaxErrorsEachRecover) {
    const auto r = check_rules(R"(rule A in 甲 deduct when true says "x"
rule B in 甲 warn when true says "ok"
rule C in 甲 warn when (true says "x"
  # a comment line and an indented continuation are skipped
  and more
rule D in 甲 warn when true says "ok"
section 丙 "x" max
rule E in 甲 warn when true says "ok")");
    EXPECT_EQ(r.headlines(), (Lines{"t.pc:1:20: error[E0101]: 语法错误：此处应为数字，实际为 'when'",
                                    "t.pc:3:29: error[E0101]: 语法错误：此处应为')'，实际为 'says'",
                                    "t.pc:7:18: error[E0101]: 语法错误：此处应为数字，实际为 行尾"}));
    ASSERT_EQ(r.pack.rules.size(), 3u);
    EXPECT_EQ(r.pack.rules[0]->id.text, "B");
    EXPECT_EQ(r.pack.rules[1]->id.text, "D");
    EXPECT_EQ(r.pack.rules[2]->id.text, "E");
}

TEST(Parser, SyntaxAndCheckErrorsTogether) {
    // A syntax error does not hide the checker's errors in later declarations.
    const auto r = check_rules(R"(rule A in 甲 warn when true says "unterminated
rule B in 甲 warn when foo says "x")");
    EXPECT_EQ(r.headlines(), (Lines{"t.pc:1:46: error[E0101]: 语法错误：此处应为结束引号 \"，实际为 行尾",
                                    "t.pc:2:23: error[E0201]: 未知的标识符 'foo'"}));
}
