#include "lawimport/text_scan.hpp"

#include <openssl/evp.h>

#include "law/citation.hpp"

namespace pingcha::lawimport {

namespace {

struct Utf8Shape {
    size_t length;
    char32_t bits;
    char32_t minimum;
};

std::optional<Utf8Shape> shape_of(unsigned char lead) {
    if (lead < 0x80) return Utf8Shape{1, lead, 0};
    if ((lead & 0xE0) == 0xC0) return Utf8Shape{2, char32_t(lead & 0x1F), 0x80};
    if ((lead & 0xF0) == 0xE0) return Utf8Shape{3, char32_t(lead & 0x0F), 0x800};
    if ((lead & 0xF8) == 0xF0) return Utf8Shape{4, char32_t(lead & 0x07), 0x10000};
    return std::nullopt;
}

// A digit of a year: 0-9, ０-９, or a Chinese digit (〇 ○ 零 一 … 九).
std::optional<unsigned> year_digit(char32_t c) {
    if (c >= U'0' && c <= U'9') return unsigned(c - U'0');
    if (c >= U'０' && c <= U'９') return unsigned(c - U'０');
    static constexpr std::u32string_view kChinese = U"〇一二三四五六七八九";
    if (c == U'○' || c == U'零') return 0u;
    const size_t at = kChinese.find(c);
    return at == std::u32string_view::npos ? std::nullopt : std::optional<unsigned>(unsigned(at));
}

bool is_number_char(char32_t c) {
    return year_digit(c).has_value() || c == U'十' || c == U'两';
}

// Reads code points from a string view.
class Cursor {
public:
    explicit Cursor(std::string_view text) : text_(text) {}
    size_t pos() const { return pos_; }
    char32_t peek() const {
        const CodePoint c = code_point_at(text_, pos_);
        return c.length ? c.value : char32_t(0);
    }
    void next() {
        const CodePoint c = code_point_at(text_, pos_);
        pos_ += c.length ? c.length : 1;
    }
    bool accept(char32_t c) {
        if (pos_ >= text_.size() || peek() != c) return false;
        next();
        return true;
    }
    void skip_blanks() {
        while (pos_ < text_.size() && is_blank(peek())) next();
    }
    // A run of numeral characters, as text.
    std::string_view numeral_run() {
        const size_t start = pos_;
        while (pos_ < text_.size() && is_number_char(peek())) next();
        return text_.substr(start, pos_ - start);
    }

private:
    std::string_view text_;
    size_t pos_ = 0;
};

// Four digits, one character each (2020, ２０１３, 一九九五, 二○○一).
std::optional<int> read_year(Cursor& cur) {
    int year = 0;
    for (int k = 0; k < 4; ++k) {
        const auto d = year_digit(cur.peek());
        if (!d) return std::nullopt;
        year = year * 10 + int(*d);
        cur.next();
    }
    return is_number_char(cur.peek()) ? std::nullopt : std::optional<int>(year);
}

// A month or day number followed by its unit (月, 日).
std::optional<unsigned> read_part(Cursor& cur, char32_t unit) {
    cur.skip_blanks();
    std::string run(cur.numeral_run());
    for (size_t at = 0; (at = run.find("○", at)) != std::string::npos; at += 3) run.replace(at, 3, "〇");
    const auto n = parse_chinese_number(run);
    cur.skip_blanks();
    if (!n || !cur.accept(unit)) return std::nullopt;
    return *n;
}

}  // namespace

CodePoint code_point_at(std::string_view text, size_t pos) {
    if (pos >= text.size()) return {};
    const auto shape = shape_of(static_cast<unsigned char>(text[pos]));
    if (!shape || pos + shape->length > text.size()) return {};
    char32_t value = shape->bits;
    for (size_t k = 1; k < shape->length; ++k) {
        const auto b = static_cast<unsigned char>(text[pos + k]);
        if ((b & 0xC0) != 0x80) return {};
        value = (value << 6) | (b & 0x3F);
    }
    if (value < shape->minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return {};
    return {value, shape->length};
}

std::optional<size_t> invalid_utf8_offset(std::string_view text) {
    for (size_t pos = 0; pos < text.size();) {
        const CodePoint c = code_point_at(text, pos);
        if (c.length == 0) return pos;
        pos += c.length;
    }
    return std::nullopt;
}

bool is_blank(char32_t c) { return c == U' ' || c == U'\t' || c == U'\r' || c == U'\n' || c == U'\u3000'; }

std::string_view trim_blank(std::string_view text) {
    static constexpr std::string_view kFullWidth = "\u3000";
    for (bool changed = true; changed;) {
        changed = false;
        if (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' || text.front() == '\n')) {
            text.remove_prefix(1), changed = true;
        } else if (text.starts_with(kFullWidth)) {
            text.remove_prefix(kFullWidth.size()), changed = true;
        }
        if (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n')) {
            text.remove_suffix(1), changed = true;
        } else if (text.ends_with(kFullWidth)) {
            text.remove_suffix(kFullWidth.size()), changed = true;
        }
    }
    return text;
}

std::string without_html_comments(std::string_view text) {
    std::string out;
    for (size_t pos = 0; pos < text.size();) {
        const size_t open = text.find("<!--", pos);
        if (open == std::string_view::npos) {
            out.append(text.substr(pos));
            break;
        }
        out.append(text.substr(pos, open - pos));
        const size_t close = text.find("-->", open + 4);
        pos = close == std::string_view::npos ? text.size() : close + 3;
    }
    return out;
}

std::optional<Date> parse_chinese_date(std::string_view text, size_t* consumed) {
    Cursor cur(text);
    const auto year = read_year(cur);
    if (!year) return std::nullopt;
    cur.skip_blanks();
    if (!cur.accept(U'年')) return std::nullopt;
    const auto month = read_part(cur, U'月');
    if (!month) return std::nullopt;
    const auto day = read_part(cur, U'日');
    if (!day || *year < 1 || *month < 1 || *month > 12 || *day < 1 || *day > days_in_month(*year, *month))
        return std::nullopt;
    if (consumed) *consumed = cur.pos();
    return Date::from_ymd(*year, *month, *day);
}

std::optional<Date> date_in_file_name(std::string_view file_name) {
    const size_t close = file_name.rfind(')');
    if (close == std::string_view::npos || close < 11 || file_name[close - 11] != '(') return std::nullopt;
    return Date::parse(file_name.substr(close - 10, 10));
}

std::string sha256_hex(std::string_view bytes) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(bytes.data(), bytes.size(), md, &length, EVP_sha256(), nullptr);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < length; ++i) {
        out += kHex[md[i] >> 4];
        out += kHex[md[i] & 15];
    }
    return out;
}

}  // namespace pingcha::lawimport
