#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "law/calendar.hpp"

using pingcha::Date;
using pingcha::WorkCalendar;

namespace {

Date D(const char* s) {
    auto d = Date::parse(s);
    EXPECT_TRUE(d) << s;
    return d.value_or(Date{});
}

// Inclusive date ranges expanded to days.
std::vector<Date> days(std::vector<std::pair<const char*, const char*>> ranges) {
    std::vector<Date> out;
    for (auto [from, to] : ranges) {
        for (Date d = D(from); d <= D(to); d = d.plus_days(1)) out.push_back(d);
    }
    return out;
}

std::vector<Date> list(std::vector<const char*> items) {
    std::vector<Date> out;
    for (const char* s : items) out.push_back(D(s));
    return out;
}

// 国务院办公厅 holiday notices for 2023, 2024 and 2025.
void add_2023(WorkCalendar& cal) {
    cal.add_year(2023,
                 days({{"2022-12-31", "2023-01-02"},
                       {"2023-01-21", "2023-01-27"},
                       {"2023-04-05", "2023-04-05"},
                       {"2023-04-29", "2023-05-03"},
                       {"2023-06-22", "2023-06-24"},
                       {"2023-09-29", "2023-10-06"}}),
                 list({"2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25",
                       "2023-10-07", "2023-10-08"}));
}

void add_2024(WorkCalendar& cal) {
    cal.add_year(2024,
                 days({{"2024-01-01", "2024-01-01"},
                       {"2024-02-10", "2024-02-17"},
                       {"2024-04-04", "2024-04-06"},
                       {"2024-05-01", "2024-05-05"},
                       {"2024-06-10", "2024-06-10"},
                       {"2024-09-15", "2024-09-17"},
                       {"2024-10-01", "2024-10-07"}}),
                 list({"2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11",
                       "2024-09-14", "2024-09-29", "2024-10-12"}));
}

void add_2025(WorkCalendar& cal) {
    cal.add_year(2025,
                 days({{"2025-01-01", "2025-01-01"},
                       {"2025-01-28", "2025-02-04"},
                       {"2025-04-04", "2025-04-06"},
                       {"2025-05-01", "2025-05-05"},
                       {"2025-05-31", "2025-06-02"},
                       {"2025-10-01", "2025-10-08"}}),
                 list({"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"}));
}

WorkCalendar official() {
    WorkCalendar cal;
    add_2023(cal);
    add_2024(cal);
    add_2025(cal);
    return cal;
}

int64_t count(const WorkCalendar& cal, const char* from, const char* to) {
    return cal.working_days_between(D(from), D(to)).days;
}

}  // namespace

TEST(WorkCalendar, CoveredYears) {
    WorkCalendar cal;
    EXPECT_FALSE(cal.covers(2024));
    EXPECT_TRUE(cal.covered_years().empty());
    add_2024(cal);
    add_2023(cal);
    EXPECT_TRUE(cal.covers(2024));
    EXPECT_TRUE(cal.covers(2023));
    EXPECT_FALSE(cal.covers(2022));  // 2022-12-31 is listed, but 2022 is not covered
    EXPECT_FALSE(cal.covers(2025));
    EXPECT_EQ(cal.covered_years(), (std::vector<int>{2023, 2024}));
}

TEST(WorkCalendar, WorkingDays) {
    const WorkCalendar cal = official();
    EXPECT_TRUE(cal.is_working_day(D("2024-09-27")));   // ordinary Friday
    EXPECT_FALSE(cal.is_working_day(D("2024-09-28")));  // ordinary Saturday
    EXPECT_TRUE(cal.is_working_day(D("2024-09-29")));   // Sunday make-up
    EXPECT_FALSE(cal.is_working_day(D("2024-10-01")));  // National Day
    EXPECT_FALSE(cal.is_working_day(D("2024-10-07")));  // Monday rest
    EXPECT_TRUE(cal.is_working_day(D("2024-10-08")));
    EXPECT_TRUE(cal.is_working_day(D("2024-10-12")));   // Saturday make-up
    EXPECT_FALSE(cal.is_working_day(D("2024-10-13")));  // ordinary Sunday
    EXPECT_FALSE(cal.is_working_day(D("2023-01-02")));  // Monday rest
    EXPECT_FALSE(cal.is_working_day(D("2022-12-31")));  // listed in the 2023 notice
    EXPECT_TRUE(cal.is_working_day(D("2025-02-08")));   // Saturday make-up
    EXPECT_FALSE(cal.is_working_day(D("2025-06-02")));  // Monday rest
    // Uncovered years fall back to the weekend rule.
    EXPECT_TRUE(cal.is_working_day(D("2026-01-01")));   // Thursday
    EXPECT_FALSE(cal.is_working_day(D("2026-01-03")));  // Saturday
}

TEST(WorkCalendar, WorkedExampleAcrossNationalDay2024) {
    const WorkCalendar cal = official();
    // Decision 2024-09-27, served 2024-10-10: 09-29 (Sunday make-up), 09-30, 10-08, 10-09, 10-10.
    const auto c = cal.working_days_between(D("2024-09-27"), D("2024-10-10"));
    EXPECT_EQ(c.days, 5);
    EXPECT_TRUE(c.uncovered_years.empty());
}

TEST(WorkCalendar, NationalDayMakeUpDays) {
    const WorkCalendar cal = official();
    EXPECT_EQ(count(cal, "2024-09-27", "2024-09-28"), 0);  // Saturday
    EXPECT_EQ(count(cal, "2024-09-27", "2024-09-29"), 1);  // Sunday make-up
    EXPECT_EQ(count(cal, "2024-09-30", "2024-10-07"), 0);  // the whole holiday
    EXPECT_EQ(count(cal, "2024-09-30", "2024-10-08"), 1);
    EXPECT_EQ(count(cal, "2024-09-30", "2024-10-12"), 5);  // 10-08..10-11 and Saturday 10-12
    EXPECT_EQ(count(cal, "2024-10-11", "2024-10-14"), 2);  // 10-12 make-up, 10-13 Sunday, 10-14
    // The 2024 Mid-Autumn make-up Saturday 09-14 and rest 09-15..09-17.
    EXPECT_EQ(count(cal, "2024-09-13", "2024-09-18"), 2);
    // 2023: 09-29..10-06 rest, Saturday 10-07 and Sunday 10-08 make-up.
    EXPECT_EQ(count(cal, "2023-09-28", "2023-10-09"), 3);
    // 2025: 10-01..10-08 rest, Sunday 09-28 and Saturday 10-11 make-up.
    EXPECT_EQ(count(cal, "2025-09-26", "2025-10-12"), 1 + 2 + 2 + 1);
}

TEST(WorkCalendar, SpringFestival) {
    const WorkCalendar cal = official();
    // 2024: Sunday 02-04 make-up; 02-10..02-17 rest; Sunday 02-18 make-up.
    EXPECT_EQ(count(cal, "2024-02-02", "2024-02-05"), 2);
    EXPECT_EQ(count(cal, "2024-02-08", "2024-02-19"), 3);  // 02-09, 02-18, 02-19
    EXPECT_EQ(count(cal, "2024-02-09", "2024-02-17"), 0);
    // 2025: Sunday 01-26 make-up; 01-28..02-04 rest; Saturday 02-08 make-up.
    EXPECT_EQ(count(cal, "2025-01-24", "2025-02-10"), 7);
    // 2023: 01-21..01-27 rest; 01-28 and 01-29 (weekend) make-up.
    EXPECT_EQ(count(cal, "2023-01-20", "2023-01-30"), 3);
}

TEST(WorkCalendar, AcrossYearEnds) {
    const WorkCalendar cal = official();
    const auto c = cal.working_days_between(D("2023-12-29"), D("2024-01-03"));
    EXPECT_EQ(c.days, 2);  // 12-30/31 weekend, 01-01 rest, 01-02, 01-03
    EXPECT_TRUE(c.uncovered_years.empty());
    EXPECT_EQ(count(cal, "2024-12-31", "2025-01-02"), 1);
}

TEST(WorkCalendar, WholeYearTotals) {
    const WorkCalendar cal = official();
    EXPECT_EQ(count(cal, "2022-12-31", "2023-12-31"), 249);
    EXPECT_EQ(count(cal, "2023-12-31", "2024-12-31"), 251);
    EXPECT_EQ(count(cal, "2024-12-31", "2025-12-31"), 248);
}

TEST(WorkCalendar, ZeroLengthAndReversedIntervals) {
    const WorkCalendar cal = official();
    for (const char* d : {"2024-09-29", "2024-10-01", "2024-10-09", "2030-06-01"}) {
        const auto c = cal.working_days_between(D(d), D(d));
        EXPECT_EQ(c.days, 0) << d;
        EXPECT_TRUE(c.uncovered_years.empty()) << d;
    }
    const auto back = cal.working_days_between(D("2024-10-10"), D("2024-09-27"));
    EXPECT_EQ(back.days, -5);
    EXPECT_TRUE(back.uncovered_years.empty());
    EXPECT_EQ(count(cal, "2024-09-29", "2024-09-28"), -1);  // (09-28, 09-29], negated
    EXPECT_EQ(count(cal, "2024-10-08", "2024-10-07"), -1);
    EXPECT_EQ(count(cal, "2024-10-07", "2024-10-06"), 0);
    const auto far = cal.working_days_between(D("2027-01-04"), D("2021-12-31"));
    EXPECT_EQ(far.uncovered_years, (std::vector<int>{2022, 2026, 2027}));
}

TEST(WorkCalendar, ReportsUncoveredYears) {
    const WorkCalendar cal = official();
    // 2025-12-31 Wednesday, 2026-01-01..02 (no data: weekday rule), 01-03/04 weekend, 01-05.
    auto c = cal.working_days_between(D("2025-12-30"), D("2026-01-05"));
    EXPECT_EQ(c.days, 4);
    EXPECT_EQ(c.uncovered_years, (std::vector<int>{2026}));

    // `from` itself is outside the interval: starting on 2022-12-31 touches only 2023.
    c = cal.working_days_between(D("2022-12-31"), D("2023-01-04"));
    EXPECT_EQ(c.days, 2);
    EXPECT_TRUE(c.uncovered_years.empty());
    c = cal.working_days_between(D("2022-12-30"), D("2023-01-04"));
    EXPECT_EQ(c.days, 2);  // 2022-12-31 is a Saturday and a listed rest day
    EXPECT_EQ(c.uncovered_years, (std::vector<int>{2022}));

    c = cal.working_days_between(D("2021-06-01"), D("2027-03-01"));
    EXPECT_EQ(c.uncovered_years, (std::vector<int>{2021, 2022, 2026, 2027}));

    WorkCalendar empty;
    c = empty.working_days_between(D("2024-09-27"), D("2024-10-10"));
    EXPECT_EQ(c.days, 9);  // weekend rule only
    EXPECT_EQ(c.uncovered_years, (std::vector<int>{2024}));
}

TEST(WorkCalendar, MatchesDayByDayCount) {
    const WorkCalendar cal = official();
    const Date start = D("2022-12-20");
    const Date end = D("2026-01-10");
    // Every interval length up to 40 days from every start, plus long spans, against a naive
    // count of is_working_day.
    for (Date from = start; from <= end; from = from.plus_days(1)) {
        int64_t naive = 0;
        Date to = from;
        for (int len = 1; len <= 40; ++len) {
            to = to.plus_days(1);
            if (cal.is_working_day(to)) ++naive;
            ASSERT_EQ(cal.working_days_between(from, to).days, naive)
                << from.to_string() << " .. " << to.to_string();
            ASSERT_EQ(cal.working_days_between(to, from).days, -naive)
                << to.to_string() << " .. " << from.to_string();
        }
    }
    int64_t naive = 0;
    for (Date d = start.plus_days(1); d <= end; d = d.plus_days(1)) naive += cal.is_working_day(d);
    EXPECT_EQ(cal.working_days_between(start, end).days, naive);
}

TEST(WorkCalendar, LaterDeclarationWins) {
    WorkCalendar cal;
    cal.add_year(2024, list({"2024-10-08"}), {});
    EXPECT_FALSE(cal.is_working_day(D("2024-10-08")));
    cal.add_year(2024, {}, list({"2024-10-08", "2024-10-13"}));
    EXPECT_TRUE(cal.is_working_day(D("2024-10-08")));
    EXPECT_TRUE(cal.is_working_day(D("2024-10-13")));
    EXPECT_EQ(count(cal, "2024-10-07", "2024-10-13"), 4 + 1);  // 10-08..10-11, Sunday 10-13
    cal.add_year(2024, list({"2024-10-13"}), {});
    EXPECT_FALSE(cal.is_working_day(D("2024-10-13")));
    EXPECT_EQ(count(cal, "2024-10-07", "2024-10-13"), 4);
}
