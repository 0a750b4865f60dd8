#include "record/loader.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "law/citation.hpp"
#include "record/article_value.hpp"
#include "record/simd_reader.hpp"
#include "record/schema.hpp"

namespace pingcha {
namespace {

using Json = nlohmann::json;

constexpr size_t kMaxQuotedBytes = 120;
constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr auto npos = std::string_view::npos;

// ---------------------------------------------------------------- text helpers

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

size_t first_non_blank(std::string_view s, size_t from = 0) {
    for (size_t k = from; k < s.size(); ++k)
        if (!is_blank(s[k])) return k;
    return npos;
}

// The line of `text` that starts at `from` and ends at the line end `end` (npos: at the
// end of the text), without a trailing '\r'.
std::string_view line_between(std::string_view text, size_t from, size_t end) {
    auto line = text.substr(from, end == npos ? npos : end - from);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

std::string_view line_from(std::string_view text, size_t from) { return line_between(text, from, text.find('\n', from)); }

void append_number(std::string& out, uint64_t n) {
    char buffer[24];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, n).ptr;
    out.append(buffer, end);
}

template <typename Int>
std::string number_text(Int n) {
    char buffer[24];
    return {buffer, std::to_chars(buffer, buffer + sizeof buffer, n).ptr};
}

// Length of the well-formed UTF-8 sequence starting at s[i], or 0.
size_t utf8_length(std::string_view s, size_t i) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80) return 1;
    size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (i + n > s.size() || byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (size_t k = 2; k < n; ++k)
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    return n;
}

// Copies `s` for a message, writing ill-formed UTF-8 bytes as \xNN and stopping (with …)
// after `limit` bytes.
std::string printable(std::string_view s, size_t limit = npos) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (size_t i = 0; i < s.size();) {
        if (out.size() >= limit) return out + "…";
        if (const size_t n = utf8_length(s, i)) {
            out.append(s.substr(i, n));
            i += n;
            continue;
        }
        const auto c = static_cast<unsigned char>(s[i++]);
        out += "\\x";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
    return out;
}

std::string in_quotes(std::string_view s) { return "\"" + printable(s, kMaxQuotedBytes) + "\""; }

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
    return s;
}

// "超过 max_json_depth 限制（64 层）": names the limit so that the user knows what to raise.
std::string over_limit(std::string_view name, size_t value, std::string_view unit) {
    return "超过 " + std::string(name) + " 限制（" + number_text(value) + " " + std::string(unit) + "）";
}

}  // namespace

std::vector<std::string_view> top_level_elements(std::string_view doc) {
    std::vector<std::string_view> sizes;
    size_t depth = 0, start = npos;
    bool in_string = false;
    const auto begin_element = [&](size_t k) {
        if (depth == 1 && start == npos) start = k;
    };
    for (size_t k = 0; k < doc.size(); ++k) {
        const char c = doc[k];
        if (in_string) {
            if (c == '\\') ++k;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') {
            begin_element(k);
            in_string = true;
        } else if (c == '[' || c == '{') {
            begin_element(k);
            ++depth;
        } else if (c == ']' || c == '}') {
            if (--depth == 0) {
                if (start != npos) sizes.push_back(trimmed(doc.substr(start, k - start)));
                return sizes;
            }
        } else if (c == ',' && depth == 1) {
            sizes.push_back(start == npos ? std::string_view{} : trimmed(doc.substr(start, k - start)));
            start = npos;
        } else if (!is_blank(c)) {
            begin_element(k);
        }
    }
    if (start != npos) sizes.push_back(trimmed(doc.substr(start)));
    return sizes;
}

namespace {

// ---------------------------------------------------------------- syntax errors

struct SyntaxError {
    size_t position = 0;  // bytes the parser had read when it gave up
    std::string detail;   // nlohmann's description without its prefix and position
};

std::string exception_detail(const Json::exception& ex) {
    std::string_view what = ex.what();
    if (const size_t p = what.find("] "); p != npos) what.remove_prefix(p + 2);
    if (what.starts_with("parse error"))
        if (const size_t p = what.find(": "); p != npos) what.remove_prefix(p + 2);
    return printable(what);
}

// A SAX handler that keeps nothing: a syntax check that does not build a document.
struct SyntaxProbe {
    std::optional<SyntaxError> error;

    bool null() { return true; }
    bool boolean(bool) { return true; }
    bool number_integer(Json::number_integer_t) { return true; }
    bool number_unsigned(Json::number_unsigned_t) { return true; }
    bool number_float(Json::number_float_t, const std::string&) { return true; }
    bool string(std::string&) { return true; }
    bool binary(Json::binary_t&) { return true; }
    bool start_object(std::size_t) { return true; }
    bool key(std::string&) { return true; }
    bool end_object() { return true; }
    bool start_array(std::size_t) { return true; }
    bool end_array() { return true; }
    bool parse_error(std::size_t position, const std::string&, const Json::exception& ex) {
        error = SyntaxError{position, exception_detail(ex)};
        return false;
    }
};

struct TextPosition {
    size_t line, column;  // 1-based; the column counts UTF-8 characters
};

std::string syntax_message(const SyntaxError& error, TextPosition at) {
    std::string out = "JSON 语法错误：第 ";
    append_number(out, at.line);
    out += " 行第 ";
    append_number(out, at.column);
    return out + " 列：" + error.detail;
}

std::optional<SyntaxError> syntax_error(std::string_view text) {
    SyntaxProbe probe;
    Json::sax_parse(text.data(), text.data() + text.size(), &probe);
    return std::move(probe.error);
}

// A JSON Lines record starts its line; objects nested in pretty-printed JSON are indented.
bool is_record_line(std::string_view line) { return line.starts_with('{') && !syntax_error(line); }

bool any_line_is_record(std::string_view text, size_t from) {
    for (size_t pos = from; pos < text.size();) {
        const size_t end = text.find('\n', pos);
        if (is_record_line(line_between(text, pos, end))) return true;
        if (end == npos) break;
        pos = end + 1;
    }
    return false;
}

// JSON Lines unless the first line only starts a value that goes on over more lines (a
// pretty-printed object). Such a text is one record, even a broken one, unless some
// later line is a record on its own.
bool is_one_document(std::string_view text, size_t first) {
    const auto first_line = line_from(text, first);
    const auto error = syntax_error(first_line);
    if (!error) return false;
    if (!syntax_error(text.substr(first))) return true;
    const bool unfinished = error->position > first_line.size();
    return unfinished && !any_line_is_record(text, first + first_line.size());
}

// ---------------------------------------------------------------- JSON tokens

// A scalar as the parser delivered it; `text` is the string or the number as written.
struct Token {
    enum class Kind : uint8_t { null, boolean, negative, whole, decimal, string };
    Kind kind = Kind::null;
    bool flag = false;
    int64_t negative = 0;
    uint64_t whole = 0;
    std::string_view text;
};

std::string as_written(const Token& t) {
    switch (t.kind) {
        case Token::Kind::negative: return number_text(t.negative);
        case Token::Kind::whole: return number_text(t.whole);
        case Token::Kind::boolean: return t.flag ? "true" : "false";
        case Token::Kind::null: return "null";
        default: return printable(t.text, kMaxQuotedBytes);
    }
}

std::string describe(const Token& t) {
    switch (t.kind) {
        case Token::Kind::string: return "字符串 " + in_quotes(t.text);
        case Token::Kind::boolean: return "布尔值 " + as_written(t);
        case Token::Kind::null: return "null";
        default: return "数字 " + as_written(t);
    }
}

const char* expected_name(FieldType type) {
    switch (type) {
        case FieldType::text:
        case FieldType::enumeration: return "字符串";
        case FieldType::date: return "日期字符串（YYYY-MM-DD）";
        case FieldType::money: return "金额（以元为单位的数字）";
        case FieldType::integer: return "非负整数";
        case FieldType::boolean: return "布尔值（true 或 false）";
        case FieldType::article: return "条款（整数或字符串）";
        case FieldType::list: return "数组";
        case FieldType::object:
        case FieldType::map: return "对象";
        case FieldType::dynamic: break;
    }
    return "任意值";
}

std::string choices_text(const std::vector<std::string>& choices) {
    std::string out = choices.size() == 1 ? "（应为 " : "（可选：";
    for (size_t k = 0; k < choices.size(); ++k) out += (k ? "、" : "") + choices[k];
    return out + "）";
}

// ---------------------------------------------------------------- the record builder

// Where the next value goes and what it must be.
struct Slot {
    const Shape* shape = nullptr;  // nullptr: any JSON (`extra`, fields outside the schema)
    bool keep = false;             // store it; otherwise only validate it
    bool required = false;
    KeyId key = 0;
};

const Shape* typed(const Shape* shape) { return shape && shape->type == FieldType::dynamic ? nullptr : shape; }

// One open JSON object or array. Frames are reused record after record, so their
// vectors keep their capacity and steady-state loading allocates nothing.
struct Frame {
    Slot self;
    bool is_list = false;
    uint32_t count = 0;     // elements placed so far (lists)
    std::string_view key;   // current member name (objects); lives as long as the record
    Slot member;            // the slot of the current member or element
    std::vector<Field> fields;
    std::vector<Value> items;
    std::vector<std::string_view> seen;  // member names, for duplicate detection

    void open(Slot slot, bool list) {
        self = slot;
        is_list = list;
        count = 0;
        key = {};
        member = list ? Slot{typed(slot.shape ? slot.shape->element.get() : nullptr), slot.keep} : Slot{};
        fields.clear();
        items.clear();
        seen.clear();
    }
};

// The nlohmann SAX handler: validates and converts records into `record`, one at a time,
// and hands each to the sink.
class Loader {
public:
    Loader(const KeyTable& keys, const Limits& limits, Record& record, std::string_view path, std::string_view doc,
           const RecordSink& sink, SimdRecordReader* fast)
        : keys_(keys), limits_(limits), record_(record), path_(path), doc_(doc), sink_(sink), articles_(keys), fast_(fast) {}

    void read_array();
    // Returns the number of line ends in the text.
    size_t read_lines(size_t first_line = 1);
    void read_document(size_t first);

    // SAX interface.
    bool null() { return scalar(Token{}); }
    bool boolean(bool v) { return scalar(Token{.kind = Token::Kind::boolean, .flag = v}); }
    bool number_integer(Json::number_integer_t v) {
        return scalar(v < 0 ? Token{.kind = Token::Kind::negative, .negative = v}
                            : Token{.kind = Token::Kind::whole, .whole = static_cast<uint64_t>(v)});
    }
    bool number_unsigned(Json::number_unsigned_t v) { return scalar(Token{.kind = Token::Kind::whole, .whole = v}); }
    bool number_float(Json::number_float_t, const std::string& raw) {
        return scalar(Token{.kind = Token::Kind::decimal, .text = raw});
    }
    bool string(std::string& s) { return scalar(Token{.kind = Token::Kind::string, .text = s}); }
    bool binary(Json::binary_t&) { return true; }  // not produced by the JSON parser
    bool start_object(std::size_t) { return open(false); }
    bool start_array(std::size_t) { return open(true); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(std::string& name);
    bool parse_error(std::size_t position, const std::string& last_token, const Json::exception& ex);

private:
    void read_one(size_t offset, std::string_view text, size_t line);
    bool read_fast(std::string_view text, size_t line);
    void open_record(uint64_t line_or_index);
    void finish_record();
    void reject_file(const SyntaxError& error);

    bool scalar(const Token& t);
    bool open(bool is_list);
    bool close();
    Slot root_slot(bool is_list);
    Slot container_slot(Slot slot, bool is_list);
    Slot member_slot(const Frame& f, std::optional<KeyId> id) const;
    void push(Slot slot, bool is_list);
    Value close_frame();
    void check_required(const Frame& f);
    void place(Value v);
    void note_case_id(const Token& t);

    Value convert(const Slot& slot, const Token& t);
    Value text_value(const Slot& slot, const Token& t);
    Value choice_value(const Slot& slot, const Token& t);
    Value date_value(const Slot& slot, const Token& t);
    Value money_value(const Slot& slot, const Token& t);
    Value money_from_text(std::string_view raw);
    Value integer_value(const Slot& slot, const Token& t);
    Value article_value(const Slot& slot, const Token& t);
    Value dynamic_value(const Token& t);
    Value mismatch(const Shape& shape, std::string_view actual);

    template <typename T>
    const T* persist(const T* data, size_t n) {
        T* copy = record_.arena().make_array<T>(n);
        std::copy_n(data, n, copy);
        return copy;
    }
    Frame& top() { return frames_[depth_ - 1]; }
    std::string path(size_t depth) const;
    Value fail_here(std::string message);
    std::string long_string(size_t bytes) const {
        return "字符串有 " + number_text(bytes) + " 字节，" + over_limit("max_string_bytes", limits_.max_string_bytes, "字节");
    }
    void fail(std::string field, std::string message);
    TextPosition position_of(size_t parser_position) const;

    const KeyTable& keys_;
    const Limits& limits_;
    Record& record_;
    std::string_view path_;
    std::string_view doc_;  // the whole input, for line numbers
    const RecordSink& sink_;
    ArticleKeys articles_;
    SimdRecordReader* fast_;  // JSON Lines records go here first when set

    bool batch_ = false;     // records are the elements of a top-level array
    bool in_batch_ = false;  // inside that array
    uint64_t index_ = 0;     // next element index in the array
    size_t segment_offset_ = 0, segment_line_ = 1;  // where the text being parsed starts
    std::vector<std::string_view> elements_;  // the array's elements, when some may be too large

    std::vector<Frame> frames_;
    size_t depth_ = 0;       // open frames of the current record
    size_t overflow_ = 0;    // nesting below max_json_depth, only counted

    bool record_open_ = false;
    bool failed_ = false;
    std::string failed_field_, failed_message_;
    bool has_case_id_ = false;
    std::string case_id_;
};

// ------------------------------------------------------------ layouts and records

void Loader::read_array() {
    if (const auto error = syntax_error(doc_)) {
        reject_file(*error);
        return;
    }
    batch_ = true;
    if (doc_.size() > limits_.max_record_bytes) elements_ = top_level_elements(doc_);
    Json::sax_parse(doc_.data(), doc_.data() + doc_.size(), this);
    if (record_open_) finish_record();  // only if the parser stopped inside a record
}

size_t Loader::read_lines(size_t first_line) {
    for (size_t pos = 0, line = first_line;; ++line) {
        const size_t end = doc_.find('\n', pos);  // the one scan for this line's end
        const auto text = line_between(doc_, pos, end);
        if (first_non_blank(text) != npos && !read_fast(text, line)) read_one(pos, text, line);
        if (end == npos) return line - first_line;
        pos = end + 1;
    }
}

void Loader::read_document(size_t first) {
    const auto line = 1 + static_cast<size_t>(std::count(doc_.begin(), doc_.begin() + first, '\n'));
    read_one(first, doc_.substr(first), line);
}

void Loader::read_one(size_t offset, std::string_view text, size_t line) {
    segment_offset_ = offset;
    segment_line_ = line;
    open_record(line);
    if (text.size() > limits_.max_record_bytes)  // not even parsed: its size alone is the problem
        fail({}, "记录有 " + number_text(text.size()) + " 字节，" +
                     over_limit("max_record_bytes", limits_.max_record_bytes, "字节"));
    else
        Json::sax_parse(text.data(), text.data() + text.size(), this);
    finish_record();
}

// True when the fast reader accepted the record.
bool Loader::read_fast(std::string_view text, size_t line) {
    if (!fast_) return false;
    open_record(line);
    if (fast_->read(text, record_, doc_.data() + doc_.size()) == SimdRecordReader::Outcome::defer) return false;
    record_open_ = false;
    ++index_;
    sink_(&record_, nullptr);
    return true;
}

void Loader::open_record(uint64_t line_or_index) {
    record_.clear();
    record_.source.assign(path_);
    record_.source += batch_ ? '#' : ':';
    append_number(record_.source, line_or_index);
    record_open_ = true;
    failed_ = false;
    has_case_id_ = false;
    depth_ = 0;
    overflow_ = 0;
    if (batch_ && line_or_index < elements_.size() && elements_[line_or_index].size() > limits_.max_record_bytes)
        fail({}, "记录有 " + number_text(elements_[line_or_index].size()) + " 字节，" +
                     over_limit("max_record_bytes", limits_.max_record_bytes, "字节"));
}

void Loader::finish_record() {
    record_open_ = false;
    ++index_;
    if (!failed_) {
        sink_(&record_, nullptr);
        return;
    }
    const RecordRejection rejection{record_.source, has_case_id_ ? std::optional(case_id_) : std::nullopt,
                                    failed_field_, failed_message_};
    sink_(nullptr, &rejection);
}

void Loader::reject_file(const SyntaxError& error) {
    const TextPosition at = position_of(error.position);
    RecordRejection rejection{std::string(path_), std::nullopt, {}, syntax_message(error, at)};
    rejection.source += ':';
    append_number(rejection.source, at.line);
    sink_(nullptr, &rejection);
}

// `position` counts the offending byte too; at the end of the input it is one past it.
TextPosition Loader::position_of(size_t parser_position) const {
    const size_t at = std::min(segment_offset_ + (parser_position ? parser_position - 1 : 0), doc_.size());
    TextPosition result{segment_line_, 1};
    size_t line_start = segment_offset_;
    for (size_t k = segment_offset_; k < at; ++k) {
        if (doc_[k] != '\n') continue;
        ++result.line;
        line_start = k + 1;
    }
    for (size_t k = line_start; k < at; ++k)
        if ((static_cast<unsigned char>(doc_[k]) & 0xC0) != 0x80) ++result.column;  // characters, not bytes
    return result;
}

// ------------------------------------------------------------ SAX events

bool Loader::parse_error(std::size_t position, const std::string& last_token, const Json::exception& ex) {
    if (ex.id == 406 && depth_ > 0) {  // number overflow: a bad value, not bad syntax
        fail(path(depth_), "数值超出范围：" + printable(last_token, kMaxQuotedBytes));
    } else {
        failed_ = true;  // bad syntax outranks any earlier value error
        failed_field_.clear();
        const SyntaxError error{position, exception_detail(ex)};
        failed_message_ = syntax_message(error, position_of(position));
    }
    return false;
}

bool Loader::scalar(const Token& t) {
    if (overflow_ > 0) return true;
    if (depth_ == 0) {
        if (batch_) open_record(index_);
        fail({}, "记录应为 JSON 对象，实际为" + describe(t));
        if (batch_) finish_record();
        return true;
    }
    if (t.kind == Token::Kind::string && t.text.size() > limits_.max_string_bytes) {
        fail(path(depth_), long_string(t.text.size()));
        place(Value{});
        return true;
    }
    note_case_id(t);
    place(t.kind == Token::Kind::null ? Value{} : convert(top().member, t));
    return true;
}

bool Loader::open(bool is_list) {
    if (batch_ && !in_batch_) {  // the array around the records
        in_batch_ = true;
        return true;
    }
    if (overflow_ > 0 || depth_ >= limits_.max_json_depth) {
        if (overflow_++ == 0) fail(path(depth_), "嵌套" + over_limit("max_json_depth", limits_.max_json_depth, "层"));
        return true;
    }
    push(depth_ == 0 ? root_slot(is_list) : container_slot(top().member, is_list), is_list);
    return true;
}

bool Loader::close() {
    if (overflow_ > 0) {
        --overflow_;
        return true;
    }
    if (depth_ == 0) {  // the array around the records
        in_batch_ = false;
        return true;
    }
    const Value value = close_frame();
    if (--depth_ > 0) {
        place(value);
    } else {
        record_.root = value;
        if (batch_) finish_record();
    }
    return true;
}

bool Loader::key(std::string& name) {
    if (overflow_ > 0) return true;
    Frame& f = top();
    if (name.size() > limits_.max_string_bytes) {
        fail(path(depth_), "键名有 " + number_text(name.size()) + " 字节，" +
                               over_limit("max_string_bytes", limits_.max_string_bytes, "字节"));
        name.resize(limits_.max_string_bytes);
    }
    const auto id = keys_.find(name);
    f.key = id ? std::string_view(keys_.name(*id)) : record_.arena().copy(name);
    if (std::find(f.seen.begin(), f.seen.end(), f.key) != f.seen.end())
        fail(path(depth_), "重复的键：" + in_quotes(name));
    f.seen.push_back(f.key);
    f.member = member_slot(f, id);
    return true;
}

// ------------------------------------------------------------ frames

Slot Loader::root_slot(bool is_list) {
    if (batch_) open_record(index_);
    if (!is_list) return Slot{&case_file_shape(), true};
    fail({}, "记录应为 JSON 对象，实际为数组");
    return {};
}

Slot Loader::container_slot(Slot slot, bool is_list) {
    if (!slot.shape) return slot;
    const FieldType type = slot.shape->type;
    if (is_list ? type == FieldType::list : type == FieldType::object || type == FieldType::map) return slot;
    mismatch(*slot.shape, is_list ? "数组" : "对象");
    return {};  // validate the rest as plain JSON
}

Slot Loader::member_slot(const Frame& f, std::optional<KeyId> id) const {
    Slot slot{nullptr, f.self.keep && id.has_value(), false, id.value_or(0)};
    const Shape* shape = f.self.shape;
    if (!shape) return slot;
    if (shape->type == FieldType::map) {
        slot.shape = typed(shape->element.get());
    } else if (const FieldSpec* spec = shape->find(f.key)) {
        slot.shape = typed(&spec->shape);
        slot.required = spec->required;
    }
    return slot;
}

void Loader::push(Slot slot, bool is_list) {
    if (depth_ == frames_.size()) frames_.emplace_back();
    frames_[depth_++].open(slot, is_list);
}

Value Loader::close_frame() {
    const Frame& f = top();
    if (f.self.shape && f.self.shape->type == FieldType::object) check_required(f);
    if (!f.self.keep) return {};
    if (f.is_list) return Value::list(persist(f.items.data(), f.items.size()), f.count);
    return Value::object(persist(f.fields.data(), f.fields.size()), static_cast<uint32_t>(f.fields.size()));
}

void Loader::check_required(const Frame& f) {
    if (!f.self.keep) return;
    for (const FieldSpec& spec : f.self.shape->fields) {
        if (!spec.required) continue;
        const auto id = keys_.find(spec.name);
        const bool present = id && std::any_of(f.fields.begin(), f.fields.end(),
                                               [&](const Field& field) { return field.key == *id; });
        if (present) continue;
        std::string field = path(depth_ - 1);
        fail((field.empty() ? field : field + ".") + spec.name, "缺少必填字段");
    }
}

void Loader::place(Value v) {
    Frame& f = top();
    if (f.is_list) {
        if (f.count == limits_.max_list_length)
            fail(path(depth_ - 1), "数组" + over_limit("max_list_length", limits_.max_list_length, "项"));
        if (f.self.keep && f.count < limits_.max_list_length) f.items.push_back(v);
        ++f.count;
    } else if (f.member.keep && !v.is_missing()) {
        f.fields.push_back(Field{f.member.key, v});
    }
}

void Loader::note_case_id(const Token& t) {
    if (depth_ != 1 || frames_[0].is_list || frames_[0].key != "id") return;
    if (t.kind != Token::Kind::string || t.text.empty()) return;
    case_id_.assign(t.text);
    has_case_id_ = true;
}

// JSON path of the value being filled in frames_[depth - 1]: `basis[1].article`.
std::string Loader::path(size_t depth) const {
    std::string out;
    for (size_t k = 0; k < depth; ++k) {
        const Frame& f = frames_[k];
        if (f.is_list) {
            out += '[';
            append_number(out, f.count);
            out += ']';
        } else {
            if (!out.empty()) out += '.';
            out += f.key;
        }
    }
    return out;
}

void Loader::fail(std::string field, std::string message) {
    if (failed_) return;  // the first problem is the one reported
    failed_ = true;
    failed_field_ = std::move(field);
    failed_message_ = std::move(message);
}

Value Loader::fail_here(std::string message) {
    fail(path(depth_), std::move(message));
    return {};
}

// ------------------------------------------------------------ conversions

Value Loader::convert(const Slot& slot, const Token& t) {
    if (!slot.shape) return slot.keep ? dynamic_value(t) : Value{};
    switch (slot.shape->type) {
        case FieldType::text: return text_value(slot, t);
        case FieldType::enumeration: return choice_value(slot, t);
        case FieldType::date: return date_value(slot, t);
        case FieldType::money: return money_value(slot, t);
        case FieldType::integer: return integer_value(slot, t);
        case FieldType::boolean:
            if (t.kind == Token::Kind::boolean) return Value::boolean(t.flag);
            break;
        case FieldType::article: return article_value(slot, t);
        default: break;
    }
    return mismatch(*slot.shape, describe(t));
}

Value Loader::mismatch(const Shape& shape, std::string_view actual) {
    return fail_here(std::string("类型不符：应为") + expected_name(shape.type) + "，实际为" + std::string(actual));
}

Value Loader::text_value(const Slot& slot, const Token& t) {
    if (t.kind != Token::Kind::string) return mismatch(*slot.shape, describe(t));
    if (slot.required && t.text.empty()) return fail_here("不能为空");
    return Value::text(record_.arena().copy(t.text));
}

Value Loader::choice_value(const Slot& slot, const Token& t) {
    if (t.kind != Token::Kind::string) return mismatch(*slot.shape, describe(t));
    const auto& choices = slot.shape->choices;
    const auto it = std::find(choices.begin(), choices.end(), t.text);
    if (it == choices.end()) return fail_here("不是允许的取值：" + in_quotes(t.text) + choices_text(choices));
    return Value::text(*it);  // the schema outlives every record
}

Value Loader::date_value(const Slot& slot, const Token& t) {
    if (t.kind != Token::Kind::string) return mismatch(*slot.shape, describe(t));
    if (const auto date = Date::parse(t.text)) return Value::of_date(*date);
    return fail_here("不是有效的日期：" + in_quotes(t.text));
}

Value Loader::money_value(const Slot& slot, const Token& t) {
    switch (t.kind) {
        case Token::Kind::negative: return fail_here("金额不能为负数：" + as_written(t));
        case Token::Kind::whole:
            if (t.whole > static_cast<uint64_t>(std::numeric_limits<int64_t>::max() / 100))
                return fail_here("金额超出范围：" + as_written(t));
            return Value::money(Rational(static_cast<int64_t>(t.whole) * 100));
        case Token::Kind::decimal: return money_from_text(t.text);
        default: return mismatch(*slot.shape, describe(t));
    }
}

Value Loader::money_from_text(std::string_view raw) {
    const auto yuan = Rational::parse_decimal(raw);
    if (yuan && yuan->is_negative()) return fail_here("金额不能为负数：" + printable(raw, kMaxQuotedBytes));
    const auto fen = yuan ? yuan->times(100) : std::nullopt;
    if (!fen) return fail_here("金额超出范围：" + printable(raw, kMaxQuotedBytes));
    if (!fen->is_integer()) return fail_here("金额最多保留两位小数：" + printable(raw, kMaxQuotedBytes));
    return Value::money(*fen);
}

Value Loader::integer_value(const Slot& slot, const Token& t) {
    switch (t.kind) {
        case Token::Kind::negative: return fail_here("应为非负整数：" + as_written(t));
        case Token::Kind::whole:
            if (t.whole > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
                return fail_here("整数超出范围：" + as_written(t));
            return Value::integer(static_cast<int64_t>(t.whole));
        case Token::Kind::decimal: {  // 3.0 and 1e2 are whole numbers written as decimals
            const auto q = Rational::parse_decimal(t.text);
            if (q && q->is_integer() && !q->is_negative()) return Value::integer(q->num());
            return fail_here("应为非负整数：" + as_written(t));
        }
        default: return mismatch(*slot.shape, describe(t));
    }
}

Value Loader::article_value(const Slot& slot, const Token& t) {
    switch (t.kind) {
        case Token::Kind::whole:
            if (t.whole >= 1 && t.whole <= std::numeric_limits<uint32_t>::max())
                return article_object(record_.arena(), articles_, ArticleRef{static_cast<uint32_t>(t.whole)}, as_written(t));
            [[fallthrough]];
        case Token::Kind::negative: return fail_here("条号应为正整数：" + as_written(t));
        case Token::Kind::string: return article_object(record_.arena(), articles_, parse_article_ref(t.text), t.text);
        default: return mismatch(*slot.shape, describe(t));
    }
}

Value Loader::dynamic_value(const Token& t) {
    switch (t.kind) {
        case Token::Kind::boolean: return Value::boolean(t.flag);
        case Token::Kind::negative: return Value::integer(t.negative);
        case Token::Kind::whole:
            if (t.whole <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
                return Value::integer(static_cast<int64_t>(t.whole));
            return fail_here("数值超出范围：" + as_written(t));
        case Token::Kind::decimal:
            if (const auto q = Rational::parse_decimal(t.text)) return Value::decimal(*q);
            return fail_here("数值超出范围：" + as_written(t));
        case Token::Kind::string: return Value::text(record_.arena().copy(t.text));
        case Token::Kind::null: break;
    }
    return {};
}

}  // namespace

std::string RecordRejection::to_string() const {
    std::string out = source;
    if (case_id) out += ": 案件 " + *case_id;
    if (!field.empty()) out += ": 字段 " + field;
    return out + ": " + message;
}

CaseReader::CaseReader(const KeyTable& keys, const Limits& limits, JsonReader reader)
    : keys_(keys), limits_(limits),
      fast_(reader == JsonReader::fast ? std::make_unique<SimdRecordReader>(keys, limits_) : nullptr) {}

CaseReader::~CaseReader() = default;

void CaseReader::read(std::string_view path, std::string_view text, const RecordSink& sink) {
    if (text.size() > limits_.max_input_bytes) {
        const RecordRejection rejection{std::string(path), std::nullopt, {},
                                        "输入有 " + number_text(text.size()) + " 字节，" +
                                            over_limit("max_input_bytes", limits_.max_input_bytes, "字节")};
        sink(nullptr, &rejection);
        return;
    }
    if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
    const size_t first = first_non_blank(text);
    if (first == npos) return;
    Loader loader(keys_, limits_, record_, path, text, sink, fast_.get());
    if (text[first] == '[')
        loader.read_array();
    else if (is_one_document(text, first))
        loader.read_document(first);
    else
        loader.read_lines();
}

bool CaseReader::is_json_lines(std::string_view text) {
    if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
    const size_t first = first_non_blank(text);
    return first != npos && text[first] != '[' && !syntax_error(line_from(text, first));
}

size_t CaseReader::read_lines(std::string_view path, std::string_view text, size_t first_line, const RecordSink& sink) {
    if (first_line == 1 && text.starts_with(kBom)) text.remove_prefix(kBom.size());
    Loader loader(keys_, limits_, record_, path, text, sink, fast_.get());
    return loader.read_lines(first_line);
}

}  // namespace pingcha
