#include "record/input_blocks.hpp"

#include <algorithm>
#include <cstring>

namespace pingcha {

size_t count_lines(std::string_view text) {
    if (text.empty()) return 0;  // its data may be null, which memchr must not get
    size_t n = 0;
    const char* p = text.data();
    const char* end = p + text.size();
    while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p))))) {
        ++n;
        ++p;
    }
    return n;
}

void InputBlocks::Buffer::reserve(size_t n) {
    if (n <= capacity_) return;
    const size_t capacity = std::max(n, 2 * capacity_);
    auto bytes = std::make_unique_for_overwrite<char[]>(capacity);
    if (size_) std::memcpy(bytes.get(), bytes_.get(), size_);
    bytes_ = std::move(bytes);
    capacity_ = capacity;
}

void InputBlocks::Buffer::erase_front(size_t n) {
    if (n < size_) std::memmove(bytes_.get(), bytes_.get() + n, size_ - n);
    size_ -= std::min(n, size_);
}

bool InputBlocks::read_more(size_t n) {
    const size_t old = buffer_.size();
    buffer_.reserve(old + n);
    const size_t got = std::fread(buffer_.data() + old, 1, n, in_);
    buffer_.set_size(old + got);
    return got == n;
}

bool InputBlocks::next(std::string_view& text) {
    before_ += returned_;
    buffer_.erase_front(returned_);
    returned_ = 0;
    // Fill to at least one block, and on until the buffer holds a line end (or the input ends).
    size_t searched = 0;
    while (!eof_) {
        const size_t want = std::max(block_, buffer_.size() + block_ / 4);
        if (buffer_.size() < want && !read_more(want - buffer_.size())) eof_ = true;
        if (buffer_.view().find('\n', searched) != std::string_view::npos) break;
        searched = buffer_.size();
    }
    if (buffer_.empty()) return false;
    const size_t last_end = buffer_.view().rfind('\n');
    returned_ = eof_ || last_end == std::string_view::npos ? buffer_.size() : last_end + 1;
    text = buffer_.view().substr(0, returned_);
    return true;
}

std::string InputBlocks::rest(size_t max_bytes) {
    returned_ = 0;
    std::string out(buffer_.view());
    buffer_.set_size(0);
    char chunk[1 << 16];
    size_t got;
    while (!eof_ && out.size() <= max_bytes && (got = std::fread(chunk, 1, sizeof chunk, in_)) > 0) out.append(chunk, got);
    eof_ = true;
    return out;
}

}  // namespace pingcha
