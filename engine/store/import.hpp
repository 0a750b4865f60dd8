// Importing case files into the store as one batch: every record is validated with
// CaseReader (case-file/1), valid ones are stored as canonical JSON (a changed record
// becomes a new revision of its case id, the old revision stays), invalid ones go to the
// rejects table. The whole batch is one transaction: if the process dies before the
// commit, the store is as it was before the import.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "record/loader.hpp"

namespace pingcha::store {

struct ImportInput {
    std::string path;        // as given (for messages and `source`)
    std::string text;        // its contents
    std::string read_error;  // non-empty: the file could not be read (stored as a reject)
};

struct ImportSummary {
    int64_t import_id = 0;
    size_t new_cases = 0;      // case ids not in the store before
    size_t new_revisions = 0;  // known case ids whose canonical record changed
    size_t unchanged = 0;      // identical to the latest stored revision
    size_t rejected = 0;
    std::vector<RecordRejection> rejections;  // in input order
};

ImportSummary import_batch(SQLite::Database& db, const std::vector<ImportInput>& inputs,
                           const Limits& limits = Limits{});

}  // namespace pingcha::store
