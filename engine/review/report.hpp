// The report of one run (评查结果汇总): per agency (cases, mean score, grade distribution,
// pass rate, vetoes), per section deductions, defects ranked by frequency with the agencies
// they hit, the reviewer-unit workload when the run is of a round, and the typical-case
// compilation: the worst files and one example per frequent defect, with their findings
// and the law they cite. Built from the store
// as JSON (the `json` format is exactly this document) and rendered as Markdown or CSV here,
// as HTML in report_html.hpp and as XLSX in report_xlsx.hpp.
//
// Pass (合格): a grade other than the veto grade and the catch-all (lowest) band of the
// pack the run used (for Shenshan: anything but 不合格).
#pragma once
#include <cstdint>
#include <string>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

namespace pingcha::review {

// `worst`: how many lowest-scoring files the typical-case compilation (典型案例汇编) lists;
// `examples`: for how many of the most frequent defects it gives one example file.
nlohmann::ordered_json build_report(SQLite::Database& db, int64_t run_id, size_t worst = 10, size_t examples = 10);

// Two decimals: how the report rounds its averages, sums and percentages.
double round2(double v);

std::string report_json(const nlohmann::ordered_json& report);
std::string report_markdown(const nlohmann::ordered_json& report);
// Several tables in one UTF-8 file (with BOM, for Excel): each starts with a one-cell title
// row and ends with a blank line.
std::string report_csv(const nlohmann::ordered_json& report);

}  // namespace pingcha::review
