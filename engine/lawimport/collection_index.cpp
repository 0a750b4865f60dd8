#include "lawimport/collection_index.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace pingcha::lawimport {

namespace fs = std::filesystem;

namespace {

std::string text_or_empty(const SQLite::Column& column) { return column.isNull() ? std::string() : column.getString(); }

std::string key_of(const fs::path& path) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(path, ec);
    return (ec ? fs::absolute(path) : canonical).lexically_normal().string();
}

}  // namespace

void CollectionIndex::load(const fs::path& database) {
    const fs::path base = fs::absolute(database).parent_path();
    try {
        SQLite::Database db(database.string(), SQLite::OPEN_READONLY);
        SQLite::Statement rows(db,
                               "SELECT l.name, l.filename, l.publish, l.valid_from, l.expired, c.folder "
                               "FROM law l JOIN category c ON c.id = l.category_id");
        while (rows.executeStep()) {
            const std::string stem = text_or_empty(rows.getColumn(1)).empty() ? text_or_empty(rows.getColumn(0))
                                                                               : text_or_empty(rows.getColumn(1));
            const std::string publish = text_or_empty(rows.getColumn(2));
            const IndexEntry entry{rows.getColumn(4).getInt() != 0, Date::parse(text_or_empty(rows.getColumn(3)))};
            const fs::path folder = base / fs::path(text_or_empty(rows.getColumn(5)));
            if (!publish.empty()) by_path_[key_of(folder / (stem + "(" + publish + ").md"))] = entry;
            by_path_.emplace(key_of(folder / (stem + ".md")), entry);
        }
    } catch (const SQLite::Exception& e) {
        throw IndexError("无法读取法规索引 " + database.string() + "：" + e.what());
    }
}

const IndexEntry* CollectionIndex::find(const fs::path& file) const {
    const auto it = by_path_.find(key_of(file));
    return it == by_path_.end() ? nullptr : &it->second;
}

}  // namespace pingcha::lawimport
