#include "review/report_charts.hpp"

#include <algorithm>
#include <set>
#include <sstream>
#include <string_view>
#include <vector>

#include "core/html_escape.hpp"
#include "review/report_tables.hpp"

namespace pingcha::review {
namespace {

using Json = nlohmann::ordered_json;

// Layout in SVG user units; text is 12 units high (CSS in the HTML report). Each chart has
// its row labels (agency, rule and name) in a column of its own width left of the bars.
constexpr double kWidth = 760, kValue = 64, kRow = 26, kBar = 18, kLegend = 30;

struct Layout {
    double label;  // the label column's right edge
    double bar_x() const { return label + 8; }
    double bar_width() const { return kWidth - bar_x() - kValue; }
};
constexpr Layout kGrades{170}, kDefects{300};

struct Colour {
    const char* fill;
    const char* text;  // for a count written inside the bar
};
constexpr Colour kPass[] = {{"#1b7837", "#fff"}, {"#5aae61", "#fff"}, {"#a6dba0", "#123"}, {"#d9f0d3", "#123"}};
constexpr Colour kFail[] = {{"#d6604d", "#fff"}, {"#b2182b", "#fff"}, {"#67001f", "#fff"}};

std::string n(double x) { return format_decimal(x); }

// Estimated width of one character at 12 units: CJK a full em, ASCII capitals and digits
// about two thirds, other ASCII about half. Good enough to fit labels.
double char_width(std::string_view s, size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) return 12;
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == 'm' || c == 'w' ? 8 : 6;
}

size_t char_length(unsigned char lead) { return lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2; }

double text_width(std::string_view s) {
    double w = 0;
    for (size_t i = 0; i < s.size(); i += char_length(static_cast<unsigned char>(s[i]))) w += char_width(s, i);
    return w;
}

// `s` cut at a character boundary to fit `max` units, with "…" when cut.
std::string clip(const std::string& s, double max) {
    if (text_width(s) <= max) return s;
    double w = 12;  // the ellipsis
    size_t end = 0;
    while (end < s.size() && w + char_width(s, end) <= max) {
        w += char_width(s, end);
        end = std::min(s.size(), end + char_length(static_cast<unsigned char>(s[end])));
    }
    return s.substr(0, end) + "…";
}

std::string open_svg(const std::string& id, double height, const std::string& title) {
    std::ostringstream o;
    o << "<svg class=\"chart\" id=\"" << id << "\" viewBox=\"0 0 " << n(kWidth) << ' ' << n(height)
      << "\" role=\"img\" aria-label=\"" << html_escape(title) << "\"><title>" << html_escape(title) << "</title>\n";
    return o.str();
}

std::string rect(double x, double y, double w, double h, const std::string& fill, const std::string& cls,
                 const std::string& tooltip) {
    std::ostringstream o;
    o << "<rect class=\"" << cls << "\" x=\"" << n(x) << "\" y=\"" << n(y) << "\" width=\"" << n(w) << "\" height=\""
      << n(h) << "\" fill=\"" << fill << "\"><title>" << html_escape(tooltip) << "</title></rect>";
    return o.str();
}

std::string text(double x, double y, const std::string& content, const std::string& cls, const char* anchor = "start",
                 const char* fill = nullptr) {
    std::ostringstream o;
    o << "<text class=\"" << cls << "\" x=\"" << n(x) << "\" y=\"" << n(y) << "\" text-anchor=\"" << anchor
      << "\" dominant-baseline=\"central\"";
    if (fill) o << " fill=\"" << fill << "\"";
    o << ">" << html_escape(content) << "</text>";
    return o.str();
}

// A row label, clipped to the label column, with the full text as its tooltip.
std::string label(const Layout& layout, double y, const std::string& full) {
    std::ostringstream o;
    o << "<text class=\"label\" x=\"" << n(layout.label) << "\" y=\"" << n(y)
      << "\" text-anchor=\"end\" dominant-baseline=\"central\"><title>" << html_escape(full) << "</title>"
      << html_escape(clip(full, layout.label - 4)) << "</text>";
    return o.str();
}

std::string legend(const Layout& layout, const std::vector<std::pair<std::string, std::string>>& entries) {
    std::ostringstream o;
    o << "<g class=\"legend\">";
    double x = layout.bar_x();
    for (const auto& [name, fill] : entries) {
        o << "<rect class=\"swatch\" x=\"" << n(x) << "\" y=\"8\" width=\"12\" height=\"12\" fill=\"" << fill
          << "\"></rect>" << text(x + 16, 14, name, "legend-text");
        x += 16 + text_width(name) + 18;
    }
    o << "</g>\n";
    return o.str();
}

std::string empty_chart(const std::string& id, const std::string& title) {
    return open_svg(id, 60, title) + text(kWidth / 2, 30, "暂无评查结果", "empty", "middle") + "</svg>\n";
}

// The grades in display order (best first) with their colours.
std::vector<std::pair<std::string, Colour>> grade_colours(const Json& report) {
    std::set<std::string> pass;
    for (const auto& g : report.value("合格等级", Json::array())) pass.insert(g.get<std::string>());
    const Json& dist = report.contains("合计") ? report["合计"]["等级分布"] : Json::object();
    std::vector<std::pair<std::string, Colour>> out;
    size_t p = 0, f = 0;
    for (const auto& [grade, _] : dist.items()) {
        const bool ok = pass.count(grade) > 0;
        const Colour c = ok ? kPass[std::min(p++, std::size(kPass) - 1)] : kFail[std::min(f++, std::size(kFail) - 1)];
        out.emplace_back(grade, c);
    }
    return out;
}

std::string agency_bar(const Json& agency, const std::vector<std::pair<std::string, Colour>>& grades, double y,
                       double max_cases) {
    const std::string unit = agency["单位"].get<std::string>();
    const double cases = agency["案卷数"].get<double>();
    std::ostringstream o;
    o << "<g class=\"bar-group\" data-unit=\"" << html_escape(unit) << "\">" << label(kGrades, y + kBar / 2, unit);
    double x = kGrades.bar_x();
    for (const auto& [grade, colour] : grades) {
        const Json& count = agency["等级分布"].value(grade, Json(0));
        const double k = count.get<double>();
        if (k <= 0) continue;
        const double w = kGrades.bar_width() * k / max_cases;
        o << rect(x, y, w, kBar, colour.fill, "bar",
                  unit + " · " + grade + "：" + n(k) + " 件（" + n(100.0 * k / cases) + "%）");
        if (w >= 18) o << text(x + w / 2, y + kBar / 2, n(k), "in-bar", "middle", colour.text);
        x += w;
    }
    o << text(x + 6, y + kBar / 2, n(cases) + " 件", "value") << "</g>\n";
    return o.str();
}

const char* severity_fill(const std::string& severity) {
    return severity == "否决" ? "#b2182b" : severity == "扣分" ? "#e08214" : "#8c8c8c";
}

std::string defect_bar(const Json& d, double y, double max_cases) {
    const std::string name = d["规则"].get<std::string>() + " " + d["名称"].get<std::string>();
    const double cases = d["案卷数"].get<double>();
    const double w = std::max(1.0, kDefects.bar_width() * cases / max_cases);
    const std::string severity = d.value("性质", "");
    const std::string tip = name + "：" + n(cases) + " 件案卷，" + report_cell("问题数", d["问题数"]).text +
                            " 个问题（" + severity + "）；涉及单位：" + report_cell("涉及单位", d["涉及单位"]).text;
    std::ostringstream o;
    o << "<g class=\"bar-row\">" << label(kDefects, y + kBar / 2, name)
      << rect(kDefects.bar_x(), y, w, kBar, severity_fill(severity), "bar", tip)
      << text(kDefects.bar_x() + w + 6, y + kBar / 2, n(cases) + " 件", "value") << "</g>\n";
    return o.str();
}

}  // namespace

std::string grade_distribution_chart(const Json& report) {
    const std::string id = "chart-grades", title = "各单位等级分布（案卷数）";
    const Json& agencies = report.value("各单位", Json::array());
    if (agencies.empty()) return empty_chart(id, title);
    const auto grades = grade_colours(report);
    double max_cases = 1;
    for (const auto& a : agencies) max_cases = std::max(max_cases, a["案卷数"].get<double>());
    std::vector<std::pair<std::string, std::string>> keys;
    for (const auto& [g, c] : grades) keys.emplace_back(g, c.fill);
    std::string svg = open_svg(id, kLegend + kRow * static_cast<double>(agencies.size()) + 6, title) + legend(kGrades, keys);
    double y = kLegend;
    for (const auto& a : agencies) svg += agency_bar(a, grades, y, max_cases), y += kRow;
    return svg + "</svg>\n";
}

std::string defect_frequency_chart(const Json& report, size_t limit) {
    const std::string id = "chart-defects", title = "常见问题频次（涉及案卷数）";
    const Json& defects = report.value("问题排行", Json::array());
    const size_t count = std::min(limit, defects.size());
    if (count == 0) return empty_chart(id, title);
    double max_cases = 1;
    for (size_t i = 0; i < count; ++i) max_cases = std::max(max_cases, defects[i]["案卷数"].get<double>());
    std::string svg = open_svg(id, kLegend + kRow * static_cast<double>(count) + 6, title) +
                      legend(kDefects, {{"否决", severity_fill("否决")}, {"扣分", severity_fill("扣分")}, {"提示", severity_fill("提示")}});
    for (size_t i = 0; i < count; ++i) svg += defect_bar(defects[i], kLegend + kRow * static_cast<double>(i), max_cases);
    return svg + "</svg>\n";
}

}  // namespace pingcha::review
