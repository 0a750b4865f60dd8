// The working-day calendar (行政处罚法 art 85: 二日、三日、五日、七日 are working days).
#pragma once
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "core/date.hpp"

namespace pingcha {

class WorkCalendar {
public:
    // Declares that `year` is covered, with its official rest days (放假, which may fall on
    // weekdays) and make-up working days (调休上班, which fall on weekends). A rest day
    // listed for a covered year may lie in a neighbouring year (2022-12-31 in the 2023 notice).
    void add_year(int year, const std::vector<Date>& rest_days, const std::vector<Date>& work_days);

    bool covers(int year) const { return years_.count(year) != 0; }
    std::vector<int> covered_years() const { return {years_.begin(), years_.end()}; }
    bool is_working_day(Date d) const;  // weekends unless make-up; weekdays unless rest

    struct Count {
        int64_t days = 0;
        std::vector<int> uncovered_years;  // years in the interval the calendar lacks
    };
    // Working days in (from, to]: the count of working days after `from` up to and
    // including `to`; negative when to < from (the count of (to, from], negated).
    // Decision 2024-09-27, served 2024-10-10 → 5.
    Count working_days_between(Date from, Date to) const;

private:
    std::set<int> years_;
    std::set<int32_t> rest_;  // serials
    std::set<int32_t> work_;
};

}  // namespace pingcha
