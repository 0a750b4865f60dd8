#include "record/input_blocks.hpp"

#include <algorithm>
#include <cstring>

namespace pingcha {

size_t count_lines(std::string_view text) {
    size_t n = 0;
    const char* p = text.data();
    const char* end = p + text.size();
    while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p))))) {
        ++n;
        ++p;
    }
    return n;
}

bool InputBlocks::next(std::string_view& text, size_t& first_line) {
    line_ += count_lines(std::string_view(buffer_.data(), returned_));
    before_ += returned_;
    buffer_.erase(0, returned_);
    returned_ = 0;
    // Fill to at least one block, and on until the buffer holds a line end (or the input ends).
    size_t searched = 0;
    while (!eof_) {
        const size_t want = std::max(block_, buffer_.size() + block_ / 4);
        if (buffer_.size() < want) {
            const size_t old = buffer_.size();
            buffer_.resize(want);
            const size_t got = std::fread(buffer_.data() + old, 1, want - old, in_);
            buffer_.resize(old + got);
            if (got < want - old) eof_ = true;
        }
        if (buffer_.find('\n', searched) != std::string::npos) break;
        searched = buffer_.size();
    }
    if (buffer_.empty()) return false;
    const size_t last_end = buffer_.rfind('\n');
    returned_ = eof_ || last_end == std::string::npos ? buffer_.size() : last_end + 1;
    text = std::string_view(buffer_.data(), returned_);
    first_line = line_;
    return true;
}

std::string InputBlocks::rest(size_t max_bytes) {
    returned_ = 0;
    char chunk[1 << 16];
    size_t got;
    while (!eof_ && buffer_.size() <= max_bytes && (got = std::fread(chunk, 1, sizeof chunk, in_)) > 0) buffer_.append(chunk, got);
    eof_ = true;
    return std::move(buffer_);
}

}  // namespace pingcha
