#include "core/json_out.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/bytes.hpp"

namespace pingcha::json_out {
namespace {

// What nlohmann's serializer writes for each byte below 0x20 and for `"` and `\`.
const char* escape_for(unsigned char c) {
    switch (c) {
        case '"': return "\\\"";
        case '\\': return "\\\\";
        case '\b': return "\\b";
        case '\t': return "\\t";
        case '\n': return "\\n";
        case '\f': return "\\f";
        case '\r': return "\\r";
        default: return nullptr;
    }
}

// Whether any of the 8 bytes in `w` is below 0x20, '"' or '\\' (no false negatives; the
// first byte flagged is always a real one).
bool needs_escape(uint64_t w) {
    constexpr uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    const auto zero_byte = [](uint64_t v) { return (v - ones) & ~v & highs; };
    return (((w - ones * 0x20) & ~w & highs) | zero_byte(w ^ (ones * '"')) | zero_byte(w ^ (ones * '\\'))) != 0;
}

bool special(char c) {
    const auto b = static_cast<unsigned char>(c);
    return b < 0x20 || b == '"' || b == '\\';
}

// Whether the short text (fewer than 8 bytes) at `p` has a byte to escape: two overlapping
// 4-byte loads, or byte by byte below 4.
bool short_needs_escape(const char* p, size_t n) {
    if (n < 4) return std::any_of(p, p + n, special);
    return needs_escape(load_bytes(p, 4) | load_bytes(p + n - 4, 4) << 32);
}

#if defined(__SSE2__)
// Bit i set when byte i of the 16 at `p` is below 0x20, '"' or '\\'.
unsigned special_mask16(const char* p) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
    const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    const __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))));
}
#endif

// The offset of the first byte from `k` on that JSON text must escape, or s.size(). Long
// texts go 16 bytes at a time (SSE2), the last 16 read overlapping those before; shorter
// ones a word at a time, the last (partial) word overlapping the one before it, so only a
// word that holds a special byte is looked at byte by byte. Inlined: the call cost as much
// as scanning a short text.
[[gnu::always_inline]] inline size_t next_special(std::string_view s, size_t k) {
    const char* p = s.data();
    const size_t n = s.size();
#if defined(__SSE2__)
    if (n >= 16) {
        for (; k + 16 <= n; k += 16)
            if (const unsigned mask = special_mask16(p + k)) return k + static_cast<size_t>(__builtin_ctz(mask));
        if (k == n) return n;
        const unsigned mask = special_mask16(p + n - 16) >> (k - (n - 16));  // bytes from k on
        return mask ? k + static_cast<size_t>(__builtin_ctz(mask)) : n;
    }
#endif
    for (; k + 8 <= n; k += 8)
        if (needs_escape(load_bytes(p + k, 8))) break;
    if (k + 8 > n && (n >= 8 ? !needs_escape(load_bytes(p + n - 8, 8)) : !short_needs_escape(p + k, n - k))) return n;
    return static_cast<size_t>(std::find_if(p + k, p + n, special) - p);
}

void append_escape(std::string& out, unsigned char c) {
    if (const char* e = escape_for(c)) {
        out += e;
        return;
    }
    static constexpr char hex[] = "0123456789abcdef";
    const char u[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
    out.append(u, sizeof u);
}

}  // namespace

bool valid_utf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

void string(std::string& out, std::string_view s) {
    if (!valid_utf8(s)) {
        out += nlohmann::ordered_json(std::string(s)).dump();  // throws type_error 316
        return;
    }
    escaped(out, s);
}

void escaped(std::string& out, std::string_view s) {
    out += '"';
    size_t done = 0;  // bytes of `s` already written
    for (size_t k = next_special(s, 0); k < s.size(); k = next_special(s, done)) {
        out.append(s.data() + done, k - done);
        append_escape(out, static_cast<unsigned char>(s[k]));
        done = k + 1;
    }
    out.append(s.data() + done, s.size() - done);
    out += '"';
}

void integer(std::string& out, int64_t v) {
    std::array<char, 24> buf;
    const char* end = std::to_chars(buf.data(), buf.data() + buf.size(), v).ptr;
    out.append(buf.data(), static_cast<size_t>(end - buf.data()));
}

void number(std::string& out, double v) {
    if (!std::isfinite(v)) {
        out += "null";
        return;
    }
    std::array<char, 64> buf;
    const char* end = nlohmann::detail::to_chars(buf.data(), buf.data() + buf.size(), v);
    out.append(buf.data(), static_cast<size_t>(end - buf.data()));
}

void value(std::string& out, const nlohmann::ordered_json& j) {
    using T = nlohmann::ordered_json::value_t;
    switch (j.type()) {
        case T::null: out += "null"; return;
        case T::boolean: boolean(out, j.get<bool>()); return;
        case T::number_integer: integer(out, j.get<int64_t>()); return;
        case T::number_float: number(out, j.get<double>()); return;
        case T::string: string(out, j.get_ref<const std::string&>()); return;
        case T::array: {
            out += '[';
            bool first = true;
            for (const auto& item : j) {
                if (!first) out += ',';
                first = false;
                value(out, item);
            }
            out += ']';
            return;
        }
        case T::object: {
            out += '{';
            bool first = true;
            for (auto it = j.begin(); it != j.end(); ++it) {
                if (!first) out += ',';
                first = false;
                string(out, it.key());
                out += ':';
                value(out, it.value());
            }
            out += '}';
            return;
        }
        default: out += j.dump(); return;  // unsigned, binary, discarded: not produced by us
    }
}

}  // namespace pingcha::json_out
