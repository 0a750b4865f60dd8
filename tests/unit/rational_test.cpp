#include <gtest/gtest.h>

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
