// Review rounds (assign) and run reports through the real binary, with the report's numbers
// recomputed from `pingcha eval --format json` on the same sample files.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "review/assign.hpp"
#include "review/diff.hpp"
#include "store/store.hpp"

#include "command.hpp"
#include "report_check.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using Output = pingcha::testing::CommandOutput;
Output sh(const std::string& command) { return pingcha::testing::run_command(command); }

std::string q(const fs::path& p) { return pingcha::testing::shell_quoted(p); }

const fs::path kSrc = PINGCHA_SOURCE_DIR;

// ------------------------------------------------------------- the pure draw

using pingcha::review::draw_assignments;

std::string unit(size_t a) {  // built with += (GCC 12 warns falsely on "literal" + std::string&&)
    std::string s = "U";
    s += std::to_string(a);
    return s;
}
std::string unit_case(size_t a, size_t i) {
    std::string s = unit(a);
    s += '-';
    s += std::to_string(i);
    return s;
}

void check_balanced(const std::vector<pingcha::review::Draw>& draws, const std::vector<std::string>& reviewers) {
    std::map<std::string, size_t> load;
    for (const auto& r : reviewers) load[r] = 0;
    for (const auto& d : draws) {
        EXPECT_NE(d.reviewer, d.agency) << d.case_key;
        ++load.at(d.reviewer);
    }
    size_t lo = SIZE_MAX, hi = 0;
    for (const auto& [_, n] : load) lo = std::min(lo, n), hi = std::max(hi, n);
    EXPECT_LE(hi - lo, 1u);
}

TEST(ReviewAssign, BalancedNeverOwnAgencyAndReproducible) {
    std::map<std::string, std::vector<std::string>> cases;
    for (const char* id : {"a0", "a1", "a2", "a3"}) cases["A"].push_back(id);
    cases["B"] = {"b0"};
    cases["C"] = {"c0"};
    const std::vector<std::string> reviewers = {"A", "B", "C"};
    std::vector<std::string> notes;
    // A must review both other files; B and C share A's four: the only balanced solution.
    const auto d1 = draw_assignments(cases, reviewers, std::nullopt, 5, notes);
    ASSERT_EQ(d1.size(), 6u);
    check_balanced(d1, reviewers);
    const auto d2 = draw_assignments(cases, reviewers, std::nullopt, 5, notes);
    ASSERT_EQ(d1.size(), d2.size());
    for (size_t i = 0; i < d1.size(); ++i) EXPECT_EQ(d1[i].case_key + d1[i].reviewer, d2[i].case_key + d2[i].reviewer);

    // Many random shapes: every feasible one balanced; samples of K per agency.
    for (uint64_t seed = 0; seed < 200; ++seed) {
        std::mt19937_64 rng(seed);
        std::map<std::string, std::vector<std::string>> c;
        const size_t agencies = 1 + pingcha::review::uniform_below(rng, 6);
        for (size_t a = 0; a < agencies; ++a) {
            const size_t n = pingcha::review::uniform_below(rng, 9);
            for (size_t i = 0; i < n; ++i) c[unit(a)].push_back(unit_case(a, i));
        }
        std::vector<std::string> revs;
        const size_t nr = 1 + pingcha::review::uniform_below(rng, 5);
        for (size_t r = 0; r < nr; ++r) revs.push_back(unit(r + pingcha::review::uniform_below(rng, 2)));
        std::sort(revs.begin(), revs.end());
        revs.erase(std::unique(revs.begin(), revs.end()), revs.end());
        const size_t k = 1 + pingcha::review::uniform_below(rng, 4);
        try {
            const auto d = draw_assignments(c, revs, k, seed, notes);
            check_balanced(d, revs);
            std::map<std::string, size_t> per;
            for (const auto& x : d) ++per[x.agency];
            for (const auto& [a, ids] : c) EXPECT_EQ(per[a], std::min(k, ids.size())) << a;
        } catch (const pingcha::store::StoreError&) {
            // Checked separately below that impossible really is impossible for small cases.
        }
    }
}

TEST(ReviewAssign, ImpossibleRequestsAreErrors) {
    std::vector<std::string> notes;
    std::map<std::string, std::vector<std::string>> only_a = {{"A", {"a0", "a1"}}};
    EXPECT_THROW(draw_assignments(only_a, {"A"}, std::nullopt, 1, notes), pingcha::store::StoreError);
    // A has 5 files, B one; reviewers A, B, C must take 2 each, but A can only review B's one.
    std::map<std::string, std::vector<std::string>> skewed = {{"A", {"a0", "a1", "a2", "a3", "a4"}}, {"B", {"b0"}}};
    EXPECT_THROW(draw_assignments(skewed, {"A", "B", "C"}, std::nullopt, 1, notes), pingcha::store::StoreError);
    EXPECT_THROW(draw_assignments(skewed, {"B", "B"}, std::nullopt, 1, notes), pingcha::store::StoreError);
}

TEST(ReviewAssign, UniformDrawIsTheStandardSequence) {
    std::mt19937_64 rng;  // default seed 5489; the standard fixes its 10000th output
    rng.discard(9999);
    EXPECT_EQ(rng(), 9981545732273789042ull);
    std::mt19937_64 a(7), b(7);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(pingcha::review::uniform_below(a, 6), pingcha::review::uniform_below(b, 6));
}

// ------------------------------------------------------------ through the binary

class ReviewCli : public ::testing::Test {
protected:
    void SetUp() override {
        dir = fs::temp_directory_path() / ("pingcha_review_" + std::to_string(getpid()) + "_" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir);
        fs::create_directories(dir);
        db = dir / "review.db";
        for (const auto& f : fs::directory_iterator(kSrc / "samples" / "shenshan"))
            if (f.is_regular_file() && f.path().extension() == ".json") {
                const auto rel = fs::relative(f.path(), kSrc);
                files += ' ';
                files += q(rel);
                std::ifstream in(f.path());
                const auto j = json::parse(in);
                agency_of[j["id"].get<std::string>()] = j["agency"]["code"].get<std::string>();
            }
        ASSERT_EQ(pingcha("import --db " + q(db) + files).status, 0) << err();
        const Output e = sh("cd " + q(kSrc) + " && '" + PINGCHA_BINARY + "' eval --rules rules/shenshan --format json" +
                            files + " 2>/dev/null");
        std::istringstream lines(e.out);
        for (std::string line; std::getline(lines, line);) {
            auto j = json::parse(line);
            evals[j["case"].get<std::string>()] = j;
        }
        ASSERT_EQ(evals.size(), agency_of.size());
    }
    void TearDown() override {
        if (!HasFailure()) fs::remove_all(dir);
    }
    Output pingcha(const std::string& args) {
        return sh("cd " + q(kSrc) + " && '" + PINGCHA_BINARY + "' " + args + " 2>" + q(dir / "stderr.txt"));
    }
    std::string err() {
        std::ifstream in(dir / "stderr.txt");
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }
    // (case id, reviewer) of a round, sorted.
    std::vector<std::pair<std::string, std::string>> round(const std::string& name) {
        SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
        SQLite::Statement s(d, "SELECT c.case_id, a.reviewer FROM assignments a JOIN rounds r ON r.id = a.round_id "
                               "JOIN cases c ON c.id = a.case_ref WHERE r.name = ? ORDER BY 1");
        s.bind(1, name);
        std::vector<std::pair<std::string, std::string>> out;
        while (s.executeStep()) out.emplace_back(s.getColumn(0).getString(), s.getColumn(1).getString());
        return out;
    }
    json report(int64_t run) {
        const fs::path out = dir / ("report" + std::to_string(run) + ".json");
        const Output r = pingcha("report --db " + q(db) + " --run " + std::to_string(run) + " --format json --out " + q(out));
        EXPECT_EQ(r.status, 0) << err();
        std::ifstream in(out);
        return json::parse(in);
    }
    void check_report(const json& rep, const std::set<std::string>& ids) {
        pingcha::testing::expect_report_matches(rep, ids, evals, agency_of);
    }

    fs::path dir, db;
    std::string files;
    std::map<std::string, std::string> agency_of;
    std::map<std::string, json> evals;
};

TEST_F(ReviewCli, AssignSamplesPerAgencyBalancedAndReproducible) {
    const std::string reviewers = " --reviewers SS-ZJ SS-XF SS-SF SS-CG";
    ASSERT_EQ(pingcha("assign --db " + q(db) + " --round r1 --per-agency 3 --seed 11" + reviewers).status, 0) << err();
    EXPECT_NE(err().find("单位 SS-JS 只有 1 件"), std::string::npos) << err();
    const auto r1 = round("r1");
    std::map<std::string, size_t> per_agency, load;
    std::map<std::string, size_t> available;
    for (const auto& [id, a] : agency_of) ++available[a];
    for (const auto& [id, reviewer] : r1) {
        EXPECT_NE(reviewer, agency_of.at(id));
        ++per_agency[agency_of.at(id)];
        ++load[reviewer];
    }
    for (const auto& [a, n] : available) EXPECT_EQ(per_agency[a], std::min<size_t>(3, n)) << a;
    ASSERT_EQ(load.size(), 4u);
    size_t lo = SIZE_MAX, hi = 0;
    for (const auto& [_, n] : load) lo = std::min(lo, n), hi = std::max(hi, n);
    EXPECT_LE(hi - lo, 1u);

    ASSERT_EQ(pingcha("assign --db " + q(db) + " --round r2 --per-agency 3 --seed 11" + reviewers).status, 0) << err();
    EXPECT_EQ(round("r2"), r1);
    ASSERT_EQ(pingcha("assign --db " + q(db) + " --round r3 --per-agency 3 --seed 12" + reviewers).status, 0) << err();
    EXPECT_NE(round("r3"), r1);

    EXPECT_EQ(pingcha("assign --db " + q(db) + " --round r1 --seed 1" + reviewers).status, 2);
    EXPECT_NE(err().find("已存在"), std::string::npos) << err();
    EXPECT_EQ(pingcha("assign --db " + q(db) + " --round solo --seed 1 --reviewers SS-ZJ").status, 2);
    EXPECT_NE(err().find("无法分配"), std::string::npos) << err();
    EXPECT_TRUE(round("solo").empty());

    // A run of the round evaluates exactly its files, and the report says who reviewed what.
    const Output run = pingcha("run --db " + q(db) + " --rules rules/shenshan --round r1 --jobs 2");
    ASSERT_EQ(run.status, 0) << err();
    const int64_t id = std::stoll(run.out);
    const json rep = report(id);
    std::set<std::string> ids;
    for (const auto& [c, _] : r1) ids.insert(c);
    check_report(rep, ids);
    EXPECT_EQ(rep["运行"]["轮次"], "r1");
    std::map<std::string, int64_t> work;
    for (const auto& w : rep["评查单位工作量"]) {
        EXPECT_EQ(w["分配案卷"], w["已评查"]);
        work[w["评查单位"].get<std::string>()] = w["分配案卷"].get<int64_t>();
    }
    for (const auto& [r, n] : load) EXPECT_EQ(work[r], static_cast<int64_t>(n)) << r;
}

TEST_F(ReviewCli, ReportNumbersMatchEval) {
    const Output run = pingcha("run --db " + q(db) + " --rules rules/shenshan --jobs 2");
    ASSERT_EQ(run.status, 0) << err();
    const json rep = report(std::stoll(run.out));
    std::set<std::string> ids;
    for (const auto& [c, _] : agency_of) ids.insert(c);
    check_report(rep, ids);
    EXPECT_EQ(rep["运行"]["状态"], "已完成");
    EXPECT_EQ(rep["合格等级"], json({"优秀", "良好", "合格"}));

    // Typical cases: the 10 lowest scores (ties by case id), and for each of the 10 most
    // frequent defects the lowest-scoring case it hit with exactly that rule's findings.
    std::vector<std::pair<double, std::string>> by_score;
    for (const auto& [id, e] : evals) by_score.emplace_back(e["score"].get<double>(), id);
    std::sort(by_score.begin(), by_score.end());
    const auto& worst = rep["典型案例"]["最低分案卷"];
    ASSERT_EQ(worst.size(), 10u);
    for (size_t i = 0; i < worst.size(); ++i) {
        const std::string id = worst[i]["案卷"];
        EXPECT_EQ(id, by_score[i].second);
        const json& e = evals.at(id);
        ASSERT_EQ(worst[i]["问题"].size(), e["findings"].size()) << id;
        for (size_t k = 0; k < e["findings"].size(); ++k) {
            const json& f = e["findings"][k];
            EXPECT_EQ(worst[i]["问题"][k]["规则"], f["rule"]);
            EXPECT_EQ(worst[i]["问题"][k]["说明"], f["message"]);
            ASSERT_EQ(worst[i]["问题"][k]["依据"].size(), f["cites"].size());
            if (!f["cites"].empty()) {
                std::string cite = "《";
                cite += f["cites"][0]["law"].get<std::string>();
                cite += "》第";
                cite += f["cites"][0]["article"].get<std::string>();
                cite += "条";
                EXPECT_EQ(worst[i]["问题"][k]["依据"][0], cite);
            }
        }
    }
    const auto& examples = rep["典型案例"]["问题示例"];
    ASSERT_EQ(examples.size(), std::min<size_t>(10, rep["问题排行"].size()));
    for (size_t i = 0; i < examples.size(); ++i) {
        const std::string rule = examples[i]["规则"];
        EXPECT_EQ(rule, rep["问题排行"][i]["规则"]);
        std::pair<double, std::string> best{1e18, ""};
        size_t count = 0;
        for (const auto& [id, e] : evals)
            for (const auto& f : e["findings"])
                if (f["rule"] == rule) best = std::min(best, {e["score"].get<double>(), id});
        EXPECT_EQ(examples[i]["案卷"]["案卷"], best.second) << rule;
        for (const auto& f : evals.at(best.second)["findings"]) count += f["rule"] == rule;
        EXPECT_EQ(examples[i]["案卷"]["问题"].size(), count) << rule;
    }

    const Output md = pingcha("report --db " + q(db) + " --run 1 --format md");
    ASSERT_EQ(md.status, 0) << err();
    for (const char* heading : {"# 案卷评查结果汇总", "## 各单位评查结果", "## 各部分扣分", "## 常见问题排行",
                                "## 典型案例汇编", "### 得分最低的 10 件", "### 常见问题示例"})
        EXPECT_NE(md.out.find(heading), std::string::npos) << heading;
    EXPECT_NE(md.out.find("| **合计** | 62 |"), std::string::npos) << md.out;
    const Output csv = pingcha("report --db " + q(db) + " --run 1 --format csv");
    ASSERT_EQ(csv.status, 0) << err();
    EXPECT_EQ(csv.out.rfind("\xEF\xBB\xBF各单位评查结果\n单位,案卷数,平均分,优秀,良好,合格,不合格,合格数,合格率,否决数\n", 0), 0u)
        << csv.out.substr(0, 200);
    EXPECT_NE(csv.out.find("\n合计,62,"), std::string::npos);

    EXPECT_EQ(pingcha("report --db " + q(db) + " --run 9 --format json").status, 2);
    EXPECT_NE(err().find("没有运行 9"), std::string::npos) << err();
}

// A pack revision (优秀 raised to 95) and a re-imported case (no documents): diff lists
// exactly the cases whose score, grade or rules differ between eval with the old pack on
// the old files and eval with the new pack on the new files.
TEST_F(ReviewCli, DiffBetweenRunsMatchesEval) {
    ASSERT_EQ(pingcha("run --db " + q(db) + " --rules rules/shenshan").status, 0) << err();
    fs::copy(kSrc / "rules" / "shenshan", dir / "pack", fs::copy_options::recursive);
    {
        std::ifstream in(dir / "pack" / "pack.pc");
        std::stringstream ss;
        ss << in.rdbuf();
        std::string text = ss.str();
        const auto at = text.find("grade 优秀 >= 90");
        ASSERT_NE(at, std::string::npos);
        text.replace(at, std::string("grade 优秀 >= 90").size(), "grade 优秀 >= 95");
        std::ofstream(dir / "pack" / "pack.pc") << text;
    }
    std::ifstream in(kSrc / "samples/shenshan/clean-general-zj001-no-findings.json");
    auto changed = nlohmann::ordered_json::parse(in);
    changed["documents"] = json::array();
    const std::string changed_id = changed["id"];
    std::ofstream(dir / "changed.json") << changed.dump(2);
    ASSERT_EQ(pingcha("import --db " + q(db) + " " + q(dir / "changed.json")).status, 0) << err();
    ASSERT_EQ(pingcha("run --db " + q(db) + " --rules " + q(dir / "pack")).status, 0) << err();

    std::map<std::string, json> after;
    const Output e = sh("cd " + q(kSrc) + " && '" + PINGCHA_BINARY + "' eval --rules " + q(dir / "pack") +
                        " --format json" + files + " " + q(dir / "changed.json") + " 2>/dev/null");
    std::istringstream lines(e.out);
    for (std::string line; std::getline(lines, line);) {
        auto j = json::parse(line);
        after[j["case"].get<std::string>()] = j;  // the changed file comes last and wins
    }
    auto rules = [](const json& r) {
        std::set<std::string> s;
        for (const auto& f : r["findings"]) s.insert(f["rule"].get<std::string>());
        return s;
    };
    std::set<std::string> want;
    std::map<std::pair<std::string, std::string>, int64_t> transitions;
    for (const auto& [id, before] : evals) {
        const json& now = after.at(id);
        if (before["grade"] != now["grade"]) ++transitions[{before["grade"], now["grade"]}];
        if (before["score"] != now["score"] || before["grade"] != now["grade"] || rules(before) != rules(now))
            want.insert(id);
    }
    ASSERT_TRUE(want.count(changed_id));
    ASSERT_GE(want.size(), 2u) << "the threshold change should move some 90–94 case";

    const Output d = pingcha("diff --db " + q(db) + " --run 1 --run 2 --format json");
    ASSERT_EQ(d.status, 0) << err();
    const json diff = json::parse(d.out);
    EXPECT_EQ(diff["共同案卷"], evals.size());
    EXPECT_EQ(diff["仅在A"], 0);
    EXPECT_EQ(diff["仅在B"], 0);
    std::set<std::string> got;
    for (const auto& c : diff["变化案卷"]) {
        const std::string id = c["案卷"];
        got.insert(id);
        EXPECT_EQ(c["等级A"], evals.at(id)["grade"]);
        EXPECT_EQ(c["等级B"], after.at(id)["grade"]);
        EXPECT_EQ(c["修订B"].get<int>(), id == changed_id ? 2 : 1);
        std::set<std::string> added, removed;
        for (const auto& r : c["新增规则"]) added.insert(r.get<std::string>());
        for (const auto& r : c["消失规则"]) removed.insert(r.get<std::string>());
        std::set<std::string> want_added, want_removed;
        const auto ra = rules(evals.at(id)), rb = rules(after.at(id));
        std::set_difference(rb.begin(), rb.end(), ra.begin(), ra.end(), std::inserter(want_added, want_added.end()));
        std::set_difference(ra.begin(), ra.end(), rb.begin(), rb.end(), std::inserter(want_removed, want_removed.end()));
        EXPECT_EQ(added, want_added) << id;
        EXPECT_EQ(removed, want_removed) << id;
    }
    EXPECT_EQ(got, want);
    std::map<std::pair<std::string, std::string>, int64_t> got_transitions;
    for (const auto& t : diff["等级变化"]) got_transitions[{t["从"], t["到"]}] = t["案卷数"];
    EXPECT_EQ(got_transitions, transitions);

    const Output text = pingcha("diff --db " + q(db) + " --run 1 --run 2");
    EXPECT_NE(text.out.find(changed_id + "（修订 1 → 2）"), std::string::npos) << text.out;
    EXPECT_EQ(pingcha("diff --db " + q(db) + " --run 1 --run 7").status, 2);
}

}  // namespace
