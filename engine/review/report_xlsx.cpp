#include "review/report_xlsx.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <stdexcept>

#include <xlsxwriter.h>

#include "review/report_tables.hpp"

namespace pingcha::review {
namespace {

using Json = nlohmann::ordered_json;
using Kind = ReportCell::Kind;

constexpr size_t kMaxCellBytes = 32000;  // Excel holds at most 32,767 characters in a cell

// Width in Excel character units: CJK characters count double.
double text_width(const std::string& s) {
    double w = 0;
    for (const unsigned char c : s)
        if (c < 0x80) w += 1;
        else if ((c & 0xC0) != 0x80) w += 2;
    return w;
}

std::string fit_cell(const std::string& s) {
    if (s.size() <= kMaxCellBytes) return s;
    size_t end = kMaxCellBytes;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;  // a character boundary
    return s.substr(0, end) + "…";
}

// A valid, unique sheet name: Excel forbids []:*?/\ and allows 31 characters.
std::string sheet_name(const std::string& title, std::set<std::string>& used) {
    std::string base;
    size_t chars = 0;
    for (size_t i = 0; i < title.size() && chars < 28; ++chars) {
        const auto c = static_cast<unsigned char>(title[i]);
        const size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        base += std::string("[]:*?/\\").find(title[i]) == std::string::npos ? title.substr(i, len) : "_";
        i += len;
    }
    if (base.empty()) base = "表";
    std::string name = base;
    for (int k = 2; used.count(name); ++k) name = base + std::to_string(k);
    used.insert(name);
    return name;
}

class Workbook {
public:
    explicit Workbook(const std::string& path) : path_(path), book_(workbook_new(path.c_str())) {
        if (!book_) throw std::runtime_error("无法创建 " + path);
        header_ = format(false, true);
        for (const bool total : {false, true}) {
            text_[total] = format(total, false);
            integer_[total] = format(total, false, "0");
            decimal_[total] = format(total, false, "0.00");
            percent_[total] = format(total, false, "0.00%");
        }
    }
    ~Workbook() {
        if (book_) workbook_close(book_);  // only on an error path; the caller removes the file
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;

    void add_table(const ReportTable& t) {
        lxw_worksheet* sheet = add_sheet(t.title);
        if (t.headers.empty()) put_text(sheet, 0, 0, "（无）", text_[0]);
        for (size_t c = 0; c < t.headers.size(); ++c) put_text(sheet, 0, c, t.headers[c], header_);
        std::vector<double> widths(t.headers.size());
        for (size_t c = 0; c < t.headers.size(); ++c) widths[c] = text_width(t.headers[c]);
        for (size_t r = 0; r < t.rows.size(); ++r)
            for (size_t c = 0; c < t.rows[r].size(); ++c) {
                put(sheet, r + 1, c, t.rows[r][c], r + t.total_rows >= t.rows.size());
                widths[c] = std::max(widths[c], text_width(t.rows[r][c].text));
            }
        for (size_t c = 0; c < widths.size(); ++c)
            worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                 std::clamp(widths[c] + 2, 6.0, 60.0), nullptr);
        worksheet_freeze_panes(sheet, 1, 0);
        if (!t.rows.empty() && !t.headers.empty())
            worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(t.rows.size() - t.total_rows),
                                 static_cast<lxw_col_t>(t.headers.size() - 1));
    }

    void close() {
        const lxw_error err = workbook_close(book_);
        book_ = nullptr;
        if (err != LXW_NO_ERROR) throw std::runtime_error("无法写入 " + path_ + "：" + lxw_strerror(err));
    }

private:
    lxw_format* format(bool bold, bool header, const char* number = nullptr) {
        lxw_format* f = workbook_add_format(book_);
        format_set_border(f, LXW_BORDER_THIN);
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
        if (bold || header) format_set_bold(f);
        if (header) format_set_bg_color(f, 0xEEF3EA);
        if (number) format_set_num_format(f, number);
        else format_set_text_wrap(f);
        return f;
    }

    lxw_worksheet* add_sheet(const std::string& title) {
        const std::string name = sheet_name(title, used_);
        lxw_worksheet* sheet = workbook_add_worksheet(book_, name.c_str());
        if (!sheet) throw std::runtime_error("无法在 " + path_ + " 中添加工作表「" + name + "」");
        return sheet;
    }

    void put_text(lxw_worksheet* sheet, size_t row, size_t col, const std::string& text, lxw_format* f) {
        // A string cell is never evaluated, so "=cmd|…" stays text.
        check(worksheet_write_string(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                                     fit_cell(text).c_str(), f));
    }

    void put(lxw_worksheet* sheet, size_t row, size_t col, const ReportCell& cell, bool total) {
        const auto r = static_cast<lxw_row_t>(row);
        const auto c = static_cast<lxw_col_t>(col);
        switch (cell.kind) {
            case Kind::Empty: check(worksheet_write_blank(sheet, r, c, text_[total])); break;
            case Kind::Text: put_text(sheet, row, col, cell.text, text_[total]); break;
            case Kind::Integer: check(worksheet_write_number(sheet, r, c, cell.value, integer_[total])); break;
            case Kind::Decimal: check(worksheet_write_number(sheet, r, c, cell.value, decimal_[total])); break;
            case Kind::Percent: check(worksheet_write_number(sheet, r, c, cell.value, percent_[total])); break;
        }
    }

    void check(lxw_error err) const {
        if (err != LXW_NO_ERROR) throw std::runtime_error("无法写入 " + path_ + "：" + lxw_strerror(err));
    }

    std::string path_;
    lxw_workbook* book_;
    lxw_format* header_ = nullptr;
    lxw_format* text_[2] = {};
    lxw_format* integer_[2] = {};
    lxw_format* decimal_[2] = {};
    lxw_format* percent_[2] = {};
    std::set<std::string> used_;
};

ReportTable overview_table(const Json& report) {
    ReportTable t{"运行", "运行信息", {"项目", "内容"}, {}, 0};
    for (const auto& [name, cell] : report_overview(report))
        t.rows.push_back({ReportCell{Kind::Text, name, 0}, cell});
    return t;
}

void write_workbook(const Json& report, const std::string& path) {
    Workbook book(path);
    book.add_table(overview_table(report));
    for (const auto& t : summary_tables(report)) book.add_table(t);
    if (report.contains("典型案例")) {
        const Json& typical = report["典型案例"];
        book.add_table(typical_findings("最低分案卷", "最低分案卷", typical.value("最低分案卷", Json::array())));
        book.add_table(typical_findings("问题示例", "问题示例", typical.value("问题示例", Json::array())));
    }
    book.close();
}

}  // namespace

void write_report_xlsx(const Json& report, const std::string& path) {
    const std::string temp = path + ".tmp-" + std::to_string(getpid());
    try {
        write_workbook(report, temp);
    } catch (...) {
        std::remove(temp.c_str());
        throw;
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        std::remove(temp.c_str());
        throw std::runtime_error("无法写入 " + path);
    }
}

}  // namespace pingcha::review
