// Adjudication through the real binary: every expected score is recomputed here from the
// findings `pingcha eval --format json` gives for the same sample file, with the decisions
// applied by hand (dismiss: gone; adjust: a deduction of N; confirm: unchanged).
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "core/rational.hpp"

#include "command.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using pingcha::Rational;

namespace {

const fs::path kSrc = PINGCHA_SOURCE_DIR;

std::string q(const fs::path& p) { return pingcha::testing::shell_quoted(p); }

Rational rat(const json& v) { return *Rational::parse_decimal(v.dump()); }

// What the adjudicated score must be: `decisions` maps a finding's index in eval's output to
// "dismiss" or an adjusted number of points.
struct Expected {
    Rational score;
    bool veto = false;
};
Expected expected_after(const json& eval, const std::map<size_t, std::string>& decisions) {
    std::map<std::string, Rational> deducted;
    Expected e;
    const auto& findings = eval["findings"];
    for (size_t i = 0; i < findings.size(); ++i) {
        const auto& f = findings[i];
        const auto d = decisions.find(i);
        if (d != decisions.end() && d->second == "dismiss") continue;
        const std::string section = f["section"];
        if (d != decisions.end()) {
            deducted[section] = *deducted[section].plus(*Rational::parse_decimal(d->second));
        } else if (f["severity"] == "deduct") {
            deducted[section] = *deducted[section].plus(rat(f["points"]));
        } else if (f["severity"] == "veto") {
            e.veto = true;
        }
    }
    for (const auto& s : eval["sections"]) {
        const Rational max = rat(s["max"]);
        const Rational d = std::min(max, deducted[s["id"].get<std::string>()]);
        e.score = *e.score.plus(*max.minus(d));
    }
    if (e.veto) e.score = Rational{0};  // the Shenshan pack: veto grade 不合格 score 0
    return e;
}

std::string shenshan_grade(const Expected& e) {
    if (e.veto) return "不合格";
    if (e.score >= Rational{90}) return "优秀";
    if (e.score >= Rational{80}) return "良好";
    if (e.score >= Rational{60}) return "合格";
    return "不合格";
}

class Adjudication : public ::testing::Test {
protected:
    void SetUp() override {
        dir = fs::temp_directory_path() / ("pingcha-adj-" + std::to_string(::getpid()) + "-" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir);
        fs::create_directories(dir);
        db = dir / "review.db";
        for (const char* name : {"score-several-sections-grade-hege", "law-sez-shenzhen-regulation-fires",
                                 "doc-missing-two-documents-fires", "clean-general-zj001-no-findings"}) {
            const fs::path file = kSrc / "samples/shenshan" / (std::string(name) + ".json");
            files += " " + q(file);
            const auto out = pingcha::testing::run_command(std::string(PINGCHA_BINARY) +
                                                           " eval --rules " + q(kSrc / "rules/shenshan") +
                                                           " --format json " + q(file));
            const json j = json::parse(out.out);
            evals[name] = j;
        }
        ASSERT_EQ(pingcha("import --db " + q(db) + files).status, 0) << err();
        const auto run = pingcha("run --db " + q(db) + " --rules " + q(kSrc / "rules/shenshan") + " --jobs 1");
        ASSERT_EQ(run.status, 0) << err();
        ASSERT_EQ(run.out, "1\n");
    }
    void TearDown() override { fs::remove_all(dir); }

    pingcha::testing::CommandOutput pingcha(const std::string& args) {
        return pingcha::testing::run_command(std::string(PINGCHA_BINARY) + " " + args + " 2>" + q(dir / "err.txt"));
    }
    std::string err() {
        std::ifstream in(dir / "err.txt");
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
    // adjudicate … --format json, which must succeed.
    json decide(const std::string& case_id, const std::string& rule, const std::string& more) {
        const auto out = pingcha("adjudicate --db " + q(db) + " --run 1 --case " + q(case_id) + " --rule " + rule +
                                 " --reviewer 督察甲 --format json " + more);
        EXPECT_EQ(out.status, 0) << err();
        return out.status == 0 ? json::parse(out.out) : json();
    }
    int64_t rows() {
        SQLite::Database d(db.string());
        return d.execAndGet("SELECT count(*) FROM adjudications").getInt64();
    }
    void expect_outcome(const json& outcome, const Expected& e) {
        EXPECT_EQ(rat(outcome["score"]), e.score) << outcome;
        EXPECT_EQ(outcome["veto"], e.veto);
        EXPECT_EQ(outcome["grade"], shenshan_grade(e));
    }

    fs::path dir, db;
    std::string files;
    std::map<std::string, json> evals;
};

TEST_F(Adjudication, ConfirmDismissAdjustChangeTheScoreExactly) {
    const json& eval = evals["score-several-sections-grade-hege"];
    const std::string id = eval["case"];
    // Findings (in eval's order): 0 EVIDENCE-AFTER-DECISION 3, 1 LAW-OUTDATED-VERSION 5,
    // 2 DISC-OUT-OF-RANGE 5, 3 PROC-DEADLINE-90 3, …
    ASSERT_EQ(eval["findings"][1]["rule"], "LAW-OUTDATED-VERSION");
    ASSERT_EQ(eval["findings"][2]["rule"], "DISC-OUT-OF-RANGE");

    json out = decide(id, "PROC-DEADLINE-90", "--decision confirm --reason " + q("超期属实"));
    expect_outcome(out["engine"], expected_after(eval, {}));
    expect_outcome(out["adjudicated"], expected_after(eval, {}));

    out = decide(id, "LAW-OUTDATED-VERSION", "--decision dismiss --reason " + q("引用版本经核实正确"));
    expect_outcome(out["adjudicated"], expected_after(eval, {{1, "dismiss"}}));
    EXPECT_EQ(out["adjudicated"]["grade"], "良好");  // 75 + 5 = 80 crosses a band

    out = decide(id, "DISC-OUT-OF-RANGE", "--decision adjust --points 1.5 --reason " + q("偏离较小"));
    expect_outcome(out["adjudicated"], expected_after(eval, {{1, "dismiss"}, {2, "1.5"}}));
    EXPECT_EQ(rat(out["adjudicated"]["score"]), *Rational::parse_decimal("83.5"));

    // The text output names the new score and grade.
    const auto text = pingcha("adjudicate --db " + q(db) + " --run 1 --case " + q(id) +
                              " --rule EVIDENCE-AFTER-DECISION --decision confirm --reason 属实 --reviewer 乙");
    ASSERT_EQ(text.status, 0) << err();
    EXPECT_NE(text.out.find("裁定后评分：83.5 分，良好"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("引擎评分：75 分，合格"), std::string::npos) << text.out;
    EXPECT_EQ(rows(), 4);
}

TEST_F(Adjudication, DismissingEveryVetoLiftsTheVeto) {
    const json& eval = evals["law-sez-shenzhen-regulation-fires"];
    const std::string id = eval["case"];
    ASSERT_EQ(eval["findings"][0]["rule"], "LAW-SEZ");
    ASSERT_EQ(eval["findings"][1]["rule"], "LAW-SEZ");
    // Two findings of one rule: --path is required and names the element.
    const auto ambiguous = pingcha("adjudicate --db " + q(db) + " --run 1 --case " + q(id) +
                                   " --rule LAW-SEZ --decision dismiss --reason x --reviewer y");
    EXPECT_EQ(ambiguous.status, 2);
    EXPECT_NE(err().find("请用 --path 指明"), std::string::npos) << err();
    EXPECT_NE(err().find("--path basis[0]"), std::string::npos) << err();
    EXPECT_EQ(rows(), 0);

    json out = decide(id, "LAW-SEZ", "--path 'basis[0]' --decision dismiss --reason " + q("该条已被撤回"));
    expect_outcome(out["adjudicated"], expected_after(eval, {{0, "dismiss"}}));
    EXPECT_TRUE(out["adjudicated"]["veto"].get<bool>());  // the other veto still stands
    out = decide(id, "LAW-SEZ", "--path '#2' --decision dismiss --reason " + q("同上"));
    expect_outcome(out["adjudicated"], expected_after(eval, {{0, "dismiss"}, {1, "dismiss"}}));
    EXPECT_FALSE(out["adjudicated"]["veto"].get<bool>());
    EXPECT_EQ(out["adjudicated"]["grade"], "优秀");
    EXPECT_EQ(out["engine"]["grade"], "不合格");
    // Adjusting a veto makes it a deduction of N points in its section.
    out = decide(id, "LAW-SEZ", "--path 'basis[1]' --decision adjust --points 20 --reason " + q("改为扣分"));
    expect_outcome(out["adjudicated"], expected_after(eval, {{0, "dismiss"}, {1, "20"}}));
}

TEST_F(Adjudication, SecondDecisionSupersedesTheFirstAndHistoryKeepsBoth) {
    const json& eval = evals["doc-missing-two-documents-fires"];
    const std::string id = eval["case"];
    const json first = decide(id, "DOC-MISSING", "--path '#1' --decision dismiss --reason " + q("文书在副卷"));
    expect_outcome(first["adjudicated"], expected_after(eval, {{0, "dismiss"}}));
    const json second = decide(id, "DOC-MISSING", "--path '#1' --decision adjust --points 1 --reason " + q("副卷文书不全"));
    EXPECT_EQ(second["supersedes"], first["id"]);
    expect_outcome(second["adjudicated"], expected_after(eval, {{0, "1"}}));
    EXPECT_EQ(rows(), 2);  // nothing deleted

    const auto h = pingcha("history --db " + q(db) + " --case " + q(id) + " --format json");
    ASSERT_EQ(h.status, 0) << err();
    const json hist = json::parse(h.out);
    ASSERT_EQ(hist["revisions"].size(), 1u);
    EXPECT_EQ(hist["revisions"][0]["revision"], 1);
    ASSERT_EQ(hist["runs"].size(), 1u);
    const auto& run = hist["runs"][0];
    EXPECT_EQ(run["engine"]["score"], eval["score"]);
    expect_outcome(run["adjudicated"], expected_after(eval, {{0, "1"}}));
    ASSERT_EQ(run["findings"].size(), eval["findings"].size());
    ASSERT_EQ(run["adjudications"].size(), 2u);
    EXPECT_EQ(run["adjudications"][0]["decision"], "dismiss");
    EXPECT_EQ(run["adjudications"][0]["superseded_by"], second["id"]);
    EXPECT_FALSE(run["adjudications"][0]["in_force"].get<bool>());
    EXPECT_EQ(run["adjudications"][1]["decision"], "adjust");
    EXPECT_EQ(run["adjudications"][1]["points"], 1);
    EXPECT_TRUE(run["adjudications"][1]["in_force"].get<bool>());
    EXPECT_EQ(run["adjudications"][1]["reviewer"], "督察甲");
    EXPECT_EQ(run["adjudications"][1]["reason"], "副卷文书不全");

    const auto text = pingcha("history --db " + q(db) + " --case " + q(id));
    ASSERT_EQ(text.status, 0) << err();
    EXPECT_NE(text.out.find("撤销 DOC-MISSING #1：文书在副卷　［已被 #" + second["id"].dump() + " 取代］"),
              std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("调整 DOC-MISSING #1（扣 1 分）：副卷文书不全"), std::string::npos) << text.out;

    // A new revision and a second run appear in the history; the first run's decisions stay there.
    json record = json::parse(std::ifstream(kSrc / "samples/shenshan/doc-missing-two-documents-fires.json"));
    record["cause"] = "修订后的案由";
    std::ofstream(dir / "rev2.json") << record.dump();
    ASSERT_EQ(pingcha("import --db " + q(db) + " " + q(dir / "rev2.json")).status, 0) << err();
    ASSERT_EQ(pingcha("run --db " + q(db) + " --rules " + q(kSrc / "rules/shenshan") + " --jobs 1").status, 0);
    const json again = json::parse(pingcha("history --db " + q(db) + " --case " + q(id) + " --format json").out);
    ASSERT_EQ(again["revisions"].size(), 2u);
    ASSERT_EQ(again["runs"].size(), 2u);
    EXPECT_EQ(again["runs"][0]["adjudications"].size(), 2u);
    EXPECT_EQ(again["runs"][1]["revision"], 2);
    EXPECT_EQ(again["runs"][1]["adjudications"].size(), 0u);
    const json only2 = json::parse(pingcha("history --db " + q(db) + " --case " + q(id) + " --run 2 --format json").out);
    EXPECT_EQ(only2["runs"].size(), 1u);
}

TEST_F(Adjudication, TriggersRefuseUpdateAndDelete) {
    const json& eval = evals["doc-missing-two-documents-fires"];
    decide(eval["case"], "DOC-MISSING", "--path '#2' --decision confirm --reason ok");
    SQLite::Database d(db.string(), SQLite::OPEN_READWRITE);
    EXPECT_THROW(d.exec("UPDATE adjudications SET reason = 'changed'"), SQLite::Exception);
    EXPECT_THROW(d.exec("DELETE FROM adjudications"), SQLite::Exception);
    // An insert that does not extend the finding's chain is refused as well.
    EXPECT_THROW(d.exec("INSERT INTO adjudications (run_id, result_id, finding_id, case_id, rule, path, decision, "
                        "reason, reviewer, decided_at) SELECT run_id, result_id, finding_id, case_id, rule, path, "
                        "'dismiss', 'x', 'y', 'now' FROM adjudications"),
                 SQLite::Exception);
    EXPECT_EQ(d.execAndGet("SELECT count(*) FROM adjudications").getInt64(), 1);
    EXPECT_EQ(d.execAndGet("SELECT reason FROM adjudications").getString(), "ok");
}

TEST_F(Adjudication, BadRequestsAreRefusedAndStoreNothing) {
    const std::string id = evals["score-several-sections-grade-hege"]["case"];
    const std::string base = "adjudicate --db " + q(db) + " --run 1 --reviewer 甲 --reason 理由 ";
    struct Bad {
        std::string args, message;
    };
    const Bad bad[] = {
        {"--case " + q(id) + " --rule NO-SUCH --decision confirm", "没有规则 NO-SUCH 的问题"},
        {"--case 不存在 --rule PROC-DEADLINE-90 --decision confirm", "运行 1 中没有案卷「不存在」"},
        {"--case " + q(id) + " --rule PROC-DEADLINE-90 --decision adjust", "须用 --points"},
        {"--case " + q(id) + " --rule PROC-DEADLINE-90 --decision dismiss --points 1", "--points 只用于 adjust"},
        {"--case " + q(id) + " --rule PROC-DEADLINE-90 --decision adjust --points 26", "超过问题所在部分「执法程序」的满分 25"},
        {"--case " + q(id) + " --rule PROC-DEADLINE-90 --decision adjust --points -1", "不能为负数"},
        {"--case " + q(id) + " --rule PROC-DEADLINE-90 --decision adjust --points abc", "不是数值"},
        {"--case " + q(id) + " --rule DOC-MISSING --path '#9' --decision confirm", "没有 --path 为「#9」的问题"},
        {"--case " + q(evals["clean-general-zj001-no-findings"]["case"].get<std::string>()) +
             " --rule PROC-DEADLINE-90 --decision confirm",
         "该案卷没有任何问题"},
    };
    for (const auto& b : bad) {
        EXPECT_EQ(pingcha(base + b.args).status, 2) << b.args;
        EXPECT_NE(err().find(b.message), std::string::npos) << b.args << "\n" << err();
    }
    EXPECT_EQ(pingcha("adjudicate --db " + q(db) + " --run 9 --case " + q(id) +
                      " --rule PROC-DEADLINE-90 --decision confirm --reason x --reviewer y")
                  .status,
              2);
    EXPECT_NE(err().find("没有运行 9"), std::string::npos) << err();
    EXPECT_EQ(pingcha("adjudicate --db " + q(db) + " --run 1 --case " + q(id) +
                      " --rule PROC-DEADLINE-90 --decision confirm --reason ' ' --reviewer y")
                  .status,
              2);
    EXPECT_NE(err().find("须写明理由"), std::string::npos) << err();
    // A run made before the store kept the exact scoring standard cannot be re-scored.
    SQLite::Database(db.string(), SQLite::OPEN_READWRITE).exec("UPDATE runs SET scoring = NULL");
    EXPECT_EQ(pingcha(base + "--case " + q(id) + " --rule PROC-DEADLINE-90 --decision confirm").status, 2);
    EXPECT_NE(err().find("创建于评查库第 2 版之前"), std::string::npos) << err();
    EXPECT_EQ(rows(), 0);
}

TEST_F(Adjudication, ReportsShowEngineAndAdjudicatedResults) {
    const json& eval = evals["score-several-sections-grade-hege"];
    decide(eval["case"], "LAW-OUTDATED-VERSION", "--decision dismiss --reason 核实无误");
    const Expected after = expected_after(eval, {{1, "dismiss"}});
    const auto out = pingcha("report --db " + q(db) + " --run 1 --format json");
    ASSERT_EQ(out.status, 0) << err();
    const json rep = json::parse(out.out);
    double engine_sum = 0, adjudicated_sum = 0;
    for (const auto& [name, e] : evals) {
        engine_sum += e["score"].get<double>();
        adjudicated_sum += e["case"] == eval["case"] ? after.score.to_double() : e["score"].get<double>();
    }
    const auto& total = rep["合计"];
    EXPECT_DOUBLE_EQ(total["平均分"].get<double>(), std::round(engine_sum / 4 * 100) / 100);
    EXPECT_DOUBLE_EQ(total["裁定平均分"].get<double>(), std::round(adjudicated_sum / 4 * 100) / 100);
    EXPECT_EQ(total["已裁定案卷"], 1);
    EXPECT_EQ(total["等级分布"]["合格"], 1);
    EXPECT_EQ(total["裁定等级分布"]["合格"], 0);
    EXPECT_EQ(total["裁定等级分布"]["良好"], total["等级分布"]["良好"].get<int>() + 1);
    ASSERT_EQ(rep["裁定"]["案卷"].size(), 1u);
    EXPECT_EQ(rep["裁定"]["案卷"][0]["案卷"], eval["case"]);
    EXPECT_EQ(rep["裁定"]["案卷"][0]["得分"], "75");
    EXPECT_EQ(rep["裁定"]["案卷"][0]["裁定得分"], "80");
    EXPECT_EQ(rep["裁定"]["案卷"][0]["裁定等级"], "良好");
    for (const auto& c : rep["典型案例"]["最低分案卷"])
        if (c["案卷"] == eval["case"]) {
            EXPECT_EQ(c["裁定得分"], "80");
        }

    const auto md = pingcha("report --db " + q(db) + " --run 1 --format md");
    EXPECT_NE(md.out.find("## 裁定结果"), std::string::npos);
    EXPECT_NE(md.out.find("| " + eval["case"].get<std::string>() + " | SS-YJ | 75 | 合格 | 80 | 良好 | 1 |"),
              std::string::npos)
        << md.out;
    const auto csv = pingcha("report --db " + q(db) + " --run 1 --format csv");
    EXPECT_NE(csv.out.find("\n" + eval["case"].get<std::string>() + ",SS-YJ,75,合格,80,良好,1\n"), std::string::npos)
        << csv.out;
}

}  // namespace
