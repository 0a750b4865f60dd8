#include "store/csv_input.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "store/canonical_json.hpp"

namespace pingcha::store {
namespace {

using ojson = nlohmann::ordered_json;

struct Column {
    std::string header;
    std::vector<std::string> path;       // before `[]` (or the whole path)
    std::vector<std::string> item_path;  // after `[].` for lists of objects
    bool list = false;
    std::string type = "string";
};

std::vector<std::string> split_path(std::string_view p) {
    std::vector<std::string> out;
    size_t start = 0;
    for (;;) {
        const size_t dot = p.find('.', start);
        out.emplace_back(p.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (dot == std::string_view::npos) return out;
        start = dot + 1;
    }
}

// Well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF): cells become
// JSON strings, which must be Unicode.
bool is_utf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        const auto c1 = static_cast<unsigned char>(n > 1 ? s[i + 1] : 0);
        if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F))
            return false;
        i += n;
    }
    return true;
}

std::string over_limit(const char* name, size_t value, const char* unit) {
    return std::string("超过 ") + name + " 限制（" + std::to_string(value) + " " + unit + "）";
}

std::optional<Column> parse_header(const std::string& h, std::string& error, const Limits& limits) {
    Column c;
    c.header = h;
    if (!is_utf8(h)) {
        error = "表头有一列的列名不是有效的 UTF-8 文本";
        return std::nullopt;
    }
    std::string_view p = h;
    if (const auto colon = p.rfind(':'); colon != std::string_view::npos) {
        c.type = std::string(p.substr(colon + 1));
        p = p.substr(0, colon);
        if (c.type != "string" && c.type != "number" && c.type != "bool" && c.type != "json") {
            error = "列「" + h + "」的类型「" + c.type + "」未知（可用 string、number、bool、json）";
            return std::nullopt;
        }
    }
    if (const auto brackets = p.find("[]"); brackets != std::string_view::npos) {
        c.list = true;
        c.path = split_path(p.substr(0, brackets));
        std::string_view rest = p.substr(brackets + 2);
        if (!rest.empty()) {
            if (rest[0] != '.' || rest.find("[]") != std::string_view::npos) {
                error = "列「" + h + "」：列表只支持一层（如 officers[].name），更深的结构请用 :json";
                return std::nullopt;
            }
            c.item_path = split_path(rest.substr(1));
        }
    } else {
        c.path = split_path(p);
    }
    if (c.path.size() + c.item_path.size() + (c.list ? 1 : 0) > limits.max_json_depth) {
        error = "列「" + h.substr(0, 200) + "」的字段路径嵌套" + over_limit("max_json_depth", limits.max_json_depth, "层");
        return std::nullopt;
    }
    for (const auto& parts : {c.path, c.item_path})
        for (const auto& part : parts)
            if (part.empty()) {
                error = "列「" + h + "」的字段路径不完整";
                return std::nullopt;
            }
    return c;
}

// Splits a list cell on unescaped `;`.
std::vector<std::string> split_items(const std::string& cell) {
    std::vector<std::string> out(1);
    for (size_t i = 0; i < cell.size(); ++i) {
        if (cell[i] == '\\' && i + 1 < cell.size() && (cell[i + 1] == ';' || cell[i + 1] == '\\')) out.back() += cell[++i];
        else if (cell[i] == ';') out.emplace_back();
        else out.back() += cell[i];
    }
    return out;
}

// The typed JSON text of one cell value; nullopt with `error` when it does not fit the type.
std::optional<std::string> typed(const std::string& v, const std::string& type, std::string& error,
                                 const Limits& limits) {
    if (type == "string") return nlohmann::json(v).dump();
    if (type == "bool") {
        if (v == "true" || v == "是") return "true";
        if (v == "false" || v == "否") return "false";
        error = "「" + v + "」不是布尔值（true/false/是/否）";
        return std::nullopt;
    }
    JsonNode node;
    std::string e;
    const auto n = parse_json_node(v, e, limits.max_json_depth);
    if (!n && e.find("max_json_depth") != std::string::npos) {
        error = "「" + v.substr(0, 60) + "…」" + e;
        return std::nullopt;
    }
    if (!n) {
        error = "「" + v + "」不是合法的" + (type == "number" ? std::string("数字") : std::string("JSON"));
        return std::nullopt;
    }
    if (type == "number") {
        if (n->kind != JsonNode::Kind::scalar || n->scalar.empty() ||
            !(n->scalar[0] == '-' || (n->scalar[0] >= '0' && n->scalar[0] <= '9'))) {
            error = "「" + v + "」不是数字";
            return std::nullopt;
        }
    }
    return canonical_text(*n);
}

// A tiny tree whose leaves are JSON texts, written out in insertion order.
struct Tree {
    struct Member;  // not std::pair: a pair of an incomplete Tree does not compile with clang
    std::vector<Member> members;
    std::vector<Tree> items;
    std::optional<std::string> leaf;
    bool is_list = false;

    Tree& at(const std::string& key);
    Tree& at_path(const std::vector<std::string>& path);
    void write(std::string& out) const;
};

struct Tree::Member {
    std::string key;
    Tree value;
};

Tree& Tree::at(const std::string& key) {
    for (auto& m : members)
        if (m.key == key) return m.value;
    members.push_back(Member{key, Tree{}});
    return members.back().value;
}

Tree& Tree::at_path(const std::vector<std::string>& path) {
    Tree* t = this;
    for (const auto& p : path) t = &t->at(p);
    return *t;
}

void Tree::write(std::string& out) const {
    if (leaf) {
        out += *leaf;
    } else if (is_list) {
        out += '[';
        for (size_t i = 0; i < items.size(); ++i) {
            if (i) out += ',';
            items[i].write(out);
        }
        out += ']';
    } else {
        out += '{';
        for (size_t i = 0; i < members.size(); ++i) {
            if (i) out += ',';
            out += nlohmann::json(members[i].key).dump();
            out += ':';
            members[i].value.write(out);
        }
        out += '}';
    }
}

struct RawRow {
    size_t line = 0;
    size_t bytes = 0;  // of the row's text, quotes and separators included
    std::vector<std::string> fields;
};

// RFC 4180 rows with the line each starts on.
std::optional<std::vector<RawRow>> read_rows(std::string_view text, std::string& error) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::vector<RawRow> rows;
    size_t line = 1, i = 0;
    while (i < text.size()) {
        const size_t start_line = line;
        const size_t start = i;
        std::vector<std::string> fields(1);
        bool row_done = false;
        while (!row_done) {
            if (i < text.size() && text[i] == '"') {
                ++i;
                for (;;) {
                    if (i >= text.size()) {
                        error = "CSV 第 " + std::to_string(start_line) + " 行起的引号没有闭合";
                        return std::nullopt;
                    }
                    if (text[i] == '"') {
                        if (i + 1 < text.size() && text[i + 1] == '"') {
                            fields.back() += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    if (text[i] == '\n') ++line;
                    fields.back() += text[i++];
                }
            }
            while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') fields.back() += text[i++];
            if (i >= text.size()) {
                row_done = true;
            } else if (text[i] == ',') {
                fields.emplace_back();
                ++i;
            } else {
                if (text[i] == '\r') ++i;
                if (i < text.size() && text[i] == '\n') ++i;
                ++line;
                row_done = true;
            }
        }
        const bool blank = fields.size() == 1 && fields[0].empty();
        if (!blank) rows.push_back(RawRow{start_line, i - start, std::move(fields)});
    }
    return rows;
}

// The first limit the row's cells break, as a row error; false when there is none.
bool over_limits(const RawRow& raw, const std::vector<Column>& columns, const Limits& limits, CsvRow& row) {
    if (raw.bytes > limits.max_record_bytes) {
        row.error = "该行有 " + std::to_string(raw.bytes) + " 字节，" + over_limit("max_record_bytes", limits.max_record_bytes, "字节");
        return true;
    }
    for (size_t c = 0; c < raw.fields.size() && c < columns.size(); ++c) {
        const std::string& cell = raw.fields[c];
        if (!is_utf8(cell)) {
            row.error_field = columns[c].header;
            row.error = "单元格不是有效的 UTF-8 文本（请以 UTF-8 编码导出 CSV）";
            return true;
        }
        if (cell.size() > limits.max_string_bytes) {
            row.error_field = columns[c].header;
            row.error = "单元格有 " + std::to_string(cell.size()) + " 字节，" +
                        over_limit("max_string_bytes", limits.max_string_bytes, "字节");
            return true;
        }
        if (columns[c].list && static_cast<size_t>(std::count(cell.begin(), cell.end(), ';')) >= limits.max_list_length) {
            row.error_field = columns[c].header;
            row.error = "列表" + over_limit("max_list_length", limits.max_list_length, "项");
            return true;
        }
    }
    return false;
}

}  // namespace

std::optional<std::vector<CsvRow>> csv_to_records(std::string_view text, std::string& error, const Limits& limits) {
    auto rows = read_rows(text, error);
    if (!rows) return std::nullopt;
    if (rows->empty()) return std::vector<CsvRow>{};
    std::vector<Column> columns;
    for (const auto& h : rows->front().fields) {
        auto c = parse_header(h, error, limits);
        if (!c) return std::nullopt;
        columns.push_back(std::move(*c));
    }
    std::vector<CsvRow> out;
    for (size_t r = 1; r < rows->size(); ++r) {
        const auto& line = (*rows)[r].line;
        const auto& cells = (*rows)[r].fields;
        CsvRow row;
        row.line = line;
        if (over_limits((*rows)[r], columns, limits, row)) {
            out.push_back(std::move(row));
            continue;
        }
        if (cells.size() != columns.size()) {
            row.error = "该行有 " + std::to_string(cells.size()) + " 列，表头有 " + std::to_string(columns.size()) + " 列";
            out.push_back(std::move(row));
            continue;
        }
        Tree tree;
        for (size_t c = 0; c < columns.size() && row.error.empty(); ++c) {
            const Column& col = columns[c];
            if (cells[c].empty()) continue;
            std::string e;
            if (!col.list) {
                auto v = typed(cells[c], col.type, e, limits);
                if (!v) row.error_field = col.header, row.error = e;
                else tree.at_path(col.path).leaf = *v;
                continue;
            }
            Tree& list = tree.at_path(col.path);
            list.is_list = true;
            auto items = split_items(cells[c]);
            if (col.item_path.empty())  // a list of scalars: empty items are dropped
                std::erase_if(items, [](const std::string& x) { return x.empty(); });
            if (list.items.size() < items.size()) list.items.resize(items.size());
            for (size_t k = 0; k < items.size() && row.error.empty(); ++k) {
                if (items[k].empty()) continue;
                auto v = typed(items[k], col.type, e, limits);
                if (!v) {
                    row.error_field = col.header;
                    row.error = "第 " + std::to_string(k + 1) + " 项" + e;
                } else if (col.item_path.empty()) {
                    list.items[k].leaf = *v;
                } else {
                    list.items[k].at_path(col.item_path).leaf = *v;
                }
            }
        }
        if (row.error.empty()) {
            tree.write(row.json);
        }
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace pingcha::store
