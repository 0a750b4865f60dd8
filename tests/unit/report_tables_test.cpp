// The report's table model, escaping and HTML rendering on hand-made documents: what a
// later section or field of the JSON report turns into without new rendering code.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/html_escape.hpp"
#include "review/report_charts.hpp"
#include "review/report_html.hpp"
#include "review/report_tables.hpp"

namespace {

using nlohmann::ordered_json;
using pingcha::review::ReportCell;
using Kind = ReportCell::Kind;

TEST(ReportHtmlEscape, EscapesEveryMarkupCharacter) {
    EXPECT_EQ(pingcha::html_escape("<a href=\"x\">'&'</a>"),
              "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    EXPECT_EQ(pingcha::html_escape("深汕〔2024〕1号"), "深汕〔2024〕1号");
    EXPECT_EQ(pingcha::html_escape(std::string_view("a\0b", 3)), "a\xEF\xBF\xBD" "b");
}

TEST(ReportTables, CellsByKindAndKey) {
    using pingcha::review::report_cell;
    auto cell = [](const std::string& key, const ordered_json& v) { return report_cell(key, v); };
    EXPECT_EQ(cell("案卷数", 12).kind, Kind::Integer);
    const auto rate = cell("合格率", 0.8333333333333334);
    EXPECT_EQ(rate.kind, Kind::Percent);
    EXPECT_EQ(rate.text, "83.33%");
    EXPECT_DOUBLE_EQ(rate.value, 0.8333333333333334);
    EXPECT_EQ(cell("平均分", 65.0).text, "65");
    EXPECT_EQ(cell("平均分", 81.5).text, "81.5");
    const auto score = cell("得分", "62.5");
    EXPECT_EQ(score.kind, Kind::Decimal);
    EXPECT_DOUBLE_EQ(score.value, 62.5);
    EXPECT_EQ(cell("案卷", "2024").kind, Kind::Text);  // only score fields are numeric strings
    EXPECT_EQ(cell("得分", "=1+2").kind, Kind::Text);
    EXPECT_EQ(cell("得分", "1.").kind, Kind::Text);
    EXPECT_EQ(cell("轮次", nullptr).kind, Kind::Empty);
    EXPECT_EQ(cell("依据", ordered_json({"《甲法》第1条", "《乙法》第2条"})).text, "《甲法》第1条、《乙法》第2条");
    EXPECT_EQ(cell("涉及单位", ordered_json::parse(R"([{"单位":"SS-ZJ","案卷数":3},{"单位":"SS-CG","案卷数":1}])")).text,
              "SS-ZJ（3）、SS-CG（1）");
}

TEST(ReportTables, NewSectionsAndFieldsBecomeTables) {
    const auto report = ordered_json::parse(R"({
        "运行": {"编号": 4, "轮次": null},
        "合格等级": ["优秀"],
        "各单位": [{"单位": "A", "案卷数": 2, "等级分布": {"优秀": 1, "不合格": 1}, "合格率": 0.5, "复核数": 1}],
        "合计": {"单位": "合计", "案卷数": 2, "等级分布": {"优秀": 1, "不合格": 1}, "合格率": 0.5, "复核数": 1},
        "裁定": [{"案卷": "<b>x</b>", "原等级": "不合格", "裁定等级": "合格", "得分": "71.5"}]
    })");
    const auto tables = pingcha::review::summary_tables(report);
    ASSERT_EQ(tables.size(), 2u);
    EXPECT_EQ(tables[0].title, "各单位评查结果");
    EXPECT_EQ(tables[0].headers, (std::vector<std::string>{"单位", "案卷数", "优秀", "不合格", "合格率", "复核数"}));
    ASSERT_EQ(tables[0].rows.size(), 2u);
    EXPECT_EQ(tables[0].total_rows, 1u);
    EXPECT_EQ(tables[1].title, "裁定");
    EXPECT_EQ(tables[1].rows[0][3].kind, Kind::Decimal);

    const auto facts = pingcha::review::report_overview(report);
    ASSERT_EQ(facts.size(), 3u);
    EXPECT_EQ(facts[2].first, "合格等级");

    const std::string html = pingcha::review::report_html(report);
    EXPECT_NE(html.find("<h2>裁定</h2>"), std::string::npos);
    EXPECT_NE(html.find("<th>复核数</th>"), std::string::npos);
    EXPECT_NE(html.find("&lt;b&gt;x&lt;/b&gt;"), std::string::npos);
    EXPECT_EQ(html.find("<b>"), std::string::npos);
    EXPECT_NE(html.find("<td class=\"short\">—</td>"), std::string::npos);  // 轮次 null
}

TEST(ReportCharts, BarsPerAgencyGradeAndDefect) {
    const auto report = ordered_json::parse(R"({
        "合格等级": ["优秀"],
        "各单位": [{"单位": "A&B", "案卷数": 3, "等级分布": {"优秀": 2, "不合格": 1}},
                   {"单位": "C", "案卷数": 1, "等级分布": {"优秀": 0, "不合格": 1}}],
        "合计": {"单位": "合计", "案卷数": 4, "等级分布": {"优秀": 2, "不合格": 2}},
        "问题排行": [{"规则": "R1", "名称": "甲", "性质": "否决", "问题数": 2, "案卷数": 2, "涉及单位": []},
                     {"规则": "R2", "名称": "乙", "性质": "扣分", "问题数": 1, "案卷数": 1, "涉及单位": []},
                     {"规则": "R3", "名称": "丙", "性质": "提示", "问题数": 1, "案卷数": 1, "涉及单位": []}]
    })");
    auto count = [](const std::string& s, const std::string& what) {
        size_t n = 0;
        for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
        return n;
    };
    const std::string grades = pingcha::review::grade_distribution_chart(report);
    EXPECT_EQ(count(grades, "<g class=\"bar-group\""), 2u);
    EXPECT_EQ(count(grades, "<rect class=\"bar\""), 3u);  // A: 优秀 and 不合格; C: 不合格
    EXPECT_NE(grades.find("<title>A&amp;B · 优秀：2 件（66.67%）</title>"), std::string::npos);
    const std::string defects = pingcha::review::defect_frequency_chart(report, 2);
    EXPECT_EQ(count(defects, "<rect class=\"bar\""), 2u);  // limited
    EXPECT_NE(defects.find("<title>R1 甲：2 件案卷，2 个问题（否决）"), std::string::npos);
    const std::string empty = pingcha::review::defect_frequency_chart(ordered_json::object(), 30);
    EXPECT_EQ(count(empty, "class=\"bar\""), 0u);
    EXPECT_NE(empty.find("暂无评查结果"), std::string::npos);
}

}  // namespace
