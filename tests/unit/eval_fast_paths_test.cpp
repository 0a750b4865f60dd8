// The evaluator's and the JSON writer's fast paths give what the general paths give:
// comparisons of same-kind values, money beside whole numbers, and the pieces of a
// result ResultJsonWriter renders once per pack (used only while a result still says
// what they were rendered from).
#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "pack_fixture.hpp"
#include "plan/value_ops.hpp"
#include "report/case_report.hpp"

using namespace pingcha;
using namespace pingcha::testing;

namespace {

std::partial_ordering order(const Value& a, const Value& b) {
    const auto c = compare_values(a, b);
    if (!c) throw std::runtime_error("not comparable");
    return *c;
}

TEST(CompareFastPaths, SameKindValuesOrderAsTheirContents) {
    EXPECT_EQ(order(Value::integer(3), Value::integer(5)), std::partial_ordering::less);
    EXPECT_EQ(order(Value::days(-2), Value::days(-2)), std::partial_ordering::equivalent);
    EXPECT_EQ(order(Value::boolean(true), Value::boolean(false)), std::partial_ordering::greater);
    EXPECT_EQ(order(Value::text("送达"), Value::text("送达回证")), std::partial_ordering::less);
    EXPECT_EQ(order(Value::text("b"), Value::text("ab")), std::partial_ordering::greater);
    EXPECT_EQ(order(Value::text(""), Value::text("")), std::partial_ordering::equivalent);
    EXPECT_EQ(order(Value::of_date(*Date::parse("2023-01-02")), Value::of_date(*Date::parse("2023-01-01"))),
              std::partial_ordering::greater);
}

TEST(CompareFastPaths, MixedKindsStillGoThroughNumbers) {
    // integer and days compare as numbers; money beside a plain number is yuan.
    EXPECT_EQ(order(Value::integer(7), Value::days(7)), std::partial_ordering::equivalent);
    EXPECT_EQ(order(Value::money(Rational(500000)), Value::integer(5000)), std::partial_ordering::equivalent);
    EXPECT_EQ(order(Value::integer(5000), Value::money(Rational(500001))), std::partial_ordering::less);
    EXPECT_EQ(order(Value::money(*Rational::make(1, 2)), Value::decimal(*Rational::make(1, 200))),
              std::partial_ordering::equivalent);
    EXPECT_EQ(order(Value::money(Rational(150)), Value::decimal(*Rational::make(3, 2))),
              std::partial_ordering::equivalent);
    // A whole number too large to scale to fen is not comparable with money, as before.
    const int64_t huge = std::numeric_limits<int64_t>::max() / 10;
    EXPECT_FALSE(compare_values(Value::money(Rational(1)), Value::integer(huge)));
    EXPECT_FALSE(compare_values(Value::integer(1), Value::missing()));
    EXPECT_FALSE(compare_values(Value::text("1"), Value::integer(1)));
}

TEST(CompareFastPaths, StoredRationalsComeBackUnchanged) {
    const Rational r = *Rational::make(-1481481, 100);
    EXPECT_EQ(Value::money(r).rational(), r);
    EXPECT_EQ(Value::decimal(Rational(-3)).rational(), Rational(-3));
}

// Whether a rule `when cond` fires on a case with `members` (JSON members without braces).
bool fires(const std::string& cond, const std::string& members) {
    auto pack = compile_text("\nrule R in 甲 warn when " + cond + " says \"r\"\n");
    std::string json = R"({"format": "case-file/1", "id": "c1")";
    if (!members.empty()) json += ", " + members;
    return !eval_case(*pack, json + "}").findings.empty();
}

TEST(CompareFastPaths, TextEqualityInRules) {
    const std::string party = R"("party": {"kind": "organization", "name": "某公司"})";
    EXPECT_TRUE(fires(R"(party.kind == "organization")", party));
    EXPECT_FALSE(fires(R"(party.kind == "organizatioN")", party));  // same length
    EXPECT_FALSE(fires(R"(party.kind == "organ")", party));         // shorter
    EXPECT_TRUE(fires(R"(party.kind != "individual")", party));
    EXPECT_TRUE(fires(R"(party.name == "某公司")", party));
    EXPECT_FALSE(fires(R"(party.kind == "organization")", ""));     // missing: neither true nor false
    EXPECT_FALSE(fires(R"(party.kind != "organization")", ""));
    EXPECT_TRUE(fires(R"(count(documents, d => d.type == "送达回证") == 1)",
                      R"("documents": [{"type": "送达回证"}, {"type": "送达"}, {}])"));
}

TEST(CompareFastPaths, MoneyAgainstWholeNumbersInRules) {
    const std::string fine = R"("penalty": {"kinds": ["罚款"], "fine": 5000})";
    EXPECT_TRUE(fires("penalty.fine == 5000", fine));
    EXPECT_TRUE(fires("penalty.fine >= 5000 and penalty.fine < 5000.01", fine));
    EXPECT_FALSE(fires("penalty.fine > 5000", fine));
    EXPECT_FALSE(fires("penalty.fine == 92233720368547758", fine));  // does not fit in fen: not equal
}

TEST(LiteralLists, BuiltOnceAndReadAsBefore) {
    // A list of constants is built once, with the pack; nested, empty and mixed lists too.
    const std::string docs = R"("documents": [{"type": "送达回证"}, {"type": "立案审批表"}])";
    EXPECT_TRUE(fires(R"(["a", "b"] == ["a", "b"])", ""));
    EXPECT_FALSE(fires(R"(["a", "b"] == ["b", "a"])", ""));
    EXPECT_TRUE(fires(R"([["a"], [], ["b", "c"]] == [["a"], [], ["b", "c"]])", ""));
    EXPECT_FALSE(fires(R"([["a"], ["b"]] == [["a"], ["c"]])", ""));
    EXPECT_TRUE(fires(R"(count([[1, 2], [3]]) == 2 and count([]) == 0)", ""));
    EXPECT_TRUE(fires(R"("b" in ["a", "b"] and not ("c" in ["a", "b"]))", ""));
    EXPECT_TRUE(fires(R"(all(["送达回证", "立案审批表"], t => count(documents, d => d.type == t) == 1))", docs));
    EXPECT_FALSE(fires(R"(any(["送达回证", "结案报告"], t => count(documents, d => d.type == t) == 0) == false)", docs));
    EXPECT_TRUE(fires(R"([2023-01-02, 2024-02-29] == [2023-01-02, 2024-02-29] and [2.5, 1] == [2.5, 1])", ""));
    EXPECT_FALSE(fires(R"([penalty.fine, 1] == [penalty.fine, 1])", ""));  // not all constants: missing stays missing
}

// ------------------------------------------------------------------ ResultJsonWriter

const char* kEscapingPack = R"(
law "中华人民共和国行政处罚法" alias "行政处罚法" kind 法律 {
  version "2021" from 2021-07-15 articles 86
}
rule ESC-CONST in 甲 deduct 2.5 cites "行政处罚法" art 32, "行政处罚法" art 57
  when true
  says "引号\"、反斜杠\\、制表\t与换行\n"
rule ESC-TEMPLATE in 乙 veto
  when exists(party.name)
  says "当事人 {party.name}"
)";

std::string reference_json(const CaseResult& result, const RulePack& pack, const std::string& source) {
    std::string out;
    append_result_json(out, result, pack.info, source);
    return out;
}

std::string writer_json(const CaseResult& result, const RulePack& pack, const std::string& source) {
    std::string out;
    ResultJsonWriter(pack).append(out, result, source);
    return out;
}

TEST(ResultJsonWriter, PiecesNeedingEscapesRenderAsTheGeneralWriter) {
    auto pack = compile_text(kEscapingPack);
    const CaseResult result = eval_case(*pack, R"({"format": "case-file/1", "id": "c\"1", "party": {"name": "甲\\乙"}})");
    ASSERT_EQ(result.findings.size(), 2u);
    const std::string json = writer_json(result, *pack, "a\tb.json");
    EXPECT_EQ(json, reference_json(result, *pack, "a\tb.json"));
    EXPECT_EQ(json, result_to_json(result, pack->info, "a\tb.json").dump());
    EXPECT_NE(json.find(R"("message":"引号\"、反斜杠\\、制表\t与换行\n")"), std::string::npos);
}

TEST(ResultJsonWriter, ChangedFindingsAndSectionsAreRenderedFromWhatTheySay) {
    auto pack = compile_text(kEscapingPack);
    const CaseResult original = eval_case(*pack, R"({"format": "case-file/1", "id": "c1", "party": {"name": "某"}})");
    ASSERT_EQ(original.findings.size(), 2u);
    const auto changed = [&](auto change) {
        CaseResult r = original;
        change(r);
        return r;
    };
    const CaseResult variants[] = {
        changed([](CaseResult& r) { r.findings[0].points = Rational(1); }),  // an adjusted deduction
        changed([](CaseResult& r) { r.findings[0].severity = FindingSeverity::warn; }),
        changed([](CaseResult& r) { r.findings[0].message = "改写的\"说明\""; }),
        changed([](CaseResult& r) { r.findings[0].rule = "OTHER"; }),
        changed([](CaseResult& r) { r.findings[1].section = "甲"; }),
        changed([](CaseResult& r) { r.findings[0].cites.clear(); }),
        changed([](CaseResult& r) { r.findings[1].cites.push_back({"消防法", ""}); }),
        changed([](CaseResult& r) { r.findings[0].rule_index = 1; }),   // the other rule's pieces
        changed([](CaseResult& r) { r.findings[0].rule_index = 99; }),  // no such rule
        changed([](CaseResult& r) { r.sections[0].name = "改名"; }),
        changed([](CaseResult& r) { r.sections[1].max = Rational(10); }),
        changed([](CaseResult& r) { r.sections.pop_back(); }),
        changed([](CaseResult& r) { r.sections.push_back(r.sections[0]); }),
        // A section with nothing deducted is one rendered piece, only while its score is its maximum.
        changed([](CaseResult& r) { r.sections[1].score = Rational(1); }),
        changed([](CaseResult& r) { r.sections[0].deducted = Rational(0); }),
        changed([](CaseResult& r) { r.sections[0].deducted = Rational(0), r.sections[0].score = r.sections[0].max; }),
        changed([](CaseResult& r) { r.sections[1].deducted = *Rational::make(1, 2); }),
    };
    for (const auto& r : variants) EXPECT_EQ(writer_json(r, *pack, "x.json"), reference_json(r, *pack, "x.json"));
}

}  // namespace
