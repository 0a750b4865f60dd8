// Operations on runtime values: exact numeric comparison across integer, decimal, money
// (fen) and days; equality; truthiness in three-valued logic.
#pragma once
#include <compare>
#include <optional>

#include "core/bytes.hpp"
#include "core/value.hpp"

namespace pingcha {

inline bool is_number(const Value& v) {
    return v.kind == ValueKind::integer || v.kind == ValueKind::decimal || v.kind == ValueKind::money ||
           v.kind == ValueKind::days;
}

inline Rational number_of(const Value& v) {
    return v.kind == ValueKind::integer || v.kind == ValueKind::days ? Rational(v.i) : v.rational();
}

// Brings two numbers to one unit: a plain number beside money is yuan, so it is scaled to
// fen. nullopt when either is not a number or the scaling overflows.
std::optional<std::pair<Rational, Rational>> common_numbers(const Value& a, const Value& b);

// Ordering of two values of compatible kinds; nullopt when either is missing or the kinds
// cannot be compared (possible only for `extra` fields typed at run time).
std::optional<std::partial_ordering> compare_values(const Value& a, const Value& b);

// `a == b`: nullopt when either side is missing and they cannot be compared; values of
// kinds that cannot be compared are unequal.
inline std::optional<bool> equal_values(const Value& a, const Value& b) {
    if (a.kind == ValueKind::text && b.kind == ValueKind::text) return same_bytes(a.as_text(), b.as_text());
    const auto c = compare_values(a, b);
    if (!c) {
        if (a.is_missing() || b.is_missing()) return std::nullopt;
        return false;
    }
    return *c == 0;
}

inline Value truth(std::optional<bool> b) { return b ? Value::boolean(*b) : Value::missing(); }
inline std::optional<bool> as_bool(const Value& v) {
    if (v.kind == ValueKind::boolean) return v.b;
    return std::nullopt;
}

// Builds a money value in fen from a plain number of yuan.
std::optional<Value> yuan_to_money(Rational yuan);

}  // namespace pingcha
