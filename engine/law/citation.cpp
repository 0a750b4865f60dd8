#include "law/citation.hpp"

#include <limits>

namespace pingcha {

namespace {

// ---------------------------------------------------------------------------------------------
// UTF-8 helpers

struct CodePoint {
    char32_t cp = 0;
    size_t len = 0;  // bytes; 0 means "invalid or at end"
};

// Decodes the code point starting at byte `i`; len == 0 when the bytes there are not valid UTF-8.
CodePoint decode_at(std::string_view s, size_t i) {
    if (i >= s.size()) return {};
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) return {b0, 1};
    size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
        return {};
    }
    if (i + len > s.size()) return {};
    for (size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return {};
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
    return {cp, len};
}

constexpr char32_t kIdeographicSpace = U'\u3000';

bool is_space(char32_t cp) {
    return cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == U'\f' ||
           cp == U'\v' || cp == kIdeographicSpace;
}

// ASCII digit or full-width digit ０-９; -1 otherwise.
int arabic_digit(char32_t cp) {
    if (cp >= U'0' && cp <= U'9') return static_cast<int>(cp - U'0');
    if (cp >= U'\uFF10' && cp <= U'\uFF19') return static_cast<int>(cp - U'\uFF10');
    return -1;
}

// Chinese digit 零〇一二两三四五六七八九; -1 otherwise.
int chinese_digit(char32_t cp) {
    switch (cp) {
        case U'零': case U'〇': return 0;
        case U'一': return 1;
        case U'二': case U'两': return 2;
        case U'三': return 3;
        case U'四': return 4;
        case U'五': return 5;
        case U'六': return 6;
        case U'七': return 7;
        case U'八': return 8;
        case U'九': return 9;
        default: return -1;
    }
}

// Chinese place unit 十百千; 0 otherwise.
uint32_t chinese_unit(char32_t cp) {
    switch (cp) {
        case U'十': return 10;
        case U'百': return 100;
        case U'千': return 1000;
        default: return 0;
    }
}

bool is_numeral(char32_t cp) {
    return arabic_digit(cp) >= 0 || chinese_digit(cp) >= 0 || chinese_unit(cp) != 0;
}

// ---------------------------------------------------------------------------------------------
// Trimming (byte level; UTF-8 is self-synchronising so prefix/suffix tests are safe)

constexpr std::string_view kAsciiSpaces = " \t\n\r\f\v";
constexpr std::string_view kIdeographicSpaceUtf8 = "\xE3\x80\x80";

std::string_view trim(std::string_view s) {
    for (;;) {
        if (!s.empty() && kAsciiSpaces.find(s.front()) != std::string_view::npos) {
            s.remove_prefix(1);
        } else if (s.starts_with(kIdeographicSpaceUtf8)) {
            s.remove_prefix(kIdeographicSpaceUtf8.size());
        } else {
            break;
        }
    }
    for (;;) {
        if (!s.empty() && kAsciiSpaces.find(s.back()) != std::string_view::npos) {
            s.remove_suffix(1);
        } else if (s.ends_with(kIdeographicSpaceUtf8)) {
            s.remove_suffix(kIdeographicSpaceUtf8.size());
        } else {
            break;
        }
    }
    return s;
}

// ---------------------------------------------------------------------------------------------
// Numbers

std::optional<uint32_t> parse_arabic(const std::u32string& cps) {
    uint64_t value = 0;
    for (char32_t cp : cps) {
        const int d = arabic_digit(cp);
        if (d < 0) return std::nullopt;
        value = value * 10 + static_cast<uint64_t>(d);
        if (value > std::numeric_limits<uint32_t>::max()) return std::nullopt;
    }
    return static_cast<uint32_t>(value);
}

// Strict positional reading of 一 … 九千九百九十九. Each unit must be exactly one place below
// the previous one, unless a 零 marks skipped places (一千零五 = 1005, 一千零五十 = 1050); a
// leading 十 may stand alone (十五 = 15). Colloquial abbreviations such as 一百五 (150) and the
// nonstandard 一百十 are rejected rather than guessed.
std::optional<uint32_t> parse_chinese(const std::u32string& cps) {
    if (cps.size() == 1 && chinese_digit(cps[0]) == 0) return 0u;
    uint32_t total = 0;
    uint32_t last_unit = 0;  // 0: no unit seen yet
    int pending = -1;        // digit waiting for its unit
    bool zero = false;       // a 零 since the last unit
    for (char32_t cp : cps) {
        const int d = chinese_digit(cp);
        const uint32_t u = chinese_unit(cp);
        if (d == 0) {
            // 零 only between a 百/千 and a lower place, once.
            if (pending >= 0 || zero || last_unit < 100) return std::nullopt;
            zero = true;
        } else if (d > 0) {
            if (pending >= 0) return std::nullopt;  // 一二
            pending = d;
        } else if (u != 0) {
            uint32_t mult = 0;
            if (pending >= 0) {
                mult = static_cast<uint32_t>(pending);
            } else if (u == 10 && last_unit == 0 && !zero) {
                mult = 1;  // 十, 十五
            } else {
                return std::nullopt;  // 百, 十十, 一百十, 一千零十
            }
            if (last_unit != 0) {
                if (zero ? u * 100 > last_unit : u * 10 != last_unit) return std::nullopt;
            }
            total += mult * u;
            last_unit = u;
            pending = -1;
            zero = false;
        } else {
            return std::nullopt;
        }
    }
    if (pending >= 0) {
        if (last_unit != 0 && last_unit != 10 && !zero) return std::nullopt;  // 一百五
        total += static_cast<uint32_t>(pending);
    } else if (zero) {
        return std::nullopt;  // 一百零
    }
    return total;
}

std::optional<std::u32string> decode_all(std::string_view s) {
    std::u32string out;
    for (size_t i = 0; i < s.size();) {
        const CodePoint c = decode_at(s, i);
        if (c.len == 0) return std::nullopt;
        out.push_back(c.cp);
        i += c.len;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Article references

class Scanner {
public:
    explicit Scanner(std::string_view s) : s_(s) {}

    bool at_end() const { return pos_ >= s_.size(); }
    char32_t peek() const {
        const CodePoint c = decode_at(s_, pos_);
        return c.len ? c.cp : char32_t{0xFFFFFFFF};
    }
    void advance() {
        const CodePoint c = decode_at(s_, pos_);
        pos_ += c.len ? c.len : 1;
    }
    bool accept(char32_t cp) {
        if (at_end() || peek() != cp) return false;
        advance();
        return true;
    }
    template <class Pred>
    bool accept_if(Pred pred) {
        if (at_end() || !pred(peek())) return false;
        advance();
        return true;
    }
    void skip_spaces() {
        while (!at_end() && is_space(peek())) advance();
    }
    // A maximal run of numeral characters, parsed as a number; nullopt when there is none or
    // it does not parse.
    std::optional<uint32_t> number() {
        const size_t start = pos_;
        while (!at_end() && is_numeral(peek())) advance();
        if (pos_ == start) return std::nullopt;
        return parse_chinese_number(s_.substr(start, pos_ - start));
    }
    // A positive number (zero is "not given" in ArticleRef, so 第零条 is no reference).
    std::optional<uint32_t> positive() {
        auto n = number();
        if (!n || *n == 0) return std::nullopt;
        return n;
    }

private:
    std::string_view s_;
    size_t pos_ = 0;
};

bool is_open_paren(char32_t cp) { return cp == U'（' || cp == U'('; }
bool is_close_paren(char32_t cp) { return cp == U'）' || cp == U')'; }
bool is_hyphen(char32_t cp) { return cp == U'-' || cp == U'－'; }

// "57" or "57-1".
std::optional<ArticleRef> parse_plain(Scanner& sc) {
    ArticleRef ref;
    auto article = sc.positive();
    if (!article) return std::nullopt;
    ref.article = *article;
    if (sc.accept_if(is_hyphen)) {
        auto sub = sc.positive();
        if (!sub) return std::nullopt;
        ref.sub = *sub;
    }
    if (!sc.at_end()) return std::nullopt;
    return ref;
}

// 第…条[之…][第…款][第（…）项 | （…） | 第…项]
std::optional<ArticleRef> parse_chinese_ref(Scanner& sc) {
    ArticleRef ref;
    if (!sc.accept(U'第')) return std::nullopt;
    sc.skip_spaces();
    auto article = sc.positive();
    if (!article) return std::nullopt;
    ref.article = *article;
    sc.skip_spaces();
    if (!sc.accept(U'条')) return std::nullopt;
    sc.skip_spaces();
    if (sc.accept(U'之')) {
        sc.skip_spaces();
        auto sub = sc.positive();
        if (!sub) return std::nullopt;
        ref.sub = *sub;
        sc.skip_spaces();
    }
    bool have_item = false;
    while (!sc.at_end()) {
        if (have_item) return std::nullopt;  // nothing may follow the item
        const bool ordinal = sc.accept(U'第');
        sc.skip_spaces();
        if (sc.accept_if(is_open_paren)) {
            sc.skip_spaces();
            auto item = sc.positive();
            if (!item) return std::nullopt;
            sc.skip_spaces();
            if (!sc.accept_if(is_close_paren)) return std::nullopt;
            sc.skip_spaces();
            sc.accept(U'项');
            ref.item = *item;
            have_item = true;
        } else {
            if (!ordinal) return std::nullopt;
            auto n = sc.positive();
            if (!n) return std::nullopt;
            sc.skip_spaces();
            if (sc.accept(U'款')) {
                if (ref.paragraph != 0) return std::nullopt;  // two paragraphs
                ref.paragraph = *n;
            } else if (sc.accept(U'项')) {
                ref.item = *n;
                have_item = true;
            } else {
                return std::nullopt;
            }
        }
        sc.skip_spaces();
    }
    return ref;
}

}  // namespace

std::string normalize_law_name(std::string_view cited) { return std::string(law_name_key(cited)); }

std::string_view law_name_key(std::string_view cited) {
    static constexpr std::pair<std::string_view, std::string_view> kBrackets[] = {
        {"《", "》"}, {"〈", "〉"}, {"<", ">"}};
    static constexpr std::string_view kPrc = "中华人民共和国";

    std::string_view s = trim(cited);
    for (const auto& [open, close] : kBrackets) {
        if (s.size() >= open.size() + close.size() && s.starts_with(open) && s.ends_with(close)) {
            s = s.substr(open.size(), s.size() - open.size() - close.size());
            s = trim(s);
            break;
        }
    }
    if (s.starts_with(kPrc)) s = trim(s.substr(kPrc.size()));
    return s;
}

std::optional<uint32_t> parse_chinese_number(std::string_view text) {
    if (text.empty()) return std::nullopt;
    auto cps = decode_all(text);
    if (!cps) return std::nullopt;
    bool any_arabic = false;
    bool all_arabic = true;
    for (char32_t cp : *cps) {
        const bool a = arabic_digit(cp) >= 0;
        any_arabic = any_arabic || a;
        all_arabic = all_arabic && a;
    }
    if (all_arabic) return parse_arabic(*cps);
    if (any_arabic) return std::nullopt;  // 1百
    return parse_chinese(*cps);
}

std::optional<ArticleRef> parse_article_ref(std::string_view text) {
    const std::string_view s = trim(text);
    if (s.empty() || !decode_all(s)) return std::nullopt;
    Scanner sc(s);
    if (arabic_digit(sc.peek()) >= 0) return parse_plain(sc);
    return parse_chinese_ref(sc);
}

}  // namespace pingcha
