// Escaping for text placed in HTML (element content and quoted attribute values alike,
// inline SVG included). Every string that comes from a case file, a store or a rule pack
// goes through it before it reaches an HTML report.
#pragma once
#include <string>
#include <string_view>

namespace pingcha::review {

std::string escape_html(std::string_view text);

}  // namespace pingcha::review
