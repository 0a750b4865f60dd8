// A run writing to a store while `pingcha serve` reads it and records an adjudication: every
// page answers (no 500 from a busy store, no hang), the run completes with every case, the
// store passes PRAGMA integrity_check and the decision is stored.
#include <httplib.h>

#include <chrono>
#include <thread>

#include "serve_process.hpp"
#include "store_fixture.hpp"
#include "test_scale.hpp"

namespace {

using namespace pingcha::testing;
using Clock = std::chrono::steady_clock;

// Enough that the run is still writing while the adjudication is posted and the first round
// of pages is requested (scaled down, the sanitized binary is as slow with a tenth of them).
const int kCases = static_cast<int>(scaled(10000));
const std::string kDecided = "深汕住建罚〔2024〕21号";  // samples/demo/batch.jsonl:1, DISC-OUT-OF-RANGE (5 points)

std::string query(const std::string& path, const std::string& run, const std::string& id = "") {
    std::string out = path + "?run=" + run;
    if (!id.empty()) out += "&id=" + httplib::detail::encode_query_param(id);
    return out;
}

class ServeDuringRun : public StoreFixture {
protected:
    void SetUp() override {
        StoreFixture::SetUp();
        const std::string first_of_batch = "head -n 1 " + shell_quoted(source_dir() / "samples/demo/batch.jsonl") +
                                           " > " + shell_quoted(dir_ / "decided.jsonl");
        ASSERT_EQ(run_command(first_of_batch).status, 0);
        const auto imported = run_command(
            pingcha("import " + shell_quoted(cases_file(kCases)) + " " + shell_quoted(dir_ / "decided.jsonl"), db()) +
            " 2>&1");
        ASSERT_EQ(imported.status, 0) << imported.out;
        const auto first = run_command(pingcha("run --rules rules/demo --jobs 1", db()) + " 2>&1");
        ASSERT_EQ(first.status, 0) << first.out;
    }
    int64_t count(const std::string& sql) const {
        SQLite::Database d(db().string(), SQLite::OPEN_READONLY);
        d.setBusyTimeout(60000);
        return d.execAndGet(sql).getInt64();
    }
};

TEST_F(ServeDuringRun, PagesAndAdjudicationAnswerWhileARunWrites) {
    ServeProcess server(db(), dir_ / "serve.log");
    ASSERT_GT(server.port, 0) << read_text(dir_ / "serve.log");
    httplib::Client client("127.0.0.1", server.port);
    client.set_connection_timeout(10);
    client.set_read_timeout(120);  // longer than the store's 60 s busy timeout: a 500 shows, not a timeout
    const auto page = client.Get(query("/case", "1", kDecided).c_str());
    ASSERT_TRUE(page && page->status == 200);
    const std::string cookie = page->get_header_value("Set-Cookie");
    const std::string token = cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
    ASSERT_FALSE(token.empty()) << cookie;

    Background run(invocation("run --rules rules/demo --jobs 1", db()), dir_ / "run.out");
    auto running = [&] {  // without reaping the process, so that run.wait() gives its exit status
        siginfo_t info{};
        return ::waitid(P_PID, static_cast<id_t>(run.pid()), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == 0;
    };
    const auto deadline = Clock::now() + std::chrono::minutes(5);
    while (count("SELECT count(*) FROM runs") < 2 && running() && Clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ASSERT_TRUE(running()) << "the run ended before serve could read beside it:\n" << read_text(dir_ / "run.out");

    int gets = 0, gets_while_running = 0;
    bool posted = false, run_outlived_post = false, finished = false;
    for (int k = 0; !finished && Clock::now() < deadline; ++k) {
        if (!posted) {
            const std::string form = "csrf=" + token + "&run=1&case=" + httplib::detail::encode_query_param(kDecided) +
                                     "&rule=DISC-OUT-OF-RANGE&path=&decision=dismiss&reason=" +
                                     httplib::detail::encode_query_param("并发时裁定") + "&reviewer=%E7%94%B2";
            const httplib::Headers headers = {{"Cookie", "pingcha_csrf=" + token},
                                              {"Origin", "http://127.0.0.1:" + std::to_string(server.port)}};
            const auto res = client.Post("/adjudicate", headers, form, "application/x-www-form-urlencoded");
            ASSERT_TRUE(res) << "adjudication: no answer (" << httplib::to_string(res.error()) << ")";
            ASSERT_EQ(res->status, 303) << res->body.substr(0, 2000);
            posted = true;
            run_outlived_post = running();
        }
        const bool before = running();
        for (const std::string& path : {std::string("/"), query("/cases", "1"), query("/cases", "2"),
                                       query("/case", "1", "案-" + std::to_string(k % kCases)),
                                       query("/case", "1", kDecided)}) {
            const auto res = client.Get(path.c_str());
            ASSERT_TRUE(res) << path << ": no answer (" << httplib::to_string(res.error()) << ")";
            ASSERT_EQ(res->status, 200) << path << "\n" << res->body.substr(0, 2000);
            ++gets;
        }
        if (before) gets_while_running += 5;
        finished = !running();
    }
    ASSERT_TRUE(finished) << "the run did not finish within five minutes";
    EXPECT_EQ(run.wait(), 0) << read_text(dir_ / "run.out");
    EXPECT_TRUE(run_outlived_post) << "the adjudication was not posted while the run was writing";
    // Each kind of page answered at least once while the run was writing.
    EXPECT_GE(gets_while_running, 5) << gets << " pages in all";
    EXPECT_EQ(server.stop(), 0) << read_text(dir_ / "serve.log");

    expect_consistent(db());
    EXPECT_EQ(count("SELECT count(*) FROM runs WHERE id = 2 AND status = 'done'"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM results WHERE run_id = 2"), kCases + 1);
    EXPECT_EQ(count("SELECT count(*) FROM adjudications WHERE run_id = 1 AND rule = 'DISC-OUT-OF-RANGE' AND "
                    "decision = 'dismiss' AND reason = '并发时裁定' AND reviewer = '甲'"),
              1);
    EXPECT_EQ(run_results(db(), 1), run_results(db(), 2));
}

}  // namespace
