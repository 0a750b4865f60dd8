#include "plan/value_format.hpp"

namespace pingcha {

std::string yuan_text(Rational fen) {
    auto yuan = fen.divided_by(Rational(100));
    return yuan ? yuan->to_decimal_string(2) : "?";
}

std::string display_value(const Value& v, const KeyTable& keys) {
    switch (v.kind) {
        case ValueKind::missing: return "（缺失）";
        case ValueKind::boolean: return v.b ? "是" : "否";
        case ValueKind::integer:
        case ValueKind::days: return std::to_string(v.i);
        case ValueKind::decimal: return v.rational().to_decimal_string();
        case ValueKind::money: return yuan_text(v.rational());
        case ValueKind::text: return std::string(v.as_text());
        case ValueKind::date: return v.as_date().to_string();
        case ValueKind::list: {
            std::string out;
            for (const auto& item : v) out += (out.empty() ? "" : "、") + display_value(item, keys);
            return out;
        }
        case ValueKind::object: {
            std::string out = "{";
            for (uint32_t k = 0; k < v.size; ++k)
                out += (k ? "，" : "") + keys.name(v.fields[k].key) + "：" + display_value(v.fields[k].value, keys);
            return out + "}";
        }
    }
    return {};
}

nlohmann::ordered_json value_to_json(const Value& v, const KeyTable& keys) {
    switch (v.kind) {
        case ValueKind::missing: return nullptr;
        case ValueKind::boolean: return v.b;
        case ValueKind::integer:
        case ValueKind::days: return v.i;
        case ValueKind::decimal: return v.rational().to_double();
        case ValueKind::money: {
            auto yuan = v.rational().divided_by(Rational(100));
            return yuan ? yuan->to_double() : 0.0;
        }
        case ValueKind::text: return std::string(v.as_text());
        case ValueKind::date: return v.as_date().to_string();
        case ValueKind::list: {
            auto out = nlohmann::ordered_json::array();
            for (const auto& item : v) out.push_back(value_to_json(item, keys));
            return out;
        }
        case ValueKind::object: {
            auto out = nlohmann::ordered_json::object();
            for (uint32_t k = 0; k < v.size; ++k) out[keys.name(v.fields[k].key)] = value_to_json(v.fields[k].value, keys);
            return out;
        }
    }
    return nullptr;
}

}  // namespace pingcha
