#include "store/import.hpp"

#include <cctype>
#include <charconv>
#include <csignal>
#include <cstdlib>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "record/record.hpp"
#include "store/canonical_json.hpp"
#include "store/csv_input.hpp"
#include "store/store.hpp"

namespace pingcha::store {
namespace {

// Test hook: PINGCHA_TEST_KILL_AT=import-before-commit kills the process with SIGKILL after
// every row of the batch is written and before the commit.
bool kill_requested(std::string_view point) {
    const char* v = std::getenv("PINGCHA_TEST_KILL_AT");
    return v && point == v;
}

// Finds the text of the record CaseReader reported at `source` (`path:line` or `path#index`)
// and returns its parsed tree. Mirrors CaseReader's layouts: an array element; one line of
// JSON Lines; or (pretty-printed single document) everything from that line on.
class RecordLocator {
public:
    RecordLocator(const std::string& path, std::string_view text, size_t max_depth)
        : path_(path), text_(text), max_depth_(max_depth) {}

    std::optional<JsonNode> locate(const std::string& source, std::string& error) {
        if (source.size() <= path_.size() + 1 || source.compare(0, path_.size(), path_) != 0) {
            error = "无法定位记录 " + source;
            return std::nullopt;
        }
        const char sep = source[path_.size()];
        size_t number = 0;
        const char* first = source.data() + path_.size() + 1;
        const char* last = source.data() + source.size();
        if (std::from_chars(first, last, number).ptr != last) {
            error = "无法定位记录 " + source;
            return std::nullopt;
        }
        if (sep == '#') {
            if (!elements_) {
                std::string_view body = text_;
                if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
                elements_ = top_level_elements(body);
            }
            if (number >= elements_->size()) {
                error = "无法定位记录 " + source;
                return std::nullopt;
            }
            return parse_json_node((*elements_)[number], error, max_depth_);
        }
        std::string_view rest = from_line(number);
        if (number == 1 && rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
        const auto eol = rest.find('\n');
        std::string ignored;
        if (auto one = parse_json_node(rest.substr(0, eol), ignored, max_depth_)) return one;
        return parse_json_node(rest, error, max_depth_);
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

}  // namespace

ImportSummary import_batch(SQLite::Database& db, const std::vector<ImportInput>& inputs, const Limits& limits) {
    ImportSummary summary;
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

    // Stores one valid record whose canonical tree is `node` (or rejects it when it has none).
    auto accept = [&](const std::string& source, const std::optional<JsonNode>& node, const std::string& error) {
        const auto case_id = node ? node->string_at({"id"}) : std::nullopt;
        if (!node || !case_id) {
            reject(RecordRejection{source, case_id, "", error.empty() ? "记录缺少 id" : error});
            return;
        }
        const std::string text = canonical_text(*node);
        const std::string hash = sha256_hex(text);
        const std::string agency = node->string_at({"agency", "code"}).value_or("");
        find_case.reset();
        find_case.bind(1, *case_id);
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
            update_case.bind(1, agency);
            update_case.bind(2, revision);
            update_case.bind(3, case_ref);
            update_case.exec();
            ++summary.new_revisions;
        } else {
            insert_case.reset();
            insert_case.bind(1, *case_id);
            insert_case.bind(2, agency);
            insert_case.exec();
            case_ref = db.getLastInsertRowid();
            ++summary.new_cases;
        }
        insert_revision.reset();
        insert_revision.bind(1, case_ref);
        insert_revision.bind(2, revision);
        insert_revision.bind(3, summary.import_id);
        insert_revision.bind(4, source);
        insert_revision.bind(5, agency);
        insert_revision.bind(6, hash);
        insert_revision.bind(7, text);
        insert_revision.exec();
    };

    const KeyTable keys = case_file_keys();
    CaseReader reader(keys, limits);
    for (const auto& input : inputs) {
        if (!input.read_error.empty()) {
            reject(RecordRejection{input.path, std::nullopt, "", input.read_error});
            continue;
        }
        if (is_csv(input.path)) {
            std::string error;
            const auto rows = csv_to_records(input.text, error, limits);
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
                        reject(r);
                        return;
                    }
                    std::string e;
                    accept(source, parse_json_node(row.json, e, limits.max_json_depth), e);
                });
            }
            continue;
        }
        RecordLocator locator(input.path, input.text, limits.max_json_depth);
        reader.read(input.path, input.text, [&](const Record* record, const RecordRejection* bad) {
            if (bad) {
                reject(*bad);
                return;
            }
            std::string error;
            accept(record->source, locator.locate(record->source, error), error);
        });
    }
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
