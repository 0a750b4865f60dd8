// Input limits: the largest inputs pingcha accepts before it stops with a diagnostic instead
// of spending unbounded memory or stack on hostile input. Every reader takes these by
// reference; the CLI fills them from defaults and `--limit NAME=VALUE` flags. Documented in
// docs/limits.md; a limit that is hit is reported with the file and position, never a crash.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pingcha {

struct Limits {
    // Case-file input (JSON, JSON Lines, CSV).
    std::size_t max_input_bytes = std::size_t{4} << 30;   // one input file
    std::size_t max_record_bytes = std::size_t{64} << 20;  // one record (one JSON Lines line)
    std::size_t max_json_depth = 64;                        // nesting of arrays/objects
    std::size_t max_string_bytes = std::size_t{1} << 20;    // one string value
    std::size_t max_list_length = 100000;                   // elements of one array
    // Rule packs.
    std::size_t max_rule_file_bytes = std::size_t{16} << 20;  // one .pc file
    std::size_t max_pack_files = 1000;                         // files reached through imports
    std::size_t max_expr_depth = 200;                          // nesting of one expression
    // Law texts (`pingcha laws import`).
    std::size_t max_law_text_bytes = std::size_t{16} << 20;  // one law text file
    // `pingcha serve` requests (larger ones get 413 / 431 before they are read further).
    std::size_t max_http_body_bytes = std::size_t{16} << 10;    // one request body
    std::size_t max_http_header_bytes = std::size_t{16} << 10;  // all header names and values
};

// The names accepted by set_limit, in declaration order.
std::vector<std::string> limit_names();

// Applies `NAME=VALUE` (VALUE a positive integer, optionally with a K, M or G suffix meaning
// KiB, MiB, GiB). Returns the Chinese error message when the name is unknown or the value
// is not a positive integer; `limits` is unchanged then.
std::optional<std::string> set_limit(Limits& limits, std::string_view assignment);

}  // namespace pingcha
