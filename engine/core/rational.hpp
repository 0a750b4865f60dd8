// Exact rational numbers for money, percentages and points. No binary floating point
// ever touches an amount: `14814.81` parses to 1481481/100 exactly.
#pragma once
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pingcha {

class Rational {
public:
    constexpr Rational() = default;
    constexpr Rational(int64_t integer) : num_(integer), den_(1) {}  // NOLINT: implicit by design
    // Reduces; nullopt when den == 0 or the reduced value does not fit in 64 bits.
    static std::optional<Rational> make(__int128 num, __int128 den);
    // Parts already in lowest terms with den > 0, as num() and den() gave them: not reduced again.
    static constexpr Rational from_reduced(int64_t num, int64_t den) {
        Rational r;
        r.num_ = num;
        r.den_ = den;
        return r;
    }

    // Exact decimal text as JSON writes numbers: `-12`, `0.5`, `14814.81`, `1.2e3`, `1E-2`.
    // nullopt when malformed or out of range (e.g. `1e400`).
    static std::optional<Rational> parse_decimal(std::string_view text);

    constexpr int64_t num() const { return num_; }
    constexpr int64_t den() const { return den_; }
    constexpr bool is_integer() const { return den_ == 1; }
    constexpr bool is_negative() const { return num_ < 0; }
    constexpr bool is_zero() const { return num_ == 0; }

    // Checked arithmetic: nullopt on overflow or division by zero.
    std::optional<Rational> plus(Rational o) const;
    std::optional<Rational> minus(Rational o) const;
    std::optional<Rational> times(Rational o) const;
    std::optional<Rational> divided_by(Rational o) const;
    Rational negated() const { Rational r; r.num_ = -num_; r.den_ = den_; return r; }

    friend std::strong_ordering operator<=>(Rational a, Rational b);
    friend bool operator==(Rational a, Rational b) { return a.num_ == b.num_ && a.den_ == b.den_; }

    // Shortest exact decimal when the denominator has only factors 2 and 5, else at most
    // `max_decimals` digits, rounded half away from zero, prefixed by `≈`.
    std::string to_decimal_string(int max_decimals = 6) const;
    // Number of decimal places needed to write the value exactly, or -1 if it never terminates.
    int exact_decimals() const;
    double to_double() const { return static_cast<double>(num_) / static_cast<double>(den_); }

private:
    int64_t num_ = 0;
    int64_t den_ = 1;
};

}  // namespace pingcha
