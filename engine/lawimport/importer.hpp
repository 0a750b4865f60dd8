// `pingcha laws import`: turns a collection of law texts (shared/laws, LawRefBook format) into
// law declarations of the rules language. See engine/lawimport/README.md for every rule.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/limits.hpp"
#include "lawimport/collection_index.hpp"
#include "lawimport/versions.hpp"

namespace pingcha::lawimport {

struct ImportOptions {
    std::vector<std::filesystem::path> folders;  // searched recursively
    std::vector<std::filesystem::path> indexes;  // db.sqlite3 files (optional)
    Limits limits;                               // max_law_text_bytes
};

// Where a law's text came from: path relative to the folder it was imported from.
struct Provenance {
    std::string path;
    std::string sha256;  // hex, full length
};

struct ImportedLaw {
    std::string name;       // the title
    std::string alias;      // the title without 中华人民共和国; empty when the same
    std::string kind;
    std::string territory;  // empty: national
    std::vector<ImportedVersion> versions;
    std::optional<Date> repealed;
    bool repeal_date_unknown = false;
    std::string replaced_by;
    std::vector<Provenance> sources;      // sorted by path
    std::vector<ArticleRef> inserted;     // 第…条之一 … of the current text
    std::vector<std::string> flags;       // what a person should check, in Chinese
    std::vector<std::string> notes;       // how a date was read, in Chinese
};

struct SkippedFile {
    std::string path;  // relative to its imported folder
    std::string reason;
};

struct ImportResult {
    std::vector<std::string> folders;  // the imported folders' names
    std::vector<std::string> indexes;  // the index files' names
    size_t texts = 0;                  // law text files found
    std::vector<ImportedLaw> laws;     // sorted by name
    std::vector<SkippedFile> skipped;  // in reading order: folder by folder, by path
    // Files that break a limit (docs/limits.md), with the imported folder's name in front of
    // the path: the import is refused as a whole, so that no law silently goes missing.
    std::vector<SkippedFile> refused;

    size_t flagged() const;
};

// Reads every `.md` text under the folders (README.md, _index.md and templates excluded).
// A text larger than limits.max_law_text_bytes is not read but refused; anything that is not
// a regular file (a FIFO, a device) is skipped unread. Throws IndexError when an index cannot
// be read.
ImportResult import_laws(const ImportOptions& options);

// The catalog in the rules language: `origin imported`, a header comment, then the laws
// sorted by name, each under its provenance comment. Deterministic: same input, same bytes.
std::string write_catalog(const ImportResult& result);

}  // namespace pingcha::lawimport
