// Source files and positions for diagnostics.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pingcha {

// Shared ownership lets diagnostics keep the text they quote alive after the pack is gone.
class SourceFile : public std::enable_shared_from_this<SourceFile> {
public:
    SourceFile(std::string path, std::string text);
    const std::string& path() const { return path_; }
    const std::string& text() const { return text_; }
    // 1-based line and column; the column counts Unicode code points, as editors do.
    struct LineCol { uint32_t line; uint32_t column; };
    LineCol line_col(uint32_t offset) const;
    std::string_view line_text(uint32_t line) const;  // without the newline

private:
    std::string path_;
    std::string text_;
    std::vector<uint32_t> line_starts_;
};

using SourceFilePtr = std::shared_ptr<const SourceFile>;

// A byte range in one source file.
struct SourceSpan {
    const SourceFile* file = nullptr;
    uint32_t begin = 0;
    uint32_t end = 0;
    bool valid() const { return file != nullptr; }
};

}  // namespace pingcha
