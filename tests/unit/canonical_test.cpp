// The import path's Canonicalizer writes exactly the canonical text of the tree builder
// (parse_json_node + canonical_text) and picks out the same id and agency code.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "store/canonical_json.hpp"

namespace {

using pingcha::store::Canonicalizer;

void expect_same(std::string_view text) {
    std::string error;
    const auto node = pingcha::store::parse_json_node(text, error);
    Canonicalizer c;
    Canonicalizer::Result r;
    const bool ok = c.canonicalize(text, r);
    ASSERT_EQ(ok, node.has_value()) << text << " " << error;
    if (!node) return;
    EXPECT_EQ(r.text, pingcha::store::canonical_text(*node)) << text;
    EXPECT_EQ(r.id, node->string_at({"id"})) << text;
    EXPECT_EQ(r.agency_code, node->string_at({"agency", "code"}).value_or("")) << text;
}

TEST(StoreCanonicalizer, MatchesTheTreeBuilder) {
    for (const char* text : {
             R"({"b":1,"a":[1,2,{"z":null,"y":true}],"id":"x"})",
             R"(  {"id":"深汕〔2024〕1号","agency":{"name":"n","code":"SS-ZJ"}}  )",
             R"({"n":[-0,0,-12,12.50,1e5,1E-7,-0.0,123456789012345678901234567890,-9223372036854775809]})",
             R"({"s":"a\"b\\c\/d\b\f\n\r\t\u0001\u001f\u007f\u00e9\u4e2d\ud83d\ude00"})",
             R"({"\u0062":2,"a":1,"b\n":3,"":0})",
             R"({"id":5,"agency":"SS-ZJ"})",
             R"({"agency":{"code":7}})",
             R"({"a":1,"a":2,"b":{"c":1,"c":{"d":[]}}})",
             R"([1,"two",{"三":3}])",
             R"({"x":{},"y":[],"z":[[],[{}]]})",
             "\"just a string\"",
             "true",
             R"({"id":"a" "b":1})",
             R"({"id":"a",})",
             R"({"a":1} {"b":2})",
             R"({"a":"\ud800"})",
             R"({"a":"\x"})",
             R"({"a":)",
             "",
         })
        expect_same(text);
}

TEST(StoreCanonicalizer, MatchesTheTreeBuilderOnEverySample) {
    const std::filesystem::path dir = std::filesystem::path(PINGCHA_SOURCE_DIR) / "samples";
    size_t files = 0;
    for (const auto& f : std::filesystem::recursive_directory_iterator(dir)) {
        if (f.path().extension() != ".json") continue;
        std::ifstream in(f.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        expect_same(ss.str());
        ++files;
    }
    EXPECT_GT(files, 300u);
}

}  // namespace
