// A scratch review store for the crash, concurrency and injection tests: generated case
// files, the real binary started in the background (to be killed or run side by side) and
// the invariants every store must keep whatever happened to the process writing it.
#pragma once
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "command.hpp"

namespace pingcha::testing {

namespace fs = std::filesystem;

// A process running `command` through /bin/sh in the source folder (exec'd, so the pid is
// the command's own and a kill reaches it).
class Background {
public:
    Background(const std::string& command, const fs::path& output) {
        pid_ = ::fork();
        if (pid_ == 0) {
            if (::chdir(PINGCHA_SOURCE_DIR) != 0) ::_exit(126);
            const std::string line = "exec " + command + " >" + shell_quoted(output) + " 2>&1";
            ::execl("/bin/sh", "sh", "-c", line.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
    }
    ~Background() {
        if (pid_ > 0 && !waited_) {
            ::kill(pid_, SIGKILL);
            wait();
        }
    }
    void kill() { ::kill(pid_, SIGKILL); }
    // Exit status, or -signal.
    int wait() {
        int status = 0;
        ::waitpid(pid_, &status, 0);
        waited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? -WTERMSIG(status) : -1000;
    }
    pid_t pid() const { return pid_; }

private:
    pid_t pid_ = -1;
    bool waited_ = false;
};

inline std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A temporary folder with a store path, case files and the binary.
class StoreFixture : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("pingcha-store-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    static std::string binary() { return shell_quoted(PINGCHA_BINARY); }
    static fs::path source_dir() { return PINGCHA_SOURCE_DIR; }
    fs::path db() const { return dir_ / "review.db"; }
    // The command line for Background (which starts in the source folder) …
    std::string invocation(const std::string& args, const fs::path& store) const {
        return binary() + " " + args + " --db " + shell_quoted(store);
    }
    // … and for run_command.
    std::string pingcha(const std::string& args, const fs::path& store) const {
        return "cd " + shell_quoted(source_dir()) + " && " + invocation(args, store);
    }

    // `count` copies of the demo's clean case (ids 案-0 … 案-<count-1>, agencies cycling
    // through three codes) as one JSON Lines file.
    fs::path cases_file(size_t count, const std::string& name = "cases.jsonl", const std::string& id_prefix = "案-") {
        nlohmann::ordered_json base = nlohmann::ordered_json::parse(read_text(source_dir() / "samples/demo/clean.json"));
        const fs::path file = dir_ / name;
        std::ofstream out(file, std::ios::binary);
        const char* agencies[] = {"SS-ZJ", "SS-CG", "SS-HJ"};
        for (size_t k = 0; k < count; ++k) {
            base["id"] = id_prefix + std::to_string(k);
            base["agency"]["code"] = agencies[k % 3];
            out << base.dump() << "\n";
        }
        return file;
    }

    fs::path dir_;
};

// What must hold in any store after any interruption.
inline void expect_consistent(const fs::path& store) {
    SQLite::Database d(store.string(), SQLite::OPEN_READONLY);
    EXPECT_EQ(d.execAndGet("PRAGMA integrity_check").getString(), "ok");
    SQLite::Statement fk(d, "PRAGMA foreign_key_check");
    EXPECT_FALSE(fk.executeStep()) << "foreign key violation in " << fk.getColumn(0).getString();
    // Every case points at its latest revision, and revisions are numbered without gaps.
    EXPECT_EQ(d.execAndGet("SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_revisions r "
                           "WHERE r.case_ref = c.id AND r.revision = c.latest_revision)")
                  .getInt(),
              0);
    // A result is stored with all its sections and all its findings, or not at all.
    SQLite::Statement results(d,
                              "SELECT r.id, r.result_json, ru.grading, "
                              "(SELECT count(*) FROM result_sections s WHERE s.result_id = r.id), "
                              "(SELECT count(*) FROM findings f WHERE f.result_id = r.id) "
                              "FROM results r JOIN runs ru ON ru.id = r.run_id");
    while (results.executeStep()) {
        const auto result = nlohmann::json::parse(results.getColumn(1).getString());
        const auto grading = nlohmann::json::parse(results.getColumn(2).getString());
        EXPECT_EQ(results.getColumn(3).getInt(), static_cast<int>(grading["sections"].size()));
        EXPECT_EQ(results.getColumn(4).getInt(), static_cast<int>(result["findings"].size()));
        // The section rows (a view over results.deductions and run_sections) say what eval's line says.
        SQLite::Statement sec(d, "SELECT section, name, deducted_value FROM result_sections WHERE result_id = ? ORDER BY seq");
        sec.bind(1, results.getColumn(0).getInt64());
        for (const auto& expected : result["sections"]) {
            ASSERT_TRUE(sec.executeStep());
            EXPECT_EQ(sec.getColumn(0).getString(), expected["id"].get<std::string>());
            EXPECT_EQ(sec.getColumn(1).getString(), expected["name"].get<std::string>());
            EXPECT_DOUBLE_EQ(sec.getColumn(2).getDouble(), expected["deducted"].get<double>());
        }
    }
    // A run marked done has a result for every case it set out to evaluate.
    EXPECT_EQ(d.execAndGet("SELECT count(*) FROM runs r WHERE status = 'done' AND case_count != "
                           "(SELECT count(*) FROM results x WHERE x.run_id = r.id)")
                  .getInt(),
              0);
    EXPECT_EQ(d.execAndGet("SELECT count(*) FROM runs r WHERE case_count != "
                           "(SELECT count(*) FROM run_cases x WHERE x.run_id = r.id)")
                  .getInt(),
              0);
}

// Row counts of the tables an import writes.
inline std::map<std::string, int64_t> import_counts(const fs::path& store) {
    SQLite::Database d(store.string(), SQLite::OPEN_READONLY);
    std::map<std::string, int64_t> out;
    for (const char* t : {"imports", "cases", "case_revisions", "rejects"})
        out[t] = d.execAndGet(std::string("SELECT count(*) FROM ") + t).getInt64();
    return out;
}

// revision source → result_json of every result of `run`.
inline std::map<std::string, std::string> run_results(const fs::path& store, int64_t run) {
    SQLite::Database d(store.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(d,
                        "SELECT c.case_id, r.result_json FROM results r JOIN case_revisions cr ON cr.id = r.revision_id "
                        "JOIN cases c ON c.id = cr.case_ref WHERE r.run_id = ?");
    q.bind(1, run);
    std::map<std::string, std::string> out;
    while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getString();
    return out;
}

}  // namespace pingcha::testing
