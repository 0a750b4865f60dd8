// A canonical text dump of a parsed file, without source positions: two files with the same
// dump declare the same things (same declarations in the same order per kind, same expression
// trees). The formatter checks its output against its input with it.
#pragma once
#include <string>

#include "syntax/ast.hpp"

namespace pingcha::format {

std::string dump_ast(const ast::File& file);
std::string dump_expr(const ast::ExprPtr& e);

}  // namespace pingcha::format
