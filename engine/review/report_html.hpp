// The run report (build_report's document) as one self-contained HTML file: inline CSS and
// inline SVG charts, no script and no external resource (a Content-Security-Policy forbids
// any), laid out for A4 printing. Rendered from the document's tables (report_tables.hpp),
// so a section or field added to the JSON report appears without new code here; every
// string taken from the report is escaped.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace pingcha::review {

std::string report_html(const nlohmann::ordered_json& report);

}  // namespace pingcha::review
