#include "review/report_tables.hpp"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

namespace pingcha::review {
namespace {

using Json = nlohmann::ordered_json;
using Kind = ReportCell::Kind;

// Fields whose values are exact decimals written as strings (scores and points are rationals
// in the store); shown and exported as numbers.
const std::set<std::string> kDecimalStrings = {"得分", "满分", "扣分"};
// Tables the report always has, even when empty.
const std::set<std::string> kTableKeys = {"各单位", "各部分扣分", "问题排行", "评查单位工作量"};
// Keys the renderers treat specially rather than as a plain table or fact.
const std::set<std::string> kSpecialKeys = {"运行", "合计", "典型案例"};

bool is_decimal(const std::string& s) {
    size_t i = s.starts_with('-') ? 1 : 0, digits = 0, dots = 0;
    for (; i < s.size(); ++i) {
        if (s[i] >= '0' && s[i] <= '9') ++digits;
        else if (s[i] == '.' && ++dots == 1 && digits > 0 && i + 1 < s.size()) continue;
        else return false;
    }
    return digits > 0;
}

bool is_scalar(const Json& v) { return !v.is_object() && !v.is_array(); }

bool all_scalars(const Json& v) {
    for (const auto& x : v) if (!is_scalar(x)) return false;
    return true;
}

bool is_table(const std::string& key, const Json& v) {
    if (!v.is_array() || kSpecialKeys.count(key)) return false;
    if (v.empty()) return kTableKeys.count(key) > 0;
    for (const auto& x : v) if (!x.is_object()) return false;
    return true;
}

// "SS-ZJ（3）" for {"单位": "SS-ZJ", "案卷数": 3}; a scalar as its cell text.
std::string list_item(const Json& item) {
    if (!item.is_object()) return report_cell("", item).text;
    std::string first, rest;
    for (const auto& [k, v] : item.items()) {
        const std::string text = report_cell(k, v).text;
        if (first.empty() && rest.empty()) first = text;
        else rest += (rest.empty() ? "" : "，") + text;
    }
    return rest.empty() ? first : first + "（" + rest + "）";
}

ReportCell text_cell(std::string text) { return {Kind::Text, std::move(text), 0}; }

}  // namespace

std::string format_decimal(double value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", value);
    std::string s = buf;
    while (s.ends_with('0')) s.pop_back();
    if (s.ends_with('.')) s.pop_back();
    return s == "-0" ? "0" : s;
}

ReportCell report_cell(const std::string& key, const Json& value) {
    if (value.is_null()) return {};
    if (value.is_boolean()) return text_cell(value.get<bool>() ? "是" : "否");
    if (value.is_number_integer()) {
        const auto n = value.get<int64_t>();
        return {Kind::Integer, std::to_string(n), static_cast<double>(n)};
    }
    if (value.is_number()) {
        const double x = value.get<double>();
        if (key.ends_with("率")) return {Kind::Percent, format_decimal(x * 100.0) + "%", x};
        return {Kind::Decimal, format_decimal(x), x};
    }
    if (value.is_string()) {
        const auto& s = value.get_ref<const std::string&>();
        if (kDecimalStrings.count(key) && is_decimal(s)) return {Kind::Decimal, s, std::strtod(s.c_str(), nullptr)};
        return text_cell(s);
    }
    if (value.is_array()) {
        std::string joined;
        for (const auto& item : value) joined += (joined.empty() ? "" : "、") + list_item(item);
        return text_cell(joined);
    }
    return text_cell(value.dump());
}

ReportTable flatten_rows(std::string key, std::string title, const Json& rows) {
    ReportTable table{std::move(key), std::move(title), {}, {}, 0};
    std::map<std::string, size_t> index;
    auto column = [&](const std::string& header) {
        const auto [it, added] = index.emplace(header, table.headers.size());
        if (added) table.headers.push_back(header);
        return it->second;
    };
    std::vector<std::map<size_t, ReportCell>> cells;
    for (const auto& row : rows) {
        auto& out = cells.emplace_back();
        if (!row.is_object()) {
            out[column(table.key)] = report_cell(table.key, row);
            continue;
        }
        for (const auto& [k, v] : row.items()) {
            if (v.is_object() && all_scalars(v))
                for (const auto& [sub, x] : v.items()) out[column(sub)] = report_cell(sub, x);
            else
                out[column(k)] = report_cell(k, v);
        }
    }
    for (auto& row : cells) {
        auto& line = table.rows.emplace_back(table.headers.size());
        for (auto& [i, cell] : row) line[i] = std::move(cell);
    }
    return table;
}

std::vector<ReportTable> summary_tables(const Json& report) {
    const std::map<std::string, std::string> titles = {{"各单位", "各单位评查结果"}, {"问题排行", "常见问题排行"}};
    std::vector<ReportTable> tables;
    for (const auto& [key, value] : report.items()) {
        if (!is_table(key, value)) continue;
        Json rows = value;
        const bool total = key == "各单位" && report.contains("合计");
        if (total) rows.push_back(report["合计"]);
        const auto title = titles.find(key);
        tables.push_back(flatten_rows(key, title == titles.end() ? key : title->second, rows));
        tables.back().total_rows = total ? 1 : 0;
    }
    return tables;
}

std::vector<std::pair<std::string, ReportCell>> report_overview(const Json& report) {
    std::vector<std::pair<std::string, ReportCell>> facts;
    if (report.contains("运行"))
        for (const auto& [k, v] : report["运行"].items()) facts.emplace_back(k, report_cell(k, v));
    for (const auto& [key, value] : report.items()) {
        if (kSpecialKeys.count(key) || is_table(key, value) || value.is_object()) continue;
        if (value.is_array() && !all_scalars(value)) continue;
        facts.emplace_back(key, report_cell(key, value));
    }
    return facts;
}

ReportTable typical_findings(std::string key, std::string title, const Json& cases) {
    Json rows = Json::array();
    for (const auto& entry : cases) {
        // 问题示例 wraps the case: {"规则", "名称", "案卷": {…}}; its findings carry the rule.
        const Json& c = entry.contains("案卷") && entry["案卷"].is_object() ? entry["案卷"] : entry;
        Json base = c;
        base.erase("问题");
        const Json findings = c.value("问题", Json::array());
        if (findings.empty()) rows.push_back(base);
        for (const auto& f : findings) {
            Json row = base;
            for (const auto& [k, v] : f.items()) row[k] = v;
            rows.push_back(std::move(row));
        }
    }
    return flatten_rows(std::move(key), std::move(title), rows);
}

}  // namespace pingcha::review
