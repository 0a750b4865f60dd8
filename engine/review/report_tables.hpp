// The report document (build_report) as tables: what the HTML and XLSX renderings share, so
// both show the same cells, and a field or section added to the JSON report shows up in both
// without new rendering code.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace pingcha::review {

struct ReportCell {
    enum class Kind { Empty, Text, Integer, Decimal, Percent };
    Kind kind = Kind::Empty;
    std::string text;  // as displayed, unescaped: "87.33", "83.33%", "SS-ZJ（3）、SS-CG（1）"
    double value = 0;  // the number of a numeric cell; a rate as a fraction (0.8333…)
    bool numeric() const { return kind == Kind::Integer || kind == Kind::Decimal || kind == Kind::Percent; }
};

struct ReportTable {
    std::string key;    // the report's JSON key ("各单位")
    std::string title;  // heading and sheet name ("各单位评查结果")
    std::vector<std::string> headers;
    std::vector<std::vector<ReportCell>> rows;
    size_t total_rows = 0;  // how many of the last rows are totals (合计)
};

// One cell for the field `key` holding `value`: integers and fractions as numbers (a field
// named …率 as a percentage), numeric strings of score fields (得分, 满分, 扣分) as numbers,
// lists joined with "、" (an object in a list as "first（rest）"), anything else as text.
ReportCell report_cell(const std::string& key, const nlohmann::ordered_json& value);

// An array of objects as a table: a scalar or list field is a column, an object of scalars
// (等级分布) one column per key; columns in first-seen order across the rows.
ReportTable flatten_rows(std::string key, std::string title, const nlohmann::ordered_json& rows);

// The summary tables in report order: 各单位 (with 合计 as its total row), 各部分扣分, 问题排行,
// 评查单位工作量, then any other top-level array of objects.
std::vector<ReportTable> summary_tables(const nlohmann::ordered_json& report);

// The run's facts: the fields of 运行, then every other top-level scalar or list of scalars
// (等级, 合格等级).
std::vector<std::pair<std::string, ReportCell>> report_overview(const nlohmann::ordered_json& report);

// Cases of the typical-case compilation (each with its 问题) as one row per finding, the
// case's fields first; a case without findings is one row.
ReportTable typical_findings(std::string key, std::string title, const nlohmann::ordered_json& cases);

// Fixed-point with at most two decimals and no trailing zeros: 87.5 → "87.5", 90.0 → "90".
std::string format_decimal(double value);

}  // namespace pingcha::review
