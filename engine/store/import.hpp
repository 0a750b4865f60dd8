// Importing case files into the store as one batch: every record is validated with
// CaseReader (case-file/1), valid ones are stored as canonical JSON (a changed record
// becomes a new revision of its case id, the old revision stays), invalid ones go to the
// rejects table. The whole batch is one transaction: if the process dies before the
// commit, the store is as it was before the import.
#pragma once
#include <cstdint>
#include <memory>
#include <string_view>
#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "record/loader.hpp"

namespace pingcha::store {

// A file's contents, memory-mapped read-only; pages already consumed can be dropped so that a
// multi-gigabyte input does not stay resident.
class MappedFile {
public:
    // nullptr with `error` set when it cannot be opened or mapped (e.g. a pipe).
    static std::shared_ptr<MappedFile> open(const std::string& path, std::string& error);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    std::string_view text() const { return {data_, size_}; }
    // Hints that the bytes before `until` will not be read again (they are re-read from the file
    // if they are).
    void release_before(const char* until);

private:
    MappedFile() = default;
    const char* data_ = nullptr;
    size_t size_ = 0;
    size_t released_ = 0;
};

struct ImportInput {
    std::string path;                    // as given (for messages and `source`)
    std::string text;                    // its contents, unless `mapped`
    std::shared_ptr<MappedFile> mapped;  // or mapped
    std::string read_error;              // non-empty: the file could not be read (stored as a reject)
    std::string_view contents() const { return mapped ? mapped->text() : std::string_view(text); }
};

struct ImportSummary {
    int64_t import_id = 0;
    size_t new_cases = 0;      // case ids not in the store before
    size_t new_revisions = 0;  // known case ids whose canonical record changed
    size_t unchanged = 0;      // identical to the latest stored revision
    size_t rejected = 0;
    std::vector<RecordRejection> rejections;  // in input order
};

// Validation (CaseReader), canonicalisation and hashing run on a second thread; the lookups
// and inserts stay on the calling thread, in input order.
ImportSummary import_batch(SQLite::Database& db, const std::vector<ImportInput>& inputs,
                           const Limits& limits = Limits{});

}  // namespace pingcha::store
