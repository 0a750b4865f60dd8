#include "core/date.hpp"

#include <cstdio>

namespace pingcha {

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
Date Date::from_ymd(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return from_serial(era * 146097 + static_cast<int>(doe) - 719468);
}

YearMonthDay Date::ymd() const {
    const int z = serial_ + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = static_cast<int>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

unsigned Date::weekday() const {
    const int z = serial_;
    return static_cast<unsigned>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

bool is_leap_year(int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

unsigned days_in_month(int y, unsigned m) {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

std::optional<Date> Date::parse(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto digits = [&](size_t from, size_t n, unsigned& out) {
        out = 0;
        for (size_t i = from; i < from + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + static_cast<unsigned>(s[i] - '0');
        }
        return true;
    };
    unsigned y = 0, m = 0, d = 0;
    if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return std::nullopt;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(static_cast<int>(y), m))
        return std::nullopt;
    return from_ymd(static_cast<int>(y), m, d);
}

std::string Date::to_string() const {
    const auto [y, m, d] = ymd();
    char buf[16];
    const int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
    return std::string(buf, static_cast<size_t>(n));
}

Date Date::plus_months(int64_t n) const {
    const auto [y, m, d] = ymd();
    const int64_t total = static_cast<int64_t>(y) * 12 + (m - 1) + n;
    const int ny = static_cast<int>(total >= 0 ? total / 12 : (total - 11) / 12);
    const unsigned nm = static_cast<unsigned>(total - static_cast<int64_t>(ny) * 12) + 1;
    const unsigned last = days_in_month(ny, nm);
    return from_ymd(ny, nm, d > last ? last : d);
}

}  // namespace pingcha
