#include "record/simd_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <deque>
#include <limits>
#include <vector>

#include <simdjson.h>

#include "record/article_value.hpp"
#include "record/schema.hpp"

namespace pingcha {
namespace {

namespace dom = simdjson::dom;
using simdjson::SUCCESS;

template <typename Int>
std::string number_text(Int n) {
    char buffer[24];
    return {buffer, std::to_chars(buffer, buffer + sizeof buffer, n).ptr};
}

// "超过 max_json_depth 限制（64 层）", worded as the reference reader (loader.cpp) words it;
// built piecewise (GCC 12 warns wrongly, -Wrestrict, on "a" + s + "b").
std::string over_limit(const char* name, size_t limit, const char* unit) {
    std::string out = "超过 ";
    out += name;
    out += " 限制（";
    out += number_text(limit);
    out += " ";
    out += unit;
    out += "）";
    return out;
}

// "字符串有 13 字节，超过 max_string_bytes 限制（12 字节）".
std::string too_many_bytes(const char* what, size_t bytes, const char* name, size_t limit) {
    std::string out = what;
    out += number_text(bytes);
    out += " 字节，";
    out += over_limit(name, limit, "字节");
    return out;
}

// The case-file schema with member look-up by KeyId instead of by name.
struct ShapeNode {
    FieldType type = FieldType::dynamic;
    const Shape* shape = nullptr;
    std::vector<const ShapeNode*> members;  // object: by KeyId; null when not in the schema (or dynamic)
    std::vector<bool> is_member;            // object: KeyId names a schema field
    std::vector<bool> required_member;      // object: that field is required
    std::vector<KeyId> required;            // object: keys that must be present
    bool unmatchable = false;               // object: a required field's name is not a key
    const ShapeNode* element = nullptr;     // list, map
};

class ShapeIndex {
public:
    explicit ShapeIndex(const KeyTable& keys) : keys_(keys) { root_ = build(&case_file_shape()); }
    const ShapeNode* root() const { return root_; }

private:
    const ShapeNode* build(const Shape* shape) {
        if (!shape || shape->type == FieldType::dynamic) return nullptr;  // any JSON, as in `typed()`
        ShapeNode& node = nodes_.emplace_back();
        node.type = shape->type;
        node.shape = shape;
        if (shape->element) node.element = build(shape->element.get());
        if (shape->type != FieldType::object) return &node;
        node.members.assign(keys_.size(), nullptr);
        node.is_member.assign(keys_.size(), false);
        node.required_member.assign(keys_.size(), false);
        for (const FieldSpec& spec : shape->fields) {
            const auto id = keys_.find(spec.name);
            if (!id) {
                node.unmatchable = node.unmatchable || spec.required;
                continue;
            }
            node.members[*id] = build(&spec.shape);
            node.is_member[*id] = true;
            node.required_member[*id] = spec.required;
            if (spec.required) node.required.push_back(*id);
        }
        return &node;
    }

    const KeyTable& keys_;
    std::deque<ShapeNode> nodes_;
    const ShapeNode* root_ = nullptr;
};

// Open addressing over the KeyTable's names with a cheap hash: field names are short.
class KeyLookup {
public:
    explicit KeyLookup(const KeyTable& keys) : keys_(keys) {
        size_t size = 64;
        while (size < keys.size() * 4) size *= 2;
        slots_.assign(size, kEmpty);
        mask_ = size - 1;
        for (KeyId id = 0; id < keys.size(); ++id) {
            size_t at = hash(keys.name(id)) & mask_;
            while (slots_[at] != kEmpty) at = (at + 1) & mask_;
            slots_[at] = id;
        }
    }
    std::optional<KeyId> find(std::string_view name) const {
        for (size_t at = hash(name) & mask_;; at = (at + 1) & mask_) {
            const KeyId id = slots_[at];
            if (id == kEmpty) return std::nullopt;
            if (keys_.name(id) == name) return id;
        }
    }

private:
    static constexpr KeyId kEmpty = std::numeric_limits<KeyId>::max();
    static size_t hash(std::string_view s) {
        size_t h = s.size() * 0x9E3779B1u;
        if (!s.empty()) {
            h ^= static_cast<unsigned char>(s[0]) * 0x85EBCA77u;
            h ^= static_cast<unsigned char>(s[s.size() / 2]) * 0xC2B2AE3Du;
            h ^= static_cast<unsigned char>(s.back()) * 0x27D4EB2Fu;
        }
        return h ^ (h >> 15);
    }
    const KeyTable& keys_;
    std::vector<KeyId> slots_;
    size_t mask_ = 0;
};

struct PathPart {
    std::string_view key;
    int64_t index = -1;  // list element when >= 0
};

}  // namespace

struct SimdRecordReader::Impl {
    Impl(const KeyTable& k, const Limits& l)
        : keys(k), limits(l), lookup(k), shapes(k), articles(k) {
        // Deeper than simdjson allows is deferred to the reference reader.
        // A failed allocation here is retried, and reported, by the first parse.
        [[maybe_unused]] const auto error =
            parser.allocate(64 * 1024, std::max<size_t>(l.max_json_depth + 2, simdjson::DEFAULT_MAX_DEPTH));
    }

    const KeyTable& keys;
    const Limits limits;  // a copy: callers may pass a temporary
    KeyLookup lookup;
    ShapeIndex shapes;
    ArticleKeys articles;
    dom::parser parser;
    std::string padded;  // the line copied with simdjson's padding when it ends too near the text's end

    // Per record.
    Arena* arena = nullptr;
    std::string_view line;
    Outcome outcome = Outcome::accepted;
    Rejection* rejection = nullptr;
    std::vector<PathPart> path;
    // Scratch per nesting level, reused record after record; deques so that growing them
    // keeps references held by the levels above valid.
    std::deque<std::vector<Field>> field_stack;
    std::deque<std::vector<Value>> item_stack;
    std::deque<std::vector<std::string_view>> unknown_keys;  // duplicate check for names not in the table
    // Duplicate check for names in the table: key_seen[depth][id] == the serial of the
    // object being walked at that depth when `id` was already one of its members.
    std::deque<std::vector<uint32_t>> key_seen;
    uint32_t object_serial = 0;
    size_t numbers_seen = 0, scan_pos = 0, numbers_scanned = 0;
    std::string_view last_number;

    bool stopped() const { return outcome != Outcome::accepted; }
    Value defer() {
        if (outcome == Outcome::accepted) outcome = Outcome::defer;
        return {};
    }
    Value reject(std::string message);

    Outcome read(std::string_view text, const char* text_end, Record& record);
    Value walk(dom::element e, const ShapeNode* node, bool keep, size_t depth);
    Value walk_object(dom::object o, const ShapeNode* node, bool keep, size_t depth);
    Value walk_array(dom::array a, const ShapeNode* node, bool keep, size_t depth);
    Value scalar(dom::element e, const ShapeNode* node, bool keep);
    Value number(dom::element e, const ShapeNode* node, bool keep);
    Value string(std::string_view s, const ShapeNode* node, bool keep);
    Value money_from_text(std::string_view raw);
    std::string_view raw_number();
    std::string path_text() const;
    std::optional<std::string> case_id(dom::element root) const;
};

std::string SimdRecordReader::Impl::path_text() const {
    std::string out;
    for (const PathPart& p : path) {
        if (p.index >= 0) {
            out += '[';
            out += number_text(p.index);
            out += ']';
        } else {
            if (!out.empty()) out += '.';
            out += p.key;
        }
    }
    return out;
}

Value SimdRecordReader::Impl::reject(std::string message) {
    if (outcome != Outcome::accepted) return {};
    outcome = Outcome::rejected;
    rejection->field = path_text();
    rejection->message = std::move(message);
    return {};
}

// The text of the number just visited. The document is valid JSON, so the k-th number token
// outside strings is the k-th number element in document order; the scan is lazy and
// resumes where it stopped, so a record is scanned at most once.
std::string_view SimdRecordReader::Impl::raw_number() {
    const size_t wanted = numbers_seen;  // 1-based ordinal of the current number
    const char* s = line.data();
    const size_t n = line.size();
    while (numbers_scanned < wanted) {
        const char c = s[scan_pos];
        if (c == '"') {
            size_t p = scan_pos + 1;
            for (;;) {
                const void* q = std::memchr(s + p, '"', n - p);
                p = static_cast<const char*>(q) - s;
                size_t backslashes = 0;
                while (s[p - 1 - backslashes] == '\\') ++backslashes;
                if (backslashes % 2 == 0) break;
                ++p;
            }
            scan_pos = p + 1;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            size_t end = scan_pos + 1;
            while (end < n && std::strchr("0123456789+-.eE", s[end]) && s[end] != '\0') ++end;
            last_number = line.substr(scan_pos, end - scan_pos);
            scan_pos = end;
            ++numbers_scanned;
        } else {
            ++scan_pos;
        }
    }
    return last_number;
}

std::optional<std::string> SimdRecordReader::Impl::case_id(dom::element root) const {
    std::string_view id;
    // As the reference reader: an id beyond max_string_bytes is not taken as the case's.
    if (root.at_key("id").get_string().get(id) == SUCCESS && !id.empty() && id.size() <= limits.max_string_bytes)
        return std::string(id);
    return std::nullopt;
}

SimdRecordReader::Outcome SimdRecordReader::Impl::read(std::string_view text, const char* text_end, Record& record) {
    outcome = Outcome::accepted;
    path.clear();
    numbers_seen = scan_pos = numbers_scanned = 0;
    line = text;
    arena = &record.arena();
    if (text.size() > limits.max_record_bytes) {
        reject(too_many_bytes("记录有 ", text.size(), "max_record_bytes", limits.max_record_bytes));
        return outcome;
    }
    // simdjson reads up to SIMDJSON_PADDING bytes past the end; a line of a larger text
    // usually has them, only the last one needs a copy.
    const bool padded_in_place = text_end && text.data() + text.size() + simdjson::SIMDJSON_PADDING <= text_end;
    const char* data = text.data();
    if (!padded_in_place) {
        padded.assign(text);
        padded.append(simdjson::SIMDJSON_PADDING, ' ');
        data = padded.data();
        line = std::string_view(padded.data(), text.size());
    }
    dom::element root;
    if (parser.parse(data, text.size(), false).get(root) != SUCCESS || !root.is_object()) return Outcome::defer;
    record.root = walk(root, shapes.root(), true, 1);
    if (outcome == Outcome::rejected) rejection->case_id = case_id(root);
    return outcome;
}

Value SimdRecordReader::Impl::walk(dom::element e, const ShapeNode* node, bool keep, size_t depth) {
    switch (e.type()) {
        case dom::element_type::OBJECT:
            if (node && node->type != FieldType::object && node->type != FieldType::map) return defer();
            return walk_object(e.get_object().value_unsafe(), node, keep, depth);
        case dom::element_type::ARRAY:
            if (node && node->type != FieldType::list) return defer();
            return walk_array(e.get_array().value_unsafe(), node, keep, depth);
        default: return scalar(e, node, keep);
    }
}

Value SimdRecordReader::Impl::walk_object(dom::object o, const ShapeNode* node, bool keep, size_t depth) {
    if (depth > limits.max_json_depth) return reject("嵌套" + over_limit("max_json_depth", limits.max_json_depth, "层"));
    if (field_stack.size() < depth) {
        field_stack.resize(depth);
        unknown_keys.resize(depth);
        key_seen.resize(depth, std::vector<uint32_t>(keys.size(), 0));
    }
    auto& fields = field_stack[depth - 1];
    auto& unknown = unknown_keys[depth - 1];
    auto& seen = key_seen[depth - 1];
    if (++object_serial == 0) {  // wrapped: forget every stamp
        for (auto& level : key_seen) std::fill(level.begin(), level.end(), 0);
        object_serial = 1;
    }
    const uint32_t serial = object_serial;
    fields.clear();
    unknown.clear();
    size_t required_seen = 0;
    const bool is_map = node && node->type == FieldType::map;
    for (dom::key_value_pair member : o) {
        const std::string_view name = member.key;
        path.push_back(PathPart{name});
        if (name.size() > limits.max_string_bytes) return defer();  // the reference names the field as it does
        const auto id = lookup.find(name);
        if (id) {
            if (seen[*id] == serial) return defer();  // duplicate key
            seen[*id] = serial;
        } else {
            if (std::find(unknown.begin(), unknown.end(), name) != unknown.end()) return defer();
            unknown.push_back(name);
        }
        const ShapeNode* child = nullptr;
        bool required = false;
        if (node && id) {
            child = is_map ? node->element : node->members[*id];
            required = !is_map && node->required_member[*id];
        } else if (is_map) {
            child = node->element;
        }
        const Value v = walk(member.value, child, keep && id.has_value(), depth + 1);
        if (stopped()) return {};
        if (required && v.kind == ValueKind::text && v.size == 0) return defer();  // required text must not be empty
        if (keep && id && !v.is_missing()) {
            fields.push_back(Field{*id, v});
            required_seen += required;
        }
        path.pop_back();
    }
    const auto& f = fields;
    // Keys are unique, so counting the required ones kept tells whether all are present.
    if (node && node->type == FieldType::object && keep && (node->unmatchable || required_seen != node->required.size()))
        return defer();
    if (!keep) return {};
    Field* copy = arena->make_array<Field>(f.size());
    std::copy(f.begin(), f.end(), copy);
    return Value::object(copy, static_cast<uint32_t>(f.size()));
}

Value SimdRecordReader::Impl::walk_array(dom::array a, const ShapeNode* node, bool keep, size_t depth) {
    if (depth > limits.max_json_depth) return reject("嵌套" + over_limit("max_json_depth", limits.max_json_depth, "层"));
    if (item_stack.size() < depth) item_stack.resize(depth);
    auto& items = item_stack[depth - 1];
    items.clear();
    const ShapeNode* element = node ? node->element : nullptr;
    int64_t index = 0;
    for (dom::element e : a) {
        if (static_cast<size_t>(index) >= limits.max_list_length)  // names the list, not the element
            return reject("数组" + over_limit("max_list_length", limits.max_list_length, "项"));
        path.push_back(PathPart{{}, index++});
        const Value v = walk(e, element, keep, depth + 1);
        if (stopped()) return {};
        if (keep) items.push_back(v);
        path.pop_back();
    }
    if (!keep) return {};
    Value* copy = arena->make_array<Value>(items.size());
    std::copy(items.begin(), items.end(), copy);
    return Value::list(copy, static_cast<uint32_t>(items.size()));
}

Value SimdRecordReader::Impl::scalar(dom::element e, const ShapeNode* node, bool keep) {
    switch (e.type()) {
        case dom::element_type::NULL_VALUE: return {};
        case dom::element_type::BOOL: {
            if (node && node->type != FieldType::boolean) return defer();
            if (!keep) return {};
            return Value::boolean(e.get_bool().value_unsafe());
        }
        case dom::element_type::STRING: return string(e.get_string().value_unsafe(), node, keep);
        default: return number(e, node, keep);
    }
}

Value SimdRecordReader::Impl::string(std::string_view s, const ShapeNode* node, bool keep) {
    if (s.size() > limits.max_string_bytes)
        return reject(too_many_bytes("字符串有 ", s.size(), "max_string_bytes", limits.max_string_bytes));
    if (!node) return keep ? Value::text(arena->copy(s)) : Value{};
    switch (node->type) {
        case FieldType::text: return Value::text(arena->copy(s));
        case FieldType::enumeration: {
            const auto& choices = node->shape->choices;
            const auto it = std::find(choices.begin(), choices.end(), s);
            if (it == choices.end()) return defer();
            return Value::text(*it);
        }
        case FieldType::date:
            if (const auto date = Date::parse(s)) return Value::of_date(*date);
            return defer();
        case FieldType::article: return article_object(*arena, articles, parse_article_ref(s), s);
        default: return defer();
    }
}

Value SimdRecordReader::Impl::money_from_text(std::string_view raw) {
    const auto yuan = Rational::parse_decimal(raw);
    if (!yuan || yuan->is_negative()) return defer();
    const auto fen = yuan->times(100);
    if (!fen || !fen->is_integer()) return defer();
    return Value::money(*fen);
}

Value SimdRecordReader::Impl::number(dom::element e, const ShapeNode* node, bool keep) {
    ++numbers_seen;
    const auto type = e.type();
    const FieldType field = node ? node->type : FieldType::dynamic;
    if (type == dom::element_type::DOUBLE) {
        if (!node && !keep) return {};
        const std::string_view raw = raw_number();
        if (raw.find_first_of(".eE") == std::string_view::npos) return defer();  // an integer simdjson could not hold
        switch (field) {
            case FieldType::money: return money_from_text(raw);
            case FieldType::integer: {
                const auto q = Rational::parse_decimal(raw);
                if (q && q->is_integer() && !q->is_negative()) return Value::integer(q->num());
                return defer();
            }
            case FieldType::dynamic:
                if (const auto q = Rational::parse_decimal(raw)) return Value::decimal(*q);
                return defer();
            default: return defer();
        }
    }
    int64_t value = 0;
    if (type == dom::element_type::INT64) {
        value = e.get_int64().value_unsafe();
    } else {  // UINT64: above INT64_MAX, too large for every field
        return node || keep ? defer() : Value{};
    }
    if (!node) return keep ? Value::integer(value) : Value{};
    if (value < 0) return defer();
    switch (field) {
        case FieldType::money:
            if (value > std::numeric_limits<int64_t>::max() / 100) return defer();
            return Value::money(Rational(value * 100));
        case FieldType::integer: return Value::integer(value);
        case FieldType::article:
            if (value < 1 || value > std::numeric_limits<uint32_t>::max()) return defer();
            return article_object(*arena, articles, ArticleRef{static_cast<uint32_t>(value)}, number_text(value));
        default: return defer();
    }
}

SimdRecordReader::SimdRecordReader(const KeyTable& keys, const Limits& limits)
    : impl_(std::make_unique<Impl>(keys, limits)) {
    impl_->rejection = &rejection_;
}

SimdRecordReader::~SimdRecordReader() = default;

SimdRecordReader::Outcome SimdRecordReader::read(std::string_view line, Record& record, const char* text_end) {
    rejection_ = {};
    return impl_->read(line, text_end, record);
}

}  // namespace pingcha
