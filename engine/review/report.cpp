#include "review/report.hpp"

#include <cmath>
#include <cstring>
#include <sstream>

namespace pingcha::review {
namespace {

std::string number(const nlohmann::ordered_json& v) {
    if (v.is_number_integer() || v.is_number_unsigned()) return std::to_string(v.get<int64_t>());
    if (v.is_number_float()) {
        std::ostringstream ss;
        ss << v.get<double>();
        return ss.str();
    }
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
}

std::string percent(const nlohmann::ordered_json& v) {
    std::ostringstream ss;
    ss << round2(v.get<double>() * 100.0) << "%";
    return ss.str();
}

// Case-supplied text in Markdown: one line, no table breaks, nothing a renderer would take
// as markup (HTML tags, links, emphasis, code): such characters are backslash-escaped, which
// CommonMark renders as the character itself.
std::string md(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\n' || c == '\r') out += ' ';
        else if (std::strchr("\\`*_[]<>|~&!", c) && c != '\0') out += '\\', out += c;
        else out += c;
    }
    return out;
}

// RFC 4180 quoting; a cell that a spreadsheet would run as a formula (starting with =, +, -,
// @, tab or carriage return) is prefixed with an apostrophe, which spreadsheets show as text.
std::string csv(const std::string& s) {
    const bool formula = !s.empty() && std::strchr("=+-@\t\r", s[0]) && s[0] != '\0';
    const std::string text = formula ? "'" + s : s;
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::string report_json(const nlohmann::ordered_json& report) { return report.dump(2) + "\n"; }

std::string report_markdown(const nlohmann::ordered_json& r) {
    std::ostringstream o;
    const auto& run = r["运行"];
    o << "# 案卷评查结果汇总（运行 " << run["编号"].get<int64_t>() << "）\n\n";
    o << "- 规则包：" << md(run["规则包"].get<std::string>()) << " " << md(run["版本"].get<std::string>())
      << "（摘要 `" << run["摘要"].get<std::string>().substr(0, 12) << "…`）\n";
    if (!run["轮次"].is_null()) o << "- 评查轮次：" << md(run["轮次"].get<std::string>()) << "\n";
    o << "- 开始：" << run["开始"].get<std::string>() << "；结束："
      << (run["结束"].is_null() ? std::string("—") : run["结束"].get<std::string>()) << "；状态："
      << run["状态"].get<std::string>() << "\n";
    o << "- 应评案卷 " << number(run["应评案卷"]) << " 件，已评 " << number(r["合计"]["案卷数"]) << " 件\n\n";

    o << "## 各单位评查结果\n\n| 单位 | 案卷数 | 平均分 |";
    for (const auto& g : r["等级"]) o << " " << md(g.get<std::string>()) << " |";
    o << " 合格率 | 否决 |\n|---|---:|---:|";
    for (size_t i = 0; i < r["等级"].size(); ++i) o << "---:|";
    o << "---:|---:|\n";
    auto row = [&](const nlohmann::ordered_json& a, bool bold) {
        const std::string b = bold ? "**" : "";
        o << "| " << b << md(a["单位"].get<std::string>()) << b << " | " << number(a["案卷数"]) << " | "
          << number(a["平均分"]) << " |";
        for (const auto& g : r["等级"]) o << " " << number(a["等级分布"][g.get<std::string>()]) << " |";
        o << " " << percent(a["合格率"]) << " | " << number(a["否决数"]) << " |\n";
    };
    for (const auto& a : r["各单位"]) row(a, false);
    row(r["合计"], true);

    o << "\n## 各部分扣分\n\n| 部分 | 名称 | 满分 | 扣分案卷数 | 扣分合计 | 平均扣分 |\n|---|---|---:|---:|---:|---:|\n";
    for (const auto& s : r["各部分扣分"])
        o << "| " << md(s["部分"].get<std::string>()) << " | " << md(s["名称"].get<std::string>()) << " | "
          << number(s["满分"]) << " | " << number(s["扣分案卷数"]) << " | " << number(s["扣分合计"]) << " | "
          << number(s["平均扣分"]) << " |\n";

    o << "\n## 常见问题排行\n\n| 排名 | 规则 | 名称 | 部分 | 性质 | 案卷数 | 问题数 | 涉及单位（件） |\n"
         "|---:|---|---|---|---|---:|---:|---|\n";
    for (const auto& d : r["问题排行"]) {
        std::string units;
        for (const auto& u : d["涉及单位"]) {
            if (!units.empty()) units += "、";
            units += u["单位"].get<std::string>() + "（" + number(u["案卷数"]) + "）";
        }
        o << "| " << number(d["排名"]) << " | " << md(d["规则"].get<std::string>()) << " | "
          << md(d["名称"].get<std::string>()) << " | " << md(d["部分"].get<std::string>()) << " | "
          << d["性质"].get<std::string>() << " | " << number(d["案卷数"]) << " | " << number(d["问题数"]) << " | "
          << md(units) << " |\n";
    }
    if (r.contains("评查单位工作量")) {
        o << "\n## 评查单位工作量\n\n| 评查单位 | 分配案卷 | 已评查 |\n|---|---:|---:|\n";
        for (const auto& w : r["评查单位工作量"])
            o << "| " << md(w["评查单位"].get<std::string>()) << " | " << number(w["分配案卷"]) << " | "
              << number(w["已评查"]) << " |\n";
    }
    const auto& typical = r["典型案例"];
    auto findings_md = [&](const nlohmann::ordered_json& c) {
        for (const auto& f : c["问题"]) {
            o << "- **" << md(f["规则"].get<std::string>()) << "** " << md(f["名称"].get<std::string>()) << "（"
              << f["性质"].get<std::string>();
            if (f["性质"] == "扣分") o << " " << number(f["扣分"]) << " 分";
            o << "）：" << md(f["说明"].get<std::string>());
            if (!f["依据"].empty()) {
                o << "　依据：";
                bool first = true;
                for (const auto& cite : f["依据"]) o << (first ? "" : "、") << md(cite.get<std::string>()), first = false;
            }
            o << "\n";
        }
    };
    o << "\n## 典型案例汇编\n\n### 得分最低的 " << typical["最低分案卷"].size() << " 件\n";
    for (const auto& c : typical["最低分案卷"]) {
        o << "\n#### " << md(c["案卷"].get<std::string>()) << "（" << md(c["单位"].get<std::string>()) << "，"
          << c["得分"].get<std::string>() << " 分，" << md(c["等级"].get<std::string>()) << "）\n\n";
        findings_md(c);
    }
    o << "\n### 常见问题示例\n";
    for (const auto& e : typical["问题示例"]) {
        const auto& c = e["案卷"];
        o << "\n#### " << md(e["规则"].get<std::string>()) << " " << md(e["名称"].get<std::string>()) << "：" << md(c["案卷"].get<std::string>())
          << "（" << md(c["单位"].get<std::string>()) << "）\n\n";
        findings_md(c);
    }
    const auto& adj = r["裁定"];
    o << "\n## 裁定结果\n\n裁定记录 " << number(adj["裁定记录"]) << " 条，已裁定案卷 " << number(adj["已裁定案卷"])
      << " 件。\n\n| 单位 | 已裁定案卷 | 平均分 | 裁定平均分 | 合格率 | 裁定合格率 | 否决 | 裁定否决 |\n"
         "|---|---:|---:|---:|---:|---:|---:|---:|\n";
    auto adj_row = [&](const nlohmann::ordered_json& a, bool bold) {
        const std::string b = bold ? "**" : "";
        o << "| " << b << md(a["单位"].get<std::string>()) << b << " | " << number(a["已裁定案卷"]) << " | "
          << number(a["平均分"]) << " | " << number(a["裁定平均分"]) << " | " << percent(a["合格率"]) << " | "
          << percent(a["裁定合格率"]) << " | " << number(a["否决数"]) << " | " << number(a["裁定否决数"]) << " |\n";
    };
    for (const auto& a : r["各单位"]) adj_row(a, false);
    adj_row(r["合计"], true);
    if (!adj["案卷"].empty()) {
        o << "\n| 案卷 | 单位 | 得分 | 等级 | 裁定得分 | 裁定等级 | 裁定记录 |\n|---|---|---:|---|---:|---|---:|\n";
        for (const auto& c : adj["案卷"])
            o << "| " << md(c["案卷"].get<std::string>()) << " | " << md(c["单位"].get<std::string>()) << " | "
              << number(c["得分"]) << " | " << md(c["等级"].get<std::string>()) << " | " << number(c["裁定得分"]) << " | "
              << md(c["裁定等级"].get<std::string>()) << " | " << number(c["裁定记录"]) << " |\n";
    }
    return o.str();
}

std::string report_csv(const nlohmann::ordered_json& r) {
    std::ostringstream o;
    o << "\xEF\xBB\xBF";
    o << "各单位评查结果\n单位,案卷数,平均分";
    for (const auto& g : r["等级"]) o << "," << csv(g.get<std::string>());
    o << ",合格数,合格率,否决数\n";
    auto row = [&](const nlohmann::ordered_json& a) {
        o << csv(a["单位"].get<std::string>()) << "," << number(a["案卷数"]) << "," << number(a["平均分"]);
        for (const auto& g : r["等级"]) o << "," << number(a["等级分布"][g.get<std::string>()]);
        o << "," << number(a["合格数"]) << "," << number(a["合格率"]) << "," << number(a["否决数"]) << "\n";
    };
    for (const auto& a : r["各单位"]) row(a);
    row(r["合计"]);
    o << "\n各部分扣分\n部分,名称,满分,扣分案卷数,扣分合计,平均扣分\n";
    for (const auto& s : r["各部分扣分"])
        o << csv(s["部分"].get<std::string>()) << "," << csv(s["名称"].get<std::string>()) << "," << number(s["满分"])
          << "," << number(s["扣分案卷数"]) << "," << number(s["扣分合计"]) << "," << number(s["平均扣分"]) << "\n";
    o << "\n常见问题排行\n排名,规则,名称,部分,性质,案卷数,问题数,涉及单位\n";
    for (const auto& d : r["问题排行"]) {
        std::string units;
        for (const auto& u : d["涉及单位"]) {
            if (!units.empty()) units += ";";
            units += u["单位"].get<std::string>() + ":" + number(u["案卷数"]);
        }
        o << number(d["排名"]) << "," << csv(d["规则"].get<std::string>()) << "," << csv(d["名称"].get<std::string>())
          << "," << csv(d["部分"].get<std::string>()) << "," << d["性质"].get<std::string>() << ","
          << number(d["案卷数"]) << "," << number(d["问题数"]) << "," << csv(units) << "\n";
    }
    if (r.contains("评查单位工作量")) {
        o << "\n评查单位工作量\n评查单位,分配案卷,已评查\n";
        for (const auto& w : r["评查单位工作量"])
            o << csv(w["评查单位"].get<std::string>()) << "," << number(w["分配案卷"]) << "," << number(w["已评查"])
              << "\n";
    }
    o << "\n裁定结果\n单位,已裁定案卷,平均分,裁定平均分,合格数,裁定合格数,合格率,裁定合格率,否决数,裁定否决数\n";
    auto adj_row = [&](const nlohmann::ordered_json& a) {
        o << csv(a["单位"].get<std::string>()) << "," << number(a["已裁定案卷"]) << "," << number(a["平均分"]) << ","
          << number(a["裁定平均分"]) << "," << number(a["合格数"]) << "," << number(a["裁定合格数"]) << ","
          << number(a["合格率"]) << "," << number(a["裁定合格率"]) << "," << number(a["否决数"]) << ","
          << number(a["裁定否决数"]) << "\n";
    };
    for (const auto& a : r["各单位"]) adj_row(a);
    adj_row(r["合计"]);
    o << "\n裁定案卷\n案卷,单位,得分,等级,裁定得分,裁定等级,裁定记录\n";
    for (const auto& c : r["裁定"]["案卷"])
        o << csv(c["案卷"].get<std::string>()) << "," << csv(c["单位"].get<std::string>()) << "," << number(c["得分"])
          << "," << csv(c["等级"].get<std::string>()) << "," << number(c["裁定得分"]) << ","
          << csv(c["裁定等级"].get<std::string>()) << "," << number(c["裁定记录"]) << "\n";
    return o.str();
}

}  // namespace pingcha::review
