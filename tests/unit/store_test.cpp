// End-to-end tests of the review store through the real binary: import, run (with a
// SIGKILL midway and --resume), assign and report, checked against `pingcha eval --format
// json` on the same files. Databases live in a fresh temporary directory per test.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "review/assign.hpp"
#include "store/canonical_json.hpp"
#include "store/store.hpp"

#include "command.hpp"
#include "test_scale.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using Output = pingcha::testing::CommandOutput;
Output sh(const std::string& command) { return pingcha::testing::run_command(command); }

std::string q(const fs::path& p) { return pingcha::testing::shell_quoted(p); }
const std::string kBin = pingcha::testing::shell_quoted(PINGCHA_BINARY);
const fs::path kSrc = PINGCHA_SOURCE_DIR;

std::vector<fs::path> sample_files() {
    std::vector<fs::path> out;
    for (const auto& f : fs::directory_iterator(kSrc / "samples" / "shenshan"))
        if (f.is_regular_file() && f.path().extension() == ".json") out.push_back(fs::relative(f.path(), kSrc));
    std::sort(out.begin(), out.end());
    return out;
}

std::string joined(const std::vector<fs::path>& files) {
    std::string s;
    for (const auto& f : files) {
        s += ' ';
        s += q(f);
    }
    return s;
}

class StoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir = fs::temp_directory_path() /
              ("pingcha_store_" + std::to_string(getpid()) + "_" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir);
        fs::create_directories(dir);
        db = dir / "review.db";
    }
    void TearDown() override {
        if (!HasFailure()) fs::remove_all(dir);
    }
    // Runs the binary from the source directory (so `source` fields match eval's).
    Output pingcha(const std::string& args, const std::string& env = "") {
        return sh("cd " + q(kSrc) + " && " + env + " " + kBin + " " + args + " 2>" + q(dir / "stderr.txt"));
    }
    std::string last_stderr() {
        std::ifstream in(dir / "stderr.txt");
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }
    int64_t count(const std::string& sql) {
        SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
        return d.execAndGet(sql).getInt64();
    }
    // case id → eval's JSON result line, for the given inputs (paths relative to the source dir).
    std::map<std::string, json> eval(const std::string& inputs) {
        const Output r = sh("cd " + q(kSrc) + " && " + kBin + " eval --rules rules/shenshan --format json" + inputs +
                            " 2>/dev/null");
        std::map<std::string, json> out;
        std::istringstream lines(r.out);
        for (std::string line; std::getline(lines, line);) {
            auto j = json::parse(line);
            if (!j.contains("error")) out[j["case"].get<std::string>()] = j;
        }
        return out;
    }
    // Writes `copies` copies of every sample as JSON Lines, ids suffixed `-k`; returns case id → agency.
    std::map<std::string, std::string> write_batch(const fs::path& out, int copies) {
        std::ofstream o(out);
        std::map<std::string, std::string> agency;
        for (const auto& f : sample_files()) {
            std::ifstream in(kSrc / f);
            const auto base = nlohmann::ordered_json::parse(in);
            for (int k = 0; k < copies; ++k) {
                auto c = base;
                c["id"] = base["id"].get<std::string>() + "-" + std::to_string(k);
                agency[c["id"].get<std::string>()] = c["agency"]["code"].get<std::string>();
                o << c.dump() << "\n";
            }
        }
        return agency;
    }

    fs::path dir, db;
};

// ------------------------------------------------------------------------ import

TEST_F(StoreTest, ImportStoresRevisionsAndRejects) {
    const auto files = sample_files();
    Output r = pingcha("import --db " + q(db) + joined(files));
    ASSERT_EQ(r.status, 0) << last_stderr();
    EXPECT_NE(last_stderr().find("新增案卷 62，新修订 0，未变 0，拒收 0"), std::string::npos) << last_stderr();
    EXPECT_EQ(count("SELECT count(*) FROM cases"), static_cast<int64_t>(files.size()));

    // The same records again, re-laid out as one JSON array with shuffled keys: unchanged.
    json all = json::array();
    for (const auto& f : files) {
        std::ifstream in(kSrc / f);
        all.push_back(json::parse(in));  // json (not ordered_json) sorts the keys
    }
    std::ofstream(dir / "all.json") << all.dump(1);
    r = pingcha("import --db " + q(db) + " " + q(dir / "all.json"));
    ASSERT_EQ(r.status, 0) << last_stderr();
    EXPECT_NE(last_stderr().find("新增案卷 0，新修订 0，未变 62，拒收 0"), std::string::npos) << last_stderr();

    // One changed record, one new, two bad ones.
    std::ifstream in(kSrc / files[0]);
    auto changed = nlohmann::ordered_json::parse(in);
    const std::string id = changed["id"];
    changed["cause"] = "改动后的案由";
    auto fresh = changed;
    fresh["id"] = "新案卷-1";
    std::ofstream(dir / "batch.jsonl") << changed.dump() << "\n"
                                       << fresh.dump() << "\n"
                                       << "{not json\n"
                                       << R"({"format":"case-file/1","id":"坏日期","dates":{"decided":"2024-02-30"}})"
                                       << "\n";
    r = pingcha("import --db " + q(db) + " " + q(dir / "batch.jsonl"));
    ASSERT_EQ(r.status, 0) << last_stderr();
    EXPECT_NE(last_stderr().find("新增案卷 1，新修订 1，未变 0，拒收 2"), std::string::npos) << last_stderr();

    SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
    SQLite::Statement revs(d,
                           "SELECT cr.revision, cr.record_json FROM case_revisions cr JOIN cases c ON c.id = "
                           "cr.case_ref WHERE c.case_id = ? ORDER BY cr.revision");
    revs.bind(1, id);
    std::vector<std::string> texts;
    while (revs.executeStep()) texts.push_back(revs.getColumn(1).getString());
    ASSERT_EQ(texts.size(), 2u);  // the old revision is kept
    EXPECT_EQ(json::parse(texts[0])["cause"], json::parse(std::ifstream(kSrc / files[0]))["cause"]);
    EXPECT_EQ(json::parse(texts[1])["cause"], "改动后的案由");
    EXPECT_EQ(texts[1], json::parse(texts[1]).dump()) << "canonical: sorted keys, compact";
    EXPECT_EQ(d.execAndGet("SELECT latest_revision FROM cases WHERE case_id = '" + id + "'").getInt(), 2);

    SQLite::Statement rej(d, "SELECT source, coalesce(case_id, ''), field, message FROM rejects ORDER BY id");
    std::vector<std::vector<std::string>> rejects;
    while (rej.executeStep())
        rejects.push_back({rej.getColumn(0).getString(), rej.getColumn(1).getString(), rej.getColumn(2).getString(),
                           rej.getColumn(3).getString()});
    ASSERT_EQ(rejects.size(), 2u);
    EXPECT_NE(rejects[0][0].find("batch.jsonl:3"), std::string::npos);
    EXPECT_NE(rejects[1][0].find("batch.jsonl:4"), std::string::npos);
    EXPECT_EQ(rejects[1][1], "坏日期");
    EXPECT_EQ(rejects[1][2], "dates.decided");
    EXPECT_EQ(d.execAndGet("SELECT group_concat(rejected) FROM imports ORDER BY id").getString(), "0,0,2");
}

TEST_F(StoreTest, KilledImportLeavesStoreAsBefore) {
    const auto files = sample_files();
    ASSERT_EQ(pingcha("import --db " + q(db) + joined(files)).status, 0) << last_stderr();
    write_batch(dir / "batch.jsonl", 5);
    const Output r = pingcha("import --db " + q(db) + " " + q(dir / "batch.jsonl"),
                             "PINGCHA_TEST_KILL_AT=import-before-commit");
    EXPECT_TRUE(r.status == -SIGKILL || r.status == 128 + SIGKILL) << r.status;  // via the shell
    EXPECT_EQ(count("SELECT count(*) FROM imports"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM cases"), static_cast<int64_t>(files.size()));
    EXPECT_EQ(count("SELECT count(*) FROM case_revisions"), static_cast<int64_t>(files.size()));
    {
        SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
        EXPECT_EQ(d.execAndGet("PRAGMA integrity_check").getString(), "ok");
    }
    // And the store still works: the same batch imports normally afterwards.
    ASSERT_EQ(pingcha("import --db " + q(db) + " " + q(dir / "batch.jsonl")).status, 0) << last_stderr();
    EXPECT_EQ(count("SELECT count(*) FROM cases"), static_cast<int64_t>(files.size() * 6));
}

TEST_F(StoreTest, NewerOrForeignDatabaseIsRefused) {
    ASSERT_EQ(pingcha("import --db " + q(db) + " " + q(sample_files()[0])).status, 0) << last_stderr();
    EXPECT_EQ(count("PRAGMA user_version"), pingcha::store::schema_version());
    {
        SQLite::Database d(db.string(), SQLite::OPEN_READWRITE);
        EXPECT_EQ(d.execAndGet("PRAGMA journal_mode").getString(), "wal");
        d.exec("PRAGMA user_version = 99");
    }
    Output r = pingcha("import --db " + q(db) + " " + q(sample_files()[1]));
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(last_stderr().find("结构版本为 99"), std::string::npos) << last_stderr();
    EXPECT_EQ(count("SELECT count(*) FROM cases"), 1);

    const fs::path other = dir / "other.db";
    {
        SQLite::Database d(other.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        d.exec("CREATE TABLE t (x)");
    }
    r = pingcha("import --db " + q(other) + " " + q(sample_files()[0]));
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(last_stderr().find("不是 pingcha 评查库"), std::string::npos) << last_stderr();

    r = pingcha("run --db " + q(dir / "missing.db") + " --rules rules/shenshan");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(last_stderr().find("评查库不存在"), std::string::npos) << last_stderr();
}

TEST(StoreCanonicalJson, SortsKeysKeepsNumbersAsWritten) {
    std::string error;
    const auto n = pingcha::store::parse_json_node(R"( {"b": 1.50, "a": {"y": [1, "x\u00e9"], "x": null}, "b": 12345678901234567890123} )", error);
    ASSERT_TRUE(n) << error;
    EXPECT_EQ(pingcha::store::canonical_text(*n), R"({"a":{"x":null,"y":[1,"xé"]},"b":12345678901234567890123})");
    EXPECT_FALSE(pingcha::store::parse_json_node("{} {}", error));
    EXPECT_FALSE(pingcha::store::parse_json_node("{\"a\":", error));
}

// --------------------------------------------------------------------------- run

// Every stored result equals `pingcha eval --format json` on the same file, byte for byte.
TEST_F(StoreTest, RunResultsEqualEval) {
    const auto files = sample_files();
    ASSERT_EQ(pingcha("import --db " + q(db) + joined(files)).status, 0) << last_stderr();
    const Output r = pingcha("run --db " + q(db) + " --rules rules/shenshan --jobs 2");
    ASSERT_EQ(r.status, 0) << last_stderr();
    EXPECT_EQ(r.out, "1\n");
    // Not a terminal: plain progress lines, the last one complete.
    EXPECT_NE(last_stderr().find("进度 62/62（100%）"), std::string::npos) << last_stderr();
    EXPECT_EQ(last_stderr().find('\r'), std::string::npos);
    const auto expected = eval(joined(files));
    ASSERT_EQ(expected.size(), files.size());
    SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
    SQLite::Statement s(d,
                        "SELECT c.case_id, r.result_json, r.score_value, r.grade, r.veto, r.id FROM results r JOIN "
                        "case_revisions cr ON cr.id = r.revision_id JOIN cases c ON c.id = cr.case_ref "
                        "WHERE r.run_id = 1");
    size_t n = 0;
    while (s.executeStep()) {
        ++n;
        const std::string id = s.getColumn(0).getString();
        ASSERT_TRUE(expected.count(id)) << id;
        const json& want = expected.at(id);
        EXPECT_EQ(json::parse(s.getColumn(1).getString()), want) << id;
        EXPECT_DOUBLE_EQ(s.getColumn(2).getDouble(), want["score"].get<double>()) << id;
        EXPECT_EQ(s.getColumn(3).getString(), want["grade"]) << id;
        EXPECT_EQ(s.getColumn(4).getInt() == 1, want["veto"].get<bool>()) << id;
        SQLite::Statement f(d, "SELECT rule, severity, points_value FROM findings WHERE result_id = ? ORDER BY seq");
        f.bind(1, s.getColumn(5).getInt64());
        size_t i = 0;
        while (f.executeStep()) {
            ASSERT_LT(i, want["findings"].size()) << id;
            EXPECT_EQ(f.getColumn(0).getString(), want["findings"][i]["rule"]) << id;
            EXPECT_EQ(f.getColumn(1).getString(), want["findings"][i]["severity"]) << id;
            const auto& pts = want["findings"][i]["points"];
            EXPECT_DOUBLE_EQ(f.getColumn(2).getDouble(), pts.is_number() ? pts.get<double>() : 0.0) << id;
            ++i;
        }
        EXPECT_EQ(i, want["findings"].size()) << id;
    }
    EXPECT_EQ(n, files.size());
    EXPECT_EQ(d.execAndGet("SELECT status || ' ' || case_count FROM runs WHERE id = 1").getString(), "done 62");

    // An unknown round is an error that leaves no run behind.
    EXPECT_EQ(pingcha("run --db " + q(db) + " --rules rules/shenshan --round 无此轮次").status, 2);
    EXPECT_NE(last_stderr().find("没有评查轮次「无此轮次」"), std::string::npos) << last_stderr();
    EXPECT_EQ(d.execAndGet("SELECT count(*) FROM runs").getInt(), 1);
}

// SIGKILL `pingcha run` midway (after some results are committed, before all), then
// --resume: exactly one result per case, each equal to eval's.
TEST_F(StoreTest, KilledRunResumesWithExactlyOneResultPerCase) {
    // 2480 cases (scaled down, 1,550).
    // At least three commits by count (500 results each), so that a kill after the first one
    // finds the run still writing, even with the sanitized binary.
    write_batch(dir / "batch.jsonl", static_cast<int>(pingcha::testing::scaled(40, 25)));
    ASSERT_EQ(pingcha("import --db " + q(db) + " " + q(dir / "batch.jsonl")).status, 0) << last_stderr();
    const int64_t total = count("SELECT count(*) FROM cases");

    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        if (chdir(PINGCHA_SOURCE_DIR) != 0) _exit(127);
        const int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execl(PINGCHA_BINARY, PINGCHA_BINARY, "run", "--db", db.c_str(), "--rules", "rules/shenshan", "--jobs", "1",
              static_cast<char*>(nullptr));
        _exit(127);
    }
    int64_t at_kill = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        try {
            at_kill = count("SELECT count(*) FROM results");
        } catch (const SQLite::Exception&) {  // the run has not created its tables' rows yet
        }
        if (at_kill > 0) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the run finished before it could be killed; make the batch bigger";
    const int64_t after_kill = count("SELECT count(*) FROM results");
    EXPECT_GT(after_kill, 0);
    EXPECT_LT(after_kill, total);
    EXPECT_EQ(count("SELECT count(*) FROM runs WHERE status = 'running'"), 1);

    const Output r = pingcha("run --db " + q(db) + " --rules rules/shenshan --jobs 2 --resume 1");
    ASSERT_EQ(r.status, 0) << last_stderr();
    EXPECT_EQ(r.out, "1\n");
    EXPECT_NE(last_stderr().find("此前已完成 " + std::to_string(after_kill) + " 件"), std::string::npos)
        << last_stderr();
    EXPECT_EQ(count("SELECT count(*) FROM results WHERE run_id = 1"), total);
    EXPECT_EQ(count("SELECT count(DISTINCT revision_id) FROM results WHERE run_id = 1"), total);
    EXPECT_EQ(count("SELECT count(*) FROM run_cases rc WHERE NOT EXISTS (SELECT 1 FROM results r WHERE r.run_id = "
                    "rc.run_id AND r.revision_id = rc.revision_id)"),
              0);
    EXPECT_EQ(count("SELECT count(*) FROM runs WHERE id = 1 AND status = 'done'"), 1);

    // Results after the resume equal eval's on the same file.
    const auto expected = eval(" " + q(dir / "batch.jsonl"));
    ASSERT_EQ(static_cast<int64_t>(expected.size()), total);
    SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
    SQLite::Statement s(d, "SELECT c.case_id, r.score_value, r.grade, (SELECT count(*) FROM findings f WHERE "
                           "f.result_id = r.id) FROM results r JOIN case_revisions cr ON cr.id = r.revision_id "
                           "JOIN cases c ON c.id = cr.case_ref");
    while (s.executeStep()) {
        const json& want = expected.at(s.getColumn(0).getString());
        EXPECT_DOUBLE_EQ(s.getColumn(1).getDouble(), want["score"].get<double>());
        EXPECT_EQ(s.getColumn(2).getString(), want["grade"]);
        EXPECT_EQ(static_cast<size_t>(s.getColumn(3).getInt64()), want["findings"].size());
    }

    // Resuming a finished run does nothing; a different pack is refused.
    EXPECT_EQ(pingcha("run --db " + q(db) + " --rules rules/shenshan --resume 1").status, 0) << last_stderr();
    EXPECT_EQ(count("SELECT count(*) FROM results"), total);
    EXPECT_EQ(pingcha("run --db " + q(db) + " --rules rules/demo --resume 1").status, 2);
    EXPECT_NE(last_stderr().find("不能续跑"), std::string::npos) << last_stderr();
}

// ------------------------------------------------------------------------ CSV

// Flattens a sample into CSV cells (column header → cell) following docs/store.md; false
// when the sample uses something the CSV layout cannot say (empty strings or lists, nulls,
// lists inside list items).
bool flatten(const pingcha::store::JsonNode& n, const std::string& path, std::map<std::string, std::string>& cells);

std::string raw(const pingcha::store::JsonNode& n, std::string& type) {
    const std::string& s = n.scalar;
    if (s[0] == '"') {
        type = "";
        return json::parse(s).get<std::string>();
    }
    type = (s == "true" || s == "false") ? ":bool" : ":number";
    return s;
}

std::string escape_item(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == ';' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

bool flatten(const pingcha::store::JsonNode& n, const std::string& path, std::map<std::string, std::string>& cells) {
    using K = pingcha::store::JsonNode::Kind;
    if (n.kind == K::object) {
        for (const auto& [k, v] : n.members)
            if (!flatten(v, path.empty() ? k : path + "." + k, cells)) return false;
        return true;
    }
    if (n.kind == K::scalar) {
        if (n.scalar == "null" || n.scalar == "\"\"") return false;
        std::string type;
        const std::string v = raw(n, type);
        cells[path + type] = v;
        return true;
    }
    if (n.items.empty()) return false;
    const bool objects = n.items[0].kind == K::object;
    std::map<std::string, std::vector<std::string>> columns;  // header → items
    for (size_t i = 0; i < n.items.size(); ++i) {
        const auto& item = n.items[i];
        if ((item.kind == K::object) != objects || item.kind == K::array) return false;
        std::map<std::string, std::string> sub;
        if (objects) {
            if (item.members.empty()) return false;
            for (const auto& [k, v] : item.members) {
                if (v.kind != K::scalar || v.scalar == "null" || v.scalar == "\"\"") return false;
                std::string type;
                const std::string value = raw(v, type);
                sub[path + "[]." + k + type] = value;
            }
        } else {
            if (item.scalar == "null" || item.scalar == "\"\"") return false;
            std::string type;
            const std::string value = raw(item, type);
            sub[path + "[]" + type] = value;
        }
        for (const auto& [h, v] : sub) {
            auto& col = columns[h];
            col.resize(i);
            col.push_back(escape_item(v));
        }
    }
    for (auto& [h, items] : columns) {
        items.resize(n.items.size());
        std::string cell;
        for (size_t i = 0; i < items.size(); ++i) {
            if (i) cell += ';';
            cell += items[i];
        }
        cells[h] = cell;
    }
    return true;
}

std::string csv_cell(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

// Every sample the CSV layout can express, written as one CSV, imports as exactly the same
// canonical records as the JSON files: all 未变.
TEST_F(StoreTest, CsvImportGivesTheSameRecordsAsJson) {
    const auto files = sample_files();
    ASSERT_EQ(pingcha("import --db " + q(db) + joined(files)).status, 0) << last_stderr();
    std::vector<std::map<std::string, std::string>> rows;
    std::set<std::string> headers;
    for (const auto& f : files) {
        std::ifstream in(kSrc / f);
        std::stringstream ss;
        ss << in.rdbuf();
        std::string error;
        const auto node = pingcha::store::parse_json_node(ss.str(), error);
        ASSERT_TRUE(node) << error;
        std::map<std::string, std::string> cells;
        if (!flatten(*node, "", cells)) continue;
        for (const auto& [h, _] : cells) headers.insert(h);
        rows.push_back(cells);
    }
    ASSERT_GE(rows.size(), 40u) << "most samples should be expressible in CSV";
    std::ofstream out(dir / "cases.csv", std::ios::binary);
    out << "\xEF\xBB\xBF";
    bool first = true;
    for (const auto& h : headers) out << (first ? "" : ",") << csv_cell(h), first = false;
    out << "\r\n";
    for (const auto& row : rows) {
        first = true;
        for (const auto& h : headers) {
            const auto it = row.find(h);
            out << (first ? "" : ",") << (it == row.end() ? "" : csv_cell(it->second));
            first = false;
        }
        out << "\r\n";
    }
    out << "format,id\r\n";  // a row with the wrong column count: rejected
    out.close();
    const Output r = pingcha("import --db " + q(db) + " " + q(dir / "cases.csv"));
    ASSERT_EQ(r.status, 0) << last_stderr();
    EXPECT_NE(last_stderr().find("新增案卷 0，新修订 0，未变 " + std::to_string(rows.size()) + "，拒收 1"),
              std::string::npos)
        << last_stderr();
    SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
    const std::string reject = d.execAndGet("SELECT source || ' ' || message FROM rejects").getString();
    EXPECT_NE(reject.find("cases.csv:" + std::to_string(rows.size() + 2) + " "), std::string::npos) << reject;

    // Typed cells are checked; list columns zip into objects.
    std::ofstream(dir / "typed.csv") << "format,id,penalty.fine:number,officers[].name,officers[].cert,penalty.kinds[]\n"
                                        "case-file/1,甲,12.50,张三;李四,1;,罚款;;警告\n"
                                        "case-file/1,乙,十元,,,\n"
                                        "case-file/1,\"丙,\"\"引号\"\"\",1,,,\n";
    ASSERT_EQ(pingcha("import --db " + q(db) + " " + q(dir / "typed.csv")).status, 0) << last_stderr();
    EXPECT_NE(last_stderr().find("新增案卷 2，新修订 0，未变 0，拒收 1"), std::string::npos) << last_stderr();
    EXPECT_EQ(d.execAndGet("SELECT record_json FROM case_revisions cr JOIN cases c ON c.id = cr.case_ref WHERE "
                           "c.case_id = '甲'")
                  .getString(),
              R"({"format":"case-file/1","id":"甲","officers":[{"cert":"1","name":"张三"},{"name":"李四"}],)"
              R"("penalty":{"fine":12.50,"kinds":["罚款","警告"]}})");
    EXPECT_EQ(d.execAndGet("SELECT count(*) FROM cases WHERE case_id = '丙,\"引号\"'").getInt(), 1);
    const std::string typed_reject =
        d.execAndGet("SELECT source || '|' || field || '|' || message FROM rejects ORDER BY id DESC LIMIT 1").getString();
    EXPECT_NE(typed_reject.find("typed.csv:3|penalty.fine:number|「十元」不是"), std::string::npos) << typed_reject;
}

}  // namespace
