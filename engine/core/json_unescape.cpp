#include "core/json_unescape.hpp"

#include <cstdint>

namespace pingcha {
namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The code unit of `\uXXXX` at raw[at] (the backslash), or -1.
int32_t code_unit(std::string_view raw, size_t at) {
    if (at + 6 > raw.size() || raw[at] != '\\' || raw[at + 1] != 'u') return -1;
    int32_t unit = 0;
    for (size_t k = at + 2; k < at + 6; ++k) {
        const int d = hex_digit(raw[k]);
        if (d < 0) return -1;
        unit = unit * 16 + d;
    }
    return unit;
}

void append_utf8(char*& to, uint32_t cp) {
    if (cp < 0x80) {
        *to++ = static_cast<char>(cp);
    } else if (cp < 0x800) {
        *to++ = static_cast<char>(0xC0 | (cp >> 6));
        *to++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *to++ = static_cast<char>(0xE0 | (cp >> 12));
        *to++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *to++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        *to++ = static_cast<char>(0xF0 | (cp >> 18));
        *to++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        *to++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *to++ = static_cast<char>(0x80 | (cp & 0x3F));
    }
}

}  // namespace

std::optional<size_t> unescape_json(std::string_view raw, char* to) {
    char* const begin = to;
    for (size_t k = 0; k < raw.size();) {
        const char c = raw[k];
        if (c != '\\') {
            *to++ = c;
            ++k;
            continue;
        }
        if (k + 1 >= raw.size()) return std::nullopt;
        static constexpr std::string_view kFrom = "\"\\/bfnrt", kTo = "\"\\/\b\f\n\r\t";
        if (const size_t simple = kFrom.find(raw[k + 1]); simple != std::string_view::npos) {
            *to++ = kTo[simple];
            k += 2;
            continue;
        }
        int32_t cp = code_unit(raw, k);
        if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) return std::nullopt;
        k += 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            const int32_t low = code_unit(raw, k);
            if (low < 0xDC00 || low > 0xDFFF) return std::nullopt;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            k += 6;
        }
        append_utf8(to, static_cast<uint32_t>(cp));
    }
    return static_cast<size_t>(to - begin);
}

std::optional<std::string> unescape_json(std::string_view raw) {
    std::string text(raw.size(), '\0');  // room enough: the text is never longer
    const auto size = unescape_json(raw, text.data());
    if (!size) return std::nullopt;
    text.resize(*size);
    return text;
}

}  // namespace pingcha
