#include "review/report_html.hpp"

#include <algorithm>
#include <sstream>

#include "core/html_escape.hpp"
#include "review/report_charts.hpp"
#include "review/report_tables.hpp"

namespace pingcha::review {
namespace {

using Json = nlohmann::ordered_json;

constexpr size_t kChartDefects = 30;  // bars in the defect chart; the table lists all

constexpr const char* kStyle = R"css(
@page { size: A4; margin: 16mm 14mm 18mm; }
body { print-color-adjust: exact; -webkit-print-color-adjust: exact;
       font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei",
       "PingFang SC", sans-serif; font-size: 14px; line-height: 1.5; color: #1a1a1a;
       max-width: 190mm; margin: 0 auto; padding: 12px; }
h1 { font-size: 22px; border-bottom: 2px solid #333; padding-bottom: 6px; }
h2 { font-size: 18px; margin-top: 28px; border-left: 4px solid #1b7837; padding-left: 8px; }
h3 { font-size: 16px; margin-top: 20px; }
h4 { font-size: 14px; margin: 14px 0 4px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 16px; font-size: 12.5px; }
th, td { border: 1px solid #b8b8b8; padding: 3px 6px; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
th { background: #eef3ea; white-space: nowrap; }
td.short { white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; background: #f4f4f4; }
tr { break-inside: avoid; }
table.facts th { width: 7em; }
table.facts td.num { text-align: left; }
p.source, p.note, p.none { color: #555; font-size: 12.5px; margin: 2px 0 6px; overflow-wrap: anywhere; }
svg.chart { display: block; width: 100%; height: auto; margin: 6px 0 12px; break-inside: avoid; }
svg.chart text { font-size: 12px; }
svg.chart .label, svg.chart .value, svg.chart .legend-text, svg.chart .empty { fill: #222; }
footer { margin-top: 24px; color: #777; font-size: 12px; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  section.major { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  thead { display: table-header-group; }
  article.case { break-inside: avoid; }
}
)css";

// Numbers right-aligned; short text (性质, 等级, rule ids) kept on one line so narrow columns
// do not break it character by character.
void cell_html(std::ostringstream& o, const ReportCell& cell) {
    if (cell.kind == ReportCell::Kind::Empty) {
        o << "<td class=\"short\">—</td>";
        return;
    }
    const bool ascii = std::all_of(cell.text.begin(), cell.text.end(), [](char c) { return c > ' ' && c < 0x7F; });
    const bool short_text = ascii ? cell.text.size() <= 24 : cell.text.size() <= 12 && cell.text.find(' ') == std::string::npos;
    o << (cell.numeric() ? "<td class=\"num\">" : short_text ? "<td class=\"short\">" : "<td>")
      << html_escape(cell.text) << "</td>";
}

std::string table_html(const ReportTable& t) {
    if (t.rows.empty()) return "<p class=\"none\">（无）</p>\n";
    std::ostringstream o;
    o << "<table data-key=\"" << html_escape(t.key) << "\"><thead><tr>";
    for (const auto& h : t.headers) o << "<th>" << html_escape(h) << "</th>";
    o << "</tr></thead>\n<tbody>\n";
    for (size_t i = 0; i < t.rows.size(); ++i) {
        o << (i + t.total_rows >= t.rows.size() ? "<tr class=\"total\">" : "<tr>");
        for (const auto& cell : t.rows[i]) cell_html(o, cell);
        o << "</tr>\n";
    }
    o << "</tbody></table>\n";
    return o.str();
}

std::string overview_html(const Json& report) {
    std::ostringstream o;
    o << "<table class=\"facts\" data-key=\"运行\"><tbody>\n";
    for (const auto& [name, cell] : report_overview(report)) {
        o << "<tr><th>" << html_escape(name) << "</th>";
        cell_html(o, cell);
        o << "</tr>\n";
    }
    o << "</tbody></table>\n";
    return o.str();
}

// The chart shown above a summary table, if it has one.
std::string chart_for(const std::string& key, const Json& report) {
    if (key == "各单位") return grade_distribution_chart(report);
    if (key != "问题排行") return "";
    std::string chart = defect_frequency_chart(report, kChartDefects);
    if (report["问题排行"].size() > kChartDefects)
        chart += "<p class=\"note\">图中仅列出前 " + std::to_string(kChartDefects) + " 项，全部见下表。</p>\n";
    return chart;
}

std::string summary_section(const ReportTable& t, const Json& report) {
    const bool major = t.key == "问题排行";
    return std::string(major ? "<section class=\"major\">" : "<section>") + "\n<h2>" + html_escape(t.title) +
           "</h2>\n" + chart_for(t.key, report) + table_html(t) + "</section>\n";
}

std::string case_article(const Json& c, const std::string& heading) {
    std::ostringstream o;
    o << "<article class=\"case\">\n<h4>" << html_escape(heading) << "</h4>\n";
    if (c.contains("来源")) o << "<p class=\"source\">来源：" << html_escape(report_cell("来源", c["来源"]).text) << "</p>\n";
    const Json findings = c.value("问题", Json::array());
    o << (findings.empty() ? "<p class=\"none\">未发现问题。</p>\n" : table_html(flatten_rows("问题", "问题", findings)));
    o << "</article>\n";
    return o.str();
}

std::string case_heading(const Json& c) {
    return report_cell("案卷", c["案卷"]).text + "（" + report_cell("单位", c["单位"]).text + "，" +
           report_cell("得分", c["得分"]).text + " 分，" + report_cell("等级", c["等级"]).text + "）";
}

std::string typical_section(const Json& typical) {
    const Json worst = typical.value("最低分案卷", Json::array());
    const Json examples = typical.value("问题示例", Json::array());
    std::ostringstream o;
    o << "<section class=\"major\">\n<h2>典型案例汇编</h2>\n<h3>得分最低的 " << worst.size() << " 件</h3>\n";
    for (const auto& c : worst) o << case_article(c, case_heading(c));
    o << "<h3>常见问题示例</h3>\n";
    if (examples.empty()) o << "<p class=\"none\">（无）</p>\n";
    for (const auto& e : examples) {
        const std::string rule = report_cell("规则", e["规则"]).text + " " + report_cell("名称", e["名称"]).text;
        o << case_article(e["案卷"], rule + "：" + case_heading(e["案卷"]));
    }
    o << "</section>\n";
    return o.str();
}

std::string title_of(const Json& report) {
    std::string title = "案卷评查结果汇总";
    if (report.contains("运行")) title += "（运行 " + report_cell("编号", report["运行"].value("编号", Json())).text + "）";
    return title;
}

}  // namespace

std::string report_html(const Json& report) {
    const std::string title = html_escape(title_of(report));
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
      << title << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n<header>\n<h1>" << title << "</h1>\n"
      << overview_html(report) << "</header>\n";
    for (const auto& t : summary_tables(report)) o << summary_section(t, report);
    if (report.contains("典型案例")) o << typical_section(report["典型案例"]);
    o << "<footer>由 pingcha 生成。</footer>\n</body>\n</html>\n";
    return o.str();
}

}  // namespace pingcha::review
