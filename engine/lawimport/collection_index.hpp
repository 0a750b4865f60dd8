// The collection's own index (`db.sqlite3` of LawRefBook/Laws): which texts are no longer in
// force (`expired = 1`) and when a text took effect (`valid_from`).
//
// A row names its file indirectly: `<category.folder>/<filename or name>(<publish>).md`
// relative to the folder of the database (or without `(<publish>)` when the file has no date).
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/date.hpp"

namespace pingcha::lawimport {

struct IndexEntry {
    bool expired = false;
    std::optional<Date> valid_from;
};

struct IndexError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class CollectionIndex {
public:
    // Adds the rows of one database; throws IndexError (message in Chinese) when it cannot be
    // read or lacks the `law`/`category` tables.
    void load(const std::filesystem::path& database);

    // The row for a text file, if any.
    const IndexEntry* find(const std::filesystem::path& file) const;
    size_t size() const { return by_path_.size(); }

private:
    std::map<std::string, IndexEntry> by_path_;  // absolute, normalised path → row
};

}  // namespace pingcha::lawimport
