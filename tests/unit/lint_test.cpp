// Every lint has a pack that triggers it and one that does not.
#include <gtest/gtest.h>

#include "check/lint.hpp"
#include "pack_fixture.hpp"

using namespace pingcha;
using namespace pingcha::testing;

namespace {

// Codes of the lint warnings for the prelude plus `text`.
std::vector<std::string> lint_codes(const std::string& text, const std::string& code_filter) {
    auto r = check_text(std::string(kStandardPrelude) + text);
    EXPECT_FALSE(r.diags.has_errors()) << r.text();
    Diagnostics lints;
    lint_pack(r.pack, lints);
    std::vector<std::string> out;
    for (const auto& d : lints.items())
        if (d.code == code_filter) out.push_back(format_diagnostic(d).substr(0, format_diagnostic(d).find('\n')));
    return out;
}

// Rules for both sections and a test naming them, so only the lint under test speaks.
const char* kQuietRules = R"(
rule A in 甲 warn when procedure == "general" says "a"
rule B in 乙 warn when procedure == "simple" says "b"
test "t" {
  case { "format": "case-file/1", "id": "t" }
  expect no A
  expect no B
}
)";

const char* kLaw = R"(
law "中华人民共和国大气污染防治法" alias "大气污染防治法" kind 法律 {
  version "2018" from 2018-10-26 articles 129
}
)";

std::string benchmark(const std::string& tiers, const std::string& range = "range 10000 .. 100000") {
    return std::string(kLaw) + "benchmark CG-001 \"扬尘\" {\n  basis \"大气污染防治法\" art 115\n  " + range +
           "\n  kinds 罚款\n" + tiers + "}\n" + kQuietRules;
}

}  // namespace

TEST(Lint, OverlappingTiers) {
    const auto hits = lint_codes(benchmark("  tier 轻 10000 .. 60000\n  tier 重 50000 .. 100000\n"), "W0401");
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_NE(hits[0].find("阶次「重」与「轻」重叠超过共同边界"), std::string::npos) << hits[0];
    EXPECT_TRUE(lint_codes(benchmark("  tier 轻 10000 .. 50000\n  tier 重 50000 .. 100000\n"), "W0401").empty());
}

TEST(Lint, GapBetweenTiersAndAtTheEnds) {
    EXPECT_EQ(lint_codes(benchmark("  tier 轻 10000 .. 40000\n  tier 重 50000 .. 100000\n"), "W0402").size(), 1u);
    EXPECT_EQ(lint_codes(benchmark("  tier 轻 20000 .. 50000\n  tier 重 50000 .. 90000\n"), "W0402").size(), 2u);
    EXPECT_TRUE(lint_codes(benchmark("  tier 轻 10000 .. 50000\n  tier 重 50000 .. 100000\n"), "W0402").empty());
}

TEST(Lint, PercentTiersAreComparedWithinTheirBase) {
    const std::string pct = "range 1% .. 2% of contract_price";
    EXPECT_EQ(lint_codes(benchmark("  tier 轻 1% .. 1.3% of contract_price\n  tier 重 1.2% .. 2% of contract_price\n", pct),
                         "W0401").size(), 1u);
    EXPECT_TRUE(lint_codes(benchmark("  tier 轻 1% .. 1.2% of contract_price\n  tier 重 1.2% .. 2% of contract_price\n", pct),
                           "W0401").empty());
}

TEST(Lint, TierOutsideStatutoryRange) {
    const auto hits = lint_codes(benchmark("  tier 轻 10000 .. 50000\n  tier 重 50000 .. 120000\n"), "W0403");
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_NE(hits[0].find("阶次「重」超出法定幅度"), std::string::npos);
    EXPECT_TRUE(lint_codes(benchmark("  tier 轻 10000 .. 50000\n  tier 重 50000 .. 100000\n"), "W0403").empty());
}

TEST(Lint, FixedTierConditionsOverlapOrLeaveGaps) {
    const std::string overlap =
        "  tier 一 fixed 20000 when circumstance.prior_violations_1y <= 1\n"
        "  tier 二 fixed 50000 when circumstance.prior_violations_1y >= 1\n";
    const auto hits = lint_codes(benchmark(overlap), "W0404");
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_NE(hits[0].find("适用条件重叠"), std::string::npos);
    const std::string gap =
        "  tier 一 fixed 20000 when circumstance.prior_violations_1y == 0\n"
        "  tier 三 fixed 100000 when circumstance.prior_violations_1y == 2\n";
    const auto gaps = lint_codes(benchmark(gap), "W0404");
    ASSERT_EQ(gaps.size(), 2u);  // 1 is unmatched, and so is everything from 3 up
    EXPECT_NE(gaps[0].find("没有阶次适用于 circumstance.prior_violations_1y = 1"), std::string::npos) << gaps[0];
    EXPECT_NE(gaps[1].find("≥ 3"), std::string::npos) << gaps[1];
    const std::string complete =
        "  tier 一 fixed 20000 when circumstance.prior_violations_1y == 0\n"
        "  tier 二 fixed 50000 when circumstance.prior_violations_1y == 1\n"
        "  tier 三 fixed 100000 when circumstance.prior_violations_1y >= 2\n";
    EXPECT_TRUE(lint_codes(benchmark(complete), "W0404").empty());
}

TEST(Lint, LawVersionsOverlapOrLeaveGaps) {
    const std::string overlap = std::string(R"(
law "甲法" kind 法律 {
  version "1" from 2000-01-01 until 2010-12-31 articles 10
  version "2" from 2010-06-01 articles 12
}
law "乙法" kind 法律 {
  version "1" from 2000-01-01 until 2010-12-31 articles 10
  version "2" from 2011-03-01 articles 12
}
law "丙法" kind 法律 {
  version "1" from 2000-01-01 until 2010-12-31 articles 10
  version "2" from 2011-01-01 articles 12
}
)") + kQuietRules;
    const auto hits = lint_codes(overlap, "W0411");
    ASSERT_EQ(hits.size(), 2u);
    EXPECT_NE(hits[0].find("《甲法》版本 1 与 2 的施行期间重叠"), std::string::npos) << hits[0];
    EXPECT_NE(hits[1].find("《乙法》版本 1 失效（2010-12-31）与版本 2 施行（2011-03-01）之间有空档"), std::string::npos) << hits[1];
}

TEST(Lint, LawWithoutVersions) {
    EXPECT_EQ(lint_codes(std::string("law \"甲法\" kind 法律 { }\n") + kQuietRules, "W0415").size(), 1u);
    EXPECT_TRUE(lint_codes(std::string("law \"甲法\" kind 法律 { version \"1\" }\n") + kQuietRules, "W0415").empty());
}

TEST(Lint, ArticleCountMissingForALawCitedByArticle) {
    const std::string missing = std::string(R"(
law "甲法" kind 法律 {
  version "1" from 2000-01-01 until 2010-12-31
  version "2" from 2011-01-01 articles 12
}
rule C in 甲 warn cites "甲法" art 5 when procedure == "general" says "c"
)") + kQuietRules;
    EXPECT_EQ(lint_codes(missing, "W0412").size(), 1u);
    std::string acknowledged = missing;
    acknowledged.replace(acknowledged.find("until 2010-12-31"), 16, "until 2010-12-31 articles unknown");
    EXPECT_TRUE(lint_codes(acknowledged, "W0412").empty());
}

TEST(Lint, CitedArticleBeyondTheCount) {
    const std::string beyond = std::string(kLaw) + "rule C in 甲 warn cites \"大气污染防治法\" art \"第一百三十条\" when procedure == \"general\" says \"c\"\n" + kQuietRules;
    const auto hits = lint_codes(beyond, "W0413");
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_NE(hits[0].find("第130条，超出其条文数 129"), std::string::npos) << hits[0];
    EXPECT_TRUE(lint_codes(std::string(kLaw) + "rule C in 甲 warn cites \"大气污染防治法\" art 129 when procedure == \"general\" says \"c\"\n" + kQuietRules,
                           "W0413").empty());
}

TEST(Lint, RepealedLawAsBenchmarkBasis) {
    const std::string repealed = R"(
law "城市房屋拆迁管理条例" kind 行政法规 {
  version "2001" from 2001-11-01 articles 40
  repealed 2011-01-21
}
benchmark FW-001 "擅自拆迁" {
  basis "城市房屋拆迁管理条例" art 34
  range 10000 .. 30000
}
)";
    const auto hits = lint_codes(repealed + std::string(kQuietRules), "W0414");
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_NE(hits[0].find("以已废止的《城市房屋拆迁管理条例》为处罚依据（2011-01-21 起不再施行）"), std::string::npos);
    EXPECT_TRUE(lint_codes(benchmark("  tier 轻 10000 .. 50000\n  tier 重 50000 .. 100000\n"), "W0414").empty());
}

TEST(Lint, ConstantConditions) {
    const std::string constant = R"(
rule T in 甲 warn when 1 < 2 says "t"
rule F in 甲 warn when procedure == "general" and 2021-07-15 > 2022-01-01 says "f"
rule A in 甲 warn when procedure == "general" says "a"
rule B in 乙 warn when procedure == "simple" says "b"
test "t" {
  case { "format": "case-file/1", "id": "t" }
  expect T
  expect no F
  expect no A
  expect no B
}
)";
    const auto hits = lint_codes(constant, "W0421");
    ASSERT_EQ(hits.size(), 2u);
    EXPECT_NE(hits[0].find("规则 T 的条件恒为真"), std::string::npos) << hits[0];
    EXPECT_NE(hits[1].find("规则 F 的条件恒为假"), std::string::npos) << hits[1];
    EXPECT_TRUE(lint_codes(kQuietRules, "W0421").empty());
}

TEST(Lint, UnusedDefAndEmptySection) {
    const auto hits = lint_codes(std::string("def spare = 1 > 0\n") + kQuietRules, "W0422");
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_NE(hits[0].find("def 'spare' 未被使用"), std::string::npos);
    EXPECT_TRUE(lint_codes(std::string("def used = procedure == \"x\"\nrule U in 甲 warn when used says \"u\"\n") +
                               kQuietRules + "test \"u\" {\n case { \"format\": \"case-file/1\", \"id\": \"u\" }\n expect no U\n}\n",
                           "W0422").empty());
    const auto sections = lint_codes("rule A in 甲 warn when procedure == \"general\" says \"a\"\n", "W0422");
    ASSERT_EQ(sections.size(), 1u);
    EXPECT_NE(sections[0].find("评查项目 '乙' 没有任何规则"), std::string::npos);
}

TEST(Lint, RuleWithoutTest) {
    const auto hits = lint_codes(std::string(kQuietRules) + "rule C in 甲 warn when procedure == \"x\" says \"c\"\n", "W0423");
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_NE(hits[0].find("规则 C 没有测试用例"), std::string::npos);
    EXPECT_TRUE(lint_codes(kQuietRules, "W0423").empty());
}

TEST(Lint, CalendarYearsTheChecksNeed) {
    const std::string uses = R"(
calendar 2023 { rest 2023-01-02 }
calendar 2025 { rest 2025-01-01 }
rule W in 甲 warn when working_days(dates.decided, dates.served) > 7 or working_days(2021-12-30, dates.served) > 999 says "w"
)";
    const auto hits = lint_codes(uses + std::string(kQuietRules) + "test \"w\" {\n case { \"format\": \"case-file/1\", \"id\": \"w\" }\n expect no W\n}\n", "W0431");
    ASSERT_EQ(hits.size(), 2u);  // 2021 from the literal, 2024 from the gap between 2023 and 2025
    EXPECT_NE(hits[0].find("缺少 2021 年"), std::string::npos) << hits[0];
    EXPECT_NE(hits[1].find("缺少 2024 年"), std::string::npos) << hits[1];
    EXPECT_TRUE(lint_codes(kQuietRules, "W0431").empty());  // no working-day count, no calendar needed
}
