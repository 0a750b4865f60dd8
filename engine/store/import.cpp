#include "store/import.hpp"

#include <atomic>
#include <cctype>
#include <charconv>
#include <csignal>
#include <cstdlib>
#include <map>
#include <optional>
#include <thread>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "record/record.hpp"
#include "store/canonical_json.hpp"
#include "store/csv_input.hpp"
#include "store/queue.hpp"
#include "store/store.hpp"

namespace pingcha::store {
namespace {

// Test hook: PINGCHA_TEST_KILL_AT=import-before-commit kills the process with SIGKILL after
// every row of the batch is written and before the commit.
bool kill_requested(std::string_view point) {
    const char* v = std::getenv("PINGCHA_TEST_KILL_AT");
    return v && point == v;
}

// What the reader thread hands to the writer for one record, in input order: a reject, or the
// record's canonical text with its hash (everything but the inserts is done on the reader
// thread, so that the writer, which cannot be parallel, only looks up and inserts).
struct Item {
    enum class Kind { reject, raw, canonical } kind = Kind::reject;
    RecordRejection rejection;                  // reject
    std::string source;                         // raw, canonical
    std::string_view raw, fallback;             // raw: the record's text (tried first) and the alternative
    std::string owned;                          // raw: the text when it is not in the input (a CSV row)
    Canonicalizer::Result canonical;            // canonical
    std::string sha256;                         // canonical: of canonical.text
};

// Finds the text of the record CaseReader reported at `source` (`path:line` or `path#index`).
// Mirrors CaseReader's layouts: an array element (canonicalised here from the parsed array);
// one line of JSON Lines; or (pretty-printed single document) everything from that line on —
// the writer tries the line first and then the rest, as `raw` and `fallback`.
class RecordLocator {
public:
    RecordLocator(const std::string& path, std::string_view text, size_t max_depth)
        : path_(path), text_(text), max_depth_(max_depth) {}

    bool locate(const std::string& source, Item& item, std::string& error) {
        if (source.size() <= path_.size() + 1 || source.compare(0, path_.size(), path_) != 0) {
            error = "无法定位记录 " + source;
            return false;
        }
        const char sep = source[path_.size()];
        size_t number = 0;
        const char* first = source.data() + path_.size() + 1;
        const char* last = source.data() + source.size();
        if (std::from_chars(first, last, number).ptr != last) {
            error = "无法定位记录 " + source;
            return false;
        }
        if (sep == '#') {
            if (!elements_) {
                std::string_view body = text_;
                if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
                elements_ = top_level_elements(body);
            }
            if (number >= elements_->size()) {
                error = "无法定位记录 " + source;
                return false;
            }
            const auto parsed = parse_json_node((*elements_)[number], error, max_depth_);
            if (!parsed) return false;
            const JsonNode& node = *parsed;
            item.kind = Item::Kind::canonical;
            item.canonical.text = canonical_text(node);
            item.canonical.id = node.string_at({"id"});
            item.canonical.agency_code = node.string_at({"agency", "code"}).value_or("");
            return true;
        }
        std::string_view rest = from_line(number);
        if (number == 1 && rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
        item.kind = Item::Kind::raw;
        item.raw = rest.substr(0, rest.find('\n'));
        item.fallback = rest;
        return true;
    }

private:
    // The text from the start of 1-based `line` on. CaseReader reports lines in increasing
    // order, so the scan resumes where the previous one stopped (linear over the file).
    std::string_view from_line(size_t line) {
        if (line < line_) line_ = 1, pos_ = 0;
        for (; line_ < line; ++line_) {
            pos_ = text_.find('\n', pos_);
            if (pos_ == std::string_view::npos) {
                line_ = 1, pos_ = 0;
                return {};
            }
            ++pos_;
        }
        return text_.substr(pos_);
    }

    const std::string& path_;
    std::string_view text_;
    size_t max_depth_;
    std::optional<std::vector<std::string_view>> elements_;
    size_t line_ = 1, pos_ = 0;
};

bool is_csv(const std::string& path) {
    if (path.size() < 4) return false;
    std::string ext = path.substr(path.size() - 4);
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".csv";
}

struct Stopped {};  // thrown inside the reader thread when the writer gave up

// Turns a located (`raw`) record into its canonical text, or into a reject when the text found
// is not one JSON value (the tree parser words the message).
void canonicalize(Canonicalizer& canonicalizer, Item& item, const Limits& limits) {
    const std::string_view text = item.owned.empty() ? item.raw : std::string_view(item.owned);
    if (canonicalizer.canonicalize(text, item.canonical) ||
        (!item.fallback.empty() && canonicalizer.canonicalize(item.fallback, item.canonical))) {
        item.kind = Item::Kind::canonical;
        return;
    }
    std::string error;
    parse_json_node(text, error, limits.max_json_depth);
    item.kind = Item::Kind::reject;
    item.rejection = RecordRejection{item.source, std::nullopt, "", error.empty() ? "JSON 无法规范化" : error};
}

// The reader thread: validates every record of every input with CaseReader and queues, in
// input order, a reject or the located text of each valid record.
void read_inputs(const std::vector<ImportInput>& inputs, const Limits& limits, Queue<std::vector<Item>>& out,
                 const std::atomic<bool>& stop) {
    constexpr size_t kBatch = 256;
    std::vector<Item> batch;
    Canonicalizer canonicalizer;
    auto push = [&](Item item) {
        if (stop) throw Stopped{};
        if (item.kind == Item::Kind::raw) canonicalize(canonicalizer, item, limits);
        if (item.kind == Item::Kind::canonical) item.sha256 = sha256_hex(item.canonical.text);
        batch.push_back(std::move(item));
        if (batch.size() >= kBatch) {
            out.push(std::move(batch));
            batch = {};
            batch.reserve(kBatch);
        }
    };
    auto reject = [&](RecordRejection r) {
        Item item;
        item.rejection = std::move(r);
        push(std::move(item));
    };
    const KeyTable keys = case_file_keys();
    CaseReader reader(keys, limits);
    for (const auto& input : inputs) {
        if (stop) break;
        if (!input.read_error.empty()) {
            reject(RecordRejection{input.path, std::nullopt, "", input.read_error});
            continue;
        }
        const std::string_view text = input.contents();
        if (is_csv(input.path)) {
            std::string error;
            const auto rows = csv_to_records(text, error, limits);
            if (!rows) {
                reject(RecordRejection{input.path, std::nullopt, "", error});
                continue;
            }
            for (const auto& row : *rows) {
                const std::string source = input.path + ":" + std::to_string(row.line);
                if (!row.error.empty()) {
                    reject(RecordRejection{source, std::nullopt, row.error_field, row.error});
                    continue;
                }
                reader.read(input.path, row.json, [&](const Record*, const RecordRejection* bad) {
                    if (bad) {
                        RecordRejection r = *bad;
                        r.source = source;
                        reject(std::move(r));
                        return;
                    }
                    Item item;
                    item.kind = Item::Kind::raw;
                    item.source = source;
                    item.owned = row.json;
                    push(std::move(item));
                });
            }
            continue;
        }
        RecordLocator locator(input.path, text, limits.max_json_depth);
        reader.read(input.path, text, [&](const Record* record, const RecordRejection* bad) {
            if (bad) {
                reject(*bad);
                return;
            }
            Item item;
            item.source = record->source;
            std::string error;
            if (!locator.locate(record->source, item, error)) {
                reject(RecordRejection{record->source, std::nullopt, "", error});
                return;
            }
            const char* consumed = item.raw.data();
            push(std::move(item));
            if (input.mapped && consumed) input.mapped->release_before(consumed);
        });
    }
    if (!batch.empty()) out.push(std::move(batch));
    out.close();
}

}  // namespace

std::shared_ptr<MappedFile> MappedFile::open(const std::string& path, std::string& error) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = "无法读取文件：" + path;
        return nullptr;
    }
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        error = "不是普通文件：" + path;
        return nullptr;
    }
    std::shared_ptr<MappedFile> file(new MappedFile);
    file->size_ = static_cast<size_t>(st.st_size);
    if (file->size_ > 0) {
        void* p = mmap(nullptr, file->size_, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            ::close(fd);
            error = "无法读取文件：" + path;
            return nullptr;
        }
        madvise(p, file->size_, MADV_SEQUENTIAL);
        file->data_ = static_cast<const char*>(p);
    }
    ::close(fd);
    return file;
}

MappedFile::~MappedFile() {
    if (data_) munmap(const_cast<char*>(data_), size_);
}

void MappedFile::release_before(const char* until) {
    if (!data_ || until < data_ || until > data_ + size_) return;
    const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    const size_t end = static_cast<size_t>(until - data_) / page * page;
    if (end <= released_ + (64u << 20)) return;  // in steps of 64 MiB
    madvise(const_cast<char*>(data_) + released_, end - released_, MADV_DONTNEED);
    released_ = end;
}

// A large page cache for the batch: the whole import is one transaction, and with the default
// 2 MiB the randomly ordered case-id index keeps spilling to the WAL, writing its pages many
// times over. Restored afterwards (the setting is per connection).
class BulkCache {
public:
    explicit BulkCache(SQLite::Database& db) : db_(db), old_(db.execAndGet("PRAGMA cache_size").getInt()) {
        db_.exec("PRAGMA cache_size = -262144");  // KiB: 256 MiB at most, used only as pages are touched
    }
    ~BulkCache() {
        try {
            db_.exec("PRAGMA cache_size = " + std::to_string(old_));  // PRAGMA takes no parameters
        } catch (...) {
        }
    }

private:
    SQLite::Database& db_;
    int old_;
};

ImportSummary import_batch(SQLite::Database& db, const std::vector<ImportInput>& inputs, const Limits& limits) {
    ImportSummary summary;
    const BulkCache cache(db);
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    const std::string started = now_utc();
    nlohmann::json paths = nlohmann::json::array();
    for (const auto& in : inputs) paths.push_back(in.path);
    {
        SQLite::Statement ins(db,
                              "INSERT INTO imports (started_at, finished_at, inputs, new_cases, new_revisions, "
                              "unchanged, rejected) VALUES (?, ?, ?, 0, 0, 0, 0)");
        ins.bind(1, started);
        ins.bind(2, started);
        ins.bind(3, paths.dump());
        ins.exec();
        summary.import_id = db.getLastInsertRowid();
    }
    SQLite::Statement find_case(db, "SELECT id, latest_revision FROM cases WHERE case_id = ?");
    SQLite::Statement latest_hash(db, "SELECT sha256 FROM case_revisions WHERE case_ref = ? AND revision = ?");
    SQLite::Statement insert_case(db, "INSERT INTO cases (case_id, agency_code, latest_revision) VALUES (?, ?, 1)");
    SQLite::Statement update_case(db, "UPDATE cases SET agency_code = ?, latest_revision = ? WHERE id = ?");
    SQLite::Statement insert_revision(db,
                                      "INSERT INTO case_revisions (case_ref, revision, import_id, source, agency_code, "
                                      "sha256, record_json) VALUES (?, ?, ?, ?, ?, ?, ?)");
    SQLite::Statement insert_reject(
        db, "INSERT INTO rejects (import_id, source, case_id, field, message) VALUES (?, ?, ?, ?, ?)");

    auto reject = [&](const RecordRejection& r) {
        insert_reject.reset();
        insert_reject.bind(1, summary.import_id);
        insert_reject.bind(2, r.source);
        if (r.case_id) insert_reject.bind(3, *r.case_id);
        else insert_reject.bind(3);
        insert_reject.bind(4, r.field);
        insert_reject.bind(5, r.message);
        insert_reject.exec();
        ++summary.rejected;
        summary.rejections.push_back(r);
    };

    // Stores one valid record given its canonical text, id and agency code.
    auto accept = [&](const std::string& source, const Canonicalizer::Result& record, const std::string& hash) {
        if (!record.id) {
            reject(RecordRejection{source, std::nullopt, "", "记录缺少 id"});
            return;
        }
        const std::string& case_id = *record.id;
        find_case.reset();
        find_case.bind(1, case_id);
        int64_t case_ref = 0;
        int revision = 1;
        if (find_case.executeStep()) {
            case_ref = find_case.getColumn(0).getInt64();
            const int latest = find_case.getColumn(1).getInt();
            latest_hash.reset();
            latest_hash.bind(1, case_ref);
            latest_hash.bind(2, latest);
            if (latest_hash.executeStep() && latest_hash.getColumn(0).getString() == hash) {
                ++summary.unchanged;
                return;
            }
            revision = latest + 1;
            update_case.reset();
            update_case.bind(1, record.agency_code);
            update_case.bind(2, revision);
            update_case.bind(3, case_ref);
            update_case.exec();
            ++summary.new_revisions;
        } else {
            insert_case.reset();
            insert_case.bindNoCopy(1, case_id);
            insert_case.bindNoCopy(2, record.agency_code);
            insert_case.exec();
            case_ref = db.getLastInsertRowid();
            ++summary.new_cases;
        }
        insert_revision.reset();
        insert_revision.bind(1, case_ref);
        insert_revision.bind(2, revision);
        insert_revision.bind(3, summary.import_id);
        insert_revision.bindNoCopy(4, source);
        insert_revision.bindNoCopy(5, record.agency_code);
        insert_revision.bindNoCopy(6, hash);
        insert_revision.bindNoCopy(7, record.text);
        insert_revision.exec();
    };

    Queue<std::vector<Item>> queue(64);
    std::atomic<bool> stop{false};
    std::exception_ptr reader_error;
    std::thread reader([&] {
        try {
            read_inputs(inputs, limits, queue, stop);
        } catch (const Stopped&) {
            queue.close();
        } catch (...) {
            reader_error = std::current_exception();
            queue.close();
        }
    });
    try {
        while (auto batch = queue.pop()) {
            for (const Item& item : *batch) {
                if (item.kind == Item::Kind::canonical) accept(item.source, item.canonical, item.sha256);
                else reject(item.rejection);
            }
        }
    } catch (...) {
        stop = true;
        while (queue.pop()) {
        }
        reader.join();
        throw;
    }
    reader.join();
    if (reader_error) std::rethrow_exception(reader_error);
    SQLite::Statement fin(db,
                          "UPDATE imports SET finished_at = ?, new_cases = ?, new_revisions = ?, unchanged = ?, "
                          "rejected = ? WHERE id = ?");
    fin.bind(1, now_utc());
    fin.bind(2, static_cast<int64_t>(summary.new_cases));
    fin.bind(3, static_cast<int64_t>(summary.new_revisions));
    fin.bind(4, static_cast<int64_t>(summary.unchanged));
    fin.bind(5, static_cast<int64_t>(summary.rejected));
    fin.bind(6, summary.import_id);
    fin.exec();
    if (kill_requested("import-before-commit")) std::raise(SIGKILL);
    tx.commit();
    return summary;
}

}  // namespace pingcha::store
