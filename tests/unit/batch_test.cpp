// `pingcha gen` and the generated batch in samples/batch/, through the real binary:
// reproducibility, planted defects against what the Shenshan pack finds, the committed
// batch against a fresh regeneration, and a whole cross-review on it (import → assign →
// run → report → second run → diff) checked against `pingcha eval` on the same files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "command.hpp"
#include "report_check.hpp"
#include "test_scale.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using Output = pingcha::testing::CommandOutput;
using pingcha::testing::shell_quoted;

const fs::path kSrc = PINGCHA_SOURCE_DIR;
const std::string kBin = shell_quoted(PINGCHA_BINARY);

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<json> json_lines(const std::string& text) {
    std::vector<json> out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) out.push_back(json::parse(line));
    return out;
}

class BatchTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir = fs::temp_directory_path() / ("pingcha_batch_" + std::to_string(getpid()) + "_" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir);
        fs::create_directories(dir);
        db = dir / "review.db";
    }
    void TearDown() override {
        if (!HasFailure()) fs::remove_all(dir);
    }
    // Runs the binary from the source directory; stderr goes to a file (see err()).
    Output pingcha(const std::string& args) {
        return pingcha::testing::run_command("cd " + shell_quoted(kSrc) + " && " + kBin + " " + args + " 2>" +
                                             shell_quoted(dir / "stderr.txt"));
    }
    std::string err() { return slurp(dir / "stderr.txt"); }

    fs::path dir, db;
};

// ----------------------------------------------------------------------- gen

TEST_F(BatchTest, SameSeedGivesTheSameBytes) {
    const Output a = pingcha("gen --n 150 --seed 9");
    ASSERT_EQ(a.status, 0) << err();
    EXPECT_NE(err().find("生成案卷 150 件（种子 9）"), std::string::npos) << err();
    const Output b = pingcha("gen --n 150 --seed 9");
    EXPECT_EQ(a.out, b.out);
    EXPECT_NE(pingcha("gen --n 150 --seed 10").out, a.out);
    const auto records = json_lines(a.out);
    ASSERT_EQ(records.size(), 150u);
    std::set<std::string> ids, agencies;
    for (const auto& r : records) {
        ids.insert(r["id"].get<std::string>());
        agencies.insert(r["agency"]["code"].get<std::string>());
        EXPECT_EQ(r["format"], "case-file/1");
        EXPECT_EQ(r["territory"], "shenshan");
    }
    EXPECT_EQ(ids.size(), records.size()) << "case ids are unique";
    EXPECT_EQ(agencies, (std::set<std::string>{"SS-CG", "SS-GT", "SS-HJ", "SS-SJ", "SS-YJ", "SS-ZJ"}));

    // --out writes the same bytes; --out-dir writes the same records one file each.
    ASSERT_EQ(pingcha("gen --n 150 --seed 9 --out " + shell_quoted(dir / "a.jsonl")).status, 0) << err();
    EXPECT_EQ(slurp(dir / "a.jsonl"), a.out);
    ASSERT_EQ(pingcha("gen --n 150 --seed 9 --out-dir " + shell_quoted(dir / "files")).status, 0) << err();
    std::vector<fs::path> files;
    for (const auto& f : fs::directory_iterator(dir / "files")) files.push_back(f.path());
    std::sort(files.begin(), files.end());
    ASSERT_EQ(files.size(), 150u);
    EXPECT_EQ(files.front().filename(), "case-0001.json");
    for (size_t i = 0; i < files.size(); ++i) EXPECT_EQ(json::parse(slurp(files[i])), records[i]) << files[i];
}

TEST_F(BatchTest, BadDefectRateIsRefused) {
    for (const char* rate : {"1.5", "-0.1", "abc", "0.1234567"}) {
        EXPECT_EQ(pingcha(std::string("gen --n 3 --seed 1 --defect-rate ") + rate).status, 2) << rate;
        EXPECT_NE(err().find("--defect-rate"), std::string::npos) << err();
    }
    const Output clean = pingcha("gen --n 50 --seed 1 --defect-rate 0 --manifest " + shell_quoted(dir / "m.jsonl"));
    ASSERT_EQ(clean.status, 0) << err();
    for (const auto& m : json_lines(slurp(dir / "m.jsonl"))) EXPECT_TRUE(m["defects"].empty()) << m;
}

// Every planted defect makes exactly the rules it names fire, clean files get nothing
// (score 100, no warnings), and the whole defect catalog is exercised.
TEST_F(BatchTest, PlantedDefectsAreExactlyWhatThePackFinds) {
    const fs::path cases = dir / "cases.jsonl", manifest = dir / "manifest.jsonl";
    const size_t n = pingcha::testing::scaled(4000, 1000);
    ASSERT_EQ(pingcha("gen --n " + std::to_string(n) + " --seed 4 --defect-rate 0.6 --out " + shell_quoted(cases) +
                      " --manifest " +
                      shell_quoted(manifest))
                  .status,
              0)
        << err();
    const Output e = pingcha("eval --rules rules/shenshan --format json " + shell_quoted(cases));
    ASSERT_EQ(e.status, 0) << err();
    const auto evals = pingcha::testing::eval_results(e.out);
    const auto planted = json_lines(slurp(manifest));
    ASSERT_EQ(evals.size(), planted.size());
    std::set<std::string> seen_defects;
    size_t clean = 0;
    for (const auto& m : planted) {
        const json& r = evals.at(m["id"].get<std::string>());
        std::set<std::string> fired, want;
        for (const auto& f : r["findings"]) fired.insert(f["rule"].get<std::string>());
        for (const auto& rule : m["rules"]) want.insert(rule.get<std::string>());
        for (const auto& d : m["defects"]) seen_defects.insert(d.get<std::string>());
        EXPECT_EQ(fired, want) << m.dump() << "\n" << r.dump();
        EXPECT_TRUE(r["warnings"].empty()) << r.dump();
        if (m["defects"].empty()) {
            ++clean;
            EXPECT_EQ(r["score"], 100) << r.dump();
        }
    }
    EXPECT_GT(clean, n * 7 / 20);  // 40 % clean, ± 5 points
    EXPECT_LT(clean, n * 9 / 20);
    EXPECT_EQ(seen_defects.size(), 23u) << "every defect of the catalog is planted somewhere";
}

// ------------------------------------------------------------- samples/batch

// The command that made samples/batch/, as recorded in its README.
std::string recorded_gen_arguments() {
    const std::string readme = slurp(kSrc / "samples" / "batch" / "README.md");
    std::smatch m;
    const std::regex command(R"(build/cli/pingcha gen (--n \d+ --seed \d+)[^\n]*--out-dir samples/batch)");
    if (!std::regex_search(readme, m, command)) return {};
    return m[1];
}

TEST_F(BatchTest, CommittedBatchEqualsAFreshRegeneration) {
    const std::string args = recorded_gen_arguments();
    ASSERT_FALSE(args.empty()) << "samples/batch/README.md must record the gen command";
    ASSERT_EQ(pingcha("gen " + args + " --out-dir " + shell_quoted(dir / "batch") + " --manifest " +
                      shell_quoted(dir / "batch" / "manifest.jsonl"))
                  .status,
              0)
        << err();
    std::set<std::string> fresh, committed;
    for (const auto& f : fs::directory_iterator(dir / "batch")) fresh.insert(f.path().filename().string());
    for (const auto& f : fs::directory_iterator(kSrc / "samples" / "batch"))
        if (f.path().filename() != "README.md") committed.insert(f.path().filename().string());
    ASSERT_EQ(committed, fresh);
    EXPECT_GE(fresh.size(), 300u);
    for (const auto& name : fresh)
        EXPECT_EQ(slurp(kSrc / "samples" / "batch" / name), slurp(dir / "batch" / name))
            << "samples/batch/" << name << " differs from `pingcha gen " << args << "`; regenerate, do not edit";
}

// import → assign (the six agencies review each other) → run → report json/md/csv → a
// second run with a revised pack → diff, every number checked against eval on the same files.
TEST_F(BatchTest, CrossReviewOfTheBatchMatchesEval) {
    std::string files;
    std::map<std::string, std::string> agency_of;
    for (const auto& f : fs::directory_iterator(kSrc / "samples" / "batch")) {
        if (f.path().extension() != ".json") continue;
        files += ' ';
        files += shell_quoted(fs::relative(f.path(), kSrc));
        const json j = json::parse(slurp(f.path()));
        agency_of[j["id"].get<std::string>()] = j["agency"]["code"].get<std::string>();
    }
    const Output e = pingcha("eval --rules rules/shenshan --format json" + files);
    ASSERT_EQ(e.status, 0) << err();
    const auto evals = pingcha::testing::eval_results(e.out);
    ASSERT_EQ(evals.size(), agency_of.size());

    ASSERT_EQ(pingcha("import --db " + shell_quoted(db) + files).status, 0) << err();
    EXPECT_NE(err().find("新增案卷 " + std::to_string(evals.size()) + "，新修订 0，未变 0，拒收 0"), std::string::npos)
        << err();
    const std::string six = " --reviewers SS-ZJ SS-CG SS-HJ SS-SJ SS-YJ SS-GT";
    ASSERT_EQ(pingcha("assign --db " + shell_quoted(db) + " --round 2025-交叉 --per-agency 12 --seed 31" + six).status, 0)
        << err();
    std::set<std::string> round_ids;
    {
        SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
        SQLite::Statement s(d, "SELECT c.case_id, a.reviewer FROM assignments a JOIN cases c ON c.id = a.case_ref");
        while (s.executeStep()) {
            const std::string id = s.getColumn(0).getString();
            round_ids.insert(id);
            EXPECT_NE(s.getColumn(1).getString(), agency_of.at(id)) << "never reviews its own files";
        }
    }
    EXPECT_EQ(round_ids.size(), 6u * 12u);

    // The round's run, then the whole batch.
    const Output round_run = pingcha("run --db " + shell_quoted(db) + " --rules rules/shenshan --round 2025-交叉 --jobs 2");
    ASSERT_EQ(round_run.status, 0) << err();
    const Output all_run = pingcha("run --db " + shell_quoted(db) + " --rules rules/shenshan --jobs 2");
    ASSERT_EQ(all_run.status, 0) << err();
    const std::string all = std::to_string(std::stoll(all_run.out));

    auto report = [&](const std::string& run, const std::string& format) {
        const fs::path out = dir / ("report-" + run + "." + format);
        EXPECT_EQ(pingcha("report --db " + shell_quoted(db) + " --run " + run + " --format " + format + " --out " +
                          shell_quoted(out))
                      .status,
                  0)
            << err();
        return slurp(out);
    };
    pingcha::testing::expect_report_matches(json::parse(report(std::to_string(std::stoll(round_run.out)), "json")),
                                            round_ids, evals, agency_of);
    const json rep = json::parse(report(all, "json"));
    std::set<std::string> all_ids;
    for (const auto& [id, _] : evals) all_ids.insert(id);
    pingcha::testing::expect_report_matches(rep, all_ids, evals, agency_of);

    // The Markdown and CSV tables carry the same per-agency numbers as the JSON report.
    const std::string md = report(all, "md"), csv = report(all, "csv");
    for (const auto& row : rep["各单位"]) {
        const std::string unit = row["单位"], cases = std::to_string(row["案卷数"].get<int64_t>());
        EXPECT_NE(md.find("| " + unit + " | " + cases + " |"), std::string::npos) << unit << "\n" << md.substr(0, 2000);
        EXPECT_NE(csv.find("\n" + unit + "," + cases + ","), std::string::npos) << unit;
    }
    EXPECT_NE(md.find("| **合计** | " + std::to_string(evals.size()) + " |"), std::string::npos);
    EXPECT_NE(csv.find("\n合计," + std::to_string(evals.size()) + ","), std::string::npos);

    // A revised pack (优秀 from 95) moves exactly the 优秀 files scoring under 95 to 良好.
    fs::copy(kSrc / "rules" / "shenshan", dir / "pack", fs::copy_options::recursive);
    std::string pack = slurp(dir / "pack" / "pack.pc");
    const std::string from = "grade 优秀 >= 90";
    ASSERT_NE(pack.find(from), std::string::npos);
    pack.replace(pack.find(from), from.size(), "grade 优秀 >= 95");
    std::ofstream(dir / "pack" / "pack.pc") << pack;
    const Output second = pingcha("run --db " + shell_quoted(db) + " --rules " + shell_quoted(dir / "pack") + " --jobs 2");
    ASSERT_EQ(second.status, 0) << err();
    const Output d = pingcha("diff --db " + shell_quoted(db) + " --run " + all + " --run " +
                             std::to_string(std::stoll(second.out)) + " --format json");
    ASSERT_EQ(d.status, 0) << err();
    const json diff = json::parse(d.out);
    std::set<std::string> moved;
    for (const auto& [id, r] : evals)
        if (r["grade"] == "优秀" && r["score"].get<double>() < 95) moved.insert(id);
    ASSERT_FALSE(moved.empty());
    EXPECT_EQ(diff["共同案卷"], evals.size());
    std::set<std::string> changed;
    for (const auto& c : diff["变化案卷"]) {
        changed.insert(c["案卷"].get<std::string>());
        EXPECT_EQ(c["等级A"], "优秀");
        EXPECT_EQ(c["等级B"], "良好");
        EXPECT_TRUE(c["新增规则"].empty() && c["消失规则"].empty());
    }
    EXPECT_EQ(changed, moved);
    ASSERT_EQ(diff["等级变化"].size(), 1u);
    EXPECT_EQ(diff["等级变化"][0]["案卷数"], moved.size());
}

}  // namespace
