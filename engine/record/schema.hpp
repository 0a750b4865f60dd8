// The case-file/1 format as data: which fields exist and what they hold. The loader
// validates and converts by it; the checker types field paths by it.
#pragma once
#include <memory>
#include <string>
#include <vector>

namespace pingcha {

enum class FieldType {
    text,
    enumeration,  // text from `choices`
    date,         // `YYYY-MM-DD`, a real calendar date
    money,        // non-negative yuan with at most 2 decimals, held as fen
    integer,      // non-negative whole number
    boolean,
    article,      // 57 or "第五十七条第一款第（二）项", normalised to an object (see below)
    list,         // of `element`
    object,       // fixed fields (`fields`), others kept only if `open`
    map,          // any keys, each of `element`
    dynamic,      // anything (the `extra` object): JSON numbers become decimals
};

struct FieldSpec;

struct Shape {
    FieldType type = FieldType::dynamic;
    std::vector<std::string> choices;           // enumeration
    std::shared_ptr<const Shape> element;       // list, map
    std::vector<FieldSpec> fields;              // object
    const FieldSpec* find(std::string_view name) const;
};

struct FieldSpec {
    std::string name;
    Shape shape;
    bool required = false;
};

// The root object of a case-file/1 record. An `article` value is loaded as an object with
// the fields below (`article_shape()`): no (article number), sub (之一 → 1, absent → 0),
// paragraph (款), item (项), text (as written).
const Shape& case_file_shape();
const Shape& article_shape();

}  // namespace pingcha
