// Escaping for text placed in HTML (element content and quoted attribute values alike,
// inline SVG included). Every string that comes from a case file, a store or a rule pack
// goes through it before it reaches an HTML page or report (the score sheet, the review
// report, `serve`'s pages via web::h): the one HTML escaper of the engine.
#pragma once
#include <string>
#include <string_view>

namespace pingcha {

std::string html_escape(std::string_view text);

}  // namespace pingcha
