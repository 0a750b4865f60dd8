#include "law/calendar.hpp"

namespace pingcha {

namespace {

bool is_weekend(Date d) {
    const unsigned w = d.weekday();
    return w == 0 || w == 6;
}

// Monday-to-Friday days among the `n` consecutive days starting at `first`.
int64_t weekdays_from(Date first, int64_t n) {
    int64_t count = (n / 7) * 5;
    const int64_t rest = n % 7;
    unsigned w = first.weekday();
    for (int64_t i = 0; i < rest; ++i) {
        if (w != 0 && w != 6) ++count;
        w = (w + 1) % 7;
    }
    return count;
}

}  // namespace

void WorkCalendar::add_year(int year, const std::vector<Date>& rest_days,
                            const std::vector<Date>& work_days) {
    years_.insert(year);
    // A later declaration about the same day wins over an earlier one.
    for (Date d : rest_days) {
        work_.erase(d.serial());
        rest_.insert(d.serial());
    }
    for (Date d : work_days) {
        rest_.erase(d.serial());
        work_.insert(d.serial());
    }
}

bool WorkCalendar::is_working_day(Date d) const {
    if (work_.count(d.serial())) return true;
    if (rest_.count(d.serial())) return false;
    return !is_weekend(d);
}

WorkCalendar::Count WorkCalendar::working_days_between(Date from, Date to) const {
    if (to < from) {
        Count c = working_days_between(to, from);
        c.days = -c.days;
        return c;
    }
    Count c;
    if (to == from) return c;

    // Interval (from, to] as serials [lo, hi].
    const int64_t lo = static_cast<int64_t>(from.serial()) + 1;
    const int64_t hi = to.serial();
    const Date first = from.plus_days(1);
    c.days = weekdays_from(first, hi - lo + 1);

    // Correct the plain Monday-to-Friday count by each declared day in range whose status
    // differs from the weekday rule.
    auto adjust = [&](const std::set<int32_t>& days) {
        for (auto it = days.lower_bound(static_cast<int32_t>(lo));
             it != days.end() && *it <= hi; ++it) {
            const Date d = Date::from_serial(*it);
            const bool by_rule = !is_weekend(d);
            const bool actual = is_working_day(d);
            if (by_rule != actual) c.days += actual ? 1 : -1;
        }
    };
    adjust(rest_);
    adjust(work_);

    for (int y = first.year(), last = to.year(); y <= last; ++y) {
        if (!covers(y)) c.uncovered_years.push_back(y);
    }
    return c;
}

}  // namespace pingcha
