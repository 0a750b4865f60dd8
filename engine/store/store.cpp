#include "store/store.hpp"

#include <openssl/evp.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <vector>

namespace pingcha::store {
namespace {

// Marks the file as a pingcha store ("PCHA").
constexpr int kApplicationId = 0x50434841;
constexpr int kBusyTimeoutMs = 60000;
constexpr int kNewPageSize = 16384;

// migrations[i] takes the schema from version i to i + 1. Never edit a released entry:
// append a new one (and describe it in docs/store.md).
const std::vector<const char*>& migrations() {
    static const std::vector<const char*> m = {
        // 0 → 1
        R"sql(
CREATE TABLE imports (
    id            INTEGER PRIMARY KEY,
    started_at    TEXT NOT NULL,
    finished_at   TEXT NOT NULL,
    inputs        TEXT NOT NULL,
    new_cases     INTEGER NOT NULL,
    new_revisions INTEGER NOT NULL,
    unchanged     INTEGER NOT NULL,
    rejected      INTEGER NOT NULL
);
CREATE TABLE cases (
    id              INTEGER PRIMARY KEY,
    case_id         TEXT NOT NULL UNIQUE,
    agency_code     TEXT NOT NULL,
    latest_revision INTEGER NOT NULL
);
CREATE TABLE case_revisions (
    id          INTEGER PRIMARY KEY,
    case_ref    INTEGER NOT NULL REFERENCES cases(id),
    revision    INTEGER NOT NULL,
    import_id   INTEGER NOT NULL REFERENCES imports(id),
    source      TEXT NOT NULL,
    agency_code TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    record_json TEXT NOT NULL,
    UNIQUE (case_ref, revision)
);
CREATE TABLE rejects (
    id        INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    source    TEXT NOT NULL,
    case_id   TEXT,
    field     TEXT NOT NULL,
    message   TEXT NOT NULL
);
CREATE INDEX rejects_import ON rejects(import_id);
CREATE TABLE rounds (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    seed       INTEGER NOT NULL,
    per_agency INTEGER,
    reviewers  TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE assignments (
    round_id INTEGER NOT NULL REFERENCES rounds(id),
    case_ref INTEGER NOT NULL REFERENCES cases(id),
    reviewer TEXT NOT NULL,
    PRIMARY KEY (round_id, case_ref)
) WITHOUT ROWID;
CREATE TABLE runs (
    id           INTEGER PRIMARY KEY,
    pack_name    TEXT NOT NULL,
    pack_version TEXT NOT NULL,
    pack_digest  TEXT NOT NULL,
    round_id     INTEGER REFERENCES rounds(id),
    options      TEXT NOT NULL,
    grading      TEXT NOT NULL,
    case_count   INTEGER NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    status       TEXT NOT NULL CHECK (status IN ('running', 'done'))
);
CREATE TABLE run_cases (
    run_id      INTEGER NOT NULL REFERENCES runs(id),
    revision_id INTEGER NOT NULL REFERENCES case_revisions(id),
    PRIMARY KEY (run_id, revision_id)
) WITHOUT ROWID;
CREATE TABLE results (
    id          INTEGER PRIMARY KEY,
    run_id      INTEGER NOT NULL,
    revision_id INTEGER NOT NULL,
    score       TEXT NOT NULL,
    score_value REAL NOT NULL,
    grade       TEXT NOT NULL,
    veto        INTEGER NOT NULL CHECK (veto IN (0, 1)),
    result_json TEXT NOT NULL,
    UNIQUE (run_id, revision_id),
    FOREIGN KEY (run_id, revision_id) REFERENCES run_cases(run_id, revision_id)
);
CREATE TABLE result_sections (
    result_id      INTEGER NOT NULL REFERENCES results(id),
    seq            INTEGER NOT NULL,
    section        TEXT NOT NULL,
    name           TEXT NOT NULL,
    max            TEXT NOT NULL,
    deducted       TEXT NOT NULL,
    deducted_value REAL NOT NULL,
    PRIMARY KEY (result_id, seq)
) WITHOUT ROWID;
CREATE TABLE findings (
    id           INTEGER PRIMARY KEY,
    result_id    INTEGER NOT NULL REFERENCES results(id),
    seq          INTEGER NOT NULL,
    rule         TEXT NOT NULL,
    title        TEXT NOT NULL,
    section      TEXT NOT NULL,
    severity     TEXT NOT NULL CHECK (severity IN ('veto', 'deduct', 'warn')),
    points       TEXT NOT NULL,
    points_value REAL NOT NULL,
    message      TEXT NOT NULL,
    UNIQUE (result_id, seq)
);
CREATE INDEX findings_rule ON findings(rule);
)sql",
        // 1 → 2: adjudications (append-only) and the exact scoring standard of each run.
        R"sql(
ALTER TABLE runs ADD COLUMN scoring TEXT;
CREATE TABLE adjudications (
    id           INTEGER PRIMARY KEY,
    run_id       INTEGER NOT NULL REFERENCES runs(id),
    result_id    INTEGER NOT NULL REFERENCES results(id),
    finding_id   INTEGER NOT NULL REFERENCES findings(id),
    case_id      TEXT NOT NULL,
    rule         TEXT NOT NULL,
    path         TEXT NOT NULL,
    decision     TEXT NOT NULL CHECK (decision IN ('confirm', 'dismiss', 'adjust')),
    points       TEXT,
    points_value REAL,
    reason       TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    reviewer     TEXT NOT NULL CHECK (length(trim(reviewer)) > 0),
    decided_at   TEXT NOT NULL,
    supersedes   INTEGER UNIQUE REFERENCES adjudications(id),
    CHECK ((decision = 'adjust') = (points IS NOT NULL))
);
CREATE INDEX adjudications_finding ON adjudications(finding_id, id);
CREATE INDEX adjudications_result ON adjudications(result_id, id);
CREATE TRIGGER adjudications_no_update BEFORE UPDATE ON adjudications
BEGIN SELECT RAISE(ABORT, '裁定记录只能追加，不能修改'); END;
CREATE TRIGGER adjudications_no_delete BEFORE DELETE ON adjudications
BEGIN SELECT RAISE(ABORT, '裁定记录只能追加，不能删除'); END;
CREATE TRIGGER adjudications_chain BEFORE INSERT ON adjudications
BEGIN
    SELECT RAISE(ABORT, '裁定必须取代该问题的最新一条裁定')
    WHERE NEW.supersedes IS NOT (SELECT max(id) FROM adjudications WHERE finding_id = NEW.finding_id);
    SELECT RAISE(ABORT, '裁定的问题不属于该运行结果或规则不符')
    WHERE NOT EXISTS (SELECT 1 FROM findings f JOIN results r ON r.id = f.result_id
                      WHERE f.id = NEW.finding_id AND f.result_id = NEW.result_id AND f.rule = NEW.rule
                        AND r.run_id = NEW.run_id);
END;
)sql",
        // 2 → 3: a result's section deductions become one column (`results.deductions`, the exact
        // deducted text per section) instead of six rows; the sections themselves are stored once
        // per run (`run_sections`); `result_sections` is now a view with the same columns. CROSS
        // JOIN keeps the join order: each result's array is read once, then one section looked up
        // per element (SQLite otherwise re-reads the array for every section).
        R"sql(
CREATE TABLE run_sections (
    run_id  INTEGER NOT NULL REFERENCES runs(id),
    seq     INTEGER NOT NULL,
    section TEXT NOT NULL,
    name    TEXT NOT NULL,
    max     TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
INSERT INTO run_sections (run_id, seq, section, name, max)
    SELECT DISTINCT r.run_id, s.seq, s.section, s.name, s.max
    FROM result_sections s JOIN results r ON r.id = s.result_id;
INSERT OR IGNORE INTO run_sections (run_id, seq, section, name, max)
    SELECT r.id, j.key, json_extract(j.value, '$.id'), json_extract(j.value, '$.name'), json_extract(j.value, '$.max')
    FROM runs r, json_each(r.scoring, '$.sections') j WHERE r.scoring IS NOT NULL;
ALTER TABLE results ADD COLUMN deductions TEXT NOT NULL DEFAULT '[]';
UPDATE results SET deductions = (
    SELECT json_group_array(deducted) FROM (SELECT deducted FROM result_sections s
                                            WHERE s.result_id = results.id ORDER BY s.seq));
DROP TABLE result_sections;
CREATE VIEW result_sections (result_id, seq, section, name, max, deducted, deducted_value) AS
    SELECT r.id, s.seq, s.section, s.name, s.max, d.value,
           CASE WHEN instr(d.value, '/') > 0
                THEN CAST(substr(d.value, 1, instr(d.value, '/') - 1) AS REAL) /
                     CAST(substr(d.value, instr(d.value, '/') + 1) AS REAL)
                ELSE CAST(d.value AS REAL) END
    FROM results r CROSS JOIN json_each(r.deductions) d
    CROSS JOIN run_sections s ON s.run_id = r.run_id AND s.seq = d.key;
)sql",
    };
    return m;
}

int user_version(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

}  // namespace

int schema_version() { return static_cast<int>(migrations().size()); }

std::unique_ptr<SQLite::Database> open_store(const std::string& path, bool create) {
    if (!create && !std::filesystem::exists(path)) throw StoreError("评查库不存在：" + path);
    const int flags = SQLite::OPEN_READWRITE | (create ? SQLite::OPEN_CREATE : 0);
    // Writers queue behind each other (an import holds the lock for its whole batch): wait up
    // to a minute before a statement gives up with "database is locked".
    auto db = std::make_unique<SQLite::Database>(path, flags, kBusyTimeoutMs);
    int version = 0;
    try {
        version = user_version(*db);
    } catch (const SQLite::Exception& e) {
        throw StoreError(path + " 不是 SQLite 数据库：" + e.what());
    }
    const int app_id = db->execAndGet("PRAGMA application_id").getInt();
    if (version > schema_version())
        throw StoreError("评查库 " + path + " 的结构版本为 " + std::to_string(version) + "，比本程序支持的版本 " +
                         std::to_string(schema_version()) + " 新；请使用更新版本的 pingcha，本程序不会改动它");
    const int tables = db->execAndGet("SELECT count(*) FROM sqlite_master").getInt();
    if ((version == 0 && tables > 0) || (version > 0 && app_id != kApplicationId))
        throw StoreError(path + " 不是 pingcha 评查库（已有其他数据表），拒绝写入");
    // A new store gets 16 KiB pages: a stored record or result (about 2 KB each) then wastes a
    // few percent of a page instead of half of a 4 KiB one. The size of an existing store stays
    // (it cannot change in WAL mode).
    if (version == 0 && tables == 0) db->exec("PRAGMA page_size = " + std::to_string(kNewPageSize));
    db->exec("PRAGMA journal_mode = WAL");
    db->exec("PRAGMA synchronous = NORMAL");
    db->exec("PRAGMA foreign_keys = ON");
    while (version < schema_version()) {
        SQLite::Transaction tx(*db, SQLite::TransactionBehavior::IMMEDIATE);
        // Re-read under the write lock: another process may have migrated meanwhile.
        version = user_version(*db);
        if (version >= schema_version()) break;
        db->exec(migrations()[static_cast<size_t>(version)]);
        ++version;
        db->exec("PRAGMA user_version = " + std::to_string(version));  // PRAGMA takes no parameters
        db->exec("PRAGMA application_id = " + std::to_string(kApplicationId));
        tx.commit();
    }
    return db;
}

std::string now_utc() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(len * 2);
    for (unsigned i = 0; i < len; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

}  // namespace pingcha::store
