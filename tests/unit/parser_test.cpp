#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "syntax/parser.hpp"

using namespace pingcha;

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct Parsed {
    std::unique_ptr<SourceFile> file;
    ast::File ast;
    Diagnostics diags;
};

Parsed parse(std::string text) {
    Parsed p;
    p.file = std::make_unique<SourceFile>("t.pc", std::move(text));
    p.ast = parse_file(*p.file, p.diags);
    return p;
}

}  // namespace

TEST(Parser, DemoPackParses) {
    auto p = parse(read(std::string(PINGCHA_SOURCE_DIR) + "/rules/demo/pack.pc"));
    EXPECT_EQ(format_diagnostics(p.diags), "");
    ASSERT_TRUE(p.ast.pack);
    EXPECT_EQ(p.ast.pack->name.text, "demo");
    EXPECT_EQ(p.ast.territories.size(), 5u);
    EXPECT_EQ(p.ast.benchmarks.size(), 2u);
    EXPECT_EQ(p.ast.rules.size(), 14u);
    EXPECT_EQ(p.ast.tests.size(), 7u);
}
