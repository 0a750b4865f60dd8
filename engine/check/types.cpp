#include "check/types.hpp"

namespace pingcha {

Type Type::from_shape(const Shape& shape) {
    switch (shape.type) {
        case FieldType::text:
        case FieldType::enumeration: return of(TypeKind::text);
        case FieldType::date: return of(TypeKind::date);
        case FieldType::money: return of(TypeKind::money);
        case FieldType::integer: return of(TypeKind::integer);
        case FieldType::boolean: return of(TypeKind::boolean);
        case FieldType::article: return record_of(&article_shape());
        case FieldType::list: return list_of(from_shape(*shape.element));
        case FieldType::object:
        case FieldType::map: return record_of(&shape);
        case FieldType::dynamic: return of(TypeKind::any);
    }
    return of(TypeKind::error);
}

std::string Type::name() const {
    switch (kind) {
        case TypeKind::error: return "错误";
        case TypeKind::any: return "任意";
        case TypeKind::boolean: return "布尔";
        case TypeKind::integer: return "整数";
        case TypeKind::decimal: return "小数";
        case TypeKind::money: return "金额";
        case TypeKind::text: return "文本";
        case TypeKind::date: return "日期";
        case TypeKind::days: return "天数";
        case TypeKind::period: return "月数";
        case TypeKind::list: return "列表<" + (element ? element->name() : std::string("任意")) + ">";
        case TypeKind::record: return "记录";
    }
    return "?";
}

bool comparable(const Type& a, const Type& b) {
    if (a.loose() || b.loose()) return true;
    if (a.is_numeric() && b.is_numeric()) {
        // money and days only mix with plain numbers or themselves
        auto plain = [](const Type& t) { return t.is(TypeKind::integer) || t.is(TypeKind::decimal); };
        return a.kind == b.kind || plain(a) || plain(b);
    }
    if (a.kind != b.kind) return false;
    if (a.kind == TypeKind::list) return comparable(*a.element, *b.element);
    return a.kind != TypeKind::record && a.kind != TypeKind::period;
}

bool orderable(const Type& a, const Type& b) {
    if (a.loose() || b.loose()) return true;
    if (a.is_numeric() && b.is_numeric()) return comparable(a, b);
    return a.kind == b.kind && (a.kind == TypeKind::date || a.kind == TypeKind::text);
}

}  // namespace pingcha
