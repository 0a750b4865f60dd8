#include "plan/value_format.hpp"

#include <charconv>

#include "core/json_out.hpp"

namespace pingcha {

std::string yuan_text(Rational fen) {
    auto yuan = fen.divided_by(Rational(100));
    return yuan ? yuan->to_decimal_string(2) : "?";
}

std::string display_value(const Value& v, const KeyTable& keys) {
    std::string out;
    append_display_value(out, v, keys);
    return out;
}

void append_display_value(std::string& out, const Value& v, const KeyTable& keys) {
    switch (v.kind) {
        case ValueKind::missing: out += "（缺失）"; return;
        case ValueKind::boolean: out += v.b ? "是" : "否"; return;
        case ValueKind::integer:
        case ValueKind::days: {
            char digits[24];
            out.append(digits, std::to_chars(digits, digits + sizeof digits, v.i).ptr);
            return;
        }
        case ValueKind::decimal: out += v.rational().to_decimal_string(); return;
        case ValueKind::money: out += yuan_text(v.rational()); return;
        case ValueKind::text: out += v.as_text(); return;
        case ValueKind::date: v.as_date().append_to(out); return;
        case ValueKind::list: {
            const size_t start = out.size();
            for (const Value& item : v) {
                if (out.size() != start) out += "、";  // not after items shown as nothing
                append_display_value(out, item, keys);
            }
            return;
        }
        case ValueKind::object:
            out += '{';
            for (uint32_t k = 0; k < v.size; ++k) {
                if (k) out += "，";
                out += keys.name(v.fields[k].key);
                out += "：";
                append_display_value(out, v.fields[k].value, keys);
            }
            out += '}';
            return;
    }
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

namespace {

// The JSON of `v`; `text` writes a quoted string, `key` an object's `"name":`.
template <typename Text, typename Key>
void append_json(std::string& out, const Value& v, const Text& text, const Key& key) {
    switch (v.kind) {
        case ValueKind::missing: out += "null"; return;
        case ValueKind::boolean: json_out::boolean(out, v.b); return;
        case ValueKind::integer:
        case ValueKind::days: json_out::integer(out, v.i); return;
        case ValueKind::decimal: json_out::number(out, v.rational().to_double()); return;
        case ValueKind::money: {
            auto yuan = v.rational().divided_by(Rational(100));
            json_out::number(out, yuan ? yuan->to_double() : 0.0);
            return;
        }
        case ValueKind::text: text(v.as_text()); return;
        case ValueKind::date:  // ASCII, nothing to escape
            out += '"';
            v.as_date().append_to(out);
            out += '"';
            return;
        case ValueKind::list:
            out += '[';
            for (uint32_t k = 0; k < v.size; ++k) {
                if (k) out += ',';
                append_json(out, v.items[k], text, key);
            }
            out += ']';
            return;
        case ValueKind::object:  // keys are unique: the readers reject duplicates
            out += '{';
            for (uint32_t k = 0; k < v.size; ++k) {
                if (k) out += ',';
                key(v.fields[k].key);
                append_json(out, v.fields[k].value, text, key);
            }
            out += '}';
            return;
    }
    out += "null";
}

}  // namespace

void append_value_json(std::string& out, const Value& v, const KeyTable& keys, bool check_utf8) {
    const auto text = [&](std::string_view s) { check_utf8 ? json_out::string(out, s) : json_out::escaped(out, s); };
    const auto key = [&](KeyId id) {
        text(keys.name(id));
        out += ':';
    };
    append_json(out, v, text, key);
}

ValueJsonWriter::ValueJsonWriter(const KeyTable& keys) : keys_(keys) {
    key_json_.resize(keys.size());
    for (KeyId id = 0; id < key_json_.size(); ++id) {
        json_out::escaped(key_json_[id], keys.name(id));
        key_json_[id] += ':';
    }
}

void ValueJsonWriter::append(std::string& out, const Value& v) const {
    const auto text = [&](std::string_view s) { json_out::escaped(out, s); };
    const auto key = [&](KeyId id) {
        if (id < key_json_.size()) out += key_json_[id];
        else text(keys_.name(id)), out += ':';
    };
    append_json(out, v, text, key);
}

}  // namespace pingcha

namespace pingcha {
namespace {

bool same(const Value& a, const Value& b) {
    if (a.kind != b.kind || a.size != b.size) return false;
    switch (a.kind) {
        case ValueKind::object: return a.fields == b.fields && a.fields != nullptr;
        case ValueKind::list: return a.items == b.items && a.items != nullptr;
        case ValueKind::text: return a.str == b.str && a.size > 0;
        default: return false;
    }
}

bool find_path(const Value& here, const Value& target, const KeyTable& keys, std::string& path) {
    if (same(here, target)) return true;
    const size_t mark = path.size();
    if (here.kind == ValueKind::object) {
        for (uint32_t k = 0; k < here.size; ++k) {
            path += (mark ? "." : "") + keys.name(here.fields[k].key);
            if (find_path(here.fields[k].value, target, keys, path)) return true;
            path.resize(mark);
        }
    } else if (here.kind == ValueKind::list) {
        for (uint32_t k = 0; k < here.size; ++k) {
            path += '[';
            path += std::to_string(k);
            path += ']';
            if (find_path(here.items[k], target, keys, path)) return true;
            path.resize(mark);
        }
    }
    return false;
}

}  // namespace

std::string locate_in_record(const Value& root, const Value& target, const KeyTable& keys) {
    std::string path;
    if (root.kind != ValueKind::object || same(root, target)) return {};
    return find_path(root, target, keys, path) ? path : std::string();
}

std::string element_path(const std::string& list_path, uint32_t index, const Value& element, const Value& root,
                         const KeyTable& keys) {
    if (list_path.empty()) return locate_in_record(root, element, keys);
    std::string path = list_path;
    path += '[';
    path += std::to_string(index);
    path += ']';
    return path;
}

}  // namespace pingcha
