// Crash safety: `import` and `run` are killed with SIGKILL at random moments, many times
// (seeded, bounded in time), and the store is then checked: PRAGMA integrity_check, foreign
// keys, every result complete with its sections and findings, and by counting that nothing
// committed was lost and nothing half-written is visible. A killed run is then resumed and
// must give exactly the results of an uninterrupted run; a killed adjudication is stored
// whole or not at all, with the supersession chain intact.
//
// Each command is a KillScenario (prepare the store, the command to kill, what must hold
// afterwards); a new store-writing command is covered by adding one.
// PINGCHA_CRASH_SEED and PINGCHA_CRASH_SECONDS (per scenario, default 12) override the
// defaults; the seed of a failing iteration is printed.
#include <chrono>
#include <cstdlib>
#include <functional>
#include <random>
#include <thread>

#include "review/adjudication.hpp"
#include "store_fixture.hpp"
#include "test_scale.hpp"

namespace {

using namespace pingcha::testing;
using Clock = std::chrono::steady_clock;

struct KillScenario {
    std::string name;
    // Builds the store every iteration starts from.
    std::function<void(const fs::path& store)> prepare;
    // The command to kill, working on `store`.
    std::function<std::string(const fs::path& store)> command;
    // Checks `store` after the kill; `reference` is the store after an uninterrupted command.
    std::function<void(const fs::path& store, const fs::path& reference)> verify;
};

uint64_t env_number(const char* name, uint64_t fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::strtoull(v, nullptr, 10) : fallback;
}

void copy_store(const fs::path& from, const fs::path& to) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
        fs::remove(to.string() + suffix);
        if (fs::exists(from.string() + suffix))
            fs::copy_file(from.string() + suffix, to.string() + suffix, fs::copy_options::overwrite_existing);
    }
}

class CrashSafety : public StoreFixture {
protected:
    // Runs the scenario once to completion (the reference and its duration), then kills it
    // at uniformly random moments within that duration until the time budget is spent.
    void exercise(const KillScenario& s) {
        const fs::path base = dir_ / (s.name + "-base.db");
        const fs::path reference = dir_ / (s.name + "-reference.db");
        s.prepare(base);
        copy_store(base, reference);
        const auto t0 = Clock::now();
        {
            Background full(s.command(reference), dir_ / "reference.out");
            ASSERT_EQ(full.wait(), 0) << read_text(dir_ / "reference.out");
        }
        const auto duration = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0);

        const uint64_t seed = env_number("PINGCHA_CRASH_SEED", 20261127);
        const auto budget = std::chrono::seconds(env_number("PINGCHA_CRASH_SECONDS", 12));
        std::mt19937_64 random(seed);
        std::uniform_int_distribution<int64_t> moment(0, duration.count());
        const fs::path store = dir_ / (s.name + ".db");
        int iterations = 0, killed = 0;
        const auto start = Clock::now();
        while (iterations < 4 || (Clock::now() - start < budget && iterations < 200)) {
            ++iterations;
            copy_store(base, store);
            const auto delay = std::chrono::microseconds(moment(random));
            Background p(s.command(store), dir_ / "killed.out");
            std::this_thread::sleep_for(delay);
            p.kill();
            if (p.wait() == -SIGKILL) ++killed;
            SCOPED_TRACE(s.name + ": seed " + std::to_string(seed) + ", iteration " + std::to_string(iterations) +
                         ", killed after " + std::to_string(delay.count()) + " µs");
            s.verify(store, reference);
            if (HasFailure()) return;
        }
        std::cerr << s.name << ": " << iterations << " iterations, " << killed << " killed mid-way (reference "
                  << duration.count() / 1000 << " ms, seed " << seed << ")\n";
        EXPECT_GT(killed, 0);
    }

    void import_into(const fs::path& store, const fs::path& file) {
        const auto r = run_command(pingcha("import " + shell_quoted(file), store) + " 2>&1");
        ASSERT_EQ(r.status, 0) << r.out;
    }
};

// An import is one transaction: after a kill the store holds either none of the batch or
// all of it (new cases, new revisions of known cases, rejects and the import row).
TEST_F(CrashSafety, KilledImportIsAllOrNothing) {
    const fs::path first = cases_file(300, "first.jsonl");
    const fs::path second = cases_file(3000, "second.jsonl");
    {  // the second batch repeats the first's 300 cases unchanged and has one reject
        std::ofstream out(second, std::ios::app);
        out << "{\"format\":\"case-file/1\",\"id\":\"坏\",\"dates\":{\"decided\":\"2024-02-30\"}}\n";
    }
    KillScenario s{
        "import",
        [&](const fs::path& store) { import_into(store, first); },
        [&](const fs::path& store) { return invocation("import " + shell_quoted(second), store); },
        [&](const fs::path& store, const fs::path& reference) {
            expect_consistent(store);
            const auto after = import_counts(store);
            const auto before = import_counts(dir_ / "import-base.db");
            EXPECT_TRUE(after == before || after == import_counts(reference))
                << "imports " << after.at("imports") << ", cases " << after.at("cases") << ", revisions "
                << after.at("case_revisions") << ", rejects " << after.at("rejects");
        }};
    exercise(s);
}

// Results are committed in batches: after a kill every stored result is complete, the run is
// not marked done unless it is, and `run --resume` finishes it with the reference results.
TEST_F(CrashSafety, KilledRunResumesToTheSameResults) {
    // Scaled down, still two commits by count (every 500 results) besides those by time.
    const fs::path cases = cases_file(scaled(4000, 1000));
    KillScenario s{
        "run",
        [&](const fs::path& store) { import_into(store, cases); },
        [&](const fs::path& store) { return invocation("run --rules rules/demo --jobs 2", store); },
        [&](const fs::path& store, const fs::path& reference) {
            expect_consistent(store);
            int64_t run = 0;
            {
                SQLite::Database d(store.string(), SQLite::OPEN_READONLY);
                run = d.execAndGet("SELECT coalesce(max(id), 0) FROM runs").getInt64();
            }
            if (run == 0) return;  // killed before the run was created: nothing to resume
            const auto r = run_command(pingcha("run --rules rules/demo --resume " + std::to_string(run), store) + " 2>&1");
            ASSERT_EQ(r.status, 0) << r.out;
            expect_consistent(store);
            EXPECT_EQ(run_results(store, run), run_results(reference, 1));
        }};
    exercise(s);
}

// Every row of `adjudications` but its time, in order.
std::vector<std::string> adjudication_rows(const fs::path& store) {
    SQLite::Database d(store.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(d,
                        "SELECT id, run_id, result_id, finding_id, case_id, rule, path, decision, "
                        "coalesce(points, ''), reason, reviewer, coalesce(supersedes, 0) FROM adjudications ORDER BY id");
    std::vector<std::string> rows;
    while (q.executeStep()) {
        std::string row;
        for (int c = 0; c < q.getColumnCount(); ++c) row += q.getColumn(c).getString() + "|";
        rows.push_back(row);
    }
    return rows;
}

// An adjudication is one transaction: after a kill the store holds the decisions made before
// and either all of the new one (superseding the latest) or nothing of it, and the
// adjudicated score is the one those decisions give.
TEST_F(CrashSafety, KilledAdjudicationIsAllOrNothing) {
    const std::string case_id = "深汕住建罚〔2024〕24号";  // one finding, PROC-DEADLINE-90, 3 points; engine 97
    const std::string decide = "adjudicate --run 1 --case " + shell_quoted(case_id) +
                               " --rule PROC-DEADLINE-90 --reviewer 督察甲 --reason 复核 --decision ";
    KillScenario s{
        "adjudicate",
        [&](const fs::path& store) {
            import_into(store, source_dir() / "samples/shenshan/proc-deadline-90-fires.json");
            for (const std::string& args : {std::string("run --rules rules/shenshan --jobs 1"), decide + "dismiss",
                                           decide + "adjust --points 1"}) {
                const auto r = run_command(pingcha(args, store) + " 2>&1");
                ASSERT_EQ(r.status, 0) << args << "\n" << r.out;
            }
        },
        [&](const fs::path& store) { return invocation(decide + "confirm", store); },
        [&](const fs::path& store, const fs::path& reference) {
            expect_consistent(store);
            const auto before = adjudication_rows(dir_ / "adjudicate-base.db");
            const auto after = adjudication_rows(store);
            const auto complete = adjudication_rows(reference);
            ASSERT_EQ(before.size(), 2u);
            ASSERT_EQ(complete.size(), 3u);
            EXPECT_TRUE(after == before || after == complete) << after.size() << " rows";
            SQLite::Database d(store.string(), SQLite::OPEN_READONLY);
            // Each decision supersedes the one before it on the same finding; the first none.
            EXPECT_EQ(d.execAndGet("SELECT count(*) FROM adjudications a WHERE a.supersedes IS NOT "
                                   "(SELECT max(b.id) FROM adjudications b WHERE b.finding_id = a.finding_id "
                                   "AND b.id < a.id)")
                          .getInt(),
                      0);
            const auto audit = pingcha::review::load_case_audit(d, 1, case_id);
            EXPECT_EQ(audit.engine.score.to_decimal_string(), "97");
            EXPECT_EQ(audit.adjudicated.score.to_decimal_string(), after.size() == 3 ? "97" : "99");
            EXPECT_EQ(audit.adjudications.size(), after.size());
        }};
    exercise(s);
}

}  // namespace
