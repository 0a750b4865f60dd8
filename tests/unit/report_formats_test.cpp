// The HTML and XLSX run reports through the real binary: their numbers equal the JSON report
// of the same run, and case-supplied text (a case id, agency code, circumstance and law name
// carrying markup and spreadsheet formulas, tests/fixtures/report/hostile-case.json) comes
// out as inert text.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "command.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kSrc = PINGCHA_SOURCE_DIR;

std::string q(const fs::path& p) { return pingcha::testing::shell_quoted(p); }

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

// Undoes html_escape, for comparing cell text with the JSON.
std::string unescape(std::string s) {
    const std::pair<const char*, const char*> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities)
        for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1)) s.replace(at, strlen(from), to);
    return s;
}

// The cells of the <table data-key="KEY"> in `html`, header row first, markup stripped.
std::vector<std::vector<std::string>> html_table(const std::string& html, const std::string& key) {
    const size_t start = html.find("<table data-key=\"" + key + "\">");
    if (start == std::string::npos) return {};
    const std::string table = html.substr(start, html.find("</table>", start) - start);
    std::vector<std::vector<std::string>> rows;
    for (size_t tr = table.find("<tr"); tr != std::string::npos; tr = table.find("<tr", tr + 1)) {
        const std::string row = table.substr(tr, table.find("</tr>", tr) - tr);
        auto& cells = rows.emplace_back();
        for (size_t c = row.find("<t", 1); c != std::string::npos; c = row.find("<t", c + 1)) {
            const size_t open = row.find('>', c) + 1;
            cells.push_back(unescape(row.substr(open, row.find("</t", open) - open)));
        }
    }
    return rows;
}

// The JSON value behind column `header` of a report row: the field itself or a field of an
// object-valued field (等级分布).
const json* field(const json& row, const std::string& header) {
    if (row.contains(header)) return &row[header];
    for (const auto& [_, v] : row.items())
        if (v.is_object() && v.contains(header)) return &v[header];
    return nullptr;
}

class ReportFormats : public ::testing::Test {
protected:
    void SetUp() override {
        dir = fs::temp_directory_path() / ("pingcha_report_" + std::to_string(getpid()) + "_" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir);
        fs::create_directories(dir);
        db = dir / "review.db";
        ASSERT_EQ(pingcha("import --db " + q(db) + " samples/shenshan/*.json tests/fixtures/report/hostile-case.json")
                      .status, 0) << err();
        ASSERT_EQ(pingcha("assign --db " + q(db) + " --round r1 --reviewers SS-ZJ SS-XF SS-CG --seed 3").status, 0)
            << err();
        const auto run = pingcha("run --db " + q(db) + " --rules rules/shenshan --round r1 --jobs 2");
        ASSERT_EQ(run.status, 0) << err();
        run_id = std::stoll(run.out);
        ASSERT_EQ(report("json", dir / "report.json").status, 0) << err();
        rep = json::parse(slurp(dir / "report.json"));
    }
    void TearDown() override {
        if (!HasFailure()) fs::remove_all(dir);
    }
    pingcha::testing::CommandOutput pingcha(const std::string& args) {
        return pingcha::testing::run_command("cd " + q(kSrc) + " && '" + PINGCHA_BINARY + "' " + args + " 2>" +
                                             q(dir / "stderr.txt"));
    }
    pingcha::testing::CommandOutput report(const std::string& format, const fs::path& out) {
        return pingcha("report --db " + q(db) + " --run " + std::to_string(run_id) + " --worst 100 --format " + format +
                       " --out " + q(out));
    }
    std::string err() { return slurp(dir / "stderr.txt"); }

    fs::path dir, db;
    int64_t run_id = 0;
    json rep;
};

// Every cell of a rendered table equals the JSON field of its column: numbers as numbers
// (a rate shown as a percentage), text as the same text.
void expect_cells_match(const std::vector<std::string>& headers, const std::vector<std::string>& cells,
                        const json& row, const std::string& where) {
    ASSERT_EQ(cells.size(), headers.size()) << where;
    for (size_t c = 0; c < headers.size(); ++c) {
        const json* v = field(row, headers[c]);
        ASSERT_NE(v, nullptr) << where << " " << headers[c];
        const std::string at = where + " " + headers[c] + " = " + cells[c];
        if (v->is_number_integer()) EXPECT_EQ(cells[c], std::to_string(v->get<int64_t>())) << at;
        else if (v->is_number() && headers[c].ends_with("率")) {
            ASSERT_TRUE(cells[c].ends_with("%")) << at;
            EXPECT_NEAR(std::stod(cells[c]), v->get<double>() * 100, 0.005) << at;
        } else if (v->is_number()) EXPECT_NEAR(std::stod(cells[c]), v->get<double>(), 0.005) << at;
        else if (v->is_string()) EXPECT_EQ(cells[c], v->get<std::string>()) << at;
        else if (v->is_array() && !v->empty()) {
            const json& first = (*v)[0];
            const std::string text = first.is_object() ? first.begin()->get<std::string>() : first.get<std::string>();
            EXPECT_EQ(cells[c].rfind(text, 0), 0u) << at;
        }
    }
}

TEST_F(ReportFormats, HtmlNumbersEqualJsonReport) {
    ASSERT_EQ(report("html", dir / "report.html").status, 0) << err();
    const std::string html = slurp(dir / "report.html");
    ASSERT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    for (const char* heading : {"<h1>案卷评查结果汇总（运行 ", "<h2>各单位评查结果</h2>", "<h2>各部分扣分</h2>",
                                "<h2>常见问题排行</h2>", "<h2>评查单位工作量</h2>", "<h2>典型案例汇编</h2>",
                                "<h3>常见问题示例</h3>", "@page { size: A4;"})
        EXPECT_NE(html.find(heading), std::string::npos) << heading;

    json agencies = rep["各单位"];
    agencies.push_back(rep["合计"]);
    const std::map<std::string, json> tables = {{"各单位", agencies},
                                                {"各部分扣分", rep["各部分扣分"]},
                                                {"问题排行", rep["问题排行"]},
                                                {"评查单位工作量", rep["评查单位工作量"]}};
    for (const auto& [key, rows] : tables) {
        const auto cells = html_table(html, key);
        ASSERT_EQ(cells.size(), rows.size() + 1) << key;  // the header row, then one per JSON row
        ASSERT_FALSE(rows.empty()) << key;
        for (size_t r = 0; r < rows.size(); ++r)
            expect_cells_match(cells[0], cells[r + 1], rows[r], key + " row " + std::to_string(r));
    }
    // Run facts, and the grade chart's one bar group per agency and defect chart's one bar per rule.
    EXPECT_NE(html.find("<th>应评案卷</th><td class=\"num\">" + std::to_string(rep["运行"]["应评案卷"].get<int64_t>())),
              std::string::npos);
    EXPECT_EQ(count(html, "<g class=\"bar-group\""), rep["各单位"].size());
    const std::string defects = html.substr(html.find("id=\"chart-defects\""));
    EXPECT_EQ(count(defects.substr(0, defects.find("</svg>")), "<rect class=\"bar\""),
              std::min<size_t>(30, rep["问题排行"].size()));
    // The compilation: every worst case (all of them with --worst 100) under its heading.
    const auto& worst = rep["典型案例"]["最低分案卷"];
    EXPECT_EQ(count(html, "<article class=\"case\">"), worst.size() + rep["典型案例"]["问题示例"].size());
    EXPECT_NE(html.find("<h3>得分最低的 " + std::to_string(worst.size()) + " 件</h3>"), std::string::npos);
}

TEST_F(ReportFormats, HtmlEscapesCaseTextAndFetchesNothing) {
    ASSERT_EQ(report("html", dir / "report.html").status, 0) << err();
    const std::string html = slurp(dir / "report.html");
    std::string lower = html;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* raw : {"<script", "<img", "onerror=alert(1)>", "\"&'", "http://", "https://", "url(", "@import",
                            "<link", "src=\"", "href="})
        EXPECT_EQ(lower.find(raw), std::string::npos) << raw;
    // The hostile case is in the report, as text: id, agency code, messages quoting its fields.
    EXPECT_NE(html.find("@&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;-深汕罚"), std::string::npos);
    EXPECT_NE(html.find("<td>=cmd|&#39; /C calc&#39;!A0</td>"), std::string::npos);
    EXPECT_NE(html.find("「《&lt;img src=x onerror=alert(1)&gt;&quot;&amp;&#39;条例》」"), std::string::npos);
    EXPECT_NE(html.find("data-unit=\"=cmd|&#39; /C calc&#39;!A0\""), std::string::npos);
    EXPECT_NE(html.find("content=\"default-src 'none'; style-src 'unsafe-inline'\""), std::string::npos);
}

json xlsx_cells(const fs::path& file) {
    const auto r = pingcha::testing::run_command("/usr/bin/python3 " + q(kSrc / "tests/validators/xlsx_cells.py") + " " +
                                                 q(file));
    EXPECT_EQ(r.status, 0) << r.out;
    return json::parse(r.out);
}

// Every cell of a sheet row equals the JSON field of its column: number cells hold the exact
// JSON number (a rate as a fraction), text cells the same string.
void expect_row_matches(const json& headers, const json& cells, const json& row, const std::string& where) {
    for (size_t c = 0; c < headers.size(); ++c) {
        const std::string h = headers[c]["value"];
        const json* v = field(row, h);
        ASSERT_NE(v, nullptr) << where << " " << h;
        const std::string at = where + " " + h;
        if (v->is_number()) {
            EXPECT_EQ(cells[c]["type"], "n") << at;
            EXPECT_DOUBLE_EQ(cells[c]["value"].get<double>(), v->get<double>()) << at;
        } else if (h == "满分" || h == "得分" || h == "扣分") {  // exact decimals kept as strings in the JSON
            EXPECT_EQ(cells[c]["type"], "n") << at;
            EXPECT_DOUBLE_EQ(cells[c]["value"].get<double>(), std::stod(v->get<std::string>())) << at;
        } else if (v->is_string()) {
            EXPECT_EQ(cells[c]["type"], "s") << at;
            EXPECT_EQ(cells[c]["value"], *v) << at;
        }
    }
}

TEST_F(ReportFormats, XlsxNumbersEqualJsonAndTextIsNeverAFormula) {
    ASSERT_EQ(report("xlsx", dir / "report.xlsx").status, 0) << err();
    const json book = xlsx_cells(dir / "report.xlsx");
    EXPECT_EQ(book["sheets"], json({"运行信息", "各单位评查结果", "各部分扣分", "常见问题排行", "评查单位工作量",
                                    "最低分案卷", "问题示例"}));
    json agencies = rep["各单位"];
    agencies.push_back(rep["合计"]);
    const std::map<std::string, json> tables = {{"各单位评查结果", agencies},
                                                {"各部分扣分", rep["各部分扣分"]},
                                                {"常见问题排行", rep["问题排行"]},
                                                {"评查单位工作量", rep["评查单位工作量"]}};
    for (const auto& [sheet, rows] : tables) {
        const json& cells = book["cells"][sheet];
        ASSERT_EQ(cells.size(), rows.size() + 1) << sheet;
        for (size_t r = 0; r < rows.size(); ++r)
            expect_row_matches(cells[0], cells[r + 1], rows[r], sheet + " row " + std::to_string(r));
    }
    // Scores in the compilation are numbers too: one row per finding of each worst case.
    const json& worst = book["cells"]["最低分案卷"];
    size_t findings = 0;
    for (const auto& c : rep["典型案例"]["最低分案卷"]) findings += std::max<size_t>(1, c["问题"].size());
    ASSERT_EQ(worst.size(), findings + 1);
    size_t score = 0;
    while (score < worst[0].size() && worst[0][score]["value"] != "得分") ++score;
    ASSERT_LT(score, worst[0].size());
    EXPECT_EQ(worst[1][score]["type"], "n");
    EXPECT_DOUBLE_EQ(worst[1][score]["value"].get<double>(),
                     std::stod(rep["典型案例"]["最低分案卷"][0]["得分"].get<std::string>()));

    // No formula anywhere; the formula-like case text is stored as the same string.
    size_t hostile = 0;
    for (const auto& [sheet, rows] : book["cells"].items())
        for (const auto& row : rows)
            for (const auto& cell : row) {
                EXPECT_NE(cell["type"], "f") << sheet << ": " << cell["value"];
                if (cell["value"] == "=cmd|' /C calc'!A0" || cell["value"] == "@<script>alert(1)</script>\"&'-深汕罚〔2024〕999号") {
                    EXPECT_EQ(cell["type"], "s") << sheet;
                    ++hostile;
                }
            }
    EXPECT_GE(hostile, 4u);  // agency and workload rows, the compilation's 案卷 and 单位 columns
}

TEST_F(ReportFormats, XlsxIsNeverWrittenToStandardOutput) {
    for (const char* out : {"", " --out -"}) {
        const auto r = pingcha("report --db " + q(db) + " --run 1 --format xlsx" + out);
        EXPECT_EQ(r.status, 2) << out;
        EXPECT_TRUE(r.out.empty()) << out;
        EXPECT_NE(err().find("xlsx 是二进制格式"), std::string::npos) << err();
        EXPECT_NE(err().find("--out"), std::string::npos) << err();
    }
    // A workbook that cannot be written: a clear message, and no temporary file left behind.
    EXPECT_EQ(report("xlsx", dir / "missing" / "r.xlsx").status, 2);
    EXPECT_NE(err().find("无法"), std::string::npos) << err();
    fs::create_directories(dir / "taken" / "sub");
    EXPECT_EQ(report("xlsx", dir / "taken").status, 2);
    EXPECT_NE(err().find("无法写入"), std::string::npos) << err();
    EXPECT_TRUE(fs::is_directory(dir / "taken" / "sub"));
    for (const auto& f : fs::directory_iterator(dir)) EXPECT_EQ(f.path().string().find(".tmp-"), std::string::npos) << f.path();
}

}  // namespace
