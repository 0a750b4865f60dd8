// Reading an input file in large blocks that end at line ends, so that JSON Lines of any
// size go through a bounded amount of memory (peak ≈ two blocks plus the longest line).
#pragma once
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace pingcha {

// Number of '\n' in `text` (memchr: many times faster than a byte loop on long lines).
size_t count_lines(std::string_view text);

class InputBlocks {
public:
    static constexpr size_t kBlock = 4 << 20;
    // For a single reader: small enough that the block is still in the core's own cache
    // (L2) when it is read, after fread wrote it (perf: the kernel's copy and the line-end
    // scan cost 5.3 % of `eval` with kBlock, 2.8 % with this). Readers on several threads
    // share a block and start one thread per part, so they take kBlock.
    static constexpr size_t kCachedBlock = 256 << 10;

    // `in` stays owned by the caller.
    explicit InputBlocks(std::FILE* in, size_t block = kBlock) : in_(in), block_(block) {}
    // The next block of whole lines (the last one may lack its line end); false at the end
    // of input. The text is valid until the next call. Lines are not counted here: the
    // reader of a block finds every line end in it anyway and numbers the lines.
    bool next(std::string_view& text);
    // The last block returned and everything after it, to the end of the input (for a
    // layout that cannot be split), but no more than `max_bytes` + 1 bytes of it.
    std::string rest(size_t max_bytes);
    // Bytes of input up to the end of the last block returned.
    size_t read_through() const { return before_ + returned_; }
    bool failed() const { return std::ferror(in_) != 0; }

private:
    std::FILE* in_;
    size_t block_;
    // Grows without zeroing its new room: fread fills it right after.
    class Buffer {
    public:
        char* data() { return bytes_.get(); }
        size_t size() const { return size_; }
        bool empty() const { return size_ == 0; }
        std::string_view view() const { return {bytes_.get(), size_}; }
        void reserve(size_t n);
        void set_size(size_t n) { size_ = n; }  // n <= the room reserved
        void erase_front(size_t n);

    private:
        std::unique_ptr<char[]> bytes_;
        size_t size_ = 0, capacity_ = 0;
    };
    // Appends up to `n` bytes of input; false at its end (or on a read error).
    bool read_more(size_t n);

    Buffer buffer_;        // the block returned last, then the partial line after it
    size_t returned_ = 0;  // bytes of buffer_ handed out by the last next()
    size_t before_ = 0;    // bytes of input before buffer_
    bool eof_ = false;
};

}  // namespace pingcha
