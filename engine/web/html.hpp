// Building HTML for the local web view: escaping, query strings, the page shell (inline CSS,
// no scripts, no external resources).
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/html_escape.hpp"

namespace pingcha::web {

// Text and attribute values, escaped by the engine's one escaper (core/html_escape.hpp).
inline std::string h(std::string_view text) { return html_escape(text); }
// One query-string component, percent-encoded (UTF-8 bytes; unreserved characters kept).
std::string url_component(std::string_view text);
// `path?k=v&…` with each value encoded; pairs with an empty value are left out.
std::string link(std::string_view path, const std::vector<std::pair<std::string, std::string>>& query);
// A complete document: `title` is escaped, `body` is inserted as is.
std::string page(std::string_view title, const std::string& body);

}  // namespace pingcha::web
