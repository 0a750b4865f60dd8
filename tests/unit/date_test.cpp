#include <gtest/gtest.h>

#include <cstdio>
#include <optional>
#include <string>

#include "core/date.hpp"

using pingcha::Date;

TEST(Date, ParsesRealDatesOnly) {
    EXPECT_TRUE(Date::parse("2024-02-29"));
    EXPECT_FALSE(Date::parse("2023-02-29"));
    EXPECT_FALSE(Date::parse("2024-02-30"));
    EXPECT_FALSE(Date::parse("2023-13-01"));
    EXPECT_FALSE(Date::parse("2023-1-01"));
    EXPECT_FALSE(Date::parse("2023-01-01 "));
    EXPECT_EQ(Date::parse("1970-01-01")->serial(), 0);
    EXPECT_EQ(Date::parse("2024-09-27")->to_string(), "2024-09-27");
}

TEST(Date, ParseTakesDigitsOnly) {
    // The bytes just below '0' and just above '9', a sign, a space and a non-ASCII byte.
    for (const char* bad : {"2023-01-0/", "2023-01-0:", "2023-0:-01", "/023-01-01", "202:-01-01", "+023-01-01",
                            "2023-01- 1", "2023-\xef" "1-01", "2023/01/01", "0000-01-01"})
        EXPECT_FALSE(Date::parse(bad)) << bad;
    EXPECT_EQ(Date::parse("0001-01-01")->to_string(), "0001-01-01");
    EXPECT_EQ(Date::parse("9999-12-31")->to_string(), "9999-12-31");
    EXPECT_EQ(Date::parse("2000-02-29")->to_string(), "2000-02-29");
    EXPECT_FALSE(Date::parse("1900-02-29"));
}

// Years that only date arithmetic reaches are written as printf's %04d writes them.
TEST(Date, TextOutsideFourDigitYears) {
    EXPECT_EQ(Date::parse("9999-12-31")->plus_days(1).to_string(), "10000-01-01");
    EXPECT_EQ(Date::parse("0001-01-01")->plus_days(-1).to_string(), "0000-12-31");
    EXPECT_EQ(Date::from_ymd(-5, 3, 4).to_string(), "-005-03-04");
    std::string out = "on ";
    Date::parse("2024-07-08")->append_to(out);
    EXPECT_EQ(out, "on 2024-07-08");
}

TEST(Date, WeekdayAndDifference) {
    EXPECT_EQ(Date::parse("2024-09-27")->weekday(), 5u);  // Friday
    EXPECT_EQ(Date::parse("2024-09-29")->weekday(), 0u);  // Sunday
    EXPECT_EQ(Date::parse("2024-05-01")->serial() - Date::parse("2024-01-02")->serial(), 120);
}

TEST(Date, MonthArithmeticClampsToMonthEnd) {
    EXPECT_EQ(Date::parse("2024-01-31")->plus_months(1).to_string(), "2024-02-29");
    EXPECT_EQ(Date::parse("2023-01-31")->plus_months(1).to_string(), "2023-02-28");
    EXPECT_EQ(Date::parse("2024-02-29")->plus_years(1).to_string(), "2025-02-28");
    EXPECT_EQ(Date::parse("2024-02-29")->plus_years(4).to_string(), "2028-02-29");
    EXPECT_EQ(Date::parse("2024-03-31")->plus_months(-1).to_string(), "2024-02-29");
    EXPECT_EQ(Date::parse("2024-11-30")->plus_months(3).to_string(), "2025-02-28");
    EXPECT_EQ(Date::parse("2024-12-31")->plus_days(1).to_string(), "2025-01-01");
}

namespace {

// The plain reading of `YYYY-MM-DD`, byte by byte, that Date::parse must agree with.
std::optional<Date> parse_plainly(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    for (size_t k : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[k] < '0' || s[k] > '9') return std::nullopt;
    const int y = std::stoi(s.substr(0, 4));
    const unsigned m = static_cast<unsigned>(std::stoi(s.substr(5, 2))), d = static_cast<unsigned>(std::stoi(s.substr(8, 2)));
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > pingcha::days_in_month(y, m)) return std::nullopt;
    return Date::from_ymd(y, m, d);
}

}  // namespace

// Every day of 1890–2170 (and the days past each month's end: around and across the years
// whose starts parse takes from a table, 1900–2155), then every byte at every position of a
// few dates: Date::parse agrees with the plain reading.
TEST(Date, ParseAgreesWithThePlainReading) {
    char text[16];
    for (int y = 1890; y <= 2170; ++y)
        for (unsigned m = 0; m <= 13; ++m)
            for (unsigned d = 0; d <= 32; ++d) {
                std::snprintf(text, sizeof text, "%04d-%02u-%02u", y, m, d);
                ASSERT_EQ(Date::parse(text), parse_plainly(text)) << text;
            }
    for (std::string date : {"2024-02-29", "0001-01-01", "9999-12-31", "2023-11-30", "1900-02-28", "2155-12-31"})
        for (size_t k = 0; k < date.size(); ++k)
            for (int b = 0; b < 256; ++b) {
                std::string s = date;
                s[k] = static_cast<char>(b);
                ASSERT_EQ(Date::parse(s), parse_plainly(s)) << k << " " << b;
            }
}
