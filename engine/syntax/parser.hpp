// Parsing .pc files into syntax trees, and loading a rule pack's files through `import`.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/limits.hpp"
#include "core/source.hpp"
#include "syntax/ast.hpp"

namespace pingcha {

// Parses one file. Errors are added to `diags`; parsing resumes at the next top-level
// declaration, so one run reports every broken declaration. An expression nested deeper
// than limits.max_expr_depth is an error (E0106) at the point where it goes too deep.
ast::File parse_file(const SourceFile& file, Diagnostics& diags, const Limits& limits = Limits{});

// Parses one expression (used by tests and tools).
ast::ExprPtr parse_expression(const SourceFile& file, Diagnostics& diags, const Limits& limits = Limits{});

struct ParsedFile {
    SourceFilePtr source;
    ast::File ast;
};

// The files of a rule pack: every `.pc` file directly in a folder (sorted by name) or the one
// file given, plus everything reachable through `import` (paths relative to the importing
// file). Each file is read once; cyclic imports are reported, missing files too. Files over
// limits.max_rule_file_bytes and packs of more than limits.max_pack_files files are errors,
// and so is an import that leads outside the pack's folder (through `..` or a symbolic link).
struct PackSources {
    std::string root;  // the folder of the pack (or of the single file given)
    std::vector<ParsedFile> files;
};

PackSources load_pack_sources(const std::string& path, Diagnostics& diags, const Limits& limits = Limits{});

}  // namespace pingcha
