// The formatter's lexical view of a .pc file: the tokens that carry code and the comments
// between them. Strings, message templates and inline JSON are single tokens, so a `#` inside
// them is never taken for a comment. Which strings are templates and where inline JSON lies
// is taken from the parsed file, so the scan agrees with the parser.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/ast.hpp"

namespace pingcha::format {

struct Token {
    enum class Kind { word, punct, string, templ, json } kind = Kind::word;
    uint32_t begin = 0;
    uint32_t end = 0;
    std::string_view text;
};

struct Comment {
    uint32_t begin = 0;       // the `#`
    uint32_t end = 0;         // end of line (before `\r`/`\n`)
    std::string text;         // from `#`, trailing blanks removed
    bool own_line = false;    // nothing but blanks before it on its line
    bool in_template = false; // inside a `{…}` hole of a `says` template
};

struct Scan {
    std::vector<Token> tokens;
    std::vector<Comment> comments;
};

// `text` must be the text `file` was parsed from.
Scan scan(std::string_view text, const ast::File& file);

// The comments of a parsed file, in source order (a convenience over scan()).
std::vector<Comment> scan_comments(std::string_view text, const ast::File& file);

}  // namespace pingcha::format
