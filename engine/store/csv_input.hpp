// CSV input for `pingcha import`: one case file per row, converted to a case-file/1 JSON
// object that then goes through the same validation as JSON input.
//
// RFC 4180 (comma separated, `"` quoting with `""` for a quote, LF or CRLF, a UTF-8 BOM is
// ignored). The first row names the columns; each header is a field path with an optional
// type, `path[:type]`:
//
//   id, format, agency.code, dates.decided          a scalar at that path (objects are created)
//   penalty.fine:number                             type string (default), number, bool or json
//   penalty.kinds[]                                 a list of scalars: items separated by `;`
//   officers[].name, officers[].cert                lists of objects: the columns sharing the
//                                                   prefix `officers[]` are zipped item by item
//
// An empty cell leaves the field out; in a list of objects an empty item leaves that item's
// field out, in a list of scalars empty items are dropped. In list cells `\;` is a literal
// `;` and `\\` a backslash. `number` must be written as JSON writes numbers (kept exactly as written); `bool` is `true`/`false` (also 是/否);
// `json` is any JSON value. Lists nest one level only; use `:json` for anything deeper.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.hpp"

namespace pingcha::store {

struct CsvRow {
    size_t line = 0;         // physical line where the row starts (1-based)
    std::string json;        // the record as one line of JSON, when the row converted
    std::string error_field; // else: the column (header) at fault, and
    std::string error;       // the Chinese message
};

// nullopt (with `error`) when the header is unusable or the quoting is broken. A row over
// limits.max_record_bytes, a cell over max_string_bytes, a list cell of more than
// max_list_length items or a `:json` cell nested deeper than max_json_depth is an error of
// that row naming the limit; a header path deeper than max_json_depth is a header error.
std::optional<std::vector<CsvRow>> csv_to_records(std::string_view text, std::string& error,
                                                  const Limits& limits = Limits{});

}  // namespace pingcha::store
