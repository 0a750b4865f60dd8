// `pingcha fmt`: prints a .pc file in the one canonical layout (docs/language.md,
// "Formatting"). The layout is computed from the syntax tree; comments are collected by the
// scanner and re-attached to the declaration or item they stand before or after.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "core/diagnostic.hpp"
#include "core/limits.hpp"
#include "core/source.hpp"
#include "syntax/ast.hpp"

namespace pingcha::format {

inline constexpr int kLineWidth = 100;  // in terminal columns (CJK characters count two)

// Formats a file that parsed without errors. Returns nullopt and sets `error` when the file
// holds something the layout cannot keep (a comment inside a `{…}` hole of a template, or
// text the syntax tree does not record, such as a second `pack` declaration).
std::optional<std::string> format_parsed(const SourceFile& file, const ast::File& tree, std::string& error);

struct Outcome {
    enum class Status { ok, syntax_error, cannot_format } status = Status::ok;
    std::string text;           // the formatted text (ok)
    Diagnostics diags;          // the parser's diagnostics (syntax_error)
    std::string message;        // why the file cannot be formatted (cannot_format)
    std::shared_ptr<SourceFile> source;  // keeps the diagnostics' file alive
};

// Parses (within `limits`, as `check` does), formats and verifies: the output must parse to the
// same syntax tree (dump_ast) and hold the same comments, otherwise the result is cannot_format
// and nothing should be written.
Outcome format_text(const std::string& path, std::string text, const Limits& limits = Limits{});

}  // namespace pingcha::format
