// Inline SVG charts of a run report (build_report's document) for the HTML report: no
// script, no external resource; every bar has a text label and a <title> tooltip, and every
// string from the report is escaped. The viewBox lets the chart scale to the page width.
#pragma once
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace pingcha::review {

// Grade distribution per agency: one stacked bar per agency (<g class="bar-group">, one
// <rect class="bar"> per grade it has), lengths in cases, pass grades green, others red.
std::string grade_distribution_chart(const nlohmann::ordered_json& report);

// Defect frequency: one bar (<rect class="bar">) per rule of 问题排行, at most `limit`, by
// cases hit, coloured by severity (否决, 扣分, 提示).
std::string defect_frequency_chart(const nlohmann::ordered_json& report, size_t limit);

}  // namespace pingcha::review
