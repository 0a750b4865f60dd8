#include "record/simd_reader.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>
#include <deque>
#include <limits>
#include <optional>
#include <unordered_map>
#include <vector>

#include <emmintrin.h>
#include <simdjson.h>

#include "core/bytes.hpp"
#include "core/json_unescape.hpp"
#include "record/article_value.hpp"
#include "record/schema.hpp"

namespace pingcha {
namespace {

using simdjson::SUCCESS;

template <typename Int>
std::string number_text(Int n) {
    char buffer[24];
    return {buffer, std::to_chars(buffer, buffer + sizeof buffer, n).ptr};
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

// The member names of objects of one shape, in order. Records from one system list their
// keys alike, so a name is usually found by one comparison with the name expected next (or,
// when an optional member is absent, with one a few names further on). The names kept here
// are unique (each is added only after the duplicate check), so an object whose names are all
// found in the order, each after the one before, has no duplicate key.
class KeyOrder {
public:
    static constexpr size_t kLongest = 64;  // positions remembered

    // Never reallocated: the duplicate check holds views of the names.
    KeyOrder() { names_.reserve(kLongest); }

    struct Name {
        Name() = default;
        Name(std::string_view text, const MemberMeaning& m) : name(text), meaning(m) {
            // `"name":` for a name of at most 13 bytes; otherwise no pattern (mask 0).
            if (text.size() + 3 > sizeof pattern) return;
            alignas(16) char bytes[sizeof pattern] = {};
            bytes[0] = '"';
            std::memcpy(bytes + 1, text.data(), text.size());
            bytes[text.size() + 1] = '"';
            bytes[text.size() + 2] = ':';
            pattern = _mm_load_si128(reinterpret_cast<const __m128i*>(bytes));
            mask = (1u << (text.size() + 3)) - 1;
        }
        std::string name;
        MemberMeaning meaning;
        __m128i pattern = _mm_setzero_si128();  // the name as the line writes it, quotes and colon
        uint32_t mask = 0;                      // the bytes of `pattern` to compare
    };
    uint32_t largest_kept = 0;  // the room the most members kept of one object of this kind needed

    // The names learned, in order: an object whose names all match walks them with a pointer.
    const Name* begin() const { return names_.data(); }
    const Name* end() const { return names_.data() + names_.size(); }
    // Forgets the names from `position` on: the object being walked differs there.
    void truncate(size_t position) { names_.resize(std::min(position, names_.size())); }
    void learn(std::string_view name, const MemberMeaning& meaning) {
        if (names_.size() < kLongest) names_.emplace_back(name, meaning);
    }
    // The names before `position`, with their index (the object being walked met each of
    // them, or passed over it as absent).
    template <typename F>
    void for_each_before(size_t position, F&& f) const {
        for (size_t k = 0; k < position; ++k) f(k, names_[k].name, names_[k].meaning.key);
    }

private:
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

bool is_blank(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Whether any byte of `w` is `c` (exact: no false positives).
bool has_byte(uint64_t w, char c) {
    const uint64_t v = w ^ (0x0101010101010101ull * static_cast<unsigned char>(c));
    return ((v - 0x0101010101010101ull) & ~v & 0x8080808080808080ull) != 0;
}

template <typename Word>
bool copy_ends(char* to, const char* from, size_t n) {  // sizeof(Word) <= n <= 2 * sizeof(Word)
    Word head, tail;
    std::memcpy(&head, from, sizeof head);
    std::memcpy(&tail, from + n - sizeof tail, sizeof tail);
    std::memcpy(to, &head, sizeof head);
    std::memcpy(to + n - sizeof tail, &tail, sizeof tail);
    return has_byte(head, '\\') || has_byte(tail, '\\');
}

// Copies a string token's bytes; true when they hold an escape (a backslash), which the
// caller then decodes. Most texts are short: copied as two overlapping words, without a
// memcpy call, and checked for a backslash on the way.
bool copy_raw(char* to, std::string_view s) {
    const size_t n = s.size();
    if (n > 16) {  // 16 bytes at a time, the last 16 overlapping: one pass, not memcpy and memchr
        const __m128i backslash = _mm_set1_epi8('\\');
        __m128i seen = _mm_setzero_si128();
        const auto copy16 = [&](size_t at) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + at));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(to + at), v);
            seen = _mm_or_si128(seen, _mm_cmpeq_epi8(v, backslash));
        };
        for (size_t at = 0; at + 16 < n; at += 16) copy16(at);
        copy16(n - 16);
        return _mm_movemask_epi8(seen) != 0;
    }
    if (n >= 8) return copy_ends<uint64_t>(to, s.data(), n);
    if (n >= 4) return copy_ends<uint32_t>(to, s.data(), n);
    bool escaped = false;
    for (size_t k = 0; k < n; ++k) escaped |= (to[k] = s[k]) == '\\';
    return escaped;
}

// A JSON number token as the fast reader takes it: an integer of at most 18 digits (its
// value), or a decimal fraction without exponent (its text decides the exact value).
// Exponents, longer integers and anything not JSON are left to the reference reader.
struct NumberToken {
    bool ok = false;
    bool fraction = false;
    int64_t integer = 0;  // the whole part
    uint32_t decimals = 0;  // digits after the point
    int64_t decimal_digits = 0;  // the value of the first 18 of them
};

NumberToken read_number(std::string_view t) {
    NumberToken n;
    if (t.empty() || t.size() > 40) return n;  // short enough that no double overflows
    size_t p = t[0] == '-';
    const size_t first = p;
    if (p < t.size() && t[p] == '0') ++p;
    else
        while (p < t.size() && is_digit(t[p])) ++p;
    const size_t digits = p - first;
    if (digits == 0 || digits > 18) return n;
    for (size_t k = first; k < p; ++k) n.integer = n.integer * 10 + (t[k] - '0');
    if (p < t.size() && t[p] == '.') {
        const size_t dot = ++p;
        for (; p < t.size() && is_digit(t[p]); ++p)
            if (p - dot < 18) n.decimal_digits = n.decimal_digits * 10 + (t[p] - '0');
        if (p == dot) return n;
        n.fraction = true;
        n.decimals = static_cast<uint32_t>(p - dot);
    }
    if (p != t.size()) return n;  // an exponent, or not a number
    if (t[0] == '-') n.integer = -n.integer;
    n.ok = true;
    return n;
}

}  // namespace

struct SimdRecordReader::Impl {
    Impl(const KeyTable& k, const Limits& l)
        : keys(k), limits(l), lookup(k), shapes(k), articles(k), key_orders(shapes.keyed_nodes()) {
        // A failed allocation here is retried by the first record, which is then deferred.
        [[maybe_unused]] const auto error = parser.allocate(64 * 1024);
    }

    const KeyTable& keys;
    const Limits limits;  // a copy: callers may pass a temporary
    KeyLookup lookup;
    ShapeIndex shapes;
    ArticleKeys articles;
    ArticleCitations citations;
    simdjson::dom::parser parser;  // only its first stage is used
    std::string padded;  // the line copied with simdjson's padding when it ends too near the text's end
    // Reused record after record: the key order of each object shape (of objects outside
    // the schema: by depth), the names met per depth, and per depth the longest list read
    // there. Deques: growing them keeps references held by the levels above valid.
    std::vector<KeyOrder> key_orders;
    std::deque<KeyOrder> free_key_orders;
    std::deque<SeenKeys> seen_keys;
    std::vector<uint32_t> list_room;  // by depth: the room the longest list read there needed
    std::string unkept_text;  // where the escapes of a text not kept are decoded, to check them

    // Per record: the line, its tokens (the offsets stage 1 found: every operator and the
    // start of every string and scalar), the next token to read.
    Arena* arena = nullptr;
    char* text_end = nullptr;  // free room for the record's text: the line's length in all
    const char* s = nullptr;
    size_t length = 0;
    const uint32_t* at = nullptr;
    // Wider than the offsets they count: a 32-bit index could be the `size` of any value
    // just stored into the record, and the compiler loaded it again after every store.
    size_t count = 0;
    size_t next = 0;
    bool deferred = false;

    Outcome read(std::string_view text, const char* text_end, Record& record);
    bool first_stage(const char* data, size_t size);
    void defer(Value& out) {
        deferred = true;
        out.set_missing();
    }
    char token() const { return next < count ? s[at[next]] : '\0'; }
    // The token `k` without the blanks that follow it.
    std::string_view token_text(uint32_t k) const {
        size_t end = k + 1 < count ? at[k + 1] : length;
        while (end > at[k] && is_blank(s[end - 1])) --end;
        return {s + at[k], end - at[k]};
    }
    // The bytes between the quotes of the string token at `next`, which is passed.
    std::optional<std::string_view> string_token() {
        const uint32_t k = next++;
        if (k + 1 < count) {  // closed right before the next token, the usual case: no blanks to skip
            const size_t end = at[k + 1];
            if (end - 1 > at[k] && s[end - 1] == '"') return std::string_view(s + at[k] + 1, end - at[k] - 2);
        }
        const std::string_view t = token_text(k);
        if (t.size() < 2 || t.back() != '"') return std::nullopt;
        return t.substr(1, t.size() - 2);
    }
    // Whether the name token at `next` is `expected` written as the last object of its shape
    // wrote it, the colon right after its quote; if so, both are passed. Its end need not be
    // looked for: its closing quote is not escaped, as no name learned holds a backslash.
    bool expected_name(const KeyOrder::Name* expected) {
        if (!expected || next + 1 >= count) return false;
        const size_t size = expected->name.size(), quote = at[next];
        if (at[next + 1] != quote + size + 2) return false;  // the token after the name: where its colon would be
        if (expected->mask) {  // one comparison of 16 bytes (the line is padded for simdjson)
            const __m128i line = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + quote));
            const auto equal = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(line, expected->pattern)));
            if ((equal & expected->mask) != expected->mask) return false;
        } else if (s[quote + size + 1] != '"' || s[quote + size + 2] != ':' ||
                   !same_bytes(std::string_view(s + quote + 1, size), expected->name)) {
            return false;
        }
        next += 2;
        return true;
    }
    // Room in the arena for the members (elements) of the object (list) being read: as much
    // as the largest of its kind so far needed (doubled each time it filled), up to
    // kRoomAhead. The values nested in it are allocated after it, so it cannot grow in
    // place, and copying it from a scratch buffer when it is complete cost more than the
    // rare move to twice the room when it fills. The bound keeps one huge list from making
    // every later one reserve as much.
    static constexpr uint32_t kRoomAhead = 64;
    template <typename T>
    struct Room {
        T* items;
        uint32_t size;
    };
    template <typename T>
    Room<T> room(uint32_t& largest) {
        largest = std::max(largest, 1u);
        const uint32_t size = std::min(largest, kRoomAhead);
        return {arena->make_array_for_overwrite<T>(size), size};
    }
    template <typename T>
    void grow(Room<T>& r, uint32_t& largest) {
        T* bigger = arena->make_array_for_overwrite<T>(2 * r.size);
        std::memcpy(static_cast<void*>(bigger), r.items, r.size * sizeof(T));
        r = {bigger, 2 * r.size};
        largest = std::max(largest, r.size);
    }
    bool expect(char c) {
        if (token() != c) return false;
        ++next;
        return true;
    }

    // Each value is written where it is kept (a member or element being collected), not
    // returned and copied there: the copy, a wide load of a value just stored piecewise,
    // stalled on store forwarding. Inlined into the loops over members and elements.
    [[gnu::always_inline]] inline void walk(const ShapeNode* node, bool keep, size_t depth, Value& out);
    // Out of line, so that a scalar member costs no more than its own conversion.
    [[gnu::noinline]] void walk_object(const ShapeNode* node, bool keep, size_t depth, Value& out);
    [[gnu::noinline]] void walk_array(const ShapeNode* node, bool keep, size_t depth, Value& out);
    void literal(char first, const ShapeNode* node, bool keep, Value& out);
    KeyOrder& key_order(const ShapeNode* node, size_t depth);
    SeenKeys& seen_at(size_t depth);
    void stop_predicting(KeyOrder& order, size_t upto, uint64_t skipped, size_t depth);
    const KeyOrder::Name* expected_ahead(const KeyOrder::Name* expected, const KeyOrder::Name* end);
    std::optional<MemberMeaning> look_up(std::string_view name, const ShapeNode* node, KeyOrder& order, size_t depth);
    void number(const ShapeNode* node, bool keep, Value& out);
    void string(std::string_view raw, const ShapeNode* node, bool keep, Value& out);
    [[gnu::always_inline]] inline void text(std::string_view raw, Value& out);
    void money_from_text(std::string_view raw, Value& out);
};

// simdjson's first stage over the line: UTF-8, strings closed and free of control
// characters, and the token offsets. The walk checks the grammar itself.
bool SimdRecordReader::Impl::first_stage(const char* data, size_t size) {
    if (size >= parser.capacity() && parser.allocate(size + 1) != SUCCESS) return false;
    // `implementation` is a public member in simdjson 3 (marked for benchmarking access); its
    // On-Demand front end drives this same first stage. The SimdReader tests compare every
    // record read this way with the reference reader.
    auto& stage1 = *parser.implementation;
    if (stage1.stage1(reinterpret_cast<const uint8_t*>(data), size, simdjson::stage1_mode::regular) != SUCCESS)
        return false;
    s = data;
    length = size;
    at = stage1.structural_indexes.get();
    count = stage1.n_structural_indexes;
    next = 0;
    return true;
}

SimdRecordReader::Outcome SimdRecordReader::Impl::read(std::string_view text, const char* end, Record& record) {
    if (text.size() > limits.max_record_bytes) return Outcome::defer;
    // simdjson reads up to SIMDJSON_PADDING bytes past the end; a line of a larger text
    // usually has them, only the last one needs a copy.
    const bool padded_in_place = end && text.data() + text.size() + simdjson::SIMDJSON_PADDING <= end;
    const char* data = text.data();
    if (!padded_in_place) {
        padded.assign(text);
        padded.append(simdjson::SIMDJSON_PADDING, ' ');
        data = padded.data();
    }
    if (!first_stage(data, text.size()) || token() != '{') return Outcome::defer;
    arena = &record.arena();
    deferred = false;
    // Every string kept is at most as long as its token in the line, so one block holds them.
    text_end = arena->make_array_for_overwrite<char>(text.size());
    walk(shapes.root(), true, 1, record.root);
    return deferred || next != count ? Outcome::defer : Outcome::accepted;
}

void SimdRecordReader::Impl::walk(const ShapeNode* node, bool keep, size_t depth, Value& out) {
    switch (token()) {
        case '{':
            if (node && node->type != FieldType::object && node->type != FieldType::map) break;
            return walk_object(node, keep, depth, out);
        case '[':
            if (node && node->type != FieldType::list) break;
            return walk_array(node, keep, depth, out);
        case '"': {
            const auto raw = string_token();
            if (!raw) break;
            // Plain text, the most common member, without a call.
            if ((!node || node->type == FieldType::text) && keep && raw->size() <= limits.max_string_bytes)
                return text(*raw, out);
            // Dates, the next most common, without one either.
            if (node && node->type == FieldType::date && raw->size() <= limits.max_string_bytes) {
                Date date;
                if (!Date::parse(*raw, date)) return defer(out);
                return out.set_date(date);
            }
            return string(*raw, node, keep, out);
        }
        case 't':
        case 'f':
        case 'n': return literal(token(), node, keep, out);
        default: return number(node, keep, out);
    }
    defer(out);  // a JSON type the schema does not allow there, or no JSON
}

// true, false or null.
void SimdRecordReader::Impl::literal(char first, const ShapeNode* node, bool keep, Value& out) {
    const std::string_view word = first == 't' ? "true" : first == 'f' ? "false" : "null";
    if (!same_bytes(token_text(next++), word)) return defer(out);
    if (first == 'n') return out.set_missing();
    if (node && node->type != FieldType::boolean) return defer(out);
    if (!keep) return out.set_missing();
    out.set_boolean(first == 't');
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

// The object at `depth` leaves its key order after `upto` entries, of which it lacked those
// in `skipped` (bits by index): from here on each name is looked up and checked against all
// met before it, the predicted ones included. The order keeps the names this object had, in
// its order, up to the first it lacked (so that the order never lists a name twice).
void SimdRecordReader::Impl::stop_predicting(KeyOrder& order, size_t upto, uint64_t skipped, size_t depth) {
    SeenKeys& seen = seen_at(depth);
    seen.start();
    order.for_each_before(upto, [&](size_t k, std::string_view name, KeyId key) {
        if (!(skipped >> k & 1)) seen.insert(name, key);
    });
    order.truncate(skipped ? std::min<size_t>(upto, static_cast<size_t>(std::countr_zero(skipped))) : upto);
}

// A member the last object of this shape had may be missing from this one (an optional
// field): the name at `next` is looked for a few entries further on in the order.
const KeyOrder::Name* SimdRecordReader::Impl::expected_ahead(const KeyOrder::Name* expected, const KeyOrder::Name* end) {
    constexpr int kAhead = 3;
    for (int k = 1; k <= kAhead && expected + k < end; ++k)
        if (expected_name(expected + k)) return expected + k;
    return nullptr;
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

void SimdRecordReader::Impl::walk_object(const ShapeNode* node, bool keep, size_t depth, Value& out) {
    ++next;  // {
    if (depth > limits.max_json_depth) return defer(out);
    KeyOrder& order = key_order(node, depth);
    Room<Field> fields = keep ? room<Field>(order.largest_kept) : Room<Field>{};
    Value unkept;  // where a member not kept is read to
    uint32_t kept = 0;
    size_t required_seen = 0;
    bool predicted = true;  // every name so far was found in `order`, each after the one before
    uint64_t skipped = 0;   // while predicted: the entries of `order` this object lacked, by index
    // While predicted: the name at the next position (`learned_end`: the order knows no more).
    const KeyOrder::Name* next_expected = order.begin();
    const KeyOrder::Name* const learned_end = order.end();
    if (!expect('}')) {
        do {
            if (token() != '"') return defer(out);
            const KeyOrder::Name* expected = predicted && next_expected != learned_end ? next_expected : nullptr;
            const MemberMeaning* known = nullptr;
            std::optional<std::string_view> name;
            const KeyOrder::Name* ahead = nullptr;
            if (expected_name(expected)) {
                known = &expected->meaning;
            } else if (expected && (ahead = expected_ahead(expected, learned_end))) {
                for (const KeyOrder::Name* e = expected; e != ahead; ++e) skipped |= uint64_t{1} << (e - order.begin());
                next_expected = ahead;
                known = &ahead->meaning;
            } else {
                if (!(name = string_token())) return defer(out);
                if (expected && same_bytes(*name, expected->name)) known = &expected->meaning;  // blanks around it
                if (!expect(':')) return defer(out);
            }
            MemberMeaning meaning;
            // A predicted name equals one learned, which passed the checks below.
            if (known) {
                meaning = *known;
                ++next_expected;
            } else {
                // Long names and escaped ones: the reference names the field as it does.
                if (name->size() > limits.max_string_bytes || name->find('\\') != std::string_view::npos)
                    return defer(out);
                if (predicted) stop_predicting(order, static_cast<size_t>(next_expected - order.begin()), skipped, depth);
                predicted = false;
                const auto found = look_up(*name, node, order, depth);
                if (!found) return defer(out);  // duplicate key
                meaning = *found;
            }
            const bool keep_member = keep && meaning.key != kNoKey;
            if (keep_member && kept == fields.size) grow(fields, order.largest_kept);
            Value& v = keep_member ? fields.items[kept].value : unkept;
            walk(meaning.shape, keep_member, depth + 1, v);
            if (deferred) return defer(out);
            if (meaning.required && v.kind == ValueKind::text && v.size == 0) return defer(out);  // required text must not be empty
            if (keep_member && !v.is_missing()) {
                fields.items[kept++].key = meaning.key;
                required_seen += meaning.required;
            }
        } while (expect(','));
        if (!expect('}')) return defer(out);
    }
    // Keys are unique, so counting the required ones kept tells whether all are present.
    if (node && node->type == FieldType::object && keep && (node->unmatchable || required_seen != node->required_count))
        return defer(out);
    if (!keep) return out.set_missing();
    out.set_object(fields.items, kept);
}

void SimdRecordReader::Impl::walk_array(const ShapeNode* node, bool keep, size_t depth, Value& out) {
    ++next;  // [
    if (depth > limits.max_json_depth) return defer(out);
    if (list_room.size() < depth) list_room.resize(depth, 0);
    Room<Value> items = keep ? room<Value>(list_room[depth - 1]) : Room<Value>{};
    const ShapeNode* element = node ? node->element : nullptr;
    Value unkept;
    uint32_t length = 0;
    if (!expect(']')) {
        do {
            if (length >= limits.max_list_length) return defer(out);
            if (keep && length == items.size) grow(items, list_room[depth - 1]);
            walk(element, keep, depth + 1, keep ? items.items[length] : unkept);
            if (deferred) return defer(out);
            ++length;
        } while (expect(','));
        if (!expect(']')) return defer(out);
    }
    if (!keep) return out.set_missing();
    out.set_list(items.items, length);
}

void SimdRecordReader::Impl::string(std::string_view raw, const ShapeNode* node, bool keep, Value& out) {
    if (raw.size() > limits.max_string_bytes) return defer(out);
    if (!node || node->type == FieldType::text) {
        if (keep) return text(raw, out);
        // Not kept, but its escapes must still be JSON.
        if (raw.find('\\') != std::string_view::npos) {
            unkept_text.resize(raw.size());
            if (!unescape_json(raw, unkept_text.data())) return defer(out);
        }
        return out.set_missing();
    }
    switch (node->type) {
        case FieldType::enumeration: {  // no choice holds a backslash, so an escaped text defers
            const auto& choices = node->shape->choices;
            const auto it = std::find_if(choices.begin(), choices.end(), [&](const std::string& c) { return same_bytes(c, raw); });
            if (it == choices.end()) return defer(out);
            return out.set_text(*it);
        }
        case FieldType::date: {  // nor does a date
            Date date;
            if (!Date::parse(raw, date)) return defer(out);
            return out.set_date(date);
        }
        case FieldType::article:
            if (raw.find('\\') != std::string_view::npos) return defer(out);
            return void(out = article_object(*arena, articles, citations.parse(raw), raw));
        default: return defer(out);
    }
}

void SimdRecordReader::Impl::text(std::string_view raw, Value& out) {
    char* const to = text_end;
    size_t size = raw.size();
    if (copy_raw(to, raw)) {
        const auto decoded = unescape_json(raw, to);
        if (!decoded) return defer(out);
        size = *decoded;
    }
    text_end += size;
    out.set_text({to, size});
}

void SimdRecordReader::Impl::money_from_text(std::string_view raw, Value& out) {
    const auto yuan = Rational::parse_decimal(raw);
    if (!yuan || yuan->is_negative()) return defer(out);
    const auto fen = yuan->times(100);
    if (!fen || !fen->is_integer()) return defer(out);
    out = Value::money(*fen);
}

// Whole yuan that still give whole fen in 64 bits with two more digits.
constexpr int64_t kMostYuan = std::numeric_limits<int64_t>::max() / 100 - 1;

void SimdRecordReader::Impl::number(const ShapeNode* node, bool keep, Value& out) {
    if (next >= count) return defer(out);
    const std::string_view raw = token_text(next++);
    const NumberToken n = read_number(raw);
    if (!n.ok) return defer(out);
    const FieldType field = node ? node->type : FieldType::dynamic;
    if (n.fraction) {
        if (!node && !keep) return out.set_missing();
        // Yuan with at most two decimals, the usual amount: whole fen without a rational.
        if (field == FieldType::money && n.decimals <= 2 && raw[0] != '-' && n.integer <= kMostYuan)
            return out.set_money_fen(n.integer * 100 + n.decimal_digits * (n.decimals == 1 ? 10 : 1));
        switch (field) {
            case FieldType::money: return money_from_text(raw, out);
            case FieldType::integer: {
                const auto q = Rational::parse_decimal(raw);
                if (!q || !q->is_integer() || q->is_negative()) return defer(out);
                return out.set_integer(q->num());
            }
            case FieldType::dynamic: {
                const auto q = Rational::parse_decimal(raw);
                if (!q) return defer(out);
                return void(out = Value::decimal(*q));
            }
            default: return defer(out);
        }
    }
    const int64_t value = n.integer;
    if (!node) return keep ? out.set_integer(value) : out.set_missing();
    if (value < 0) return defer(out);
    switch (field) {
        case FieldType::money:
            if (value > std::numeric_limits<int64_t>::max() / 100) return defer(out);
            return out.set_money_fen(value * 100);
        case FieldType::integer: return out.set_integer(value);
        case FieldType::article:
            if (value < 1 || value > std::numeric_limits<uint32_t>::max()) return defer(out);
            return void(out = article_object(*arena, articles, ArticleRef{static_cast<uint32_t>(value)}, number_text(value)));
        default: return defer(out);
    }
}

SimdRecordReader::SimdRecordReader(const KeyTable& keys, const Limits& limits)
    : impl_(std::make_unique<Impl>(keys, limits)) {}

SimdRecordReader::~SimdRecordReader() = default;

SimdRecordReader::Outcome SimdRecordReader::read(std::string_view line, Record& record, const char* text_end) {
    return impl_->read(line, text_end, record);
}

}  // namespace pingcha
