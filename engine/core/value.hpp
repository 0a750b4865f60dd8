// Runtime values shared by the record loader and the evaluator. Values are small and
// trivially copyable; text, lists and objects point into an Arena that outlives them.
#pragma once
#include <cstdint>
#include <algorithm>
#include <memory>
#include <new>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/date.hpp"
#include "core/rational.hpp"

namespace pingcha {

using KeyId = uint32_t;

enum class ValueKind : uint8_t {
    missing,   // absent field, JSON null, or a result computed from a missing value
    boolean,
    integer,
    decimal,   // exact rational (percentages, scores, JSON numbers under `extra`)
    money,     // exact rational number of fen (input amounts are whole fen)
    text,
    date,
    days,      // a count of days (date - date, working_days)
    list,
    object,
};

struct Field;

struct Value {
    ValueKind kind = ValueKind::missing;
    uint32_t size = 0;  // text bytes, list or object length
    union {
        bool b;
        int64_t i;
        struct { int64_t num, den; } q;
        int32_t date;
        const char* str;
        const Value* items;
        const Field* fields;
    };

    Value() : i(0) {}
    static Value missing() { return {}; }
    static Value boolean(bool v) { Value r; r.set_boolean(v); return r; }
    static Value integer(int64_t v) { Value r; r.set_integer(v); return r; }
    static Value days(int64_t v) { Value r; r.kind = ValueKind::days; r.i = v; return r; }
    static Value decimal(Rational v) { Value r; r.kind = ValueKind::decimal; r.q = {v.num(), v.den()}; return r; }
    static Value money(Rational fen) { Value r; r.kind = ValueKind::money; r.q = {fen.num(), fen.den()}; return r; }
    static Value of_date(Date d) { Value r; r.set_date(d); return r; }
    static Value text(std::string_view s) { Value r; r.set_text(s); return r; }
    static Value list(const Value* items, uint32_t n) { Value r; r.set_list(items, n); return r; }
    static Value object(const Field* fields, uint32_t n) { Value r; r.set_object(fields, n); return r; }

    // Assigned member by member to a Value that lives elsewhere (a field being read; the
    // constructors above use them too): `v = Value::text(…)` through a reference builds the
    // value on the stack and copies it with one wide load of the narrow stores just made,
    // which stalls on store forwarding.
    void set_missing() { kind = ValueKind::missing; size = 0; i = 0; }
    void set_boolean(bool v) { kind = ValueKind::boolean; size = 0; i = 0; b = v; }
    void set_integer(int64_t v) { kind = ValueKind::integer; size = 0; i = v; }
    void set_money_fen(int64_t fen) { kind = ValueKind::money; size = 0; q.num = fen; q.den = 1; }
    void set_date(Date d) { kind = ValueKind::date; size = 0; i = 0; date = d.serial(); }
    void set_text(std::string_view s) { kind = ValueKind::text; size = static_cast<uint32_t>(s.size()); str = s.data(); }
    void set_list(const Value* first, uint32_t n) { kind = ValueKind::list; size = n; items = first; }
    void set_object(const Field* first, uint32_t n) { kind = ValueKind::object; size = n; fields = first; }

    bool is_missing() const { return kind == ValueKind::missing; }
    Rational rational() const { return Rational::from_reduced(q.num, q.den); }  // q came from a Rational
    Date as_date() const { return Date::from_serial(date); }
    std::string_view as_text() const { return {str, size}; }
    const Value* begin() const { return items; }
    const Value* end() const { return items + size; }
    // Field lookup on an object value; missing when absent or not an object.
    Value get(KeyId key) const;
    // The same as a pointer into the object (null: missing), for walking a path without
    // copying each step (a Value assembled in registers and copied out whole stalls on
    // store forwarding).
    const Value* find(KeyId key) const;
};

struct Field {
    KeyId key;
    Value value;
};

inline const Value* Value::find(KeyId key) const {
    if (kind != ValueKind::object) return nullptr;
    for (uint32_t k = 0; k < size; ++k)
        if (fields[k].key == key) return &fields[k].value;
    return nullptr;
}

inline Value Value::get(KeyId key) const {
    const Value* v = find(key);
    return v ? *v : Value{};
}

// Bump allocator for one record or one evaluation; reset() keeps the first block so that
// steady-state use allocates nothing. (Not a std::pmr resource: its allocation is a few
// instructions, and a record makes one per object, list and text.)
class Arena {
public:
    explicit Arena(size_t initial = 64 * 1024)
        : first_(new std::byte[initial]), first_size_(initial), next_size_(2 * initial) {
        reset();
    }
    void reset() {
        more_.clear();
        next_size_ = 2 * first_size_;
        free_ = first_.get();
        end_ = free_ + first_size_;
    }
    std::string_view copy(std::string_view s) {
        if (s.empty()) return {};
        auto* p = static_cast<char*>(allocate(s.size(), 1));
        std::copy(s.begin(), s.end(), p);
        return {p, s.size()};
    }
    // Never null, even for n == 0: every list and object in a record has its own address,
    // which is how a finding names the field it came from.
    template <typename T>
    T* make_array(size_t n) {
        const size_t count = std::max<size_t>(n, 1);
        auto* p = static_cast<T*>(allocate(count * sizeof(T), alignof(T)));
        for (size_t k = 0; k < count; ++k) new (p + k) T();
        return p;
    }
    // As make_array, but the room is left as it is, for the caller to construct in place
    // (a reader about to overwrite it would pay for zeroing it first).
    template <typename T>
    T* make_array_for_overwrite(size_t n) {
        static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);
        return static_cast<T*>(allocate(std::max<size_t>(n, 1) * sizeof(T), alignof(T)));
    }

private:
    void* allocate(size_t bytes, size_t align) {  // align: a power of two
        const auto at = (reinterpret_cast<uintptr_t>(free_) + align - 1) & ~(align - 1);
        if (at + bytes > reinterpret_cast<uintptr_t>(end_)) return allocate_in_new_block(bytes, align);
        free_ = reinterpret_cast<std::byte*>(at + bytes);
        return reinterpret_cast<void*>(at);
    }
    [[gnu::noinline]] void* allocate_in_new_block(size_t bytes, size_t align) {
        const size_t size = std::max(next_size_, bytes + align);
        more_.emplace_back(new std::byte[size]);
        next_size_ = 2 * size;
        free_ = more_.back().get();
        end_ = free_ + size;
        return allocate(bytes, align);
    }

    std::unique_ptr<std::byte[]> first_;
    size_t first_size_;
    size_t next_size_;
    std::vector<std::unique_ptr<std::byte[]>> more_;  // blocks beyond the first, until reset()
    std::byte* free_ = nullptr;
    std::byte* end_ = nullptr;
};

}  // namespace pingcha
