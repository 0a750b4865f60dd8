// Internal helpers of the law-text importer: UTF-8 code points, Chinese dates, trimming.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"

namespace pingcha::lawimport {

// The code point starting at byte `pos` and its length in bytes (length 0: not valid UTF-8).
struct CodePoint {
    char32_t value = 0;
    size_t length = 0;
};
CodePoint code_point_at(std::string_view text, size_t pos);

// Byte offset of the first byte that is not valid UTF-8; nullopt when the text is valid.
std::optional<size_t> invalid_utf8_offset(std::string_view text);

bool is_blank(char32_t c);  // ASCII white space or the full-width space U+3000

// Removes ASCII and full-width spaces at both ends.
std::string_view trim_blank(std::string_view text);

// Removes every `<!-- … -->` comment.
std::string without_html_comments(std::string_view text);

// A date written `2020年9月1日`, `２０１３年１月１日`, `2009年1月1 日` or `一九九五年三月二十六日`
// (also with ○/〇/零 for zero) at the start of `text`. `consumed` receives its length in bytes.
std::optional<Date> parse_chinese_date(std::string_view text, size_t* consumed = nullptr);

// The date in a collection file name `行政处罚法(2021-01-22).md`.
std::optional<Date> date_in_file_name(std::string_view file_name);

// Hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace pingcha::lawimport
