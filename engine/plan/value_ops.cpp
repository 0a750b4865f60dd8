#include "plan/value_ops.hpp"

#include <string_view>

namespace pingcha {
namespace {

// A plain number as fen: the same as times(Rational(100)), without reducing a whole number.
std::optional<Rational> in_fen(Rational yuan) {
    int64_t fen;
    if (yuan.is_integer() && !__builtin_mul_overflow(yuan.num(), int64_t{100}, &fen)) return Rational(fen);
    return yuan.times(Rational(100));
}

std::optional<std::partial_ordering> compare_mixed(const Value& a, const Value& b) {
    if (a.is_missing() || b.is_missing()) return std::nullopt;
    if (is_number(a) && is_number(b)) {
        auto pair = common_numbers(a, b);
        if (!pair) return std::nullopt;
        return pair->first <=> pair->second;
    }
    if (a.kind != b.kind || a.kind != ValueKind::list) return std::nullopt;
    if (a.size != b.size) return std::partial_ordering::unordered;
    for (uint32_t k = 0; k < a.size; ++k) {
        auto c = compare_values(a.items[k], b.items[k]);
        if (!c || *c != 0) return c ? std::partial_ordering::unordered : c;
    }
    return std::partial_ordering::equivalent;
}

}  // namespace

std::optional<std::pair<Rational, Rational>> common_numbers(const Value& a, const Value& b) {
    if (!is_number(a) || !is_number(b)) return std::nullopt;
    Rational x = number_of(a), y = number_of(b);
    const bool a_money = a.kind == ValueKind::money, b_money = b.kind == ValueKind::money;
    if (a_money != b_money) {
        auto scaled = in_fen(a_money ? y : x);
        if (!scaled) return std::nullopt;
        (a_money ? y : x) = *scaled;
    }
    return std::make_pair(x, y);
}

std::optional<std::partial_ordering> compare_values(const Value& a, const Value& b) {
    if (a.kind == b.kind) {  // the common case, without going through rationals
        switch (a.kind) {
            case ValueKind::integer:
            case ValueKind::days: return a.i <=> b.i;
            case ValueKind::boolean: return a.b <=> b.b;
            case ValueKind::text: return a.as_text() <=> b.as_text();
            case ValueKind::date: return a.date <=> b.date;
            default: break;
        }
    }
    return compare_mixed(a, b);
}

std::optional<Value> yuan_to_money(Rational yuan) {
    auto fen = yuan.times(Rational(100));
    if (!fen) return std::nullopt;
    return Value::money(*fen);
}

}  // namespace pingcha
