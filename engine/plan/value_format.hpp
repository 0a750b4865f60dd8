// Values as people read them (message templates, reports) and as JSON (finding fields).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/keys.hpp"
#include "core/value.hpp"

namespace pingcha {

// Money in yuan without trailing zeros ("14814.81", "20000"), dates ISO, booleans 是/否,
// lists joined with 、, a missing value as （缺失）.
std::string display_value(const Value& v, const KeyTable& keys);
void append_display_value(std::string& out, const Value& v, const KeyTable& keys);

// Money as a JSON number of yuan, dates as strings, missing as null.
nlohmann::ordered_json value_to_json(const Value& v, const KeyTable& keys);
// The same as value_to_json(v, keys).dump(), appended to `out` without building a tree.
// Without `check_utf8`, texts are not validated one by one: the caller validates the
// whole output once (json_out::escaped).
void append_value_json(std::string& out, const Value& v, const KeyTable& keys, bool check_utf8 = true);

// append_value_json(…, check_utf8 = false) with each key's `"name":` rendered once, for
// the evaluator's hot path.
class ValueJsonWriter {
public:
    explicit ValueJsonWriter(const KeyTable& keys);
    void append(std::string& out, const Value& v) const;

private:
    const KeyTable& keys_;
    std::vector<std::string> key_json_;  // by KeyId
};

// Exact yuan text of a money value in fen.
std::string yuan_text(Rational fen);

}  // namespace pingcha

namespace pingcha {

// The path ("basis[1]") of a value that is part of the record `root`, found by identity
// (the same object, list or text in the record's memory); empty when it is not there, e.g.
// a value computed by the rule. Used only when explaining findings.
std::string locate_in_record(const Value& root, const Value& target, const KeyTable& keys);

// The path of element `index` of a list: `list_path[index]` when the list is a case field,
// else wherever the element stands in the record (a filtered list), else empty.
std::string element_path(const std::string& list_path, uint32_t index, const Value& element, const Value& root,
                         const KeyTable& keys);

}  // namespace pingcha
