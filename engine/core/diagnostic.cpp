#include "core/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace pingcha {

void Diagnostics::add(Diagnostic d) {
    if (d.span.valid() && !d.keep_alive) d.keep_alive = d.span.file->weak_from_this().lock();
    items_.push_back(std::move(d));
}

void Diagnostics::error(std::string code, SourceSpan span, std::string message) {
    add({Severity::error, std::move(code), std::move(message), span, {}, {}});
}

void Diagnostics::warning(std::string code, SourceSpan span, std::string message) {
    add({Severity::warning, std::move(code), std::move(message), span, {}, {}});
}

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

size_t Diagnostics::error_count() const {
    return static_cast<size_t>(std::count_if(items_.begin(), items_.end(),
        [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

size_t Diagnostics::warning_count() const {
    return static_cast<size_t>(std::count_if(items_.begin(), items_.end(),
        [](const Diagnostic& d) { return d.severity == Severity::warning; }));
}

void Diagnostics::sort() {
    auto key = [](const Diagnostic& d) {
        const std::string& file = d.span.valid() ? d.span.file->path() : d.path;
        return std::tie(file, d.span.begin, d.code);
    };
    std::stable_sort(items_.begin(), items_.end(),
                     [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
}

const char* severity_word(Severity s) {
    switch (s) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::note: return "note";
    }
    return "error";
}

namespace {

// Width of a code point as a terminal shows it: CJK and full-width forms take two cells.
int display_width(char32_t cp) {
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
        (cp >= 0x20000 && cp <= 0x3FFFD))
        return 2;
    return 1;
}

// Columns (in terminal cells) covered by bytes [from, to) of `line`.
int cells(std::string_view line, size_t from, size_t to) {
    int width = 0;
    for (size_t i = from; i < to && i < line.size();) {
        const unsigned char c = static_cast<unsigned char>(line[i]);
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
        for (size_t k = 1; k < len && i + k < line.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(line[i + k]) & 0x3F);
        width += line[i] == '\t' ? 1 : display_width(cp);
        i += len;
    }
    return width;
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d, bool color) {
    const char* on = "";
    const char* off = color ? "\033[0m" : "";
    if (color) on = d.severity == Severity::error ? "\033[1;31m" : d.severity == Severity::warning ? "\033[1;35m" : "\033[1;36m";
    std::string out;
    if (!d.span.valid()) {
        out = (d.path.empty() ? std::string("pingcha") : d.path) + ": " + on + severity_word(d.severity) +
              "[" + d.code + "]" + off + ": " + d.message + "\n";
        return out;
    }
    const SourceFile& f = *d.span.file;
    const auto lc = f.line_col(d.span.begin);
    out = f.path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column) + ": " + on +
          severity_word(d.severity) + "[" + d.code + "]" + off + ": " + d.message + "\n";
    const std::string_view line = f.line_text(lc.line);
    const size_t line_begin = static_cast<size_t>(line.data() - f.text().data());
    const size_t col_byte = d.span.begin - line_begin;
    size_t end_byte = d.span.end > d.span.begin ? d.span.end - line_begin : col_byte + 1;
    if (end_byte > line.size()) end_byte = std::max(line.size(), col_byte + 1);
    out += "  " + std::string(line) + "\n";
    out += "  " + std::string(static_cast<size_t>(cells(line, 0, col_byte)), ' ') + on + "^";
    const int tail = cells(line, col_byte, end_byte) - 1;
    if (tail > 0) out += std::string(static_cast<size_t>(tail), '~');
    out += std::string(off) + "\n";
    return out;
}

std::string format_diagnostics(const Diagnostics& ds, bool color) {
    std::string out;
    for (const auto& d : ds.items()) out += format_diagnostic(d, color);
    return out;
}

}  // namespace pingcha
