// CitedBenchmarks remembers, for one record, the benchmark a code names and the tier a level
// names: the same answers as RulePack::benchmark and Benchmark::tier, asked by text address
// within a record and afresh in the next, and a level asked of two benchmarks answered by each.
#include <gtest/gtest.h>

#include <string>

#include "pack_fixture.hpp"
#include "plan/cited_benchmarks.hpp"

using namespace pingcha;
using namespace pingcha::testing;

namespace {

const std::string kBenchmarks = R"(
law "中华人民共和国行政处罚法" alias "行政处罚法" kind 法律 {
  version "2021" from 2021-07-15 articles 86
}
benchmark B-1 "甲违法行为" {
  basis "中华人民共和国行政处罚法" art 1
  max 100000
  tier 轻微 0 .. 10000
  tier 一般 10000 .. 40000
}
benchmark B-2 "乙违法行为" {
  basis "中华人民共和国行政处罚法" art 2
  max 5000
  tier 一般 0 .. 5000
}
)";

std::unique_ptr<RulePack> pack_with_benchmarks() {
    return compile_text(kBenchmarks + R"(rule R in 甲 warn when false says "r")");
}

TEST(CitedBenchmarks, GivesWhatThePackGives) {
    const auto pack = pack_with_benchmarks();
    CitedBenchmarks cited(*pack);
    for (int pass = 0; pass < 2; ++pass) {  // the second time from memory
        const Benchmark* b1 = cited.find("B-1");
        ASSERT_NE(b1, nullptr);
        EXPECT_EQ(b1, pack->benchmark("B-1"));
        EXPECT_EQ(cited.find("B-9"), nullptr);
        EXPECT_EQ(cited.tier(*b1, "一般"), b1->tier("一般"));
        EXPECT_EQ(cited.tier(*b1, "严重"), nullptr);
    }
}

TEST(CitedBenchmarks, OneLevelTextAskedOfTwoBenchmarksGetsEachItsOwnTier) {
    const auto pack = pack_with_benchmarks();
    CitedBenchmarks cited(*pack);
    const std::string level = "一般";  // one text, one address
    const Benchmark* b1 = cited.find("B-1");
    const Benchmark* b2 = cited.find("B-2");
    ASSERT_TRUE(b1 && b2);
    const BenchmarkTier* t1 = cited.tier(*b1, level);
    const BenchmarkTier* t2 = cited.tier(*b2, level);
    ASSERT_TRUE(t1 && t2);
    EXPECT_NE(t1, t2);
    EXPECT_EQ(t1, b1->tier("一般"));
    EXPECT_EQ(t2, b2->tier("一般"));
    EXPECT_EQ(cited.tier(*b1, level), t1);
}

TEST(CitedBenchmarks, ATextAtTheSameAddressInTheNextRecordIsLookedUpAgain) {
    const auto pack = pack_with_benchmarks();
    CitedBenchmarks cited(*pack);
    std::string code = "B-1", level = "轻微";  // a record's arena, reused by the next record
    const Benchmark* b1 = cited.find(code);
    ASSERT_NE(b1, nullptr);
    ASSERT_NE(cited.tier(*b1, level), nullptr);
    cited.next_record();
    code.replace(0, code.size(), "B-2");      // same size, same address
    level.replace(0, level.size(), "一般");  // same size, same address
    const Benchmark* b2 = cited.find(code);
    ASSERT_NE(b2, nullptr);
    EXPECT_EQ(b2->code, "B-2");
    EXPECT_EQ(cited.tier(*b1, level), b1->tier("一般"));
}

// Through the evaluator: three rules ask about the record's code and level; a second record
// at the same addresses with other texts gets its own answers.
TEST(CitedBenchmarks, TheEvaluatorAnswersEachRecordForItself) {
    const auto pack = compile_text(kBenchmarks + R"(
rule KNOWN in 甲 warn when tier_known(violation, circumstance.level) says "已知"
rule LOW in 甲 warn when coalesce(penalty.fine, 0) < tier_min(violation, circumstance.level) says "低于"
rule HIGH in 甲 warn when coalesce(penalty.fine, 0) > tier_max(violation, circumstance.level) says "高于"
)");
    const std::string lines =
        R"({"format":"case-file/1","id":"c","violation":"B-1","circumstance":{"level":"一般"},"penalty":{"fine":50000}})" "\n"
        R"({"format":"case-file/1","id":"c","violation":"B-2","circumstance":{"level":"一般"},"penalty":{"fine":50000}})" "\n"
        R"({"format":"case-file/1","id":"c","violation":"B-1","circumstance":{"level":"轻微"},"penalty":{"fine":5000}})" "\n"
        R"({"format":"case-file/1","id":"c","violation":"B-1","circumstance":{"level":"一般"},"penalty":{"fine":5000}})" "\n"
        R"({"format":"case-file/1","id":"c","violation":"B-2","circumstance":{"level":"轻微"},"penalty":{"fine":5000}})" "\n";
    Evaluator evaluator(*pack);  // one evaluator and one reader: records reuse one arena
    CaseReader reader(pack->keys);
    std::vector<std::vector<std::string>> fired;
    reader.read("cases.jsonl", lines, [&](const Record* record, const RecordRejection* bad) {
        ASSERT_EQ(bad, nullptr) << bad->to_string();
        fired.push_back(rule_ids(evaluator.evaluate(*record)));
    });
    using Ids = std::vector<std::string>;
    EXPECT_EQ(fired, (std::vector<Ids>{{"KNOWN", "HIGH"}, {"KNOWN", "HIGH"}, {"KNOWN"}, {"KNOWN", "LOW"}, {}}));
}

}  // namespace
