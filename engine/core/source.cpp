#include "core/source.hpp"

namespace pingcha {

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
    line_starts_.push_back(0);
    for (uint32_t i = 0; i < text_.size(); ++i)
        if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

SourceFile::LineCol SourceFile::line_col(uint32_t offset) const {
    if (offset > text_.size()) offset = static_cast<uint32_t>(text_.size());
    uint32_t lo = 0, hi = static_cast<uint32_t>(line_starts_.size());
    while (hi - lo > 1) {
        const uint32_t mid = (lo + hi) / 2;
        (line_starts_[mid] <= offset ? lo : hi) = mid;
    }
    uint32_t column = 1;
    for (uint32_t i = line_starts_[lo]; i < offset; ++i)
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
    return {lo + 1, column};
}

std::string_view SourceFile::line_text(uint32_t line) const {
    if (line == 0 || line > line_starts_.size()) return {};
    const uint32_t begin = line_starts_[line - 1];
    uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1 : static_cast<uint32_t>(text_.size());
    if (end > begin && text_[end - 1] == '\r') --end;
    return std::string_view(text_).substr(begin, end - begin);
}

}  // namespace pingcha
