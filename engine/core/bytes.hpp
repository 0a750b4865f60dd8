// Unaligned loads of up to 8 bytes into one word, for scanning text a word at a time.
#pragma once
#include <cstdint>
#include <cstring>

namespace pingcha {

// The `n` (<= 8) bytes at `p` in the low bytes of a word, the rest zero.
inline uint64_t load_bytes(const char* p, size_t n) {
    uint64_t w = 0;
    std::memcpy(&w, p, n);
    return w;
}

}  // namespace pingcha
