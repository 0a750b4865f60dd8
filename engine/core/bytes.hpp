// Unaligned loads of up to 8 bytes into one word, for scanning and comparing short text a
// word at a time.
#pragma once
#include <cstdint>
#include <cstring>
#include <string_view>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace pingcha {

// The `n` (<= 8) bytes at `p` in the low bytes of a word, the rest zero.
inline uint64_t load_bytes(const char* p, size_t n) {
    uint64_t w = 0;
    std::memcpy(&w, p, n);
    return w;
}

namespace bytes_detail {

template <typename Word>
bool same_ends(const char* a, const char* b, size_t n) {  // sizeof(Word) <= n <= 2 * sizeof(Word)
    Word a0, a1, b0, b1;
    std::memcpy(&a0, a, sizeof a0);
    std::memcpy(&b0, b, sizeof b0);
    std::memcpy(&a1, a + n - sizeof a1, sizeof a1);
    std::memcpy(&b1, b + n - sizeof b1, sizeof b1);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
}

}  // namespace bytes_detail

// a == b for short texts (field names, codes, document types): up to 16 bytes are compared
// as two overlapping words, up to 32 (six to ten Chinese characters) as two overlapping
// 16-byte vectors, without a memcmp call.
[[gnu::always_inline]] inline bool same_bytes(std::string_view a, std::string_view b) {
    const size_t n = a.size();
    if (n != b.size()) return false;
#ifdef __SSE2__
    if (n > 16 && n <= 32) {
        const auto load = [](const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); };
        const __m128i head = _mm_cmpeq_epi8(load(a.data()), load(b.data()));
        const __m128i tail = _mm_cmpeq_epi8(load(a.data() + n - 16), load(b.data() + n - 16));
        return _mm_movemask_epi8(_mm_and_si128(head, tail)) == 0xFFFF;
    }
#endif
    if (n > 16) return std::memcmp(a.data(), b.data(), n) == 0;
    if (n >= 8) return bytes_detail::same_ends<uint64_t>(a.data(), b.data(), n);
    if (n >= 4) return bytes_detail::same_ends<uint32_t>(a.data(), b.data(), n);
    for (size_t k = 0; k < n; ++k)
        if (a[k] != b[k]) return false;
    return true;
}

}  // namespace pingcha
