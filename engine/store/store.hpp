// The review store: one SQLite file with imports, case records and their revisions,
// rejected records, review rounds and assignments, runs, results and findings. The schema
// is in docs/store.md; it is versioned with `PRAGMA user_version` and migrated forward on
// open. Connections use WAL, foreign keys and a busy timeout; all SQL binds its parameters.
#pragma once
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include <SQLiteCpp/SQLiteCpp.h>

namespace pingcha::store {

// The schema version this build writes; a store with a higher user_version is refused.
int schema_version();

// A store that cannot be used (newer schema, not a pingcha store, unknown run …); the
// message is Chinese and meant for the user.
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Opens `path` (created when `create` and missing), applies pending migrations, and sets
// WAL, foreign keys and a busy timeout. Throws StoreError or SQLite::Exception.
std::unique_ptr<SQLite::Database> open_store(const std::string& path, bool create);

// The current time, UTC, ISO 8601 with seconds (`2026-11-27T05:32:27Z`).
std::string now_utc();

// Lower-case hex SHA-256.
std::string sha256_hex(std::string_view bytes);

}  // namespace pingcha::store
