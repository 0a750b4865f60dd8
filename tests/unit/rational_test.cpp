#include <gtest/gtest.h>

#include <limits>

#include "core/rational.hpp"

using pingcha::Rational;

TEST(Rational, ParsesDecimalsExactly) {
    auto r = Rational::parse_decimal("14814.81");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->num(), 1481481);
    EXPECT_EQ(r->den(), 100);
    EXPECT_EQ(*Rational::parse_decimal("1.2e3"), Rational(1200));
    EXPECT_EQ(*Rational::parse_decimal("-0"), Rational(0));
    EXPECT_FALSE(Rational::parse_decimal("1e400"));
    EXPECT_FALSE(Rational::parse_decimal("abc"));
    EXPECT_FALSE(Rational::parse_decimal("1.2.3"));
}

TEST(Rational, PercentageBoundsAreExact) {
    // 1.2% of 1234567.89 yuan = 14814.81468 yuan: a fine of 14814.81 is below it.
    auto base = *Rational::parse_decimal("1234567.89");
    auto pct = *Rational::parse_decimal("0.012");
    auto bound = *base.times(pct);
    EXPECT_EQ(bound.to_decimal_string(), "14814.81468");
    EXPECT_LT(*Rational::parse_decimal("14814.81"), bound);
    EXPECT_GT(*Rational::parse_decimal("14814.82"), bound);
}

TEST(Rational, FormatsAndOrders) {
    EXPECT_EQ(Rational(5).to_decimal_string(), "5");
    EXPECT_EQ(Rational::make(1, 3)->to_decimal_string(2), "≈0.33");
    EXPECT_EQ(Rational::make(-1, 4)->to_decimal_string(), "-0.25");
    EXPECT_LT(*Rational::make(1, 3), *Rational::make(1, 2));
    EXPECT_FALSE(Rational(1).divided_by(Rational(0)));
}

TEST(Rational, WholeNumbersAddAndMultiplyExactlyUpToOverflow) {
    constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
    constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
    EXPECT_EQ(*Rational(300).plus(Rational(-500)), Rational(-200));
    EXPECT_EQ(*Rational(kMax - 1).plus(Rational(1)), Rational(kMax));
    EXPECT_FALSE(Rational(kMax).plus(Rational(1)));
    EXPECT_FALSE(Rational(kMin).plus(Rational(-1)));
    EXPECT_EQ(*Rational(30).minus(Rational(3)), Rational(27));
    EXPECT_EQ(*Rational(-7).times(Rational(6)), Rational(-42));
    EXPECT_FALSE(Rational(kMax / 2 + 1).times(Rational(2)));
    EXPECT_EQ(*Rational(kMax / 2).times(Rational(2)), Rational(kMax - 1));
    // A whole number beside a fraction takes the general path: still reduced.
    EXPECT_EQ(*Rational(1).plus(*Rational::make(1, 2)), *Rational::make(3, 2));
    EXPECT_EQ(*Rational(2).times(*Rational::make(1, 4)), *Rational::make(1, 2));
}
