// Static types of rule-language expressions.
#pragma once
#include <memory>
#include <string>

#include "record/schema.hpp"

namespace pingcha {

enum class TypeKind {
    error,    // already reported; suppresses follow-on errors
    any,      // only known at run time (fields under `extra`)
    boolean,
    integer,
    decimal,
    money,
    text,
    date,
    days,     // a count of days: date - date, `90 days`, working_days()
    period,   // calendar months: `2 months`, `1 year` (only to add to a date)
    list,
    record,   // an object of the case file (shape known) or under `extra` (shape null)
};

struct Type {
    TypeKind kind = TypeKind::error;
    std::shared_ptr<const Type> element;  // list
    const Shape* shape = nullptr;         // record (null: any field allowed)

    static Type of(TypeKind k) { Type t; t.kind = k; return t; }
    static Type list_of(Type element) {
        Type t;
        t.kind = TypeKind::list;
        t.element = std::make_shared<const Type>(std::move(element));
        return t;
    }
    static Type record_of(const Shape* shape) { Type t; t.kind = TypeKind::record; t.shape = shape; return t; }
    static Type from_shape(const Shape& shape);

    bool is(TypeKind k) const { return kind == k; }
    bool is_numeric() const {
        return kind == TypeKind::integer || kind == TypeKind::decimal || kind == TypeKind::money || kind == TypeKind::days;
    }
    bool loose() const { return kind == TypeKind::error || kind == TypeKind::any; }
    std::string name() const;  // 中文类型名, e.g. 列表<文本>
};

// Whether values of the two types may be compared with == / != (numbers mix; `any` mixes with all).
bool comparable(const Type& a, const Type& b);
// Whether they may be ordered with < <= > >=.
bool orderable(const Type& a, const Type& b);

}  // namespace pingcha
