#include "lawimport/importer.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <variant>

#include "law/citation.hpp"
#include "lawimport/placement.hpp"
#include "lawimport/text_scan.hpp"

namespace pingcha::lawimport {

namespace fs = std::filesystem;

namespace {

// ------------------------------------------------------------------------------ files

struct FoundFile {
    fs::path absolute;
    std::string relative;              // to the imported folder, with '/'
    std::vector<std::string> folders;  // the imported folder's name, then the sub-folders
};

bool is_law_text(const fs::path& path) {
    const std::string name = path.filename().string();
    return path.extension() == ".md" && name != "README.md" && name != "_index.md" &&
           name.find("模版") == std::string::npos && name.find("模板") == std::string::npos;
}

fs::path normalised_folder(const fs::path& folder) {
    fs::path p = fs::absolute(folder).lexically_normal();
    return p.filename().empty() ? p.parent_path() : p;
}

FoundFile found_file(const fs::path& root, const fs::path& file) {
    FoundFile f{file, fs::relative(file, root).generic_string(), {root.filename().string()}};
    for (const auto& part : fs::relative(file, root).parent_path()) f.folders.push_back(part.string());
    return f;
}

// Every law text under the folder, sorted by relative path; hidden files and folders are skipped.
std::vector<FoundFile> find_texts(const fs::path& root) {
    std::vector<FoundFile> out;
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->path().filename().string().starts_with(".")) {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        // Anything but a folder is a text to read, so a broken link is reported, not ignored.
        if (!it->is_directory(ec) && is_law_text(it->path())) out.push_back(found_file(root, it->path()));
    }
    std::sort(out.begin(), out.end(), [](const FoundFile& a, const FoundFile& b) { return a.relative < b.relative; });
    return out;
}

struct Bytes {
    std::string text;
    std::string unreadable;  // why the file was not read (skip it)
    std::string over_limit;  // the limit it breaks (refuse the import)
};

// The file's bytes, read only when it is a regular file within `max_bytes` (checked before and
// while reading, so a file that grows or lies about its size is still cut off).
Bytes read_bytes(const fs::path& path, size_t max_bytes) {
    auto over = [max_bytes](uintmax_t size) {
        return "文件有 " + std::to_string(size) + " 字节，超过 max_law_text_bytes 限制（" + std::to_string(max_bytes) +
               " 字节），未读取";
    };
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (!ec && !fs::is_regular_file(status)) return {{}, "不是普通文件（如管道或设备），未读取", {}};
    const auto size = fs::file_size(path, ec);
    if (!ec && size > max_bytes) return {{}, {}, over(size)};
    std::ifstream in(path, std::ios::binary);
    if (!in) return {{}, "无法读取文件", {}};
    Bytes out;
    out.text.resize(max_bytes < (size_t{1} << 20) ? max_bytes + 1 : size_t{1} << 20);
    size_t used = 0;
    while (in.read(out.text.data() + used, static_cast<std::streamsize>(out.text.size() - used)) || in.gcount() > 0) {
        used += static_cast<size_t>(in.gcount());
        if (used > max_bytes) return {{}, {}, over(used) + "（读取时超出）"};
        if (used == out.text.size()) out.text.resize(std::min(out.text.size() * 2, max_bytes + 1));
    }
    if (in.bad()) return {{}, "无法读取文件", {}};
    out.text.resize(used);
    return out;
}

// ------------------------------------------------------------------------------ texts

struct ParsedText {
    FoundFile file;
    std::string sha256;
    LawText text;
    Placement placement;
    std::optional<IndexEntry> index;
};

// A file over a limit: refused, with the imported folder's name in front of its path.
struct OverLimit {
    std::string reason;
};

// Reads, parses and places one file; on failure returns the reason.
std::variant<ParsedText, std::string, OverLimit> read_text(const FoundFile& file, const CollectionIndex& index,
                                                           const Limits& limits) {
    const Bytes bytes = read_bytes(file.absolute, limits.max_law_text_bytes);
    if (!bytes.over_limit.empty()) return OverLimit{bytes.over_limit};
    if (!bytes.unreadable.empty()) return bytes.unreadable;
    ParsedText parsed{file, sha256_hex(bytes.text),
                      parse_law_text(bytes.text, date_in_file_name(file.absolute.filename().string())), {}, {}};
    if (!parsed.text.usable()) return parsed.text.unusable;
    std::string why_not;
    auto placement = place(file.folders, parsed.text, why_not);
    if (!placement) return why_not;
    parsed.placement = std::move(*placement);
    if (const IndexEntry* entry = index.find(file.absolute)) parsed.index = *entry;
    return parsed;
}

Date latest_of(const ParsedText& t) { return t.text.latest_revision().value_or(t.text.effective.value_or(Date())); }

// ------------------------------------------------------------------------------ repeals

// `《X》同时废止` in the clause of a text that took effect on `on`.
struct RepealStatement {
    Date on;
    std::string by;      // title of the repealing law
    std::string by_key;  // its normalised name
};

using RepealStatements = std::multimap<std::string, RepealStatement>;  // by repealed law's normalised name

RepealStatements repeal_statements(const std::vector<ParsedText>& texts) {
    RepealStatements out;
    for (const auto& t : texts) {
        if (!t.text.clause || !t.text.effective) continue;
        for (const auto& title : t.text.clause->repeals)
            out.emplace(normalize_law_name(title),
                        RepealStatement{*t.text.effective, t.text.title, normalize_law_name(t.text.title)});
    }
    return out;
}

// The earliest statement by another law that took effect after the law's current version.
const RepealStatement* repeal_of(const std::string& key, const ImportedVersion& current, const RepealStatements& all) {
    const RepealStatement* found = nullptr;
    const auto [first, last] = all.equal_range(key);
    for (auto it = first; it != last; ++it) {
        const RepealStatement& s = it->second;
        const auto since = current.from ? current.from : current.adopted;
        if (s.by_key == key || (since && s.on <= *since)) continue;
        if (!found || s.on < found->on || (s.on == found->on && s.by < found->by)) found = &s;
    }
    return found;
}

// ------------------------------------------------------------------------------ laws

using Group = std::vector<const ParsedText*>;  // the texts of one law, in path order

std::vector<const ParsedText*> newest_texts(const Group& group) {
    Date newest = latest_of(*group.front());
    for (const auto* t : group) newest = std::max(newest, latest_of(*t));
    std::vector<const ParsedText*> out;
    for (const auto* t : group)
        if (latest_of(*t) == newest) out.push_back(t);
    return out;
}

void set_identity(ImportedLaw& law, const Group& group, const std::vector<const ParsedText*>& newest) {
    const ParsedText& lead = *newest.front();
    law.name = lead.text.title;
    const std::string short_name = normalize_law_name(law.name);
    if (short_name != law.name) law.alias = short_name;
    law.kind = lead.placement.kind;
    law.territory = lead.placement.territory;
    if (!lead.placement.note.empty()) law.flags.push_back(lead.placement.note);
    for (const auto* t : group)
        if (t->placement.kind != law.kind || t->placement.territory != law.territory)
            law.flags.push_back("文本 " + t->file.relative + " 的类别或地域（" + t->placement.kind + " " +
                                t->placement.territory + "）与现行文本不同，按现行文本");
    for (const auto* t : group) law.sources.push_back({t->file.relative, t->sha256});
    for (const auto* t : newest) law.inserted.insert(law.inserted.end(), t->text.inserted.begin(), t->text.inserted.end());
}

void set_versions(ImportedLaw& law, const Group& group) {
    std::vector<TextOfLaw> texts;
    for (const auto* t : group)
        texts.push_back({&t->text, t->index ? t->index->valid_from : std::nullopt, t->file.relative});
    VersionPlan plan = plan_versions(texts);
    law.versions = std::move(plan.versions);
    law.flags.insert(law.flags.end(), plan.flags.begin(), plan.flags.end());
    law.notes = std::move(plan.notes);
}

bool expired_in_index(const std::vector<const ParsedText*>& newest) {
    return std::all_of(newest.begin(), newest.end(), [](const ParsedText* t) { return t->index && t->index->expired; });
}

bool listed_in_index(const std::vector<const ParsedText*>& newest) {
    return std::any_of(newest.begin(), newest.end(), [](const ParsedText* t) { return t->index.has_value(); });
}

void set_repeal(ImportedLaw& law, const std::vector<const ParsedText*>& newest, const RepealStatements& statements) {
    const bool expired = expired_in_index(newest);
    const RepealStatement* statement = repeal_of(normalize_law_name(law.name), law.versions.back(), statements);
    if (statement) {
        law.repealed = statement->on;
        law.replaced_by = statement->by;
        if (!expired && listed_in_index(newest))
            law.flags.push_back("索引未标记失效，但《" + statement->by + "》规定其自 " + statement->on.to_string() +
                                " 起废止");
    } else if (expired) {
        law.repeal_date_unknown = true;
        law.flags.push_back("废止日期不详（索引标记为失效，文本中没有载明废止日期）");
    }
}

ImportedLaw build_law(const Group& group, const RepealStatements& statements) {
    ImportedLaw law;
    const auto newest = newest_texts(group);
    set_identity(law, group, newest);
    set_versions(law, group);
    set_repeal(law, newest, statements);
    std::sort(law.sources.begin(), law.sources.end(),
              [](const Provenance& a, const Provenance& b) { return a.path < b.path; });
    return law;
}

std::string name_of(const fs::path& path) { return normalised_folder(path).filename().string(); }

// Reads every text under the folders; the unusable ones go to `result.skipped`, those over a
// limit to `result.refused`.
std::vector<ParsedText> read_collection(const std::vector<fs::path>& folders, const CollectionIndex& index,
                                        const Limits& limits, ImportResult& result) {
    std::vector<ParsedText> texts;
    for (const auto& folder : folders) {
        result.folders.push_back(name_of(folder));
        for (const auto& file : find_texts(normalised_folder(folder))) {
            ++result.texts;
            auto outcome = read_text(file, index, limits);
            if (auto* reason = std::get_if<std::string>(&outcome)) result.skipped.push_back({file.relative, *reason});
            else if (auto* over = std::get_if<OverLimit>(&outcome))
                result.refused.push_back({file.folders.front() + "/" + file.relative, over->reason});
            else texts.push_back(std::move(std::get<ParsedText>(outcome)));
        }
    }
    return texts;
}

}  // namespace

size_t ImportResult::flagged() const {
    return static_cast<size_t>(std::count_if(laws.begin(), laws.end(), [](const ImportedLaw& l) { return !l.flags.empty(); }));
}

ImportResult import_laws(const ImportOptions& options) {
    CollectionIndex index;
    ImportResult result;
    for (const auto& db : options.indexes) {
        index.load(db);
        result.indexes.push_back((normalised_folder(fs::absolute(db).parent_path()).filename() / db.filename()).generic_string());
    }
    const std::vector<ParsedText> texts = read_collection(options.folders, index, options.limits, result);
    std::map<std::string, Group> groups;
    for (const auto& t : texts) groups[normalize_law_name(t.text.title)].push_back(&t);
    const RepealStatements statements = repeal_statements(texts);
    for (const auto& [key, group] : groups) result.laws.push_back(build_law(group, statements));
    std::sort(result.laws.begin(), result.laws.end(),
              [](const ImportedLaw& a, const ImportedLaw& b) { return a.name < b.name; });
    return result;
}

}  // namespace pingcha::lawimport
