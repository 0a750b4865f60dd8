#include "record/record.hpp"

#include "record/schema.hpp"

namespace pingcha {
namespace {

void intern_shape(KeyTable& keys, const Shape& shape) {
    for (const auto& field : shape.fields) {
        keys.intern(field.name);
        intern_shape(keys, field.shape);
    }
    if (shape.element) intern_shape(keys, *shape.element);
}

}  // namespace

KeyTable case_file_keys() {
    KeyTable keys;
    intern_shape(keys, case_file_shape());
    intern_shape(keys, article_shape());
    for (const char* base : {"illegal_gains", "goods_value", "contract_price", "project_cost"}) keys.intern(base);
    return keys;
}

}  // namespace pingcha
