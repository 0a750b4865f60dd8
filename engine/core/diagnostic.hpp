// Diagnostics: collected, sorted, printed like a compiler.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/source.hpp"

namespace pingcha {

enum class Severity { error, warning, note };
const char* severity_word(Severity s);  // "error", "warning", "note"

struct Diagnostic {
    Severity severity = Severity::error;
    std::string code;     // stable, e.g. "E0203"
    std::string message;  // Chinese or English text for the user
    SourceSpan span;      // may be invalid for file-level problems
    std::string path;     // used when span is invalid (e.g. an unreadable file)
    std::shared_ptr<const SourceFile> keep_alive;  // the file `span` points into, when shared
};

class Diagnostics {
public:
    void error(std::string code, SourceSpan span, std::string message);
    void warning(std::string code, SourceSpan span, std::string message);
    void add(Diagnostic d);
    void append(const Diagnostics& other);

    bool has_errors() const;
    size_t error_count() const;
    size_t warning_count() const;
    const std::vector<Diagnostic>& items() const { return items_; }
    // Orders by file, offset, then code; stable for identical positions.
    void sort();

private:
    std::vector<Diagnostic> items_;
};

// `file:line:col: error[E0203]: message`, then the source line and a caret under the span.
std::string format_diagnostic(const Diagnostic& d, bool color = false);
std::string format_diagnostics(const Diagnostics& ds, bool color = false);

}  // namespace pingcha
