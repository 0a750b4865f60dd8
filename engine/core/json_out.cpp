#include "core/json_out.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include <simdjson.h>

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

// Whether any of the 8 bytes in `w` is below 0x20, '"' or '\\' (exact: the bit tricks
// have no false negatives, and a false positive only costs the byte-by-byte path).
bool needs_escape(uint64_t w) {
    constexpr uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    const auto zero_byte = [](uint64_t v) { return (v - ones) & ~v & highs; };
    return (((w - ones * 0x20) & ~w & highs) | zero_byte(w ^ (ones * '"')) | zero_byte(w ^ (ones * '\\'))) != 0;
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
    size_t run = 0;  // start of the bytes not yet copied
    for (size_t k = 0; k < s.size(); ++k) {
        while (k + 8 <= s.size()) {  // skip 8 plain bytes at a time
            uint64_t w;
            std::memcpy(&w, s.data() + k, 8);
            if (needs_escape(w)) break;
            k += 8;
        }
        if (k >= s.size()) break;
        const auto c = static_cast<unsigned char>(s[k]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.data() + run, k - run);
        run = k + 1;
        if (const char* e = escape_for(c)) {
            out += e;
        } else {
            static constexpr char hex[] = "0123456789abcdef";
            const char u[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            out.append(u, sizeof u);
        }
    }
    out.append(s.data() + run, s.size() - run);
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
