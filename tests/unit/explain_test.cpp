// Explanations (`eval --explain`, `audit`, `test` failures) and the score sheet, through
// the real binary on the Shenshan pack and samples: each check family (law, discretion,
// procedure, documents) names the deciding values, not-applicable rules name the missing
// field, audit reads a store built with import/assign/run and refuses a different pack, and
// the score sheet's totals are the case result with every case string escaped.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "command.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using Output = pingcha::testing::CommandOutput;
std::string q(const fs::path& p) { return pingcha::testing::shell_quoted(p); }
const std::string kBin = pingcha::testing::shell_quoted(PINGCHA_BINARY);
const fs::path kSrc = PINGCHA_SOURCE_DIR;

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

class ExplainTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir = fs::temp_directory_path() /
              ("pingcha_explain_" + std::to_string(getpid()) + "_" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    void TearDown() override {
        if (!HasFailure()) fs::remove_all(dir);
    }
    // Runs the binary in the source directory; stderr goes to dir/stderr.txt.
    Output pingcha(const std::string& args) {
        return pingcha::testing::run_command("cd " + q(kSrc) + " && " + kBin + " " + args + " 2>" +
                                             q(dir / "stderr.txt"));
    }
    std::string err() { return read(dir / "stderr.txt"); }

    // `eval --explain --format json` of one file: the result with its `explanation`.
    json explained(const std::string& file) {
        const Output r = pingcha("eval --rules rules/shenshan --explain --format json " + q(file));
        EXPECT_EQ(r.status, 0) << err();
        return json::parse(r.out);
    }
    static const json& rule(const json& result, const std::string& id) {
        for (const auto& x : result.at("explanation"))
            if (x.at("rule") == id) return x;
        static const json none;
        ADD_FAILURE() << "no explanation of " << id;
        return none;
    }
    static const json& element(const json& rule_explanation, const std::string& which) {
        for (const auto& e : rule_explanation.at("elements"))
            if (e.value("element", "") == which) return e;
        static const json none;
        ADD_FAILURE() << "no element " << which << " in " << rule_explanation.dump();
        return none;
    }
    // A sample with a change applied, written to the test directory.
    fs::path variant(const std::string& sample, const std::function<void(json&)>& change) {
        json j = json::parse(read(kSrc / "samples/shenshan" / sample));
        change(j);
        const fs::path out = dir / (std::to_string(++variants) + "-" + sample);
        std::ofstream(out) << j.dump(2);
        return out;
    }

    fs::path dir;
    int variants = 0;
};

// ------------------------------------------------------------------- procedure

TEST_F(ExplainTest, ProcedureNamesTheDaysAgainstTheLimit) {
    const json fired = rule(explained("samples/shenshan/proc-deadline-90-fires.json"), "PROC-DEADLINE-90");
    EXPECT_EQ(fired["outcome"], "fired");
    const json& e = fired["elements"][0];
    EXPECT_EQ(e["decided_by"],
              "procedure = \"general\" == \"general\" → 真 and days(dates.filed, dates.decided) = 91 > 90 → 真");
    EXPECT_EQ(e["fields"]["dates.filed"], "2024-03-08");
    EXPECT_EQ(e["fields"]["dates.decided"], "2024-06-07");
    EXPECT_EQ(e["decision"]["op"], "and");
    EXPECT_EQ(e["decision"]["parts"][1]["parts"][0]["value"], 91);
    EXPECT_NE(e["message"].get<std::string>().find("91 日"), std::string::npos);

    const json exact = rule(explained("samples/shenshan/proc-deadline-90-exactly-90.json"), "PROC-DEADLINE-90");
    EXPECT_EQ(exact["outcome"], "not_fired");
    EXPECT_EQ(exact["elements"][0]["decided_by"], "days(dates.filed, dates.decided) = 90 > 90 → 假");
}

TEST_F(ExplainTest, TextOutputShowsOutcomeConditionAndDecidingValues) {
    const Output r = pingcha("eval --rules rules/shenshan --explain samples/shenshan/proc-deadline-90-fires.json");
    ASSERT_EQ(r.status, 0) << err();
    EXPECT_NE(r.out.find("[触发] PROC-DEADLINE-90 办案超期（程序 · 扣 3 分）"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("条件：procedure == \"general\" and days(dates.filed, dates.decided) > 90\n"), std::string::npos);
    EXPECT_NE(r.out.find("判定：procedure = \"general\" == \"general\" → 真 and days(dates.filed, dates.decided) = 91 > 90 → 真"),
              std::string::npos);
    EXPECT_NE(r.out.find("[未触发] PROC-SERVICE-7"), std::string::npos);
    // the score sheet text comes first, unchanged
    const Output plain = pingcha("eval --rules rules/shenshan samples/shenshan/proc-deadline-90-fires.json");
    EXPECT_EQ(r.out.substr(0, plain.out.size() - 1), plain.out.substr(0, plain.out.size() - 1));
}

// --------------------------------------------------------------------- discretion

TEST_F(ExplainTest, DiscretionNamesTheTierAndItsExactBounds) {
    const json x = rule(explained("samples/shenshan/disc-out-of-range-one-fen-below-percentage-fires.json"),
                        "DISC-OUT-OF-RANGE");
    EXPECT_EQ(x["outcome"], "fired");
    const json& e = x["elements"][0];
    EXPECT_EQ(e["decided_by"],
              "tier_known(violation, circumstance.level) = 真 and penalty.fine = 14814.81元 < "
              "tier_min(violation, circumstance.level) = 14814.81468元 → 真");
    ASSERT_EQ(e["benchmarks"].size(), 1u);
    const json& b = e["benchmarks"][0];
    EXPECT_EQ(b["benchmark"], "ZJ-001");
    EXPECT_EQ(b["tier"]["level"], "一般");
    EXPECT_EQ(b["tier"]["chosen_by"], "case");
    EXPECT_EQ(b["tier"]["min"], "1.2% × contract_price");
    EXPECT_EQ(b["tier"]["min_yuan"], "14814.81468");
    EXPECT_EQ(b["tier"]["max_yuan"], "19753.08624");
    EXPECT_EQ(b["tier"]["base"]["yuan"], "1234567.89");
    EXPECT_EQ(b["statutory"]["max_yuan"], "24691.3578");
    EXPECT_NE(b["text"].get<std::string>().find("即 14814.81468 ～ 19753.08624 元"), std::string::npos) << b["text"];
}

TEST_F(ExplainTest, DiscretionNamesTheTierChosenByItsCondition) {
    const json x = rule(explained("samples/shenshan/disc-level-mismatch-second-offense-fires.json"), "DISC-LEVEL-MISMATCH");
    EXPECT_EQ(x["outcome"], "fired");
    bool selected = false;
    for (const auto& b : x["elements"][0]["benchmarks"])
        if (b.contains("tier") && b["tier"]["chosen_by"] == "when") {
            selected = true;
            EXPECT_EQ(b["tier"]["level"], "1年内第2次");
            EXPECT_EQ(b["tier"]["when"], "circumstance.prior_violations_1y == 1");
            EXPECT_EQ(b["tier"]["min_yuan"], "50000");
            EXPECT_EQ(b["tier"]["max_yuan"], "50000");
        }
    EXPECT_TRUE(selected) << x.dump();
    EXPECT_NE(x["elements"][0]["decided_by"].get<std::string>().find("selected_tier(violation) = \"1年内第2次\" != "
                                                                       "circumstance.level = "),
              std::string::npos)
        << x["elements"][0]["decided_by"];
}

// --------------------------------------------------------------------------- law

TEST_F(ExplainTest, LawNamesTheVersionChosenForTheActDateAndWhy) {
    const json x = rule(explained("samples/shenshan/law-outdated-version-2014-cited-for-2023-act-fires.json"),
                        "LAW-OUTDATED-VERSION");
    EXPECT_EQ(x["outcome"], "fired");
    EXPECT_EQ(element(x, "basis[0]")["outcome"], "not_fired");
    const json& e = element(x, "basis[1]");
    EXPECT_EQ(e["outcome"], "fired");
    EXPECT_EQ(e["decided_by"],
              "exists(b.version) = 真 and version_until(b.law, b.version) = 2021-08-31 < dates.act = 2023-06-01 → 真");
    ASSERT_EQ(e["laws"].size(), 1u);
    const json& law = e["laws"][0];
    EXPECT_EQ(law["name"], "中华人民共和国安全生产法");
    EXPECT_EQ(law["date_source"], "dates.act");
    EXPECT_EQ(law["date"], "2023-06-01");
    EXPECT_EQ(law["version"], "2021");
    EXPECT_EQ(law["from"], "2021-09-01");
    EXPECT_EQ(law["named_version"]["label"], "2014");
    EXPECT_EQ(law["named_version"]["until"], "2021-08-31");
    EXPECT_NE(law["reason"].get<std::string>().find("dates.act = 2023-06-01 施行的版本为「2021」（施行期 2021-09-01 起，至今，包含该日）"),
              std::string::npos)
        << law["reason"];
}

TEST_F(ExplainTest, LawNamesTheRepealAndTheLastVersion) {
    const json x = rule(explained("samples/shenshan/law-not-in-force-repealed-noise-law-fires.json"), "LAW-NOT-IN-FORCE");
    const json& e = element(x, "basis[0]");
    EXPECT_EQ(e["outcome"], "fired");
    ASSERT_EQ(e["laws"].size(), 2u);  // on the act date and on the decision date
    EXPECT_EQ(e["laws"][0]["date_source"], "dates.act");
    EXPECT_EQ(e["laws"][1]["date_source"], "dates.decided");
    EXPECT_TRUE(e["laws"][0]["version"].is_null());
    EXPECT_EQ(e["laws"][0]["repealed"], "2022-06-05");
    EXPECT_NE(e["laws"][0]["reason"].get<std::string>().find(
                  "dates.act = 2023-05-10 没有施行的版本：此前最后的版本「2018」施行至 2022-06-04；2022-06-05 起废止，"
                  "由《中华人民共和国噪声污染防治法》取代"),
              std::string::npos)
        << e["laws"][0]["reason"];
}

TEST_F(ExplainTest, LawNamesTheSpecialZoneTerritory) {
    const json x = rule(explained("samples/shenshan/law-sez-shenzhen-regulation-fires.json"), "LAW-SEZ");
    const json& e = element(x, "basis[0]");
    EXPECT_EQ(e["decided_by"],
              "law_kind(b.law) = \"经济特区法规\" == \"经济特区法规\" → 真 and not applies_in(b.law, case_territory) = 假 → 真");
    const json& law = e["laws"][0];
    EXPECT_EQ(law["kind"], "经济特区法规");
    EXPECT_EQ(law["territory"], "shenzhen_sez");
    EXPECT_EQ(law["applies_in"]["territory"], "shenshan");
    EXPECT_EQ(law["applies_in"]["applies"], false);
    EXPECT_NE(law["reason"].get<std::string>().find("案件所在地 深汕特别合作区（shenshan）不在其适用地域内"), std::string::npos)
        << law["reason"];
    EXPECT_EQ(law["version"], "2022");
}

// --------------------------------------------------------------------- documents

TEST_F(ExplainTest, DocumentsAreExplainedPerElement) {
    const json x = rule(explained("samples/shenshan/doc-missing-two-documents-fires.json"), "DOC-MISSING");
    EXPECT_EQ(x["outcome"], "fired");
    EXPECT_EQ(x["elements"].size(), 5u);
    const json& missing = element(x, "\"案件调查终结报告\"");
    EXPECT_EQ(missing["outcome"], "fired");
    EXPECT_EQ(missing["decided_by"],
              "procedure = \"general\" == \"general\" → 真 and coalesce(count(documents, d => d.type == doc), 0) = 0 "
              "== 0 → 真");
    EXPECT_EQ(missing["message"], "一般程序案卷缺少案件调查终结报告");
    EXPECT_EQ(element(x, "\"立案审批表\"")["decided_by"],
              "coalesce(count(documents, d => d.type == doc), 0) = 1 == 0 → 假");

    const json u = rule(explained("samples/shenshan/doc-unsigned-two-documents-fires.json"), "DOC-UNSIGNED");
    size_t fired = 0;
    for (const auto& e : u["elements"]) {
        if (e["outcome"] != "fired") continue;
        ++fired;
        EXPECT_EQ(e["decided_by"], "d.signed = 假 == false → 真");
        EXPECT_EQ(e["fields"][e["element"].get<std::string>() + ".signed"], false);
    }
    EXPECT_EQ(fired, 2u);
}

// ------------------------------------------------------------------ not applicable

TEST_F(ExplainTest, NotApplicableNamesTheMissingField) {
    const fs::path no_served =
        variant("proc-deadline-90-fires.json", [](json& j) { j["dates"].erase("served"); });
    const json r = explained(no_served.string());
    const json x = rule(r, "PROC-SERVICE-7");
    EXPECT_EQ(x["outcome"], "not_applicable");
    EXPECT_EQ(x["elements"][0]["missing"], json::parse(R"([{"field": "dates.served"}])"));
    EXPECT_EQ(x["elements"][0]["decided_by"],
              "working_days(dates.decided, dates.served) = （缺失） > 7 → （缺失）");

    const json no_basis = rule(explained(variant("proc-deadline-90-fires.json", [](json& j) { j.erase("basis"); }).string()),
                               "LAW-SEZ");
    EXPECT_EQ(no_basis["outcome"], "not_applicable");
    EXPECT_EQ(no_basis["missing"], json::parse(R"([{"field": "basis"}])"));
    EXPECT_TRUE(no_basis["elements"].empty());

    const Output text = pingcha("eval --rules rules/shenshan --explain " + q(no_served));
    EXPECT_NE(text.out.find("[不适用] PROC-SERVICE-7"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("缺失：dates.served\n"), std::string::npos) << text.out;
}

TEST_F(ExplainTest, NotApplicableNamesTheBaseAmountAndTheCalendarGap) {
    const json base = rule(
        explained(variant("disc-out-of-range-one-fen-below-percentage-fires.json",
                          [](json& j) { j["penalty"].erase("amounts"); })
                      .string()),
        "DISC-OUT-OF-RANGE");
    EXPECT_EQ(base["outcome"], "not_applicable");
    EXPECT_EQ(base["elements"][0]["missing"], json::parse(R"([{"field": "penalty.amounts.contract_price"}])"));

    const json gap = rule(explained("samples/shenshan/proc-service-7-uncovered-year-2026-warning.json"), "PROC-SERVICE-7");
    EXPECT_EQ(gap["outcome"], "not_applicable");
    ASSERT_EQ(gap["elements"][0]["missing"].size(), 1u);
    EXPECT_EQ(gap["elements"][0]["missing"][0]["expr"], "working_days(dates.decided, dates.served)");
    EXPECT_EQ(gap["elements"][0]["missing"][0]["reason"], "工作日历未覆盖 2026 年");
}

// The trace hook never changes a result: every sample evaluates the same with and without it.
TEST_F(ExplainTest, ExplainingDoesNotChangeResults) {
    const Output plain = pingcha("eval --rules rules/shenshan --format json samples/shenshan/*.json");
    const Output explained = pingcha("eval --rules rules/shenshan --explain --format json samples/shenshan/*.json");
    std::istringstream a(plain.out), b(explained.out);
    std::string la, lb;
    size_t lines = 0, rules = 0;
    while (std::getline(a, la) && std::getline(b, lb)) {
        json x = json::parse(lb);
        rules += x["explanation"].size();
        x.erase("explanation");
        EXPECT_EQ(x.dump(), json::parse(la).dump());
        ++lines;
    }
    EXPECT_GE(lines, 60u);
    EXPECT_EQ(rules, lines * 30);
}

TEST_F(ExplainTest, TestFailuresShowTheDecidingValues) {
    const Output r = pingcha("test tests/fixtures/packs/failing");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("[未触发] LATE"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("判定：days(dates.filed, dates.decided) = 31 > 90 → 假"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("读取：dates.filed = 2024-01-01，dates.decided = 2024-02-01"), std::string::npos) << r.out;
}

// ------------------------------------------------------------------- score sheet

TEST_F(ExplainTest, ScoreSheetTotalsAreTheResultAndCaseTextIsEscaped) {
    const fs::path file = variant("score-several-sections-grade-hege.json", [](json& j) {
        j["cause"] = "<script>window.__pwned = 1</script>";
        j["party"]["name"] = "某 & 某 \"公司\" <b>|x|</b>";
    });
    const json result = json::parse(pingcha("eval --rules rules/shenshan --format json " + q(file)).out);
    ASSERT_EQ(pingcha("eval --rules rules/shenshan --sheet html --out " + q(dir / "s.html") + " " + q(file)).status, 0)
        << err();
    ASSERT_EQ(pingcha("eval --rules rules/shenshan --sheet md --out " + q(dir / "s.md") + " " + q(file)).status, 0);
    const std::string html = read(dir / "s.html"), md = read(dir / "s.md");
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;window.__pwned = 1&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(html.find("某 &amp; 某 &quot;公司&quot; &lt;b&gt;|x|&lt;/b&gt;"), std::string::npos);
    EXPECT_EQ(md.find("<script"), std::string::npos);
    EXPECT_NE(md.find("某 &amp; 某 \"公司\" &lt;b&gt;\\|x\\|&lt;/b&gt;"), std::string::npos) << md;
    EXPECT_NE(html.find("@page { size: A4"), std::string::npos);
    EXPECT_EQ(html.find("http"), std::string::npos);  // self-contained

    // numbers as the sheet writes them: shortest exact decimal
    const auto two = [](const json& n) { return n.is_number_integer() ? std::to_string(n.get<int64_t>()) : n.dump(); };
    EXPECT_NE(html.find("<td>" + two(result["score"]) + "</td><th>等次</th><td>" + result["grade"].get<std::string>()),
              std::string::npos);
    EXPECT_NE(md.find("| **" + two(result["score"]) + "** | **" + result["grade"].get<std::string>() + "** |"),
              std::string::npos);
    for (const auto& s : result["sections"]) {
        EXPECT_NE(html.find(s["name"].get<std::string>() + "（" + s["id"].get<std::string>() + "）　满分 " + two(s["max"])),
                  std::string::npos);
        EXPECT_NE(html.find("扣 " + two(s["deducted"]) + "</td><td>得分 " + two(s["score"])), std::string::npos)
            << s.dump();
        EXPECT_NE(md.find("| **" + two(s["deducted"]) + "** | 得分 **" + two(s["score"]) + "** |"), std::string::npos);
    }
    for (const auto& f : result["findings"]) {
        EXPECT_NE(html.find(f["message"].get<std::string>()), std::string::npos);
        for (const auto& c : f.at("cites")) {
            ASSERT_EQ(c.at("law"), "行政处罚法");
            EXPECT_NE(html.find("《中华人民共和国行政处罚法》（2021 年版）第 " + c.at("article").get<std::string>() + " 条"),
                      std::string::npos);
        }
    }
    EXPECT_NE(html.find("一卷一表、联合署名"), std::string::npos);
    EXPECT_NE(md.find("评查人员（签名）"), std::string::npos);
}

TEST_F(ExplainTest, SheetNeedsExactlyOneCase) {
    const Output r = pingcha("eval --rules rules/shenshan --sheet md samples/shenshan/proc-deadline-90-fires.json "
                             "samples/shenshan/proc-deadline-90-exactly-90.json");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(err().find("--sheet 只能用于恰好一个案卷"), std::string::npos) << err();
}

// -------------------------------------------------------------------------- audit

class AuditTest : public ExplainTest {
protected:
    // A store with every sample, a round assigning them, and one run of the round.
    void SetUp() override {
        ExplainTest::SetUp();
        db = dir / "review.db";
        ASSERT_EQ(pingcha("import --db " + q(db) + " samples/shenshan/*.json").status, 0) << err();
        ASSERT_EQ(pingcha("assign --db " + q(db) + " --round R1 --reviewers SS-ZJ SS-CG SS-HJ SS-XF --seed 7").status, 0)
            << err();
        const Output run = pingcha("run --db " + q(db) + " --rules rules/shenshan --round R1 --jobs 1");
        ASSERT_EQ(run.status, 0) << err();
        run_id = std::stoi(run.out);
    }
    fs::path db;
    int run_id = 0;
};

TEST_F(AuditTest, ExplainsTheStoredCaseLikeEval) {
    const std::string file = "samples/shenshan/proc-deadline-90-fires.json";
    const json eval = explained(file);
    const Output r = pingcha("audit --db " + q(db) + " --format json '深汕住建罚〔2024〕24号'");
    ASSERT_EQ(r.status, 0) << err();
    const json audit = json::parse(r.out);
    EXPECT_EQ(audit["run"]["id"], run_id);
    EXPECT_EQ(audit["run"]["round"], "R1");
    EXPECT_FALSE(audit["run"]["reviewer"].is_null());
    EXPECT_NE(audit["run"]["reviewer"], "SS-ZJ");  // never reviews its own files
    json stored_result = eval;
    stored_result.erase("explanation");
    EXPECT_EQ(audit["result"], stored_result);
    EXPECT_EQ(audit["explanation"], eval["explanation"]);

    const Output text = pingcha("audit --db " + q(db) + " --run " + std::to_string(run_id) + " '深汕住建罚〔2024〕24号'");
    ASSERT_EQ(text.status, 0) << err();
    EXPECT_NE(text.out.find("规则包与运行记录一致：shenshan 2025.1"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("days(dates.filed, dates.decided) = 91 > 90 → 真"), std::string::npos);

    ASSERT_EQ(pingcha("audit --db " + q(db) + " '深汕住建罚〔2024〕24号' --sheet md --out " + q(dir / "a.md")).status, 0);
    const std::string md = read(dir / "a.md");
    const std::string reviewer = audit["run"]["reviewer"];
    EXPECT_NE(md.find("| 评查单位 | "), std::string::npos);
    EXPECT_NE(md.find("（" + reviewer + "） |"), std::string::npos) << md;
    EXPECT_NE(md.find("| 评查轮次 | R1 |"), std::string::npos);
    EXPECT_NE(md.find("| 运行编号 | " + std::to_string(run_id) + " |"), std::string::npos);
    EXPECT_NE(md.find("判定：procedure = \"general\" == \"general\" → 真 and days(dates.filed, dates.decided) = 91 &gt; 90 → 真"),
              std::string::npos)
        << md;
}

TEST_F(AuditTest, RefusesAPackThatIsNotTheRunsUnlessTheMatchingOneIsGiven) {
    fs::copy(kSrc / "rules/shenshan", dir / "changed", fs::copy_options::recursive);
    std::ofstream(dir / "changed/pack.pc", std::ios::app) << "\n# 改动：摘要随之改变\n";
    const Output refused = pingcha("audit --db " + q(db) + " '深汕住建罚〔2024〕24号' --rules " + q(dir / "changed"));
    EXPECT_EQ(refused.status, 2);
    EXPECT_TRUE(refused.out.empty());
    EXPECT_NE(err().find("规则包不一致，拒绝解释"), std::string::npos) << err();

    // a run made from a copy that changed afterwards: the recorded path no longer matches …
    fs::copy(kSrc / "rules/shenshan", dir / "copy", fs::copy_options::recursive);
    const Output run2 = pingcha("run --db " + q(db) + " --rules " + q(dir / "copy") + " --jobs 1");
    ASSERT_EQ(run2.status, 0) << err();
    std::ofstream(dir / "copy/pack.pc", std::ios::app) << "\n# 运行之后的改动\n";
    const std::string audit2 = "audit --db " + q(db) + " --run " + std::to_string(std::stoi(run2.out)) +
                               " '深汕住建罚〔2024〕24号'";
    EXPECT_EQ(pingcha(audit2).status, 2);
    EXPECT_NE(err().find("规则包不一致"), std::string::npos) << err();
    // … and the matching pack, wherever it is, is accepted
    EXPECT_EQ(pingcha(audit2 + " --rules rules/shenshan").status, 0) << err();
}

TEST_F(AuditTest, UnknownCaseOrRunIsAClearError) {
    EXPECT_EQ(pingcha("audit --db " + q(db) + " 没有这个案卷").status, 2);
    EXPECT_NE(err().find("评查库中没有案卷「没有这个案卷」"), std::string::npos) << err();
    EXPECT_EQ(pingcha("audit --db " + q(db) + " --run 99 '深汕住建罚〔2024〕24号'").status, 2);
    EXPECT_NE(err().find("评查库中没有运行 99"), std::string::npos) << err();
    EXPECT_EQ(pingcha("audit --db " + q(dir / "none.db") + " x").status, 2);
    EXPECT_NE(err().find("评查库不存在"), std::string::npos) << err();
}

}  // namespace
