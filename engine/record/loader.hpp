// Reading case files: a JSON object, a JSON array of objects, or JSON Lines. Each record
// is validated against case-file/1 and converted (dates, exact money, normalised
// articles) into a Record. A bad record is reported and never stops the others.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/keys.hpp"
#include "core/limits.hpp"
#include "record/record.hpp"

namespace pingcha {

struct RecordRejection {
    std::string source;                  // `file:line` or `file#index` (index 0-based in an array)
    std::optional<std::string> case_id;  // when the record got far enough to have one
    std::string field;                   // path such as `dates.decided` or `basis[1].article`; empty for syntax errors
    std::string message;                 // Chinese, names the field and the offending value
    std::string to_string() const;       // `source: 案件 id: 字段 path: message`
};

// Called once per record in input order: either `record` (valid; only valid during the
// call) or `rejection` is set.
using RecordSink = std::function<void(const Record* record, const RecordRejection* rejection)>;

// The elements of the JSON array `doc` (valid JSON whose first non-blank character is `[`),
// found lexically so that no element has to be parsed: element k of the array is the
// record CaseReader reports as `file#k`.
std::vector<std::string_view> top_level_elements(std::string_view doc);

class SimdRecordReader;

// Which parser reads JSON Lines records. `fast` (simdjson, simd_reader.hpp) hands every
// record it does not accept to `reference` (nlohmann SAX), which also reads arrays and
// pretty-printed documents; both give the same records and the same rejections.
enum class JsonReader { fast, reference };

class CaseReader {
public:
    // `keys` must contain every case-file/1 key (see case_file_keys()); object keys that
    // are not in it are validated as JSON but not kept. A record beyond one of `limits`
    // is rejected naming the limit, the record and the field; a whole input beyond
    // max_input_bytes is rejected as one.
    explicit CaseReader(const KeyTable& keys, const Limits& limits = Limits{}, JsonReader reader = JsonReader::fast);
    ~CaseReader();
    // `path` is used in messages only. Detects the layout: a document whose first non-blank
    // character is `[` is an array; otherwise each non-blank line is one record (a single
    // pretty-printed object spanning lines is also accepted).
    void read(std::string_view path, std::string_view text, const RecordSink& sink);
    // Whether `read` would take `text` (the start of an input, ending at a line end) as
    // JSON Lines, which can be read block by block with `read_lines`.
    static bool is_json_lines(std::string_view text);
    // Whole JSON Lines of a larger input; `first_line` (1-based) numbers the first of them.
    // Returns the number of line ends in `text`, so that the caller can number the lines
    // of the next part of the input without scanning this one again.
    size_t read_lines(std::string_view path, std::string_view text, size_t first_line, const RecordSink& sink);

private:
    const KeyTable& keys_;
    Limits limits_;
    Record record_;  // reused for every record
    std::unique_ptr<SimdRecordReader> fast_;
};

}  // namespace pingcha
