// Parsing .pc files into syntax trees, and loading a rule pack's files through `import`.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "syntax/ast.hpp"

namespace pingcha {

// Parses one file. Errors are added to `diags`; parsing resumes at the next top-level
// declaration, so one run reports every broken declaration.
ast::File parse_file(const SourceFile& file, Diagnostics& diags);

// Parses one expression (used by tests and tools).
ast::ExprPtr parse_expression(const SourceFile& file, Diagnostics& diags);

struct ParsedFile {
    SourceFilePtr source;
    ast::File ast;
};

// The files of a rule pack: every `.pc` file directly in a folder (sorted by name) or the one
// file given, plus everything reachable through `import` (paths relative to the importing
// file). Each file is read once; cyclic imports are reported, missing files too.
struct PackSources {
    std::string root;  // the folder of the pack (or of the single file given)
    std::vector<ParsedFile> files;
};

PackSources load_pack_sources(const std::string& path, Diagnostics& diags);

}  // namespace pingcha
