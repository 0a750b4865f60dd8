// Canonical JSON text of a case record as the store keeps it: one line, no insignificant
// whitespace, object keys sorted by their UTF-8 bytes (a repeated key keeps its last value),
// numbers exactly as written in the input (never through binary floating point), strings
// re-escaped the way nlohmann/json writes them. Two inputs that differ only in layout or key
// order give the same text, so a re-import can tell an unchanged record from a new revision.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.hpp"

namespace pingcha::store {

struct JsonNode {
    // A struct, not std::pair: a pair of an incomplete JsonNode does not compile with clang.
    struct Member;
    enum class Kind { scalar, object, array } kind = Kind::scalar;
    std::string scalar;  // serialized text of a scalar (`null`, `true`, `12.50`, `"…"`)
    std::vector<Member> members;  // sorted, unique keys
    std::vector<JsonNode> items;

    // The string at `path` (object keys only), if there is one there.
    std::optional<std::string> string_at(std::initializer_list<std::string_view> path) const;
};

struct JsonNode::Member {
    std::string key;
    JsonNode value;
};

// Parses one JSON value (the whole text, surrounding whitespace allowed); nullopt with
// `error` set when it is not exactly one valid JSON value or nests deeper than `max_depth`
// (the tree, its destruction and canonical_text recurse once per level).
std::optional<JsonNode> parse_json_node(std::string_view text, std::string& error,
                                        size_t max_depth = Limits{}.max_json_depth);

// The canonical one-line text of a node.
std::string canonical_text(const JsonNode& node);

// The same canonical text straight from JSON text, without building a tree (the import path):
// also picks out the top-level `id` and `agency.code` strings. Reuses its buffers across
// calls; one per thread. Returns false when `text` is not exactly one JSON value; it does
// not validate UTF-8, so call it only on text nlohmann/json has accepted (CaseReader has).
class Canonicalizer {
public:
    struct Result {
        std::string text;
        std::optional<std::string> id;
        std::string agency_code;
    };
    bool canonicalize(std::string_view json, Result& out);

private:
    struct Member {
        std::string key;   // decoded
        std::string text;  // `"key":value`, canonical
    };
    enum class Role { other, root, agency };
    bool value(std::string& out, Role role, size_t depth);
    bool object(std::string& out, Role role, size_t depth);
    bool array(std::string& out, size_t depth);
    bool string(std::string& out, std::string* decoded);
    bool number(std::string& out);
    void skip_space();

    std::string_view in_;
    size_t pos_ = 0;
    std::vector<std::vector<Member>> levels_;  // members of the open object at each depth
    std::vector<std::vector<uint32_t>> orders_;  // their sorted order, per depth
    std::string decoded_;                       // the last string value, decoded
    bool last_was_string_ = false;
    Result* result_ = nullptr;
};

}  // namespace pingcha::store
