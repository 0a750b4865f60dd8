// unescape_json: every JSON escape, surrogate pairs, and what JSON does not allow.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/json_unescape.hpp"

namespace pingcha {
namespace {

std::optional<std::string> unescaped(std::string_view raw) {
    std::string out(raw.size(), '\0');
    const auto size = unescape_json(raw, out.data());
    if (!size) return std::nullopt;
    out.resize(*size);
    return out;
}

TEST(UnescapeJson, DecodesEveryEscape) {
    EXPECT_EQ(unescaped("行政处罚"), "行政处罚");
    EXPECT_EQ(unescaped(R"(a\"b\\c\/d\b\f\n\r\t)"), "a\"b\\c/d\b\f\n\r\t");
    EXPECT_EQ(unescaped(R"(\u4e2D\u00e9\u0041)"), "中éA");
    EXPECT_EQ(unescaped(R"(\uD83D\uDE00)"), "😀");
    EXPECT_EQ(unescaped(R"(\u0000)"), std::string(1, '\0'));
}

TEST(UnescapeJson, RefusesWhatJsonDoesNotAllow) {
    for (const char* raw : {R"(\x)", R"(\)", R"(\u12)", R"(\u12g4)", R"(\uDE00)", R"(\uD83D)", R"(\uD83D\u0041)",
                            R"(\uD83Dx)"})
        EXPECT_EQ(unescaped(raw), std::nullopt) << raw;
}

}  // namespace
}  // namespace pingcha
