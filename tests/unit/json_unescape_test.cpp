// unescape_json (the string form, which writes through the in-place one): every JSON escape,
// surrogate pairs, and what JSON does not allow.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/json_unescape.hpp"

namespace pingcha {
namespace {

TEST(UnescapeJson, DecodesEveryEscape) {
    EXPECT_EQ(unescape_json("行政处罚"), "行政处罚");
    EXPECT_EQ(unescape_json(R"(a\"b\\c\/d\b\f\n\r\t)"), "a\"b\\c/d\b\f\n\r\t");
    EXPECT_EQ(unescape_json(R"(\u4e2D\u00e9\u0041)"), "中éA");
    EXPECT_EQ(unescape_json(R"(\uD83D\uDE00)"), "😀");
    EXPECT_EQ(unescape_json(R"(\u0000)"), std::string(1, '\0'));
}

TEST(UnescapeJson, RefusesWhatJsonDoesNotAllow) {
    for (const char* raw : {R"(\x)", R"(\)", R"(\u12)", R"(\u12g4)", R"(\uDE00)", R"(\uD83D)", R"(\uD83D\u0041)",
                            R"(\uD83Dx)"})
        EXPECT_EQ(unescape_json(raw), std::nullopt) << raw;
}

}  // namespace
}  // namespace pingcha
