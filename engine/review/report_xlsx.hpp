// The run report (build_report's document) as an Excel workbook (libxlsxwriter): sheet
// 运行信息, one sheet per summary table (各单位评查结果 …), and 最低分案卷 / 问题示例 with one row
// per finding. Scores, counts and rates are number cells; text is always a string cell,
// never a formula, whatever it starts with (=, +, -, @).
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace pingcha::review {

// Writes the workbook to `path` through a temporary file beside it, so a failed write leaves
// any existing file untouched. Throws std::runtime_error naming the path on failure.
void write_report_xlsx(const nlohmann::ordered_json& report, const std::string& path);

}  // namespace pingcha::review
