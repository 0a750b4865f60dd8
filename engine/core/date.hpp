// Calendar dates (China Standard Time civil dates) as a day count.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pingcha {

struct YearMonthDay {
    int year;
    unsigned month;  // 1..12
    unsigned day;    // 1..31
};

// A calendar date; the value is the number of days since 1970-01-01.
class Date {
public:
    constexpr Date() = default;
    static constexpr Date from_serial(int32_t days) { Date d; d.serial_ = days; return d; }
    static Date from_ymd(int year, unsigned month, unsigned day);  // caller guarantees validity
    // Strict `YYYY-MM-DD`; rejects 2024-02-30, 2023-13-01 and anything not exactly 10 chars.
    static std::optional<Date> parse(std::string_view text);
    // The same into `out`, false when the text is no date. For the record reader's hot loop:
    // GCC builds a returned optional in memory byte by byte and reloads it whole, a
    // store-forwarding stall that perf put on half of parse's samples.
    static bool parse(std::string_view text, Date& out);

    constexpr int32_t serial() const { return serial_; }
    YearMonthDay ymd() const;
    int year() const { return ymd().year; }
    unsigned weekday() const;  // 0 = Sunday .. 6 = Saturday
    std::string to_string() const;  // YYYY-MM-DD
    void append_to(std::string& out) const;

    Date plus_days(int64_t n) const { return from_serial(static_cast<int32_t>(serial_ + n)); }
    // Adds calendar months; a day past the end of the target month is clamped to its last day
    // (2024-01-31 + 1 month = 2024-02-29; 2023-01-31 + 1 month = 2023-02-28).
    Date plus_months(int64_t n) const;
    Date plus_years(int64_t n) const { return plus_months(n * 12); }

    friend constexpr auto operator<=>(Date, Date) = default;

private:
    int32_t serial_ = 0;
};

bool is_leap_year(int year);
unsigned days_in_month(int year, unsigned month);

}  // namespace pingcha
