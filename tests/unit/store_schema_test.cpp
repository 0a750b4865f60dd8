// The store's fast paths and its schema version 3, through the real binary: a run reads stored
// records with the simdjson reader (and the reference reader for what it defers) and stores
// exactly eval's JSON line; a new store has 16 KiB pages; a version-2 store (fixture made by
// the previous release) upgrades with every section row, finding and adjudication intact, and
// its unfinished runs resume.
#include <SQLiteCpp/SQLiteCpp.h>

#include <map>
#include <sstream>
#include <tuple>
#include <vector>

#include "core/limits.hpp"
#include "record/record.hpp"
#include "record/simd_reader.hpp"
#include "store/store.hpp"
#include "store_fixture.hpp"

namespace {

using namespace pingcha::testing;

class StoreSchema : public StoreFixture {
protected:
    // case id → eval's JSON line, byte for byte.
    std::map<std::string, std::string> eval_lines(const std::string& inputs) const {
        const auto r = run_command("cd " + shell_quoted(source_dir()) + " && " + binary() +
                                   " eval --rules rules/shenshan --format json" + inputs + " 2>/dev/null");
        std::map<std::string, std::string> out;
        std::istringstream lines(r.out);
        for (std::string line; std::getline(lines, line);) {
            const auto j = nlohmann::json::parse(line);
            if (!j.contains("error")) out[j["case"].get<std::string>()] = line;
        }
        return out;
    }
    // run id → case id → stored result_json.
    static std::map<std::string, std::string> stored_results(SQLite::Database& d, int64_t run, int64_t after_id = 0) {
        SQLite::Statement s(d,
                            "SELECT c.case_id, r.result_json FROM results r JOIN case_revisions cr ON cr.id = "
                            "r.revision_id JOIN cases c ON c.id = cr.case_ref WHERE r.run_id = ? AND r.id > ?");
        s.bind(1, run);
        s.bind(2, after_id);
        std::map<std::string, std::string> out;
        while (s.executeStep()) out[s.getColumn(0).getString()] = s.getColumn(1).getString();
        return out;
    }
};

// A record the simdjson reader hands back (an integer too large for it, in a field no rule
// reads) goes through the reference reader when stored and read back; every stored line,
// that one included, is eval's line for the stored record byte for byte (the source aside:
// eval names the file it read), and the section rows agree with it.
TEST_F(StoreSchema, RunStoresEvalLinesByteForByteOnBothReaders) {
    std::string base = read_text(source_dir() / "samples/shenshan/clean-general-zj001-no-findings.json");
    auto j = nlohmann::ordered_json::parse(base);
    j["id"] = "深汕大整数〔2024〕1号";
    std::string line = j.dump();
    line.insert(1, "\"附注编号\":123456789012345678901234567890,");
    {
        const auto keys = pingcha::case_file_keys();
        const pingcha::Limits limits;  // the reader keeps references to both
        pingcha::SimdRecordReader fast(keys, limits);
        pingcha::Record record;
        ASSERT_EQ(fast.read(line, record), pingcha::SimdRecordReader::Outcome::defer);
    }
    const fs::path big = dir_ / "big.jsonl";
    std::ofstream(big, std::ios::binary) << line << "\n";

    std::string inputs;
    for (const auto& f : fs::directory_iterator(source_dir() / "samples/shenshan"))
        if (f.path().extension() == ".json") inputs += " " + shell_quoted(fs::relative(f.path(), source_dir()));
    inputs += " " + shell_quoted(big);
    auto r = run_command(pingcha("import" + inputs, db()) + " 2>&1");
    ASSERT_EQ(r.status, 0) << r.out;
    r = run_command(pingcha("run --rules rules/shenshan --jobs 2", db()) + " 2>&1");
    ASSERT_EQ(r.status, 0) << r.out;
    // eval over the stored (canonical) records gives, with its own `source`, the very bytes run stored.
    SQLite::Database d(db().string(), SQLite::OPEN_READONLY);
    const fs::path exported = dir_ / "stored.jsonl";
    std::map<std::string, std::string> source_of;
    {
        std::ofstream out(exported, std::ios::binary);
        SQLite::Statement s(d, "SELECT c.case_id, cr.source, cr.record_json FROM case_revisions cr "
                               "JOIN cases c ON c.id = cr.case_ref ORDER BY cr.id");
        while (s.executeStep()) {
            source_of[s.getColumn(0).getString()] = s.getColumn(1).getString();
            out << s.getColumn(2).getString() << "\n";
        }
    }
    auto expected = eval_lines(" " + shell_quoted(exported));
    ASSERT_TRUE(expected.count("深汕大整数〔2024〕1号"));
    ASSERT_EQ(expected.size(), source_of.size());
    for (auto& [id, want] : expected) {
        const auto at = want.find("\"source\":\"" + exported.string() + ":");
        ASSERT_NE(at, std::string::npos) << want;
        const auto end_quote = want.find('"', at + 10);
        want.replace(at, end_quote + 1 - at, "\"source\":" + nlohmann::json(source_of.at(id)).dump());
    }
    const auto stored = stored_results(d, 1);
    EXPECT_EQ(stored.size(), expected.size());
    for (const auto& [id, want] : expected) {
        ASSERT_TRUE(stored.count(id)) << id;
        EXPECT_EQ(stored.at(id), want) << id;
    }
    // The stored record keeps the number as written.
    EXPECT_NE(d.execAndGet("SELECT record_json FROM case_revisions cr JOIN cases c ON c.id = cr.case_ref "
                           "WHERE c.case_id = '深汕大整数〔2024〕1号'")
                  .getString()
                  .find("\"附注编号\":123456789012345678901234567890"),
              std::string::npos);
    EXPECT_EQ(d.execAndGet("PRAGMA page_size").getInt(), 16384);
    EXPECT_EQ(d.execAndGet("PRAGMA user_version").getInt(), pingcha::store::schema_version());
    expect_consistent(db());
}

using SectionRow = std::tuple<int64_t, int64_t, std::string, std::string, std::string, std::string, double>;

std::vector<SectionRow> section_rows(SQLite::Database& d) {
    std::vector<SectionRow> rows;
    SQLite::Statement s(d,
                        "SELECT result_id, seq, section, name, max, deducted, deducted_value FROM result_sections "
                        "ORDER BY result_id, seq");
    while (s.executeStep())
        rows.emplace_back(s.getColumn(0).getInt64(), s.getColumn(1).getInt64(), s.getColumn(2).getString(),
                          s.getColumn(3).getString(), s.getColumn(4).getString(), s.getColumn(5).getString(),
                          s.getColumn(6).getDouble());
    return rows;
}

std::string table_text(SQLite::Database& d, const std::string& sql) {
    SQLite::Statement s(d, sql);
    std::string out;
    while (s.executeStep()) {
        for (int c = 0; c < s.getColumnCount(); ++c) out += s.getColumn(c).getString() + "|";
        out += "\n";
    }
    return out;
}

// tests/fixtures/store/v2-store.sql: 12 samples, run 1 complete with an adjudication, run 2
// killed after 4 results, run 3 killed before any.
TEST_F(StoreSchema, Version2StoreUpgradesAndItsRunsResume) {
    std::vector<SectionRow> before;
    std::string findings_before, adjudications_before, results_before;
    {
        SQLite::Database d(db().string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        d.exec(read_text(source_dir() / "tests/fixtures/store/v2-store.sql"));
        ASSERT_EQ(d.execAndGet("PRAGMA user_version").getInt(), 2);
        before = section_rows(d);
        findings_before = table_text(d, "SELECT * FROM findings ORDER BY id");
        adjudications_before = table_text(d, "SELECT * FROM adjudications ORDER BY id");
        results_before = table_text(d, "SELECT id, run_id, revision_id, score, grade, veto, result_json FROM results ORDER BY id");
    }
    ASSERT_EQ(before.size(), 16u * 6u);

    const auto report = run_command(pingcha("report --run 1 --format json", db()));  // opens, so migrates
    ASSERT_EQ(report.status, 0) << report.out;
    {
        SQLite::Database d(db().string(), SQLite::OPEN_READONLY);
        EXPECT_EQ(d.execAndGet("PRAGMA user_version").getInt(), 3);
        EXPECT_EQ(d.execAndGet("SELECT type FROM sqlite_master WHERE name = 'result_sections'").getString(), "view");
        EXPECT_EQ(d.execAndGet("PRAGMA page_size").getInt(), 4096);  // an existing store keeps its pages
        EXPECT_EQ(section_rows(d), before);
        EXPECT_EQ(table_text(d, "SELECT * FROM findings ORDER BY id"), findings_before);
        EXPECT_EQ(table_text(d, "SELECT * FROM adjudications ORDER BY id"), adjudications_before);
        EXPECT_EQ(table_text(d, "SELECT id, run_id, revision_id, score, grade, veto, result_json FROM results ORDER BY id"),
                  results_before);
        // Run 3 had no result: its sections came from runs.scoring.
        EXPECT_EQ(d.execAndGet("SELECT group_concat(section || '=' || max, ',') FROM run_sections WHERE run_id = 3")
                      .getString(),
                  d.execAndGet("SELECT group_concat(section || '=' || max, ',') FROM run_sections WHERE run_id = 1")
                      .getString());
    }
    expect_consistent(db());
    // The report reads the migrated sections: per-section totals over run 1 as before.
    const auto rep = nlohmann::json::parse(report.out);
    std::map<std::string, double> deducted;
    for (const auto& [result_id, seq, section, name, max, text, value] : before)
        if (result_id <= 12) deducted[section] += value;
    ASSERT_EQ(rep["各部分扣分"].size(), 6u);
    for (const auto& row : rep["各部分扣分"])
        EXPECT_NEAR(row["扣分合计"].get<double>(), deducted[row["部分"].get<std::string>()], 0.005) << row.dump();
    EXPECT_EQ(rep["裁定"]["裁定记录"], 1);

    // A new run, and the two unfinished ones resumed (adopting today's pack, whose digest may
    // have changed since the fixture was made): the results stored after the upgrade agree.
    auto r = run_command(pingcha("run --rules rules/shenshan --jobs 2", db()) + " 2>&1");
    ASSERT_EQ(r.status, 0) << r.out;
    {
        SQLite::Database d(db().string(), SQLite::OPEN_READWRITE);
        d.exec("UPDATE runs SET pack_digest = (SELECT pack_digest FROM runs WHERE id = 4) WHERE id IN (2, 3)");
    }
    for (const char* run : {"2", "3"}) {
        r = run_command(pingcha(std::string("run --rules rules/shenshan --jobs 2 --resume ") + run, db()) + " 2>&1");
        ASSERT_EQ(r.status, 0) << r.out;
    }
    SQLite::Database d(db().string(), SQLite::OPEN_READONLY);
    const auto fresh = stored_results(d, 4);
    ASSERT_EQ(fresh.size(), 12u);
    const auto resumed2 = stored_results(d, 2, 16), resumed3 = stored_results(d, 3, 16);
    EXPECT_EQ(resumed2.size(), 8u);
    EXPECT_EQ(resumed3.size(), 12u);
    for (const auto* resumed : {&resumed2, &resumed3})
        for (const auto& [id, json] : *resumed) EXPECT_EQ(json, fresh.at(id)) << id;
    EXPECT_EQ(d.execAndGet("SELECT count(*) FROM runs WHERE status = 'done'").getInt(), 4);
    expect_consistent(db());
}

}  // namespace
