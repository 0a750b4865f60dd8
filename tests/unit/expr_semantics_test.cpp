// Semantics of the expression language, observed end to end: a rule pack is compiled from
// text (the standard prelude of pack_fixture.hpp plus the declarations of each test), one
// case file is evaluated, and the test looks at which rules fired and at the messages
// their `says` templates produced. The reference is docs/language.md.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pack_fixture.hpp"

using namespace pingcha;
using namespace pingcha::testing;

namespace {

// A case file with the required header and the given extra members (JSON text without
// the surrounding braces).
std::string case_with(const std::string& members = "") {
    std::string out = R"({"format": "case-file/1", "id": "c1")";
    if (!members.empty()) out += ", " + members;
    return out + "}";
}

// The value of `expr` as a message template interpolates it, for a case with `members`.
// `decls` are extra declarations (laws, benchmarks, defs, calendars…).
std::string show(const std::string& expr, const std::string& members = "", const std::string& decls = "") {
    auto pack = compile_text(decls + "\nrule SHOW in 甲 warn when true says \"{" + expr + "}\"\n");
    const auto result = eval_case(*pack, case_with(members));
    if (result.findings.size() != 1) throw std::runtime_error("SHOW did not fire exactly once");
    return result.findings[0].message;
}

// The three-valued truth of a condition, observed only through rules firing: "true" when a
// rule `when cond` fires, "false" when `when not (cond)` fires, "missing" when
// `when missing(cond)` fires. Anything else (none or several) is reported as such.
std::string truth(const std::string& cond, const std::string& members = "", const std::string& decls = "") {
    auto pack = compile_text(decls + "\nrule IS-TRUE in 甲 warn when " + cond + " says \"t\"\n" +
                             "rule IS-FALSE in 甲 warn when not (" + cond + ") says \"f\"\n" +
                             "rule IS-MISSING in 甲 warn when missing(" + cond + ") says \"m\"\n");
    const auto ids = rule_ids(eval_case(*pack, case_with(members)));
    if (ids == std::vector<std::string>{"IS-TRUE"}) return "true";
    if (ids == std::vector<std::string>{"IS-FALSE"}) return "false";
    if (ids == std::vector<std::string>{"IS-MISSING"}) return "missing";
    std::string all = "inconsistent:";
    for (const auto& id : ids) all += " " + id;
    return all;
}

// Whether a single rule with this condition fires.
bool fires(const std::string& cond, const std::string& members = "", const std::string& decls = "") {
    auto pack = compile_text(decls + "\nrule R in 甲 warn when " + cond + " says \"r\"\n");
    return !eval_case(*pack, case_with(members)).findings.empty();
}

// ------------------------------------------------------------------ catalog used by law tests

const char* kLaws = R"(
law "中华人民共和国行政处罚法" alias "行政处罚法" kind 法律 {
  version "2017" adopted 2017-09-01 from 2018-01-01 until 2021-07-14 articles 64
  version "2021" adopted 2021-01-22 from 2021-07-15 articles 86
}
law "城市房屋拆迁管理条例" kind 行政法规 {
  version "2001" from 2001-11-01
  repealed 2011-01-21 replaced_by "国有土地上房屋征收与补偿条例"
}
law "国有土地上房屋征收与补偿条例" kind 行政法规 {
  version "2011" from 2011-01-21 articles 35
}
law "中华人民共和国安全生产法" kind 法律 {
  version "2021" adopted 2021-06-10 from 2021-09-01 articles 119
}
law "深圳经济特区市容和环境卫生管理条例" kind 经济特区法规 applies_in shenzhen_sez {
  version "2023" adopted 2023-04-26 from 2023-09-01 articles 72
}
law "建设工程质量管理条例" kind 行政法规 {
  version "2019" adopted 2019-04-23 from 2019-04-23 articles 82
}
law "中华人民共和国大气污染防治法" alias "大气污染防治法" kind 法律 {
  version "2018" adopted 2018-10-26 from 2018-10-26 articles 129
}
)";

const char* kBenchmarkDecls = R"(
benchmark ZJ-001 "未取得施工许可证擅自施工" {
  basis "建设工程质量管理条例" art 57
  range 1% .. 2% of contract_price
  kinds 罚款
  tier 轻微 1% .. 1.2% of contract_price
  tier 一般 1.2% .. 1.6% of contract_price
  tier 严重 1.6% .. 2% of contract_price
}
benchmark CG-001 "施工工地未采取扬尘污染防治措施" {
  basis "大气污染防治法" art "第一百一十五条"
  range 10000 .. 100000
  kinds 罚款, 责令停产停业
  tier "1年内第1次" fixed 20000 when circumstance.prior_violations_1y == 0
  tier "1年内第2次" fixed 50000 when circumstance.prior_violations_1y == 1
  tier "1年内第3次及以上" fixed 100000 when circumstance.prior_violations_1y >= 2
}
benchmark WF-001 "违法所得倍数" {
  basis "建设工程质量管理条例" art 60
  max 50000
  kinds 罚款, 没收违法所得
  tier 一般 1 times .. 3 times of illegal_gains
}
)";

// Benchmarks need the laws they cite.
const std::string kBenchmarks = std::string(kLaws) + kBenchmarkDecls;

}  // namespace

// ================================================================== missing values

TEST(MissingValues, AbsentFieldAndNullAreMissing) {
    EXPECT_EQ(show("dates.decided"), "（缺失）");
    EXPECT_EQ(show("dates.decided", R"("dates": {"decided": null})"), "（缺失）");
    EXPECT_EQ(show("dates.decided", R"("dates": {"decided": "2024-03-01"})"), "2024-03-01");
}

TEST(MissingValues, ComparisonWithMissingIsMissingAndDoesNotFire) {
    const std::string only_filed = R"("dates": {"filed": "2024-01-02"})";
    EXPECT_EQ(truth("dates.decided > dates.filed", only_filed), "missing");
    EXPECT_EQ(truth("dates.decided <= dates.filed", only_filed), "missing");
    EXPECT_EQ(truth("dates.decided == dates.filed", only_filed), "missing");
    EXPECT_EQ(truth("dates.decided != dates.filed", only_filed), "missing");
    EXPECT_EQ(truth("penalty.fine >= 0"), "missing");
    EXPECT_EQ(truth("party.name == \"张三\""), "missing");
    // Neither the condition nor its negation fires.
    EXPECT_FALSE(fires("penalty.fine > 100"));
    EXPECT_FALSE(fires("not (penalty.fine > 100)"));
}

TEST(MissingValues, ComparisonWithPresentValuesIsTwoValued) {
    const std::string both = R"("dates": {"filed": "2024-01-02", "decided": "2024-03-01"})";
    EXPECT_EQ(truth("dates.decided > dates.filed", both), "true");
    EXPECT_EQ(truth("dates.decided < dates.filed", both), "false");
    EXPECT_EQ(truth("dates.decided != dates.filed", both), "true");
}

TEST(MissingValues, ArithmeticWithMissingIsMissing) {
    EXPECT_EQ(show("penalty.fine + 1"), "（缺失）");
    EXPECT_EQ(show("penalty.fine * 2"), "（缺失）");
    EXPECT_EQ(show("dates.decided - dates.filed", R"("dates": {"filed": "2024-01-02"})"), "（缺失）");
    EXPECT_EQ(show("dates.decided + 30 days"), "（缺失）");
    EXPECT_EQ(show("dates.decided + 1 months"), "（缺失）");
    EXPECT_EQ(show("days(dates.filed, dates.decided)", R"("dates": {"decided": "2024-01-02"})"), "（缺失）");
    EXPECT_EQ(truth("penalty.fine + 1 > 0"), "missing");
    EXPECT_EQ(truth("-penalty.fine < 0"), "missing");
}

TEST(MissingValues, KleeneAnd) {
    // hearing.notified is a boolean field, absent here: missing.
    EXPECT_EQ(truth("true and true"), "true");
    EXPECT_EQ(truth("true and false"), "false");
    EXPECT_EQ(truth("false and true"), "false");
    EXPECT_EQ(truth("false and false"), "false");
    EXPECT_EQ(truth("false and hearing.notified"), "false");
    EXPECT_EQ(truth("hearing.notified and false"), "false");
    EXPECT_EQ(truth("true and hearing.notified"), "missing");
    EXPECT_EQ(truth("hearing.notified and true"), "missing");
    EXPECT_EQ(truth("hearing.notified and hearing.requested"), "missing");
}

TEST(MissingValues, KleeneOr) {
    EXPECT_EQ(truth("true or false"), "true");
    EXPECT_EQ(truth("false or true"), "true");
    EXPECT_EQ(truth("false or false"), "false");
    EXPECT_EQ(truth("true or hearing.notified"), "true");
    EXPECT_EQ(truth("hearing.notified or true"), "true");
    EXPECT_EQ(truth("false or hearing.notified"), "missing");
    EXPECT_EQ(truth("hearing.notified or false"), "missing");
    EXPECT_EQ(truth("hearing.notified or hearing.requested"), "missing");
}

TEST(MissingValues, KleeneNot) {
    EXPECT_EQ(truth("not true"), "false");
    EXPECT_EQ(truth("not false"), "true");
    EXPECT_EQ(truth("not hearing.notified"), "missing");
    EXPECT_EQ(truth("not hearing.notified", R"("hearing": {"notified": false})"), "true");
}

TEST(MissingValues, KleeneWithComputedMissingOperands) {
    // The missing operand is a comparison over an absent field, on either side.
    const std::string fine = R"("penalty": {"fine": 6000})";
    EXPECT_EQ(truth("penalty.fine > 5000 and dates.decided > dates.filed", fine), "missing");
    EXPECT_EQ(truth("penalty.fine < 5000 and dates.decided > dates.filed", fine), "false");
    EXPECT_EQ(truth("dates.decided > dates.filed or penalty.fine > 5000", fine), "true");
    EXPECT_EQ(truth("dates.decided > dates.filed or penalty.fine < 5000", fine), "missing");
}

TEST(MissingValues, ExistsMissingCoalesce) {
    const std::string fine = R"("penalty": {"fine": 5000})";
    EXPECT_EQ(truth("exists(penalty.fine)", fine), "true");
    EXPECT_EQ(truth("exists(penalty.fine)"), "false");
    EXPECT_EQ(truth("missing(penalty.fine)"), "true");
    EXPECT_EQ(truth("missing(penalty.fine)", fine), "false");
    EXPECT_EQ(truth("missing(penalty.fine)", R"("penalty": {"fine": null})"), "true");
    // exists/missing of a computed missing value.
    EXPECT_EQ(truth("missing(penalty.fine + 1)"), "true");
    EXPECT_EQ(truth("exists(dates.decided > dates.filed)"), "false");
    // coalesce supplies the default only when the first value is missing.
    EXPECT_EQ(show("coalesce(penalty.fine, 100)", fine), "5000");
    EXPECT_EQ(show("coalesce(penalty.fine, 100)"), "100");
    EXPECT_EQ(truth("coalesce(hearing.notified, false)"), "false");
    EXPECT_EQ(truth("coalesce(hearing.notified, false)", R"("hearing": {"notified": true})"), "true");
    EXPECT_EQ(show("coalesce(party.name, \"（未填）\")"), "（未填）");
}

TEST(MissingValues, RuleFiresOnlyWhenConditionIsTrue) {
    auto pack = compile_text(R"(
rule A in 甲 warn when penalty.fine > 100 says "a"
rule B in 甲 warn when not (penalty.fine > 100) says "b"
rule C in 甲 warn when hearing.notified says "c"
rule D in 甲 warn when missing(penalty.fine) says "d"
)");
    EXPECT_EQ(rule_ids(eval_case(*pack, case_with())), (std::vector<std::string>{"D"}));
    EXPECT_EQ(rule_ids(eval_case(*pack, case_with(R"("penalty": {"fine": 50})"))), (std::vector<std::string>{"B"}));
    EXPECT_EQ(rule_ids(eval_case(*pack, case_with(R"("penalty": {"fine": 500}, "hearing": {"notified": true})"))),
              (std::vector<std::string>{"A", "C"}));
}

// ================================================================== exact money

TEST(ExactMoney, TierBoundsArePercentagesWithoutRounding) {
    const std::string price = R"("penalty": {"amounts": {"contract_price": 1234567.89}})";
    // 1.2% of 1234567.89 = 14814.81468 exactly; 1.6% = 19753.08624; 1% = 12345.6789.
    EXPECT_EQ(show("tier_min(\"ZJ-001\", \"一般\")", price, kBenchmarks), "14814.81468");
    EXPECT_EQ(show("tier_max(\"ZJ-001\", \"一般\")", price, kBenchmarks), "19753.08624");
    EXPECT_EQ(show("tier_max(\"ZJ-001\", \"轻微\")", price, kBenchmarks), "14814.81468");
    EXPECT_EQ(show("tier_min(\"ZJ-001\", \"轻微\")", price, kBenchmarks), "12345.6789");
}

TEST(ExactMoney, FineJustBelowTierMinimumIsOutsideTheTier) {
    const std::string inside = R"(penalty.fine >= tier_min("ZJ-001", "一般") and penalty.fine <= tier_max("ZJ-001", "一般"))";
    auto fine = [](const char* yuan) {
        return std::string(R"("penalty": {"fine": )") + yuan + R"(, "amounts": {"contract_price": 1234567.89}})";
    };
    // 14814.81 < 14814.81468: below the 一般 tier (it would be inside if the bound were rounded).
    EXPECT_EQ(truth(inside, fine("14814.81"), kBenchmarks), "false");
    EXPECT_EQ(truth("penalty.fine < tier_min(\"ZJ-001\", \"一般\")", fine("14814.81"), kBenchmarks), "true");
    // ...and therefore inside the 轻微 tier, whose maximum is the same exact bound.
    EXPECT_EQ(truth("penalty.fine <= tier_max(\"ZJ-001\", \"轻微\")", fine("14814.81"), kBenchmarks), "true");
    // 14814.82 is inside 一般 and above the 轻微 maximum.
    EXPECT_EQ(truth(inside, fine("14814.82"), kBenchmarks), "true");
    EXPECT_EQ(truth("penalty.fine <= tier_max(\"ZJ-001\", \"轻微\")", fine("14814.82"), kBenchmarks), "false");
    // The top of the range is inclusive: exactly 2% of 1000000 = 20000.
    EXPECT_EQ(truth("penalty.fine <= tier_max(\"ZJ-001\", \"严重\")",
                    R"("penalty": {"fine": 20000, "amounts": {"contract_price": 1000000}})", kBenchmarks),
              "true");
    EXPECT_EQ(truth("penalty.fine <= tier_max(\"ZJ-001\", \"严重\")",
                    R"("penalty": {"fine": 20000.01, "amounts": {"contract_price": 1000000}})", kBenchmarks),
              "false");
}

TEST(ExactMoney, PlainNumberBesideMoneyIsYuan) {
    EXPECT_EQ(truth("penalty.fine >= 5000", R"("penalty": {"fine": 4999.99})"), "false");
    EXPECT_EQ(truth("penalty.fine >= 5000", R"("penalty": {"fine": 5000})"), "true");
    EXPECT_EQ(truth("penalty.fine == 5000", R"("penalty": {"fine": 5000.00})"), "true");
    EXPECT_EQ(truth("5000 > penalty.fine", R"("penalty": {"fine": 4999.99})"), "true");
    EXPECT_EQ(truth("penalty.fine == 4999.99", R"("penalty": {"fine": 4999.99})"), "true");
    EXPECT_EQ(truth("penalty.fine > 4999.989", R"("penalty": {"fine": 4999.99})"), "true");
    EXPECT_EQ(truth("penalty.fine < 4999.991", R"("penalty": {"fine": 4999.99})"), "true");
}

TEST(ExactMoney, MoneyArithmeticStaysExact) {
    const std::string fine = R"("penalty": {"fine": 4999.99, "confiscated": 0.01})";
    // Money is shown in yuan, as the shortest exact decimal.
    EXPECT_EQ(show("penalty.fine", fine), "4999.99");
    EXPECT_EQ(show("penalty.fine", R"("penalty": {"fine": 12.5})"), "12.5");
    EXPECT_EQ(show("penalty.fine + penalty.confiscated", fine), "5000");
    EXPECT_EQ(show("penalty.fine + 0.01", fine), "5000");  // plain number is yuan
    EXPECT_EQ(show("penalty.fine - 4999", fine), "0.99");
    EXPECT_EQ(show("penalty.fine * 2", fine), "9999.98");
    EXPECT_EQ(show("penalty.fine * 1.2%", R"("penalty": {"fine": 5000})"), "60");
    EXPECT_EQ(show("penalty.fine / 4", R"("penalty": {"fine": 10000})"), "2500");
    // money / money is a plain ratio
    EXPECT_EQ(show("penalty.fine / penalty.confiscated", R"("penalty": {"fine": 300, "confiscated": 200})"), "1.5");
    EXPECT_EQ(truth("penalty.fine + penalty.confiscated == 5000", fine), "true");
    EXPECT_EQ(truth("penalty.fine * 3 == 14999.97", fine), "true");
}

// ================================================================== numbers

TEST(Numbers, IntegerAndDecimalArithmetic) {
    EXPECT_EQ(show("7 + 2"), "9");
    EXPECT_EQ(show("7 - 9"), "-2");
    EXPECT_EQ(show("7 * 2"), "14");
    EXPECT_EQ(show("7 / 2"), "3.5");  // division of integers is exact, not truncating
    EXPECT_EQ(show("6 / 3"), "2");
    EXPECT_EQ(show("1 + 0.5"), "1.5");
    EXPECT_EQ(show("2 * 1.25"), "2.5");
    EXPECT_EQ(show("1.2%"), "0.012");
    EXPECT_EQ(show("-(3 - 5)"), "2");
    EXPECT_EQ(show("1 + 2 * 3"), "7");  // precedence
    EXPECT_EQ(show("(1 + 2) * 3"), "9");
    EXPECT_EQ(show("10 - 4 - 3"), "3");  // left associative
}

TEST(Numbers, DecimalsCompareExactly) {
    EXPECT_EQ(truth("0.1 + 0.2 == 0.3"), "true");
    EXPECT_EQ(truth("1 / 3 * 3 == 1"), "true");
    EXPECT_EQ(truth("7 / 2 == 3.5"), "true");
    EXPECT_EQ(truth("7 / 2 > 3"), "true");  // integer division would make this false
    EXPECT_EQ(truth("2 == 2.0"), "true");
    EXPECT_EQ(truth("1.2% == 0.012"), "true");
    EXPECT_EQ(truth("0.1 + 0.2 > 0.3"), "false");
}

TEST(Numbers, IntegerFieldAndDynamicExtraNumbers) {
    const std::string c = R"("circumstance": {"prior_violations_1y": 3}, "extra": {"ratio": 0.25, "n": 4})";
    EXPECT_EQ(show("circumstance.prior_violations_1y * 2", c), "6");
    EXPECT_EQ(show("circumstance.prior_violations_1y / 2", c), "1.5");
    EXPECT_EQ(show("extra.ratio * extra.n", c), "1");
    EXPECT_EQ(show("extra.ratio + 1", c), "1.25");
    EXPECT_EQ(truth("extra.ratio < 0.3", c), "true");
    EXPECT_EQ(truth("extra.n == circumstance.prior_violations_1y + 1", c), "true");
    EXPECT_EQ(truth("extra.absent > 0", c), "missing");
}

TEST(Numbers, DivisionByZeroIsMissingNotACrash) {
    EXPECT_EQ(show("1 / 0"), "（缺失）");
    EXPECT_EQ(show("penalty.fine / 0", R"("penalty": {"fine": 100})"), "（缺失）");
    EXPECT_EQ(truth("extra.n / 0 > 1", R"("extra": {"n": 4})"), "missing");
}

// ================================================================== dates

TEST(Dates, DifferenceOfDatesIsDays) {
    const std::string d = R"("dates": {"filed": "2024-01-02", "decided": "2024-05-01"})";
    EXPECT_EQ(show("dates.decided - dates.filed", d), "120");
    EXPECT_EQ(show("dates.filed - dates.decided", d), "-120");
    EXPECT_EQ(show("days(dates.filed, dates.decided)", d), "120");
    EXPECT_EQ(show("days(dates.decided, dates.filed)", d), "-120");
    EXPECT_EQ(truth("dates.decided - dates.filed > 90", d), "true");
    EXPECT_EQ(truth("days(dates.filed, dates.decided) > 120", d), "false");
    EXPECT_EQ(truth("days(dates.filed, dates.decided) == dates.decided - dates.filed", d), "true");
    // Across a leap day: 2024-02-28 → 2024-03-01 is 2 days, 2023-02-28 → 2023-03-01 is 1.
    EXPECT_EQ(show("days(2024-02-28, 2024-03-01)"), "2");
    EXPECT_EQ(show("days(2023-02-28, 2023-03-01)"), "1");
    EXPECT_EQ(show("days(2023-12-31, 2024-12-31)"), "366");
}

TEST(Dates, AddingDays) {
    const std::string d = R"("dates": {"filed": "2024-01-02", "decided": "2024-05-01"})";
    EXPECT_EQ(show("dates.filed + 30 days", d), "2024-02-01");
    EXPECT_EQ(show("dates.filed + 1 day", d), "2024-01-03");
    EXPECT_EQ(show("dates.filed - 2 days", d), "2023-12-31");
    EXPECT_EQ(show("2024-02-28 + 1 days"), "2024-02-29");
    EXPECT_EQ(show("2023-02-28 + 1 days"), "2023-03-01");
    EXPECT_EQ(show("dates.filed + (dates.decided - dates.filed)", d), "2024-05-01");
    EXPECT_EQ(truth("dates.decided > dates.filed + 90 days", d), "true");
    EXPECT_EQ(truth("dates.decided <= dates.filed + 120 days", d), "true");
    EXPECT_EQ(truth("dates.decided < dates.filed + 120 days", d), "false");
}

TEST(Dates, AddingMonthsClampsToTheEndOfTheMonth) {
    EXPECT_EQ(show("dates.act + 1 months", R"("dates": {"act": "2024-01-31"})"), "2024-02-29");
    EXPECT_EQ(show("dates.act + 1 months", R"("dates": {"act": "2023-01-31"})"), "2023-02-28");
    EXPECT_EQ(show("dates.act + 1 month", R"("dates": {"act": "2024-03-31"})"), "2024-04-30");
    EXPECT_EQ(show("dates.act + 2 months", R"("dates": {"act": "2023-12-31"})"), "2024-02-29");
    EXPECT_EQ(show("dates.act + 1 months", R"("dates": {"act": "2024-12-15"})"), "2025-01-15");
    EXPECT_EQ(show("dates.act - 1 months", R"("dates": {"act": "2024-03-31"})"), "2024-02-29");
    EXPECT_EQ(show("dates.act - 13 months", R"("dates": {"act": "2024-01-31"})"), "2022-12-31");
    // The period may come first.
    EXPECT_EQ(show("1 months + dates.act", R"("dates": {"act": "2024-01-31"})"), "2024-02-29");
    EXPECT_EQ(show("30 days + dates.act", R"("dates": {"act": "2024-01-31"})"), "2024-03-01");
}

TEST(Dates, AddingYearsClampsLeapDay) {
    EXPECT_EQ(show("dates.act + 1 years", R"("dates": {"act": "2024-02-29"})"), "2025-02-28");
    EXPECT_EQ(show("dates.act + 4 years", R"("dates": {"act": "2024-02-29"})"), "2028-02-29");
    EXPECT_EQ(show("dates.act + 1 year", R"("dates": {"act": "2023-06-30"})"), "2024-06-30");
    EXPECT_EQ(show("dates.act - 1 years", R"("dates": {"act": "2024-02-29"})"), "2023-02-28");
    EXPECT_EQ(show("dates.act + 12 months", R"("dates": {"act": "2024-02-29"})"), "2025-02-28");
    // A period held in a def.
    EXPECT_EQ(show("dates.act + grace", R"("dates": {"act": "2023-12-31"})", "def grace = 2 months\n"), "2024-02-29");
}

TEST(Dates, PeriodsCompareAgainstDeadlines) {
    // A two-year limitation period (two years after the act, inclusive).
    const char* cond = "dates.discovered > dates.act + 2 years";
    EXPECT_EQ(truth(cond, R"("dates": {"act": "2022-03-01", "discovered": "2024-03-01"})"), "false");
    EXPECT_EQ(truth(cond, R"("dates": {"act": "2022-03-01", "discovered": "2024-03-02"})"), "true");
    EXPECT_EQ(truth(cond, R"("dates": {"act": "2022-03-01"})"), "missing");
}

TEST(Dates, YearAndDateLiterals) {
    EXPECT_EQ(show("year(dates.act)", R"("dates": {"act": "2021-07-15"})"), "2021");
    EXPECT_EQ(show("year(dates.act)"), "（缺失）");
    EXPECT_EQ(truth("dates.act >= 2021-07-15", R"("dates": {"act": "2021-07-15"})"), "true");
    EXPECT_EQ(truth("dates.act >= 2021-07-15", R"("dates": {"act": "2021-07-14"})"), "false");
}

// ================================================================== working days

namespace {
const char* kCalendar2024 = R"(
calendar 2024 source "国办发明电〔2023〕7号" {
  rest 2024-01-01, 2024-02-10..2024-02-17, 2024-04-04..2024-04-06, 2024-05-01..2024-05-05,
       2024-06-10, 2024-09-15..2024-09-17, 2024-10-01..2024-10-07
  work 2024-02-04, 2024-02-18, 2024-04-07, 2024-04-28, 2024-05-11, 2024-09-14, 2024-09-29, 2024-10-12
}
)";
}  // namespace

TEST(WorkingDays, NationalDayWeekWithMakeUpDay) {
    // After 09-27 (Fri) up to 10-10 (Thu): 09-29 (Sun, make-up) and 09-30 work, 10-01..07 rest,
    // 10-08, 10-09, 10-10 work: 5.
    const std::string d = R"("dates": {"notice": "2024-09-27", "decided": "2024-10-10"})";
    EXPECT_EQ(show("working_days(dates.notice, dates.decided)", d, kCalendar2024), "5");
    EXPECT_EQ(truth("working_days(dates.notice, dates.decided) > 5", d, kCalendar2024), "false");
    EXPECT_EQ(truth("working_days(dates.notice, dates.decided) >= 5", d, kCalendar2024), "true");
    // Calendar days in the same interval, for contrast.
    EXPECT_EQ(show("days(dates.notice, dates.decided)", d, kCalendar2024), "13");
}

TEST(WorkingDays, CountsExcludeTheStartAndIncludeTheEnd) {
    EXPECT_EQ(show("working_days(2024-03-04, 2024-03-04)", "", kCalendar2024), "0");
    EXPECT_EQ(show("working_days(2024-03-04, 2024-03-05)", "", kCalendar2024), "1");  // Mon → Tue
    EXPECT_EQ(show("working_days(2024-03-01, 2024-03-04)", "", kCalendar2024), "1");  // Fri → Mon
    EXPECT_EQ(show("working_days(2024-03-01, 2024-03-08)", "", kCalendar2024), "5");
    // Make-up Saturday 2024-10-12 counts.
    EXPECT_EQ(show("working_days(2024-10-11, 2024-10-12)", "", kCalendar2024), "1");
}

TEST(WorkingDays, CoveredYearGivesNoWarning) {
    auto pack = compile_text(std::string(kCalendar2024) +
                             "rule W in 甲 warn when true says \"{working_days(dates.notice, dates.decided)}\"\n");
    const auto r = eval_case(*pack, case_with(R"("dates": {"notice": "2024-09-27", "decided": "2024-10-10"})"));
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].message, "5");
    EXPECT_TRUE(r.warnings.empty());
}

TEST(WorkingDays, UncoveredYearIsMissingWithAWarning) {
    auto pack = compile_text(std::string(kCalendar2024) + R"(
rule LATE in 甲 deduct 1 when working_days(dates.notice, dates.decided) > 3 says "late"
rule UNKNOWN in 甲 warn when missing(working_days(dates.notice, dates.decided)) says "unknown"
)");
    // 2023-12-28 → 2024-01-05 touches 2023, which has no calendar: not a weekend-only count.
    const auto r = eval_case(*pack, case_with(R"("dates": {"notice": "2023-12-28", "decided": "2024-01-05"})"));
    EXPECT_EQ(rule_ids(r), (std::vector<std::string>{"UNKNOWN"}));
    ASSERT_FALSE(r.warnings.empty());
    for (const auto& w : r.warnings) EXPECT_NE(w.find("2023"), std::string::npos) << w;
    EXPECT_EQ(r.score, Rational(100));  // the missing count deducts nothing

    // A count entirely inside 2025 is equally uncovered.
    const auto later = eval_case(*pack, case_with(R"("dates": {"notice": "2025-03-03", "decided": "2025-03-10"})"));
    EXPECT_EQ(rule_ids(later), (std::vector<std::string>{"UNKNOWN"}));
    ASSERT_FALSE(later.warnings.empty());
    EXPECT_NE(later.warnings[0].find("2025"), std::string::npos) << later.warnings[0];

    // Inside 2024 the same rules count normally and warn about nothing.
    const auto inside = eval_case(*pack, case_with(R"("dates": {"notice": "2024-09-27", "decided": "2024-10-10"})"));
    EXPECT_EQ(rule_ids(inside), (std::vector<std::string>{"LATE"}));
    EXPECT_TRUE(inside.warnings.empty());
}

TEST(WorkingDays, OneUncoveredCountWarnsOnce) {
    // Two rules and a message all compute the same uncovered count: the case gets the
    // warning about it once, not once per evaluation.
    auto pack = compile_text(std::string(kCalendar2024) + R"(
rule LATE in 甲 deduct 1 when working_days(dates.notice, dates.decided) > 3 says "late"
rule UNKNOWN in 甲 warn when missing(working_days(dates.notice, dates.decided))
  says "{working_days(dates.notice, dates.decided)}"
)");
    const auto r = eval_case(*pack, case_with(R"("dates": {"notice": "2023-12-28", "decided": "2024-01-05"})"));
    EXPECT_EQ(rule_ids(r), (std::vector<std::string>{"UNKNOWN"}));
    ASSERT_FALSE(r.warnings.empty());
    EXPECT_EQ(r.warnings.size(), 1u) << "the same warning is repeated: " << ::testing::PrintToString(r.warnings);
}

TEST(WorkingDays, PackWithoutAnyCalendarWarns) {
    auto pack = compile_text("rule W in 甲 warn when true says \"{working_days(dates.notice, dates.decided)}\"\n");
    const auto r = eval_case(*pack, case_with(R"("dates": {"notice": "2024-03-01", "decided": "2024-03-08"})"));
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].message, "（缺失）");
    EXPECT_FALSE(r.warnings.empty());
}

// ================================================================== quantifiers

namespace {
// Three documents: the second has no `signed`, the third no `type`.
const char* kDocs = R"("documents": [
    {"type": "立案审批表", "signed": true},
    {"type": "行政处罚决定书"},
    {"signed": false}])";
}  // namespace

TEST(Quantifiers, AnyIsTrueFalseOrMissing) {
    EXPECT_EQ(truth("any(documents, d => d.type == \"立案审批表\")", kDocs), "true");
    // No element is true but the third is missing: missing, not false.
    EXPECT_EQ(truth("any(documents, d => d.type == \"送达回证\")", kDocs), "missing");
    EXPECT_EQ(truth("any(documents, d => d.type == \"送达回证\")", R"("documents": [{"type": "立案审批表"}])"),
              "false");
    EXPECT_EQ(truth("any(documents, d => d.type == \"送达回证\")", R"("documents": [])"), "false");
}

TEST(Quantifiers, AllIsTrueFalseOrMissing) {
    // The third document is unsigned: false even though the second is missing.
    EXPECT_EQ(truth("all(documents, d => d.signed)", kDocs), "false");
    EXPECT_EQ(truth("all(documents, d => d.signed)", R"("documents": [{"signed": true}, {"type": "x"}])"), "missing");
    EXPECT_EQ(truth("all(documents, d => d.signed)", R"("documents": [{"signed": true}, {"signed": true}])"), "true");
    EXPECT_EQ(truth("all(documents, d => d.signed)", R"("documents": [])"), "true");
}

TEST(Quantifiers, CountAndCountWithCondition) {
    EXPECT_EQ(show("count(documents)", kDocs), "3");
    EXPECT_EQ(show("count(documents, d => d.signed)", kDocs), "1");  // missing is not counted
    EXPECT_EQ(show("count(documents, d => not d.signed)", kDocs), "1");
    EXPECT_EQ(show("count(documents, d => exists(d.type))", kDocs), "2");
    EXPECT_EQ(show("count(documents)", R"("documents": [])"), "0");
    EXPECT_EQ(show("count(penalty.kinds)", R"("penalty": {"kinds": ["警告", "罚款"]})"), "2");
}

TEST(Quantifiers, SumOfNumbersAndOfAMapping) {
    const std::string e = R"("extra": {"hours": [1, 2, 3.5], "gaps": [1, null]})";
    EXPECT_EQ(show("sum(extra.hours)", e), "6.5");
    EXPECT_EQ(show("sum(extra.hours, h => h * 2)", e), "13");
    EXPECT_EQ(show("sum(extra.gaps)", e), "（缺失）");  // a missing element makes the sum missing
    EXPECT_EQ(show("sum(extra.empty)", R"("extra": {"empty": []})"), "0");
    const std::string docs = R"("documents": [{"type": "a", "date": "2024-01-01"}, {"type": "b", "date": "2024-01-11"}])";
    EXPECT_EQ(show("sum(documents, d => d.date - 2024-01-01)", docs), "10");
}

TEST(Quantifiers, FilterAndMap) {
    const std::string k = R"("penalty": {"kinds": ["警告", "罚款", "没收违法所得"]})";
    EXPECT_EQ(show("filter(penalty.kinds, x => x != \"警告\")", k), "罚款、没收违法所得");
    EXPECT_EQ(show("count(filter(penalty.kinds, x => contains(x, \"没收\")))", k), "1");
    EXPECT_EQ(show("map(documents, d => d.type)", kDocs), "立案审批表、行政处罚决定书、（缺失）");
    EXPECT_EQ(show("map(extra.n, x => x * 10)", R"("extra": {"n": [1, 2]})"), "10、20");
    // filter keeps only elements whose condition is true (not missing)
    EXPECT_EQ(show("count(filter(documents, d => d.signed))", kDocs), "1");
    EXPECT_EQ(show("filter(documents, d => d.signed == false)[0].signed", kDocs), "否");
}

TEST(Quantifiers, OverAMissingListGiveMissing) {
    EXPECT_EQ(truth("any(documents, d => d.signed)"), "missing");
    EXPECT_EQ(truth("all(documents, d => d.signed)"), "missing");
    EXPECT_EQ(show("count(documents)"), "（缺失）");
    EXPECT_EQ(show("count(documents, d => d.signed)"), "（缺失）");
    EXPECT_EQ(show("sum(extra.hours)"), "（缺失）");
    EXPECT_EQ(show("filter(penalty.kinds, x => x == \"罚款\")"), "（缺失）");
    EXPECT_EQ(show("map(penalty.kinds, x => x)"), "（缺失）");
    EXPECT_EQ(truth("count(documents) == 0"), "missing");
}

TEST(Quantifiers, NestedLambdasSeeOuterVariables) {
    const std::string c = R"("officers": [{"name": "甲", "cert": "A1"}, {"name": "乙", "cert": ""}],
        "documents": [{"type": "甲"}, {"type": "丙"}])";
    EXPECT_EQ(show("count(officers, o => any(documents, d => d.type == o.name))", c), "1");
    EXPECT_EQ(truth("all(officers, o => o.cert != \"\")", c), "false");
}

// ================================================================== membership

TEST(Membership, InAndNotInLists) {
    const std::string k = R"("penalty": {"kinds": ["警告", "罚款"], "fine": 5000}, "circumstance": {"prior_violations_1y": 2})";
    EXPECT_EQ(truth("\"罚款\" in penalty.kinds", k), "true");
    EXPECT_EQ(truth("\"吊销许可证件\" in penalty.kinds", k), "false");
    EXPECT_EQ(truth("\"吊销许可证件\" not in penalty.kinds", k), "true");
    EXPECT_EQ(truth("\"警告\" not in penalty.kinds", k), "false");
    EXPECT_EQ(truth("circumstance.prior_violations_1y in [1, 2]", k), "true");
    EXPECT_EQ(truth("circumstance.prior_violations_1y in [0, 1]", k), "false");
    EXPECT_EQ(truth("penalty.fine in [5000, 10000]", k), "true");  // number beside money is yuan
    EXPECT_EQ(truth("\"x\" in []", k), "false");
}

TEST(Membership, MissingOperandsGiveMissing) {
    EXPECT_EQ(truth("\"罚款\" in penalty.kinds"), "missing");
    EXPECT_EQ(truth("\"罚款\" not in penalty.kinds"), "missing");
    EXPECT_EQ(truth("party.name in [\"张三\"]"), "missing");
    // A missing element: found elsewhere → true; not found → missing (it might be the missing one).
    EXPECT_EQ(truth("\"立案审批表\" in documents[*].type", kDocs), "true");
    EXPECT_EQ(truth("\"送达回证\" in documents[*].type", kDocs), "missing");
    EXPECT_EQ(truth("\"送达回证\" not in documents[*].type", kDocs), "missing");
}

TEST(Membership, SubstringOfText) {
    const std::string c = R"("cause": "违反深圳经济特区市容规定")";
    EXPECT_EQ(truth("\"经济特区\" in cause", c), "true");
    EXPECT_EQ(truth("\"经济特区\" not in cause", c), "false");
    EXPECT_EQ(truth("\"广东省\" in cause", c), "false");
    EXPECT_EQ(truth("\"\" in cause", c), "true");
    EXPECT_EQ(truth("\"经济特区\" in cause"), "missing");
    EXPECT_EQ(truth("contains(cause, \"市容\")", c), "true");
    EXPECT_EQ(truth("starts_with(cause, \"违反\")", c), "true");
    EXPECT_EQ(truth("starts_with(cause, \"深圳\")", c), "false");
}

// ================================================================== projection and indexing

TEST(Projection, StarMapsAListOfRecordsToAField) {
    EXPECT_EQ(show("documents[*].type", kDocs), "立案审批表、行政处罚决定书、（缺失）");
    EXPECT_EQ(show("count(documents[*].type)", kDocs), "3");
    const std::string b = R"("basis": [{"law": "行政处罚法", "article": 57}, {"law": "立法法", "article": "第六十四条第一款"}])";
    EXPECT_EQ(show("basis[*].law", b), "行政处罚法、立法法");
    EXPECT_EQ(show("basis[*].article.no", b), "57、64");
    EXPECT_EQ(show("documents[*].type"), "（缺失）");
    EXPECT_EQ(show("documents[*].type", R"("documents": [])"), "");
}

TEST(Projection, IndexAndOutOfRange) {
    const std::string b = R"("basis": [{"law": "行政处罚法", "article": 57}, {"law": "立法法", "article": "第六十四条第一款"}])";
    EXPECT_EQ(show("basis[0].law", b), "行政处罚法");
    EXPECT_EQ(show("basis[1].article.paragraph", b), "1");
    EXPECT_EQ(show("basis[2].law", b), "（缺失）");
    EXPECT_EQ(show("penalty.kinds[1]", R"("penalty": {"kinds": ["警告", "罚款"]})"), "罚款");
}

// ================================================================== for rules

TEST(ForRules, OneFindingPerMatchingElementInListOrder) {
    auto pack = compile_text(R"(
rule F in 甲 deduct 1 for b in basis when b.role == "penalty" says "处罚依据 {b.law}"
)");
    const auto r = eval_case(*pack, case_with(R"("basis": [
        {"role": "penalty", "law": "甲法"}, {"role": "violated", "law": "乙法"},
        {"role": "penalty", "law": "丙法"}, {"law": "丁法"}])"));
    ASSERT_EQ(r.findings.size(), 2u);
    EXPECT_EQ(r.findings[0].message, "处罚依据 甲法");
    EXPECT_EQ(r.findings[1].message, "处罚依据 丙法");
    EXPECT_EQ(r.findings[0].rule, "F");
    EXPECT_EQ(r.findings[1].rule, "F");
    // each finding deducts
    EXPECT_EQ(r.sections[0].deducted, Rational(2));
}

TEST(ForRules, FieldsShowIndexedPaths) {
    auto pack = compile_text(R"(
rule F in 甲 warn for b in basis when contains(b.law, "条例") says "{b.law}"
)");
    const auto r = eval_case(*pack, case_with(R"("basis": [{"law": "行政处罚法"}, {"law": "某某条例"}, {"law": "其他条例"}])"));
    ASSERT_EQ(r.findings.size(), 2u);
    EXPECT_EQ(r.findings[0].message, "某某条例");
    EXPECT_EQ(r.findings[0].fields_json, R"({"basis[1].law":"某某条例"})");
    EXPECT_EQ(r.findings[1].fields_json, R"({"basis[2].law":"其他条例"})");
}

TEST(ForRules, FieldsOfAFilteredListNameTheOriginalElement) {
    // Iterating over filter(basis, …): the element that fires is basis[1] in the case file,
    // so `fields` must say basis[1].law (the value read), never basis[0].law, which is a
    // different citation ("甲条例").
    auto pack = compile_text(R"(
rule F in 甲 warn for b in filter(basis, x => x.role == "penalty") when contains(b.law, "条例") says "{b.law}"
)");
    const auto r = eval_case(*pack, case_with(R"("basis": [{"role": "violated", "law": "甲条例"},
                                                          {"role": "penalty", "law": "乙条例"}])"));
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].message, "乙条例");
    EXPECT_FALSE(r.findings[0].fields().contains("basis[0].law")) << r.findings[0].fields_json;
    EXPECT_EQ(r.findings[0].fields_json, R"({"basis[1].law":"乙条例"})");
}

TEST(ForRules, FieldsReadThroughALambdaOverAFilteredList) {
    auto pack = compile_text(R"(
rule Q in 甲 warn when any(filter(basis, x => x.role == "penalty"), b => contains(b.law, "条例")) says "q"
)");
    const auto r = eval_case(*pack, case_with(R"("basis": [{"role": "violated", "law": "甲条例"},
                                                          {"role": "penalty", "law": "乙条例"}])"));
    ASSERT_EQ(r.findings.size(), 1u);
    const auto fields = r.findings[0].fields();
    // Whatever the lambda read must be attributed to the element it came from.
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (it.key() == "basis[0].law") {
            EXPECT_EQ(it.value().get<std::string>(), "甲条例") << fields.dump();
        }
        if (it.key() == "basis[1].law") {
            EXPECT_EQ(it.value().get<std::string>(), "乙条例") << fields.dump();
        }
    }
    EXPECT_TRUE(fields.contains("basis[1].law")) << fields.dump();
}

TEST(ForRules, FieldsOfAnEmptyFilteredElementNameThatElement) {
    // The element that fires is documents[1], an empty object; an unrelated empty object
    // earlier in the case (agency) must not be taken for it.
    auto pack = compile_text(R"(
rule F in 甲 warn for d in filter(documents, x => missing(x.signed)) when missing(d.type) says "x"
)");
    const auto r = eval_case(*pack, case_with(R"("agency": {}, "documents": [{"type": "a", "signed": true}, {}])"));
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].fields_json, R"({"documents[1].type":null})");
}

TEST(ForRules, FieldsListCaseFieldsReadBesideTheElement) {
    auto pack = compile_text(R"(
rule F in 甲 warn for o in officers when procedure == "general" and o.cert == "" says "{o.name}"
)");
    const auto r = eval_case(*pack, case_with(R"("procedure": "general",
        "officers": [{"name": "甲", "cert": "A1"}, {"name": "乙", "cert": ""}])"));
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].message, "乙");
    EXPECT_EQ(r.findings[0].fields_json, R"({"procedure":"general","officers[1].cert":""})");
}

TEST(ForRules, FieldsReadManyTimesAreListedOnceInFirstReadOrder) {
    // Each of the three types reads documents and every documents[k].type again; 20
    // documents make more distinct paths than the trace's first read index holds.
    auto pack = compile_text(R"(
rule F in 甲 warn when any(["甲", "乙", "丙"], t => count(documents, d => d.type == t) == 0) and procedure == "general"
  says "x"
)");
    std::string documents, expected_types;
    for (int k = 0; k < 20; ++k) {
        const std::string type = k % 2 ? "甲" : "乙";
        documents += std::string(k ? "," : "") + R"({"type":")" + type + "\"}";
        expected_types += ",\"documents[" + std::to_string(k) + "].type\":\"" + type + "\"";
    }
    const auto r = eval_case(*pack, case_with(R"("procedure": "general", "documents": [)" + documents + "]"));
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].fields_json,
              "{\"documents\":[" + documents + "]" + expected_types + R"(,"procedure":"general"})");
}

TEST(ForRules, LiteralListAndDocumentChecks) {
    auto pack = compile_text(R"(
rule DOC-MISSING in 甲 deduct 2
  for doc in ["立案审批表", "行政处罚决定书", "送达回证"]
  when procedure == "general" and doc not in documents[*].type
  says "缺少{doc}"
)");
    const auto r = eval_case(*pack, case_with(R"("procedure": "general", "documents": [{"type": "行政处罚决定书"}])"));
    ASSERT_EQ(r.findings.size(), 2u);
    EXPECT_EQ(r.findings[0].message, "缺少立案审批表");
    EXPECT_EQ(r.findings[1].message, "缺少送达回证");
    // documents absent: `not in` a missing list is missing, so nothing fires.
    EXPECT_TRUE(eval_case(*pack, case_with(R"("procedure": "general")")).findings.empty());
    EXPECT_TRUE(eval_case(*pack, case_with(R"("procedure": "simple", "documents": [])")).findings.empty());
}

TEST(ForRules, MissingOrEmptyListProducesNothing) {
    auto pack = compile_text(R"(
rule F in 甲 warn for b in basis when true says "x"
rule G in 甲 warn for b in basis when missing(b) says "y"
)");
    EXPECT_TRUE(eval_case(*pack, case_with()).findings.empty());
    EXPECT_TRUE(eval_case(*pack, case_with(R"("basis": [])")).findings.empty());
    EXPECT_EQ(rule_ids(eval_case(*pack, case_with(R"("basis": [{"law": "a"}])"))), (std::vector<std::string>{"F"}));
}

TEST(ForRules, FindingsFollowRuleDeclarationOrderThenListOrder) {
    auto pack = compile_text(R"(
rule Z-FIRST in 乙 warn for k in penalty.kinds when true says "{k}"
rule A-SECOND in 甲 warn when true says "a"
rule M-THIRD in 甲 warn for n in [3, 1, 2] when n > 1 says "{n}"
)");
    const auto r = eval_case(*pack, case_with(R"("penalty": {"kinds": ["警告", "罚款"]})"));
    EXPECT_EQ(rule_ids(r), (std::vector<std::string>{"Z-FIRST", "Z-FIRST", "A-SECOND", "M-THIRD", "M-THIRD"}));
    std::vector<std::string> messages;
    for (const auto& f : r.findings) messages.push_back(f.message);
    EXPECT_EQ(messages, (std::vector<std::string>{"警告", "罚款", "a", "3", "2"}));
}

// ================================================================== def

TEST(Defs, NamedExpressionsOverTheCase) {
    const std::string decls = R"(
def hearing_level = (party.kind == "individual" and penalty.fine >= 5000)
                 or (party.kind == "organization" and penalty.fine >= 100000)
def needs_hearing_notice = hearing_level and procedure == "general"
def span = dates.decided - dates.filed
)";
    EXPECT_EQ(truth("hearing_level", R"("party": {"kind": "individual"}, "penalty": {"fine": 5000})", decls), "true");
    EXPECT_EQ(truth("hearing_level", R"("party": {"kind": "individual"}, "penalty": {"fine": 4999.99})", decls), "false");
    EXPECT_EQ(truth("hearing_level", R"("party": {"kind": "organization"}, "penalty": {"fine": 5000})", decls), "false");
    EXPECT_EQ(truth("hearing_level", R"("party": {"kind": "organization"}, "penalty": {"fine": 100000})", decls), "true");
    // party.kind missing: both disjuncts missing.
    EXPECT_EQ(truth("hearing_level", R"("penalty": {"fine": 100000})", decls), "missing");
    EXPECT_EQ(truth("needs_hearing_notice",
                    R"("procedure": "general", "party": {"kind": "individual"}, "penalty": {"fine": 9000})", decls),
              "true");
    EXPECT_EQ(truth("needs_hearing_notice",
                    R"("procedure": "simple", "party": {"kind": "individual"}, "penalty": {"fine": 9000})", decls),
              "false");
    EXPECT_EQ(show("span", R"("dates": {"filed": "2024-01-02", "decided": "2024-05-01"})", decls), "120");
    EXPECT_EQ(truth("span > 90", R"("dates": {"filed": "2024-01-02", "decided": "2024-05-01"})", decls), "true");
}

TEST(Defs, UsableInsideLambdasAndForRules) {
    auto pack = compile_text(R"(
def cutoff = dates.decided
rule LATE-DOC in 甲 warn for d in documents when d.date > cutoff says "{d.type} 晚于 {cutoff}"
rule ANY-LATE in 甲 warn when any(documents, d => d.date > cutoff) says "late"
)");
    const auto r = eval_case(*pack, case_with(R"("dates": {"decided": "2024-05-01"},
        "documents": [{"type": "送达回证", "date": "2024-05-03"}, {"type": "决定书", "date": "2024-05-01"}])"));
    EXPECT_EQ(rule_ids(r), (std::vector<std::string>{"LATE-DOC", "ANY-LATE"}));
    EXPECT_EQ(r.findings[0].message, "送达回证 晚于 2024-05-01");
}

// ================================================================== law builtins

TEST(LawBuiltins, InForceAcrossVersionBoundaries) {
    const char* cond = "in_force(\"行政处罚法\", dates.act)";
    auto act = [](const char* d) { return std::string(R"("dates": {"act": ")") + d + R"("})"; };
    EXPECT_EQ(truth(cond, act("2017-12-31"), kLaws), "false");  // before the first version took effect
    EXPECT_EQ(truth(cond, act("2018-01-01"), kLaws), "true");
    EXPECT_EQ(truth(cond, act("2021-07-14"), kLaws), "true");
    EXPECT_EQ(truth(cond, act("2021-07-15"), kLaws), "true");
    EXPECT_EQ(truth(cond, act("2030-01-01"), kLaws), "true");  // open-ended latest version
    EXPECT_EQ(truth(cond, "", kLaws), "missing");
    EXPECT_EQ(show("law_version(\"行政处罚法\", dates.act)", act("2021-07-14"), kLaws), "2017");
    EXPECT_EQ(show("law_version(\"行政处罚法\", dates.act)", act("2021-07-15"), kLaws), "2021");
    EXPECT_EQ(show("law_version(\"行政处罚法\", dates.act)", act("2017-12-31"), kLaws), "（缺失）");
    EXPECT_EQ(show("law_articles(\"行政处罚法\", dates.act)", act("2021-07-14"), kLaws), "64");
    EXPECT_EQ(show("law_articles(\"行政处罚法\", dates.act)", act("2021-07-15"), kLaws), "86");
}

TEST(LawBuiltins, RepealEndsForceWhateverTheVersionsSay) {
    const char* cond = "in_force(\"城市房屋拆迁管理条例\", dates.act)";
    EXPECT_EQ(truth(cond, R"("dates": {"act": "2011-01-20"})", kLaws), "true");
    EXPECT_EQ(truth(cond, R"("dates": {"act": "2011-01-21"})", kLaws), "false");  // not in force on D
    EXPECT_EQ(truth(cond, R"("dates": {"act": "2015-06-01"})", kLaws), "false");
    EXPECT_EQ(truth(cond, R"("dates": {"act": "2001-10-31"})", kLaws), "false");
    EXPECT_EQ(show("law_version(\"城市房屋拆迁管理条例\", 2011-01-20)", "", kLaws), "2001");
    EXPECT_EQ(show("law_version(\"城市房屋拆迁管理条例\", 2011-01-21)", "", kLaws), "（缺失）");
    EXPECT_EQ(show("law_articles(\"城市房屋拆迁管理条例\", 2005-01-01)", "", kLaws), "（缺失）");  // not declared
    EXPECT_EQ(show("repealed_on(\"城市房屋拆迁管理条例\")", "", kLaws), "2011-01-21");
    EXPECT_EQ(show("replaced_by(\"城市房屋拆迁管理条例\")", "", kLaws), "国有土地上房屋征收与补偿条例");
    EXPECT_EQ(show("repealed_on(\"行政处罚法\")", "", kLaws), "（缺失）");
    EXPECT_EQ(show("replaced_by(\"行政处罚法\")", "", kLaws), "（缺失）");
    // The successor is in force from the repeal date.
    EXPECT_EQ(truth("in_force(\"国有土地上房屋征收与补偿条例\", 2011-01-21)", "", kLaws), "true");
}

TEST(LawBuiltins, OpenEndedVersions) {
    // Either end of a version may be open; both ends are inclusive.
    const std::string decls = R"(
law "某某旧条例" kind 行政法规 {
  version "旧" until 1999-12-31 articles 20
  version "新" from 2000-01-01 until 2009-12-31
}
)";
    EXPECT_EQ(truth("in_force(\"某某旧条例\", 1950-01-01)", "", decls), "true");
    EXPECT_EQ(show("law_version(\"某某旧条例\", 1999-12-31)", "", decls), "旧");
    EXPECT_EQ(show("law_articles(\"某某旧条例\", 1999-12-31)", "", decls), "20");
    EXPECT_EQ(show("law_version(\"某某旧条例\", 2000-01-01)", "", decls), "新");
    EXPECT_EQ(show("law_version(\"某某旧条例\", 2009-12-31)", "", decls), "新");
    EXPECT_EQ(truth("in_force(\"某某旧条例\", 2010-01-01)", "", decls), "false");
    EXPECT_EQ(show("version_until(\"某某旧条例\", \"旧\")", "", decls), "1999-12-31");
}

TEST(LawBuiltins, VersionsByLabelAndByAdoptionDate) {
    EXPECT_EQ(truth("version_known(\"行政处罚法\", \"2017\")", "", kLaws), "true");
    EXPECT_EQ(truth("version_known(\"行政处罚法\", \"2017-09-01\")", "", kLaws), "true");  // adoption date
    EXPECT_EQ(truth("version_known(\"行政处罚法\", \"2021-01-22\")", "", kLaws), "true");
    EXPECT_EQ(truth("version_known(\"行政处罚法\", \"2018-01-01\")", "", kLaws), "false");  // effective, not adopted
    EXPECT_EQ(truth("version_known(\"行政处罚法\", \"2009\")", "", kLaws), "false");
    EXPECT_EQ(show("version_until(\"行政处罚法\", \"2017\")", "", kLaws), "2021-07-14");
    EXPECT_EQ(show("version_until(\"行政处罚法\", \"2017-09-01\")", "", kLaws), "2021-07-14");
    EXPECT_EQ(show("version_until(\"行政处罚法\", \"2021-01-22\")", "", kLaws), "（缺失）");  // still open
    EXPECT_EQ(show("version_articles(\"行政处罚法\", \"2021\")", "", kLaws), "86");
    EXPECT_EQ(show("version_articles(\"行政处罚法\", \"2017-09-01\")", "", kLaws), "64");
    // From the case file: the revision each citation names.
    const std::string b = R"("dates": {"act": "2022-01-01"},
        "basis": [{"law": "行政处罚法", "article": 57, "version": "2017-09-01"}])";
    EXPECT_EQ(truth("any(basis, x => version_known(x.law, x.version) and version_until(x.law, x.version) < dates.act)",
                    b, kLaws),
              "true");
}

TEST(LawBuiltins, NameNormalisationAndAliases) {
    auto pack = compile_text(std::string(kLaws) + R"(
rule N in 甲 warn for b in basis when law_known(b.law) says "{law_name(b.law)}|{law_kind(b.law)}"
rule U in 甲 warn for b in basis when not law_known(b.law) says "unknown {b.law}"
)");
    const auto r = eval_case(*pack, case_with(R"("basis": [
        {"law": "《中华人民共和国行政处罚法》"}, {"law": "行政处罚法"}, {"law": "中华人民共和国行政处罚法"},
        {"law": "《行政处罚法》"}, {"law": " 《 中华人民共和国安全生产法 》 "}, {"law": "安全生产法"},
        {"law": "行政处罚条例"}])"));
    std::vector<std::string> messages;
    for (const auto& f : r.findings) messages.push_back(f.message);
    EXPECT_EQ(messages, (std::vector<std::string>{
                            "中华人民共和国行政处罚法|法律", "中华人民共和国行政处罚法|法律",
                            "中华人民共和国行政处罚法|法律", "中华人民共和国行政处罚法|法律",
                            "中华人民共和国安全生产法|法律", "中华人民共和国安全生产法|法律",
                            "unknown 行政处罚条例"}));
}

TEST(LawBuiltins, AppliesInAndWithinFollowContainment) {
    const std::string sez = R"("basis": [{"law": "深圳经济特区市容和环境卫生管理条例"}])";
    const char* cond = "applies_in(basis[0].law, territory)";
    auto where = [&](const char* t) { return sez + R"(, "territory": ")" + t + "\""; };
    EXPECT_EQ(truth(cond, where("shenzhen_sez"), kLaws), "true");
    EXPECT_EQ(truth(cond, where("shenzhen"), kLaws), "true");  // 深圳市 lies within the SEZ
    EXPECT_EQ(truth(cond, where("shenshan"), kLaws), "false");
    EXPECT_EQ(truth(cond, where("guangdong"), kLaws), "false");  // the province contains, not lies within
    EXPECT_EQ(truth(cond, where("national"), kLaws), "false");
    EXPECT_EQ(truth(cond, sez, kLaws), "missing");  // territory missing
    // A national law applies everywhere.
    EXPECT_EQ(truth("applies_in(\"行政处罚法\", territory)", R"("territory": "shenshan")", kLaws), "true");
    EXPECT_EQ(show("law_territory(\"深圳经济特区市容和环境卫生管理条例\")", "", kLaws), "shenzhen_sez");
    EXPECT_EQ(show("law_territory(\"行政处罚法\")", "", kLaws), "（缺失）");

    EXPECT_EQ(truth("within(\"shenzhen\", \"guangdong\")"), "true");  // transitive
    EXPECT_EQ(truth("within(\"shenzhen\", \"national\")"), "true");
    EXPECT_EQ(truth("within(\"shenzhen\", \"shenzhen\")"), "true");
    EXPECT_EQ(truth("within(\"shenshan\", \"shenzhen_sez\")"), "false");
    EXPECT_EQ(truth("within(\"guangdong\", \"shenzhen\")"), "false");
    EXPECT_EQ(truth("within(territory, \"guangdong\")", R"("territory": "shenshan")"), "true");
    EXPECT_EQ(truth("within(territory, \"guangdong\")"), "missing");
}

TEST(LawBuiltins, TitlesRecognisedByTerritoryPrefix) {
    auto pack = compile_text(std::string(kLaws) + R"(
rule K in 甲 warn for b in basis when true
  says "{law_known(b.law)}|{law_recognised(b.law)}|{law_kind(b.law)}|{law_territory(b.law)}|{law_name(b.law)}"
)");
    const auto r = eval_case(*pack, case_with(R"("basis": [
        {"law": "深圳经济特区某某条例"}, {"law": "深圳市某某条例"}, {"law": "《深圳经济特区某某条例》"},
        {"law": "深圳市某某办法"}, {"law": "广东省某某规定"}, {"law": "深圳经济特区某某实施细则"},
        {"law": "某某条例"}, {"law": "深圳市某某通知"}, {"law": "深圳经济特区市容和环境卫生管理条例"}])"));
    std::vector<std::string> messages;
    for (const auto& f : r.findings) messages.push_back(f.message);
    EXPECT_EQ(messages, (std::vector<std::string>{
                            "否|是|经济特区法规|shenzhen_sez|深圳经济特区某某条例",
                            "否|是|地方性法规|shenzhen|深圳市某某条例",
                            "否|是|经济特区法规|shenzhen_sez|深圳经济特区某某条例",
                            "否|是|地方政府规章|shenzhen|深圳市某某办法",
                            "否|是|地方政府规章|guangdong|广东省某某规定",
                            "否|是|地方政府规章|shenzhen_sez|深圳经济特区某某实施细则",
                            "否|否|（缺失）|（缺失）|（缺失）",
                            "否|否|（缺失）|（缺失）|（缺失）",
                            "是|是|经济特区法规|shenzhen_sez|深圳经济特区市容和环境卫生管理条例"}));
}

TEST(LawBuiltins, RecognisedSezRegulationDoesNotApplyOutsideTheSez) {
    // The demo pack's LAW-SEZ rule, with a title the catalog lacks.
    auto pack = compile_text(std::string(kLaws) + R"(
rule LAW-SEZ in 乙 veto
  for b in basis
  when law_kind(b.law) == "经济特区法规" and not applies_in(b.law, territory)
  says "引用《{law_name(b.law)}》，该经济特区法规在本地不适用"
)");
    const std::string basis = R"("basis": [{"law": "行政处罚法"}, {"law": "《深圳经济特区某某条例》"}])";
    const auto out = eval_case(*pack, case_with(basis + R"(, "territory": "shenshan")"));
    ASSERT_EQ(out.findings.size(), 1u);
    EXPECT_EQ(out.findings[0].message, "引用《深圳经济特区某某条例》，该经济特区法规在本地不适用");
    EXPECT_TRUE(out.veto);
    EXPECT_TRUE(eval_case(*pack, case_with(basis + R"(, "territory": "shenzhen")")).findings.empty());
}

TEST(LawBuiltins, UnknownLawGivesMissing) {
    const std::string b = R"("basis": [{"law": "不存在的法"}], "dates": {"act": "2020-01-01"})";
    EXPECT_EQ(truth("law_known(basis[0].law)", b, kLaws), "false");
    EXPECT_EQ(truth("in_force(basis[0].law, dates.act)", b, kLaws), "missing");
    EXPECT_EQ(show("law_version(basis[0].law, dates.act)", b, kLaws), "（缺失）");
    EXPECT_EQ(truth("applies_in(basis[0].law, \"shenzhen\")", b, kLaws), "missing");
    EXPECT_EQ(truth("law_known(basis[1].law)", b, kLaws), "missing");
}

// ================================================================== benchmark builtins

TEST(BenchmarkBuiltins, SelectedTierFollowsWhenConditions) {
    auto prior = [](const char* n) { return std::string(R"("circumstance": {"prior_violations_1y": )") + n + "}"; };
    EXPECT_EQ(show("selected_tier(\"CG-001\")", prior("0"), kBenchmarks), "1年内第1次");
    EXPECT_EQ(show("selected_tier(\"CG-001\")", prior("1"), kBenchmarks), "1年内第2次");
    EXPECT_EQ(show("selected_tier(\"CG-001\")", prior("2"), kBenchmarks), "1年内第3次及以上");
    EXPECT_EQ(show("selected_tier(\"CG-001\")", prior("7"), kBenchmarks), "1年内第3次及以上");
    EXPECT_EQ(show("selected_tier(\"CG-001\")", "", kBenchmarks), "（缺失）");  // no condition holds
    EXPECT_EQ(show("selected_tier(\"ZJ-001\")", prior("0"), kBenchmarks), "（缺失）");  // no `when` at all
    // The typical rule: the level the agency chose differs from the one the facts select.
    const std::string c = R"("violation": "CG-001", "circumstance": {"prior_violations_1y": 1, "level": "1年内第1次"})";
    EXPECT_EQ(truth("circumstance.level != selected_tier(violation)", c, kBenchmarks), "true");
}

TEST(BenchmarkBuiltins, SelectedTierTakesTheFirstMatchingTier) {
    const std::string decls = std::string(kLaws) + R"(
benchmark OV-001 "重叠条件" {
  basis "建设工程质量管理条例" art 1
  max 100000
  tier 甲 fixed 1000 when penalty.fine > 100
  tier 乙 fixed 2000 when penalty.fine > 10
}
)";
    EXPECT_EQ(show("selected_tier(\"OV-001\")", R"("penalty": {"fine": 500})", decls), "甲");
    EXPECT_EQ(show("selected_tier(\"OV-001\")", R"("penalty": {"fine": 50})", decls), "乙");
    EXPECT_EQ(show("selected_tier(\"OV-001\")", R"("penalty": {"fine": 5})", decls), "（缺失）");
}

TEST(BenchmarkBuiltins, FixedTiersAndStatutoryRange) {
    EXPECT_EQ(show("tier_min(\"CG-001\", \"1年内第2次\")", "", kBenchmarks), "50000");
    EXPECT_EQ(show("tier_max(\"CG-001\", \"1年内第2次\")", "", kBenchmarks), "50000");
    EXPECT_EQ(truth("penalty.fine == tier_min(\"CG-001\", \"1年内第1次\")", R"("penalty": {"fine": 20000})", kBenchmarks),
              "true");
    EXPECT_EQ(show("tier_base(\"CG-001\", \"1年内第2次\")", "", kBenchmarks), "（缺失）");  // an amount has no base
    EXPECT_EQ(show("statutory_min(\"CG-001\")", "", kBenchmarks), "10000");
    EXPECT_EQ(show("statutory_max(\"CG-001\")", "", kBenchmarks), "100000");
    EXPECT_EQ(show("statutory_max(\"WF-001\")", "", kBenchmarks), "50000");
    EXPECT_EQ(show("statutory_min(\"WF-001\")", "", kBenchmarks), "（缺失）");  // `max` only
}

TEST(BenchmarkBuiltins, ProportionalBoundsNeedTheirBase) {
    const std::string price = R"("penalty": {"amounts": {"contract_price": 1234567.89}})";
    EXPECT_EQ(show("tier_base(\"ZJ-001\", \"一般\")", price, kBenchmarks), "contract_price");
    EXPECT_EQ(show("tier_base(\"ZJ-001\", \"一般\")", "", kBenchmarks), "contract_price");
    EXPECT_EQ(show("statutory_max(\"ZJ-001\")", price, kBenchmarks), "24691.3578");
    EXPECT_EQ(show("statutory_min(\"ZJ-001\")", price, kBenchmarks), "12345.6789");
    // Without the base amount the bounds are missing, and so is any comparison with them.
    EXPECT_EQ(show("tier_min(\"ZJ-001\", \"一般\")", R"("penalty": {"fine": 100})", kBenchmarks), "（缺失）");
    EXPECT_EQ(show("tier_max(\"ZJ-001\", \"一般\")", R"("penalty": {"amounts": {"goods_value": 5}})", kBenchmarks),
              "（缺失）");
    EXPECT_EQ(show("statutory_max(\"ZJ-001\")", "", kBenchmarks), "（缺失）");
    EXPECT_EQ(truth("penalty.fine > statutory_max(\"ZJ-001\")", R"("penalty": {"fine": 100})", kBenchmarks), "missing");
    // `times` multiplies the base.
    const std::string gains = R"("penalty": {"amounts": {"illegal_gains": 1000.5}})";
    EXPECT_EQ(show("tier_min(\"WF-001\", \"一般\")", gains, kBenchmarks), "1000.5");
    EXPECT_EQ(show("tier_max(\"WF-001\", \"一般\")", gains, kBenchmarks), "3001.5");
    EXPECT_EQ(show("tier_base(\"WF-001\", \"一般\")", gains, kBenchmarks), "illegal_gains");
}

TEST(BenchmarkBuiltins, RowLookupsAndCaseDrivenCodes) {
    EXPECT_EQ(show("tier_names(\"ZJ-001\")", "", kBenchmarks), "轻微、一般、严重");
    EXPECT_EQ(show("allowed_kinds(\"CG-001\")", "", kBenchmarks), "罚款、责令停产停业");
    EXPECT_EQ(show("benchmark_law(\"ZJ-001\")", "", kBenchmarks), "建设工程质量管理条例");
    EXPECT_EQ(show("benchmark_article(\"ZJ-001\")", "", kBenchmarks), "57");
    EXPECT_EQ(show("benchmark_article(\"CG-001\")", "", kBenchmarks), "115");  // 第一百一十五条
    const std::string c = R"("violation": "ZJ-001", "circumstance": {"level": "较重"}, "penalty": {"kinds": ["罚款", "警告"]})";
    EXPECT_EQ(truth("benchmark_known(violation)", c, kBenchmarks), "true");
    EXPECT_EQ(truth("benchmark_known(\"ZJ-\" + \"999\")", c, kBenchmarks), "false");
    EXPECT_EQ(truth("tier_known(violation, circumstance.level)", c, kBenchmarks), "false");
    EXPECT_EQ(truth("tier_known(violation, \"严重\")", c, kBenchmarks), "true");
    EXPECT_EQ(show("tier_min(violation, circumstance.level)", c, kBenchmarks), "（缺失）");
    EXPECT_EQ(truth("all(penalty.kinds, k => k in allowed_kinds(violation))", c, kBenchmarks), "false");
    EXPECT_EQ(show("filter(penalty.kinds, k => k not in allowed_kinds(violation))", c, kBenchmarks), "警告");
    EXPECT_EQ(truth("benchmark_known(violation)", "", kBenchmarks), "missing");
}

// ================================================================== agencies and territories

TEST(AgencyBuiltins, AgencyLookups) {
    const std::string decls = R"(agency SS-ZJ "深汕特别合作区住房建设和水务局" in shenshan
agency SZ-CG "深圳市城市管理和综合执法局" in shenzhen
)";
    const std::string c = R"("agency": {"code": "SS-ZJ"}, "territory": "shenzhen")";
    EXPECT_EQ(truth("agency_known(agency.code)", c, decls), "true");
    EXPECT_EQ(truth("agency_known(\"XX-00\")", c, decls), "false");
    EXPECT_EQ(truth("agency_known(agency.code)", "", decls), "missing");
    EXPECT_EQ(show("agency_name(agency.code)", c, decls), "深汕特别合作区住房建设和水务局");
    EXPECT_EQ(show("agency_territory(agency.code)", c, decls), "shenshan");
    EXPECT_EQ(show("agency_name(agency.name)", R"("agency": {"name": "未声明"})", decls), "（缺失）");
    EXPECT_EQ(truth("territory_known(territory)", c, decls), "true");
    EXPECT_EQ(truth("territory_known(\"shanwei\")", c, decls), "false");
    // The agency acts outside its territory.
    EXPECT_EQ(truth("not within(territory, agency_territory(agency.code))", c, decls), "true");
    EXPECT_EQ(truth("within(\"shenzhen\", agency_territory(\"SZ-CG\"))", c, decls), "true");
}

// ================================================================== message templates

TEST(Templates, ValuesAreFormattedForReading) {
    const std::string c = R"("hearing": {"notified": true, "requested": false}, "dates": {"act": "2024-02-29"},
        "penalty": {"kinds": ["警告", "罚款"], "fine": 1500.5}, "circumstance": {"prior_violations_1y": 2})";
    EXPECT_EQ(show("hearing.notified", c), "是");
    EXPECT_EQ(show("hearing.requested", c), "否");
    EXPECT_EQ(show("dates.act", c), "2024-02-29");
    EXPECT_EQ(show("penalty.kinds", c), "警告、罚款");
    EXPECT_EQ(show("penalty.fine", c), "1500.5");
    EXPECT_EQ(show("circumstance.prior_violations_1y", c), "2");
    EXPECT_EQ(show("text(penalty.fine) + \"元\"", c), "1500.5元");
    EXPECT_EQ(show("text(dates.decided)", c), "（缺失）");
}

TEST(Templates, LiteralTextEscapesAndSeveralHoles) {
    auto pack = compile_text(R"(
rule T in 甲 warn when true says "罚款 {penalty.fine} 元 \{原文\} 共{count(penalty.kinds)}种：{penalty.kinds}"
)");
    const auto r = eval_case(*pack, case_with(R"("penalty": {"kinds": ["警告", "罚款"], "fine": 200})"));
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].message, "罚款 200 元 {原文} 共2种：警告、罚款");
}
