// CitedLaws remembers RulePack::law by the cited text: the same law for every spelling the
// catalog knows, laws recognised by their titles, no law for unknown titles, and the same
// answers after it forgets (more titles than it remembers).
#include <gtest/gtest.h>

#include <string>

#include "pack_fixture.hpp"
#include "plan/cited_laws.hpp"

using namespace pingcha;
using namespace pingcha::testing;

namespace {

std::unique_ptr<RulePack> pack_with_laws() {
    return compile_text(R"(
law "中华人民共和国行政处罚法" alias "行政处罚法" kind 法律 {
  version "2021" from 2021-07-15 articles 86
}
rule R in 甲 warn when false says "r"
)");
}

TEST(CitedLaws, GivesTheCatalogLawForEverySpelling) {
    const auto pack = pack_with_laws();
    CitedLaws laws(*pack);
    const Law* full = laws.find("中华人民共和国行政处罚法");
    ASSERT_NE(full, nullptr);
    EXPECT_EQ(full->name, "中华人民共和国行政处罚法");
    EXPECT_EQ(laws.find("《行政处罚法》"), full);
    EXPECT_EQ(laws.find("行政处罚法"), full);
    EXPECT_EQ(laws.find("行政处罚法"), full);  // remembered
    EXPECT_EQ(laws.find("某某法"), nullptr);
    EXPECT_EQ(laws.find("某某法"), nullptr);
}

TEST(CitedLaws, RecognisesTitlesAsThePackDoes) {
    const auto pack = pack_with_laws();
    CitedLaws laws(*pack);
    for (int pass = 0; pass < 2; ++pass) {
        const Law* sez = laws.find("《深圳经济特区某某条例》");
        ASSERT_NE(sez, nullptr);
        std::optional<Law> scratch;
        const Law* direct = pack->law("《深圳经济特区某某条例》", scratch);
        ASSERT_NE(direct, nullptr);
        EXPECT_EQ(sez->name, direct->name);
        EXPECT_EQ(sez->kind, "经济特区法规");
        EXPECT_EQ(sez->territory, "shenzhen_sez");
        EXPECT_TRUE(sez->recognised_by_title);
    }
}

TEST(CitedLaws, AnswersStayRightAfterForgetting) {
    const auto pack = pack_with_laws();
    CitedLaws laws(*pack);
    for (int k = 0; k < 10000; ++k) {
        const std::string title = "深圳市第" + std::to_string(k) + "号条例";
        laws.next_record();  // `title` may reuse the last one's address
        const Law* law = laws.find(title);
        ASSERT_NE(law, nullptr) << title;
        ASSERT_EQ(law->name, title);
        ASSERT_EQ(law->kind, "地方性法规");
    }
    EXPECT_EQ(laws.find("行政处罚法")->name, "中华人民共和国行政处罚法");
}

}  // namespace

namespace {

TEST(CitedLaws, ATextAtTheSameAddressInTheNextRecordIsLookedUpAgain) {
    const auto pack = pack_with_laws();
    CitedLaws laws(*pack);
    std::string buffer = "行政处罚法";  // a record's arena, reused by the next record
    const std::string_view cited(buffer);
    ASSERT_NE(laws.find(cited), nullptr);
    EXPECT_NE(laws.find(cited), nullptr);  // the same record: by address
    laws.next_record();
    buffer.replace(0, buffer.size(), "某某某某法");  // same size, same address
    ASSERT_EQ(cited.data(), buffer.data());
    EXPECT_EQ(laws.find(cited), nullptr);
}

// law_name and law_kind of a declared law point into the pack; of a law recognised by its
// title they are copied, as CitedLaws may forget it (and free it) before the case is done:
// here 4,200 titles in one case, past the 4,096 it remembers, read back after all of them.
TEST(CitedLaws, TextsOfRecognisedLawsOutliveForgetting) {
    const auto pack = compile_text(R"(
law "中华人民共和国行政处罚法" alias "行政处罚法" kind 法律 {
  version "2021" from 2021-07-15 articles 86
}
rule SAME in 甲 warn when map(basis, b => law_name(b.law)) == map(basis, b => b.law) says "同名"
rule KINDS in 甲 warn when map(basis, b => law_kind(b.law)) == map(basis, b => "地方性法规") says "同类"
rule DECLARED in 甲 warn when law_kind("行政处罚法") == "法律" says "法律"
)");
    std::string basis;
    for (int k = 0; k < 4200; ++k)
        basis += std::string(k ? "," : "") + R"({"role": "penalty", "law": "深圳市第)" + std::to_string(k) + R"(号条例"})";
    const CaseResult result = eval_case(*pack, R"({"format": "case-file/1", "id": "c1", "basis": [)" + basis + "]}");
    EXPECT_EQ(rule_ids(result), (std::vector<std::string>{"SAME", "KINDS", "DECLARED"}));
}

}  // namespace
