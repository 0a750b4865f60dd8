#include "core/date.hpp"

#include <array>
#include <bit>
#include <cstdio>
#include <cstring>

namespace pingcha {
namespace {

// Dates of case files fall in a few decades: for years 1900–2155 the day before 1 January
// and whether the year is a leap year come from a table, not from divisions.
constexpr int kFirstTabledYear = 1900;
constexpr int kTabledYears = 256;

struct YearStart {
    int32_t serial_before;  // Date::from_ymd(year, 1, 1).serial() - 1
    bool leap;
};

constexpr std::array<YearStart, kTabledYears> year_starts() {
    std::array<YearStart, kTabledYears> out{};
    int32_t serial = -25568;  // 1900-01-01 is day -25567
    for (int k = 0; k < kTabledYears; ++k) {
        const int y = kFirstTabledYear + k;
        const bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        out[static_cast<size_t>(k)] = {serial, leap};
        serial += leap ? 366 : 365;
    }
    return out;
}

constexpr std::array<YearStart, kTabledYears> kYearStarts = year_starts();

// Days in the year before the first of each month (index 1–12), common and leap years.
constexpr uint16_t kDaysBefore[2][13] = {{0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334},
                                         {0, 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335}};
constexpr uint8_t kMonthDays[2][13] = {{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
                                       {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};

}  // namespace

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
    Date d;
    if (!parse(s, d)) return std::nullopt;
    return d;
}

bool Date::parse(std::string_view s, Date& out) {
    static_assert(std::endian::native == std::endian::little, "reads the date's bytes as little-endian words");
    if (s.size() != 10) return false;
    // `YYYY-MM-` as one little-endian word and `DD` as another: XOR with '0' turns a digit
    // into its value (and only a digit into 0–9); adding 0x76 to a byte sets its top bit
    // from 10 on, and a byte of 0x80 or more has it already.
    uint64_t head;
    uint16_t tail;
    std::memcpy(&head, s.data(), sizeof head);
    std::memcpy(&tail, s.data() + 8, sizeof tail);
    constexpr uint64_t kDashes = 0x2D00'002D'0000'0000ull, kDashBytes = 0xFF00'00FF'0000'0000ull;
    if ((head & kDashBytes) != kDashes) return false;
    const uint64_t digits = (head ^ 0x3030'3030'3030'3030ull) & ~kDashBytes;
    const uint32_t day_digits = tail ^ 0x3030u;
    if (((digits + 0x7676'7676'7676'7676ull) | digits) & 0x8080'8080'8080'8080ull & ~kDashBytes) return false;
    if (((day_digits + 0x7676u) | day_digits) & 0x8080u) return false;
    // Each byte times ten plus the next: the two-digit numbers YY, YY and MM in bytes 0, 2 and 5.
    const uint64_t pairs = digits * 10 + (digits >> 8);
    const unsigned y = static_cast<unsigned>(pairs & 0xFF) * 100 + static_cast<unsigned>((pairs >> 16) & 0xFF);
    const auto m = static_cast<unsigned>((pairs >> 40) & 0xFF);
    const unsigned day = (day_digits & 0xFF) * 10 + (day_digits >> 8);
    if (m < 1 || m > 12 || day < 1) return false;
    if (const unsigned k = y - kFirstTabledYear; k < kTabledYears) {
        const YearStart& start = kYearStarts[k];
        if (day > kMonthDays[start.leap][m]) return false;
        out = from_serial(start.serial_before + kDaysBefore[start.leap][m] + static_cast<int32_t>(day));
        return true;
    }
    if (y < 1 || day > days_in_month(static_cast<int>(y), m)) return false;
    out = from_ymd(static_cast<int>(y), m, day);
    return true;
}

std::string Date::to_string() const {
    std::string out;
    append_to(out);
    return out;
}

void Date::append_to(std::string& out) const {
    const auto [y, m, d] = ymd();
    if (y < 0 || y > 9999) {  // only reachable by date arithmetic; snprintf's form
        char buf[32];
        const int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
        out.append(buf, static_cast<size_t>(n));
        return;
    }
    const auto digit = [](unsigned v) { return static_cast<char>('0' + v % 10); };
    const unsigned year = static_cast<unsigned>(y);
    const char text[10] = {digit(year / 1000), digit(year / 100), digit(year / 10), digit(year), '-',
                           digit(m / 10),      digit(m),          '-',              digit(d / 10), digit(d)};
    out.append(text, sizeof text);
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
