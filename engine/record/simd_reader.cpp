#include "record/simd_reader.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <deque>
#include <limits>
#include <unordered_map>
#include <vector>

#include <simdjson.h>

#include "core/bytes.hpp"
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

constexpr KeyId kNoKey = std::numeric_limits<KeyId>::max();  // a member name not in the KeyTable

struct ShapeNode;

// What a member of an object means: its value's shape (null: any JSON, or not a schema
// field), whether the schema requires it, and its key (kNoKey: not kept).
struct MemberMeaning {
    KeyId key = kNoKey;
    const ShapeNode* shape = nullptr;
    bool required = false;
};

// The case-file schema with member look-up by KeyId instead of by name.
struct ShapeNode {
    FieldType type = FieldType::dynamic;
    const Shape* shape = nullptr;
    std::vector<MemberMeaning> members;  // object: by KeyId
    size_t required_count = 0;           // object: fields that must be present
    bool unmatchable = false;            // object: a required field's name is not a key
    const ShapeNode* element = nullptr;  // list, map
    size_t index = 0;                    // object, map: its KeyOrder among the reader's

    MemberMeaning meaning(KeyId key) const {
        if (type == FieldType::map) return {key, element, false};
        if (key == kNoKey) return {};
        return members[key];
    }
};

class ShapeIndex {
public:
    explicit ShapeIndex(const KeyTable& keys) : keys_(keys) { root_ = build(&case_file_shape()); }
    const ShapeNode* root() const { return root_; }
    size_t keyed_nodes() const { return keyed_; }

private:
    const ShapeNode* build(const Shape* shape) {
        if (!shape || shape->type == FieldType::dynamic) return nullptr;  // any JSON, as in `typed()`
        ShapeNode& node = nodes_.emplace_back();
        node.type = shape->type;
        node.shape = shape;
        if (shape->element) node.element = build(shape->element.get());
        if (shape->type == FieldType::map) node.index = keyed_++;
        if (shape->type != FieldType::object) return &node;
        node.index = keyed_++;
        node.members.resize(keys_.size());
        for (KeyId id = 0; id < keys_.size(); ++id) node.members[id].key = id;
        for (const FieldSpec& spec : shape->fields) {
            const auto id = keys_.find(spec.name);
            if (!id) {
                node.unmatchable = node.unmatchable || spec.required;
                continue;
            }
            node.members[*id] = MemberMeaning{*id, build(&spec.shape), spec.required};
            node.required_count += spec.required;
        }
        return &node;
    }

    const KeyTable& keys_;
    std::deque<ShapeNode> nodes_;
    const ShapeNode* root_ = nullptr;
    size_t keyed_ = 0;
};

// The member names of the last object of one shape, in order. Records from one system list
// their keys alike, so a name is usually found by one comparison with the name met at its
// position. The names kept here are unique (each is added only after the duplicate check),
// so an object whose names all match, position by position, has no duplicate key.
class KeyOrder {
public:
    static constexpr size_t kLongest = 64;  // positions remembered

    // Never reallocated: the duplicate check holds views of the names.
    KeyOrder() { names_.reserve(kLongest); }

    const MemberMeaning* predict(size_t position, std::string_view name) const {
        if (position >= names_.size() || !same_bytes(names_[position].name, name)) return nullptr;
        return &names_[position].meaning;
    }
    // Forgets the names from `position` on: the object being walked differs there.
    void truncate(size_t position) { names_.resize(std::min(position, names_.size())); }
    void learn(std::string_view name, const MemberMeaning& meaning) {
        if (names_.size() < kLongest) names_.push_back({std::string(name), meaning});
    }
    // The names before `position`, all matched by the object being walked.
    template <typename F>
    void for_each_before(size_t position, F&& f) const {
        for (size_t k = 0; k < position; ++k) f(names_[k].name, names_[k].meaning.key);
    }

private:
    struct Name {
        std::string name;
        MemberMeaning meaning;
    };
    std::vector<Name> names_;
};

// The names of the object being walked at one depth, for the duplicate check once its key
// order stopped predicting them.
class SeenKeys {
public:
    explicit SeenKeys(size_t key_count) : stamp_(key_count, 0) {}
    void start() {
        if (++serial_ == 0) {  // wrapped: forget every stamp
            std::fill(stamp_.begin(), stamp_.end(), 0);
            serial_ = 1;
        }
        unknown_.clear();
    }
    // False when `name` was met before in this object.
    bool insert(std::string_view name, KeyId key) {
        if (key == kNoKey) {
            if (std::find(unknown_.begin(), unknown_.end(), name) != unknown_.end()) return false;
            unknown_.push_back(name);
            return true;
        }
        if (stamp_[key] == serial_) return false;
        stamp_[key] = serial_;
        return true;
    }

private:
    std::vector<uint32_t> stamp_;  // by KeyId: == serial_ when met in the current object
    uint32_t serial_ = 0;
    std::vector<std::string_view> unknown_;  // names not in the KeyTable
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

// parse_article_ref by text, remembered: a corpus cites a few hundred provisions, each
// spelled the same way again and again.
class ArticleCitations {
public:
    std::optional<ArticleRef> parse(std::string_view text) {
        if (const auto it = known_.find(text); it != known_.end()) return it->second;
        if (known_.size() >= kMost) known_.clear();
        const auto ref = parse_article_ref(text);
        known_.emplace(text, ref);
        return ref;
    }

private:
    static constexpr size_t kMost = 4096;
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, std::optional<ArticleRef>, Hash, std::equal_to<>> known_;
};

struct PathPart {
    std::string_view key;
    int64_t index = -1;  // list element when >= 0
};

}  // namespace

struct SimdRecordReader::Impl {
    Impl(const KeyTable& k, const Limits& l)
        : keys(k), limits(l), lookup(k), shapes(k), articles(k), key_orders(shapes.keyed_nodes()) {
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
    ArticleCitations citations;
    dom::parser parser;
    std::string padded;  // the line copied with simdjson's padding when it ends too near the text's end
    // Reused record after record: the key order of each object shape (of objects outside
    // the schema: by depth), and the names met per depth. Deques: growing them keeps
    // references held by the levels above valid.
    std::vector<KeyOrder> key_orders;
    std::deque<KeyOrder> free_key_orders;
    std::deque<SeenKeys> seen_keys;

    // Per record.
    Arena* arena = nullptr;
    char* text_end = nullptr;  // free room for the record's text: the line's length in all
    std::string_view line;
    Outcome outcome = Outcome::accepted;
    Rejection* rejection = nullptr;
    std::vector<PathPart> rejected_at;  // where the rejection happened, innermost part first
    size_t numbers_seen = 0, numbers_scanned = 0, structurals_scanned = 0;

    bool stopped() const { return outcome != Outcome::accepted; }
    Value defer() {
        if (outcome == Outcome::accepted) outcome = Outcome::defer;
        return {};
    }
    [[gnu::cold]] Value reject(std::string message);
    [[gnu::cold]] Value reject_depth() {
        return reject("嵌套" + over_limit("max_json_depth", limits.max_json_depth, "层"));
    }
    [[gnu::cold]] Value reject_length() {  // names the list, not the element
        return reject("数组" + over_limit("max_list_length", limits.max_list_length, "项"));
    }
    [[gnu::cold]] Value reject_string(size_t bytes) {
        return reject(too_many_bytes("字符串有 ", bytes, "max_string_bytes", limits.max_string_bytes));
    }
    // Called by each level the walk returns through once it stopped: names the path.
    Value unwind(PathPart part) {
        if (outcome == Outcome::rejected) rejected_at.push_back(part);
        return {};
    }

    Outcome read(std::string_view text, const char* text_end, Record& record);
    // Inlined into the loops over members and elements, saving a call per value.
    [[gnu::always_inline]] inline Value walk(dom::element e, const ShapeNode* node, bool keep, size_t depth);
    // Out of line, so that a scalar member costs no more than its own conversion.
    [[gnu::noinline]] Value walk_object(dom::object o, const ShapeNode* node, bool keep, size_t depth);
    [[gnu::noinline]] Value walk_array(dom::array a, const ShapeNode* node, bool keep, size_t depth);
    KeyOrder& key_order(const ShapeNode* node, size_t depth);
    SeenKeys& seen_at(size_t depth);
    void stop_predicting(KeyOrder& order, size_t position, size_t depth);
    std::optional<MemberMeaning> look_up(std::string_view name, const ShapeNode* node, KeyOrder& order, size_t depth);
    Value number(dom::element e, const ShapeNode* node, bool keep);
    Value string(std::string_view s, const ShapeNode* node, bool keep);
    Value text(std::string_view s);
    Value money_from_text(std::string_view raw);
    std::string_view raw_number();
    std::string path_text() const;
    std::optional<std::string> case_id(dom::element root) const;
};

std::string SimdRecordReader::Impl::path_text() const {
    std::string out;
    for (auto p = rejected_at.rbegin(); p != rejected_at.rend(); ++p) {
        if (p->index >= 0) {
            out += '[';
            out += number_text(p->index);
            out += ']';
        } else {
            if (!out.empty()) out += '.';
            out += p->key;
        }
    }
    return out;
}

Value SimdRecordReader::Impl::reject(std::string message) {
    if (outcome != Outcome::accepted) return {};
    outcome = Outcome::rejected;
    rejection->message = std::move(message);
    return {};
}

bool is_number_byte(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// By byte: whether a JSON token starting with it is a number.
constexpr auto kStartsNumber = [] {
    std::array<uint8_t, 256> table{};
    table['-'] = 1;
    for (char c = '0'; c <= '9'; ++c) table[static_cast<unsigned char>(c)] = 1;
    return table;
}();

// The text of the number just visited. The document is valid JSON, so the k-th number token
// is the k-th number element in document order. simdjson's first stage left the offset of
// every token start (strings by their opening quote, so nothing inside a string) and of
// every operator in `structural_indexes`: the number tokens are the ones starting with a
// digit or '-'. The scan over them is lazy and resumes where it stopped, so a record's
// structurals are looked at most once, and no string is scanned. (`parser.implementation`
// is public in simdjson 3, marked for benchmarking access; SimdReader.NumberTextsReadAlike
// and the case_reader fuzzer compare every amount with the reference reader's.)
std::string_view SimdRecordReader::Impl::raw_number() {
    const auto& stage1 = *parser.implementation;
    const uint32_t* structurals = stage1.structural_indexes.get();
    const char* s = line.data();
    const auto starts_number = [&](size_t k) { return kStartsNumber[static_cast<unsigned char>(s[structurals[k]])]; };
    // Locals: the members would be stored and reloaded around every byte read.
    size_t scanned = numbers_scanned, next = structurals_scanned;
    // Four at a time while the number wanted is not among them, then one by one.
    for (const size_t wanted = numbers_seen - 1; next + 4 <= stage1.n_structural_indexes; next += 4) {
        const size_t four = starts_number(next) + starts_number(next + 1) + starts_number(next + 2) + starts_number(next + 3);
        if (scanned + four > wanted) break;
        scanned += four;
    }
    uint32_t at = 0;
    while (scanned < numbers_seen) {
        at = structurals[next++];
        scanned += kStartsNumber[static_cast<unsigned char>(s[at])];
    }
    numbers_scanned = scanned;
    structurals_scanned = next;
    size_t end = at + 1;
    while (end < line.size() && is_number_byte(s[end])) ++end;
    return line.substr(at, end - at);
}

std::optional<std::string> SimdRecordReader::Impl::case_id(dom::element root) const {
    std::string_view id;
    // As the reference reader: an id beyond max_string_bytes is not taken as the case's.
    if (root.at_key("id").get_string().get(id) == SUCCESS && !id.empty() && id.size() <= limits.max_string_bytes)
        return std::string(id);
    return std::nullopt;
}

SimdRecordReader::Outcome SimdRecordReader::Impl::read(std::string_view text, const char* end, Record& record) {
    outcome = Outcome::accepted;
    rejected_at.clear();
    numbers_seen = numbers_scanned = structurals_scanned = 0;
    line = text;
    arena = &record.arena();
    if (text.size() > limits.max_record_bytes) {
        reject(too_many_bytes("记录有 ", text.size(), "max_record_bytes", limits.max_record_bytes));
        return outcome;
    }
    // simdjson reads up to SIMDJSON_PADDING bytes past the end; a line of a larger text
    // usually has them, only the last one needs a copy.
    const bool padded_in_place = end && text.data() + text.size() + simdjson::SIMDJSON_PADDING <= end;
    const char* data = text.data();
    if (!padded_in_place) {
        padded.assign(text);
        padded.append(simdjson::SIMDJSON_PADDING, ' ');
        data = padded.data();
        line = std::string_view(padded.data(), text.size());
    }
    dom::element root;
    if (parser.parse(data, text.size(), false).get(root) != SUCCESS || !root.is_object()) return Outcome::defer;
    // Every string kept is at most as long as its token in the line, so one block holds them.
    text_end = arena->make_array_for_overwrite<char>(text.size());
    record.root = walk(root, shapes.root(), true, 1);
    if (outcome == Outcome::rejected) {
        rejection->field = path_text();
        rejection->case_id = case_id(root);
    }
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
        case dom::element_type::STRING: {
            const std::string_view s = e.get_string().value_unsafe();
            // Plain text, the most common member, without a call.
            if ((!node || node->type == FieldType::text) && s.size() <= limits.max_string_bytes)
                return keep ? text(s) : Value{};
            return string(s, node, keep);
        }
        case dom::element_type::NULL_VALUE: return {};
        case dom::element_type::BOOL:
            if (node && node->type != FieldType::boolean) return defer();
            return keep ? Value::boolean(e.get_bool().value_unsafe()) : Value{};
        default: return number(e, node, keep);
    }
}

KeyOrder& SimdRecordReader::Impl::key_order(const ShapeNode* node, size_t depth) {
    if (node) return key_orders[node->index];
    if (free_key_orders.size() < depth) free_key_orders.resize(depth);
    return free_key_orders[depth - 1];
}

SeenKeys& SimdRecordReader::Impl::seen_at(size_t depth) {
    while (seen_keys.size() < depth) seen_keys.emplace_back(keys.size());
    return seen_keys[depth - 1];
}

// The object at `depth` leaves its key order at `position`: from there on each name is
// looked up and checked against all met before it, the predicted ones included.
void SimdRecordReader::Impl::stop_predicting(KeyOrder& order, size_t position, size_t depth) {
    SeenKeys& seen = seen_at(depth);
    seen.start();
    order.for_each_before(position, [&](std::string_view name, KeyId key) { seen.insert(name, key); });
    order.truncate(position);
}

// The meaning of a name the key order did not predict, which joins the order; nullopt when
// the object already had that name.
std::optional<MemberMeaning> SimdRecordReader::Impl::look_up(std::string_view name, const ShapeNode* node,
                                                             KeyOrder& order, size_t depth) {
    const KeyId key = lookup.find(name).value_or(kNoKey);
    if (!seen_at(depth).insert(name, key)) return std::nullopt;
    const MemberMeaning meaning = node ? node->meaning(key) : MemberMeaning{key};
    order.learn(name, meaning);
    return meaning;
}

Value SimdRecordReader::Impl::walk_object(dom::object o, const ShapeNode* node, bool keep, size_t depth) {
    if (depth > limits.max_json_depth) return reject_depth();
    const size_t members = o.size();
    if (members >= 0xFFFFFF) return defer();  // simdjson's count saturates there
    KeyOrder& order = key_order(node, depth);
    // Keys kept are unique KeyIds.
    Field* fields = keep ? arena->make_array_for_overwrite<Field>(std::min(members, keys.size())) : nullptr;
    uint32_t kept = 0;
    size_t required_seen = 0, position = 0;
    bool predicted = true;  // every name so far was the one at its position in `order`
    for (dom::key_value_pair member : o) {
        const std::string_view name = member.key;
        MemberMeaning meaning;
        // A predicted name equals one learned, which passed the length check below.
        if (const MemberMeaning* known = predicted ? order.predict(position, name) : nullptr) {
            meaning = *known;
        } else {
            if (name.size() > limits.max_string_bytes) return defer();  // the reference names the field as it does
            if (predicted) stop_predicting(order, position, depth);
            predicted = false;
            const auto found = look_up(name, node, order, depth);
            if (!found) return defer();  // duplicate key
            meaning = *found;
        }
        ++position;
        const bool kept_key = meaning.key != kNoKey;
        const Value v = walk(member.value, meaning.shape, keep && kept_key, depth + 1);
        if (stopped()) return unwind(PathPart{name});
        if (meaning.required && v.kind == ValueKind::text && v.size == 0) return defer();  // required text must not be empty
        if (keep && kept_key && !v.is_missing()) {
            new (fields + kept++) Field{meaning.key, v};
            required_seen += meaning.required;
        }
    }
    // Keys are unique, so counting the required ones kept tells whether all are present.
    if (node && node->type == FieldType::object && keep &&
        (node->unmatchable || required_seen != node->required_count))
        return defer();
    if (!keep) return {};
    return Value::object(fields, kept);
}

Value SimdRecordReader::Impl::walk_array(dom::array a, const ShapeNode* node, bool keep, size_t depth) {
    if (depth > limits.max_json_depth) return reject_depth();
    const size_t length = a.size();
    if (length >= 0xFFFFFF) return defer();  // simdjson's count saturates there
    Value* items = keep ? arena->make_array_for_overwrite<Value>(std::min(length, limits.max_list_length)) : nullptr;
    const ShapeNode* element = node ? node->element : nullptr;
    uint32_t count = 0;
    for (dom::element e : a) {
        if (count >= limits.max_list_length) return reject_length();
        const Value v = walk(e, element, keep, depth + 1);
        if (stopped()) return unwind(PathPart{{}, count});
        if (keep) new (items + count) Value(v);
        ++count;
    }
    if (!keep) return {};
    return Value::list(items, count);
}

Value SimdRecordReader::Impl::string(std::string_view s, const ShapeNode* node, bool keep) {
    if (s.size() > limits.max_string_bytes) return reject_string(s.size());
    if (!node) return keep ? text(s) : Value{};
    switch (node->type) {
        case FieldType::text: return text(s);
        case FieldType::enumeration: {
            const auto& choices = node->shape->choices;
            const auto it = std::find_if(choices.begin(), choices.end(), [&](const std::string& c) { return same_bytes(c, s); });
            if (it == choices.end()) return defer();
            return Value::text(*it);
        }
        case FieldType::date: {
            Date date;
            if (Date::parse(s, date)) return Value::of_date(date);
            return defer();
        }
        case FieldType::article: return article_object(*arena, articles, citations.parse(s), s);
        default: return defer();
    }
}

namespace {

template <typename Word>
void copy_ends(char* to, const char* from, size_t n) {  // sizeof(Word) <= n <= 2 * sizeof(Word)
    Word head, tail;
    std::memcpy(&head, from, sizeof head);
    std::memcpy(&tail, from + n - sizeof tail, sizeof tail);
    std::memcpy(to, &head, sizeof head);
    std::memcpy(to + n - sizeof tail, &tail, sizeof tail);
}

// Most texts are short: copied as two overlapping words, without a memcpy call.
void copy_text(char* to, std::string_view s) {
    const size_t n = s.size();
    if (n > 16) std::memcpy(to, s.data(), n);
    else if (n >= 8) copy_ends<uint64_t>(to, s.data(), n);
    else if (n >= 4) copy_ends<uint32_t>(to, s.data(), n);
    else
        for (size_t k = 0; k < n; ++k) to[k] = s[k];
}

}  // namespace

Value SimdRecordReader::Impl::text(std::string_view s) {
    copy_text(text_end, s);
    text_end += s.size();
    return Value::text({text_end - s.size(), s.size()});
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
