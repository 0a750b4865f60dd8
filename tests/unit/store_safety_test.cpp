// Concurrency and injection on the review store, through the real binary: two runs at once,
// a run while other processes read, a run behind another process's long write, the same run
// resumed twice; and case text that looks like SQL, HTML, Markdown or a spreadsheet formula.
#include <chrono>
#include <thread>

#include "store/run_lock.hpp"
#include "store/store.hpp"
#include "store_fixture.hpp"
#include "test_scale.hpp"

namespace {

using namespace pingcha::testing;

class StoreConcurrency : public StoreFixture {
protected:
    void SetUp() override {
        StoreFixture::SetUp();
        const auto r = run_command(pingcha("import " + shell_quoted(cases_file(kCases)), db()) + " 2>&1");
        ASSERT_EQ(r.status, 0) << r.out;
    }
    std::string run(const std::string& extra = "") const {
        return invocation("run --rules rules/demo --jobs 2 " + extra, db());
    }
    std::string run_now(const std::string& extra = "") const { return pingcha("run --rules rules/demo --jobs 2 " + extra, db()); }
    // Enough for runs that take a while (scaled down, the sanitized binary is as slow with fewer).
    const int kCases = static_cast<int>(scaled(3000, 1000));
};

TEST_F(StoreConcurrency, TwoRunsAtOnceBothComplete) {
    Background a(run(), dir_ / "a.out"), b(run(), dir_ / "b.out");
    EXPECT_EQ(a.wait(), 0) << read_text(dir_ / "a.out");
    EXPECT_EQ(b.wait(), 0) << read_text(dir_ / "b.out");
    expect_consistent(db());
    SQLite::Database d(db().string(), SQLite::OPEN_READONLY);
    EXPECT_EQ(d.execAndGet("SELECT count(*) FROM runs WHERE status = 'done' AND case_count = " + std::to_string(kCases)).getInt(), 2);
    EXPECT_EQ(run_results(db(), 1), run_results(db(), 2));
}

// Readers (reports, a plain SQLite reader) never block the run and never see a broken store.
TEST_F(StoreConcurrency, RunWhileOthersRead) {
    ASSERT_EQ(run_command(run_now() + " 2>&1").status, 0);
    Background writer(run(), dir_ / "run.out");
    int reports = 0;
    bool running = true;
    while (running) {
        const auto r = run_command(pingcha("report --run 1 --format json", db()) + " 2>&1");
        ASSERT_EQ(r.status, 0) << r.out;
        ++reports;
        SQLite::Database d(db().string(), SQLite::OPEN_READONLY);
        d.setBusyTimeout(60000);
        const int partial = d.execAndGet("SELECT count(*) FROM results WHERE run_id = 2").getInt();
        EXPECT_LE(partial, kCases);
        running = ::waitpid(writer.pid(), nullptr, WNOHANG) == 0;
    }
    EXPECT_GE(reports, 1);
    expect_consistent(db());
    EXPECT_EQ(run_results(db(), 1), run_results(db(), 2));
}

// Another process holds the store's write lock for three seconds while a run starts and
// writes: the run waits (busy timeout, then retries) instead of failing.
TEST_F(StoreConcurrency, RunWaitsForAnotherWriter) {
    SQLite::Database holder(db().string(), SQLite::OPEN_READWRITE);
    holder.exec("BEGIN IMMEDIATE");
    holder.exec("INSERT INTO rounds (name, seed, reviewers, created_at) VALUES ('占用', 1, '[]', 'now')");
    Background r(run(), dir_ / "run.out");
    std::this_thread::sleep_for(std::chrono::seconds(3));
    holder.exec("COMMIT");
    EXPECT_EQ(r.wait(), 0) << read_text(dir_ / "run.out");
    expect_consistent(db());
}

// While one process executes run 1, `run --resume 1` elsewhere is refused with the holder's
// process id; once the holder is gone the resume goes ahead.
TEST_F(StoreConcurrency, SameRunResumedTwiceIsRefused) {
    ASSERT_EQ(run_command(run_now() + " 2>&1").status, 0);
    {  // make run 1 unfinished: drop the second half of its results
        SQLite::Database d(db().string(), SQLite::OPEN_READWRITE);
        const std::string half = std::to_string(kCases / 2);
        d.exec("DELETE FROM findings WHERE result_id > " + half + "; DELETE FROM results WHERE id > " + half +
               "; UPDATE runs SET status = 'running', finished_at = NULL");
    }
    {
        const pingcha::store::RunLock held(db().string(), 1);  // this process "executes" run 1
        const auto r = run_command(run_now("--resume 1") + " 2>&1");
        EXPECT_EQ(r.status, 2) << r.out;
        EXPECT_NE(r.out.find("运行 1 正在由另一个进程（进程号 " + std::to_string(::getpid()) + "）执行，不能同时续跑"),
                  std::string::npos)
            << r.out;
        SQLite::Database d(db().string(), SQLite::OPEN_READONLY);
        EXPECT_EQ(d.execAndGet("SELECT count(*) FROM results").getInt(), kCases / 2);
    }
    // Two resumes started together: one finishes the run, the other is refused or finds it done.
    Background a(run("--resume 1"), dir_ / "a.out"), b(run("--resume 1"), dir_ / "b.out");
    const int sa = a.wait(), sb = b.wait();
    const std::string out = read_text(dir_ / "a.out") + read_text(dir_ / "b.out");
    EXPECT_TRUE(sa == 0 || sb == 0) << out;
    for (int s : {sa, sb}) EXPECT_TRUE(s == 0 || (s == 2 && out.find("不能同时续跑") != std::string::npos)) << out;
    EXPECT_EQ(out.find("UNIQUE"), std::string::npos) << out;
    expect_consistent(db());
    SQLite::Database d(db().string(), SQLite::OPEN_READONLY);
    EXPECT_EQ(d.execAndGet("SELECT count(*) FROM results WHERE run_id = 1").getInt(), kCases);
    EXPECT_EQ(d.execAndGet("SELECT status FROM runs WHERE id = 1").getString(), "done");
}

// ------------------------------------------------------------------------ injection

class StoreInjection : public StoreFixture {};

// Case text goes into SQL only as bound parameters, and into reports escaped for the format.
TEST_F(StoreInjection, HostileCaseTextIsDataEverywhere) {
    const std::vector<std::pair<std::string, std::string>> hostile = {
        {"'); DROP TABLE cases;--", "=HYPERLINK(\"http://evil.example\",\"点我\")"},
        {"\"; DELETE FROM results; --", "+SUM(1,2)"},
        {"x' OR '1'='1", "-2+3"},
        {"<script>alert(1)</script>", "@SUM(A1:A9)"},
        {"a|b\nc", "<img src=x onerror=alert(1)>|**粗**"},
    };
    nlohmann::ordered_json base = nlohmann::ordered_json::parse(read_text(source_dir() / "samples/demo/clean.json"));
    const fs::path file = dir_ / "hostile.jsonl";
    {
        std::ofstream out(file, std::ios::binary);
        for (const auto& [id, agency] : hostile) {
            base["id"] = id;
            base["agency"]["code"] = agency;
            base["agency"]["name"] = id;
            base["violation"] = id;
            out << base.dump() << "\n";
        }
    }
    auto r = run_command(pingcha("import " + shell_quoted(file), db()) + " 2>&1");
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("新增案卷 5"), std::string::npos) << r.out;
    r = run_command(pingcha("run --rules rules/demo", db()) + " 2>&1");
    ASSERT_EQ(r.status, 0) << r.out;
    r = run_command(pingcha("import " + shell_quoted(file), db()) + " 2>&1");  // looked up by id again
    EXPECT_NE(r.out.find("未变 5"), std::string::npos) << r.out;

    {
        SQLite::Database d(db().string(), SQLite::OPEN_READONLY);
        EXPECT_EQ(d.execAndGet("SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name IN "
                               "('imports', 'cases', 'case_revisions', 'rejects', 'rounds', 'assignments', 'runs', "
                               "'run_cases', 'run_sections', 'results', 'result_sections', 'findings')")
                      .getInt(),
                  12);
        EXPECT_EQ(d.execAndGet("SELECT count(*) FROM results").getInt(), 5);
        SQLite::Statement q(d, "SELECT c.case_id, c.agency_code FROM cases c ORDER BY c.id");
        for (const auto& [id, agency] : hostile) {
            ASSERT_TRUE(q.executeStep());
            EXPECT_EQ(q.getColumn(0).getString(), id);
            EXPECT_EQ(q.getColumn(1).getString(), agency);
        }
    }
    expect_consistent(db());

    const std::string csv = run_command(pingcha("report --run 1 --format csv", db())).out;
    EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\""), std::string::npos) << csv;
    EXPECT_NE(csv.find("\n\"'+SUM(1,2)\","), std::string::npos) << csv;
    EXPECT_NE(csv.find("\n'-2+3,"), std::string::npos) << csv;
    EXPECT_NE(csv.find("\n'@SUM(A1:A9),"), std::string::npos) << csv;
    for (const char* formula : {"\n=", "\n+", "\n-", "\n@", ",=", ",+", ",@", ",\"="})
        EXPECT_EQ(csv.find(formula), std::string::npos) << formula << "\n" << csv;

    const std::string md = run_command(pingcha("report --run 1 --format md", db())).out;
    for (size_t at = md.find('<'); at != std::string::npos; at = md.find('<', at + 1))
        EXPECT_TRUE(at > 0 && md[at - 1] == '\\') << "unescaped < at " << at << "\n" << md;
    EXPECT_NE(md.find("\\<img src=x onerror=alert(1)\\>\\|\\*\\*粗\\*\\*"), std::string::npos) << md;
    EXPECT_NE(md.find("\\<script\\>alert(1)\\</script\\>"), std::string::npos) << md;
    EXPECT_NE(md.find("a\\|b c"), std::string::npos) << md;
    // Every table row still has the header's number of cells.
    std::istringstream lines(md);
    std::string line;
    size_t columns = 0;
    while (std::getline(lines, line)) {
        if (!line.starts_with("|")) {
            columns = 0;
            continue;
        }
        size_t cells = 0;
        for (size_t k = 0; k < line.size(); ++k)
            if (line[k] == '|' && (k == 0 || line[k - 1] != '\\')) ++cells;
        if (columns == 0) columns = cells;
        EXPECT_EQ(cells, columns) << line;
    }

    const std::string json = run_command(pingcha("report --run 1 --format json", db())).out;
    EXPECT_TRUE(nlohmann::json::accept(json)) << json;
}

}  // namespace
