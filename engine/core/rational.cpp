#include "core/rational.hpp"

#include <limits>

namespace pingcha {
namespace {

using i128 = __int128;

i128 gcd128(i128 a, i128 b) {
    if (a < 0) a = -a;
    if (b < 0) b = -b;
    while (b != 0) {
        const i128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

bool fits64(i128 v) {
    return v >= std::numeric_limits<int64_t>::min() && v <= std::numeric_limits<int64_t>::max();
}

// Multiplies with overflow detection on 128 bits.
std::optional<i128> mul128(i128 a, i128 b) {
    i128 r;
    if (__builtin_mul_overflow(a, b, &r)) return std::nullopt;
    return r;
}

}  // namespace

std::optional<Rational> Rational::make(i128 num, i128 den) {
    if (den == 0) return std::nullopt;
    if (den < 0) {
        num = -num;
        den = -den;
    }
    const i128 g = gcd128(num, den);
    if (g > 1) {
        num /= g;
        den /= g;
    }
    if (num == 0) den = 1;
    if (!fits64(num) || !fits64(den)) return std::nullopt;
    Rational r;
    r.num_ = static_cast<int64_t>(num);
    r.den_ = static_cast<int64_t>(den);
    return r;
}

std::optional<Rational> Rational::parse_decimal(std::string_view s) {
    size_t i = 0;
    bool negative = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
    i128 mantissa = 0;
    int scale = 0;  // value = mantissa * 10^(exponent - scale)
    bool any_digit = false, seen_point = false;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c >= '0' && c <= '9') {
            any_digit = true;
            mantissa = mantissa * 10 + (c - '0');
            if (mantissa > (i128(1) << 100)) return std::nullopt;
            if (seen_point) ++scale;
        } else if (c == '.' && !seen_point) {
            seen_point = true;
        } else {
            break;
        }
    }
    if (!any_digit) return std::nullopt;
    long exponent = 0;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        bool exp_negative = false;
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) exp_negative = s[i++] == '-';
        if (i == s.size()) return std::nullopt;
        for (; i < s.size(); ++i) {
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
            exponent = exponent * 10 + (s[i] - '0');
            if (exponent > 1000) return std::nullopt;
        }
        if (exp_negative) exponent = -exponent;
    }
    if (i != s.size()) return std::nullopt;
    const long power = exponent - scale;
    if (power > 36 || power < -36) {
        if (mantissa == 0) return Rational{};
        return std::nullopt;
    }
    i128 ten = 1;
    for (long k = 0; k < (power < 0 ? -power : power); ++k) ten *= 10;
    if (negative) mantissa = -mantissa;
    if (power >= 0) {
        auto v = mul128(mantissa, ten);
        if (!v) return std::nullopt;
        return make(*v, 1);
    }
    return make(mantissa, ten);
}

std::optional<Rational> Rational::plus(Rational o) const {
    int64_t n = 0;
    // Whole numbers (fen, points, days) need neither 128 bits nor a gcd.
    if (den_ == 1 && o.den_ == 1) return __builtin_add_overflow(num_, o.num_, &n) ? std::nullopt : std::optional(Rational(n));
    auto a = mul128(num_, o.den_), b = mul128(o.num_, den_), d = mul128(den_, o.den_);
    if (!a || !b || !d) return std::nullopt;
    return make(*a + *b, *d);
}

std::optional<Rational> Rational::minus(Rational o) const { return plus(o.negated()); }

std::optional<Rational> Rational::times(Rational o) const {
    int64_t product = 0;
    if (den_ == 1 && o.den_ == 1)
        return __builtin_mul_overflow(num_, o.num_, &product) ? std::nullopt : std::optional(Rational(product));
    auto n = mul128(num_, o.num_), d = mul128(den_, o.den_);
    if (!n || !d) return std::nullopt;
    return make(*n, *d);
}

std::optional<Rational> Rational::divided_by(Rational o) const {
    if (o.num_ == 0) return std::nullopt;
    auto n = mul128(num_, o.den_), d = mul128(den_, o.num_);
    if (!n || !d) return std::nullopt;
    return make(*n, *d);
}

std::strong_ordering operator<=>(Rational a, Rational b) {
    // 64x64 products always fit in 128 bits, so cross-multiplication is exact.
    return static_cast<i128>(a.num_) * b.den_ <=> static_cast<i128>(b.num_) * a.den_;
}

int Rational::exact_decimals() const {
    int64_t d = den_;
    int twos = 0, fives = 0;
    while (d % 2 == 0) { d /= 2; ++twos; }
    while (d % 5 == 0) { d /= 5; ++fives; }
    if (d != 1) return -1;
    return twos > fives ? twos : fives;
}

std::string Rational::to_decimal_string(int max_decimals) const {
    const int exact = exact_decimals();
    const int decimals = exact >= 0 && exact <= 18 ? exact : max_decimals;
    i128 scale = 1;
    for (int k = 0; k < decimals; ++k) scale *= 10;
    i128 n = static_cast<i128>(num_) * scale;
    const bool negative = n < 0;
    if (negative) n = -n;
    i128 q = n / den_;
    const i128 rem = n % den_;
    if (rem * 2 >= den_) ++q;  // half away from zero (only when inexact)
    std::string digits;
    do {
        digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(q % 10)));
        q /= 10;
    } while (q != 0);
    if (decimals > 0) {
        while (static_cast<int>(digits.size()) <= decimals) digits.insert(digits.begin(), '0');
        digits.insert(digits.end() - decimals, '.');
    }
    std::string out;
    if (exact < 0 || exact > 18) out = "≈";
    if (negative && (q != 0 || digits.find_first_not_of("0.") != std::string::npos)) out += '-';
    return out + digits;
}

}  // namespace pingcha
