// Decoding the escapes of a JSON string, shared by the fast case-file reader and the store's
// canonicaliser.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pingcha {

// The text of a JSON string's bytes between its quotes (`raw`), escapes decoded, written to
// `to`, which has room for raw.size() bytes (the text is never longer); its length, or
// nullopt for an escape JSON does not allow or a lone surrogate.
std::optional<size_t> unescape_json(std::string_view raw, char* to);
// The same as a string of its own.
std::optional<std::string> unescape_json(std::string_view raw);

}  // namespace pingcha
