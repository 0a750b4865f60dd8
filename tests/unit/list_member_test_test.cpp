// A list function whose lambda compares the element's member with something that does not
// read the element (`count(documents, d => d.type == t)`) is compiled to a member test that
// skips the lambda's nodes. The outcome must be the general evaluation's, which explaining
// still uses: true, false, or missing, for every list function and operand order.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pack_fixture.hpp"

using namespace pingcha;
using namespace pingcha::testing;

namespace {

// "true" / "false" / "missing": the fast path's outcome (from which of `when C` and
// `when not C` fired) and the traced general path's (from explaining `when C`).
struct Outcomes {
    std::string fast, general;
};

Outcomes outcomes(const std::string& cond, const std::string& members) {
    auto pack = compile_text("\nrule YES in 甲 warn when " + cond + " says \"y\"\nrule NO in 甲 warn when not (" +
                             cond + ") says \"n\"\n");
    const std::string json = R"({"format": "case-file/1", "id": "c1", )" + members + "}";
    CaseReader reader(pack->keys);
    Evaluator evaluator(*pack);
    Outcomes out;
    reader.read("case.json", json, [&](const Record* rec, const RecordRejection* bad) {
        if (bad) throw std::runtime_error("rejected: " + bad->to_string());
        const std::vector<std::string> ids = rule_ids(evaluator.evaluate(*rec));
        out.fast = ids.empty() ? "missing" : ids.front() == "YES" ? "true" : "false";
        std::vector<RuleExplanation> x;
        evaluator.evaluate(*rec, &x);
        const RuleOutcome o = x.at(0).outcome;
        out.general = o == RuleOutcome::fired ? "true" : o == RuleOutcome::not_fired ? "false" : "missing";
    });
    return out;
}

void expect(const std::string& cond, const std::string& members, const std::string& want) {
    const Outcomes o = outcomes(cond, members);
    EXPECT_EQ(o.fast, want) << cond << " on " << members;
    EXPECT_EQ(o.general, want) << cond << " on " << members << " (explained)";
}

const std::string kDocs =
    R"("documents": [{"type": "立案审批表", "signed": true}, {"type": "送达回证"}, {"type": "送达回证", "signed": false}])";

TEST(ListMemberTest, CountAnyAllFilterOnText) {
    expect(R"(count(documents, d => d.type == "送达回证") == 2)", kDocs, "true");
    expect(R"(count(documents, d => "送达回证" == d.type) == 2)", kDocs, "true");
    expect(R"(count(documents, d => d.type != "送达回证") == 1)", kDocs, "true");
    expect(R"(any(documents, d => d.type == "结案报告"))", kDocs, "false");
    expect(R"(all(documents, d => d.type != "结案报告"))", kDocs, "true");
    expect(R"(count(filter(documents, d => d.type == "送达回证")) == 2)", kDocs, "true");
}

TEST(ListMemberTest, MapGivesEachElementsOutcome) {
    expect(R"(map(documents, d => d.signed == true) == [true, false, false])", kDocs, "false");
    expect(R"(count(map(documents, d => d.type == "送达回证")) == 3)", kDocs, "true");
    expect(R"(map(documents, d => d.type == "送达回证") == [false, true, true])", kDocs, "true");
}

TEST(ListMemberTest, MissingMembersFollowThreeValuedLogic) {
    // signed is absent on one document: == false is missing there.
    expect(R"(any(documents, d => d.signed == false))", kDocs, "true");
    expect(R"(all(documents, d => d.signed == true))", kDocs, "false");
    expect(R"(all(documents, d => d.signed != false))", R"("documents": [{"type": "a", "signed": true}, {"type": "b"}])",
           "missing");
    expect(R"(any(documents, d => d.signed == false))", R"("documents": [{"type": "a", "signed": true}, {"type": "b"}])",
           "missing");
    expect(R"(count(documents, d => d.signed == true) == 1)", kDocs, "true");
    expect(R"(any(documents, d => d.type == "a"))", R"("documents": [])", "false");
    expect(R"(all(documents, d => d.type == "a"))", R"("documents": [])", "true");
}

TEST(ListMemberTest, TheOtherOperandMayReadAnotherVariableOrField) {
    expect(R"(any(["立案审批表", "结案报告"], t => count(documents, d => d.type == t) == 0))", kDocs, "true");
    expect(R"(all(["立案审批表", "送达回证"], t => count(documents, d => t == d.type) > 0))", kDocs, "true");
    expect(R"(any(officers, o => o.name == party.name))",
           R"("party": {"kind": "individual", "name": "张三"}, "officers": [{"name": "李四", "cert": "1"}, {"name": "张三", "cert": "2"}])",
           "true");
    // The other operand missing: every comparison is missing.
    expect(R"(any(officers, o => o.name == party.name))", R"("officers": [{"name": "李四", "cert": "1"}])", "missing");
}

TEST(ListMemberTest, ComparisonsAcrossKinds) {
    const std::string fines = R"("penalty": {"kinds": ["罚款"], "fine": 200}, "extra": {"items": [{"n": 200}, {"n": "200"}, {"n": 200.0}]})";
    expect(R"(count(extra.items, i => i.n == 200) == 2)", fines, "true");
    expect(R"(count(extra.items, i => i.n != 200) == 1)", fines, "true");
    expect(R"(any(extra.items, i => i.n == "200"))", fines, "true");
}

TEST(ListMemberTest, TextAndTruthTestsOverElementsOfEveryKind) {
    // count / any / all against a text or true/false take their own loop: members of other
    // kinds are unequal, and elements that are no object (or lack the member) are unknown.
    const std::string items =
        R"("extra": {"items": [{"n": 200}, {"n": "200"}, {"n": true}, {"n": null}, 5, "n", [1], {"m": 1}, {"n": {"x": 1}}]})";
    expect(R"(count(extra.items, i => i.n == "200") == 1)", items, "true");
    expect(R"(count(extra.items, i => i.n != "200") == 3)", items, "true");
    expect(R"(count(extra.items, i => i.n == true) == 1)", items, "true");
    expect(R"(count(extra.items, i => i.n != false) == 4)", items, "true");
    expect(R"(any(extra.items, i => i.n == false))", items, "missing");
    expect(R"(any(extra.items, i => true == i.n))", items, "true");
    expect(R"(all(extra.items, i => i.n != "x"))", items, "missing");
    expect(R"(all(extra.items, i => i.n == "200"))", items, "false");
    const std::string known = R"("extra": {"items": [{"n": "a"}, {"n": 1}, {"n": false}]})";
    expect(R"(all(extra.items, i => i.n != "b"))", known, "true");
    expect(R"(any(extra.items, i => i.n == "b"))", known, "false");
    expect(R"(any(extra.items, i => i.n == ""))", R"("extra": {"items": [{"n": ""}]})", "true");
}

TEST(ListMemberTest, AnElementReadingOperandIsNotAMemberTest) {
    // `d.type == d.kind` reads the element on both sides: the general path, same answers.
    expect(R"(any(documents, d => d.type == d.type))", kDocs, "true");
    expect(R"(count(documents, d => d.signed == (d.type == "立案审批表")) == 2)", kDocs, "true");
}

}  // namespace
