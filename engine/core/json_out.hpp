// Appending JSON text to a reused buffer, byte for byte as nlohmann's `dump()` (compact,
// UTF-8 kept, keys in insertion order) would write it, without building a json tree.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace pingcha::json_out {

// A quoted string. Invalid UTF-8 is handed to nlohmann, which throws as dump() would.
void string(std::string& out, std::string_view s);
// The same without the UTF-8 check: for writers that check the whole text once (valid_utf8)
// and write it again with `string` if it fails.
void escaped(std::string& out, std::string_view s);
bool valid_utf8(std::string_view s);
void integer(std::string& out, int64_t v);
// Shortest round-trip form as nlohmann writes it ("0.5", "20000.0", "1e+20"); null if not finite.
void number(std::string& out, double v);
inline void boolean(std::string& out, bool v) { out += v ? std::string_view("true") : std::string_view("false"); }
// `"name":` — `name` must need no escaping (a literal in our code).
inline void key(std::string& out, std::string_view name) {
    out += '"';
    out += name;
    out += "\":";
}
// Any json value, as j.dump().
void value(std::string& out, const nlohmann::ordered_json& j);

}  // namespace pingcha::json_out
