#include "core/limits.hpp"

#include <charconv>

namespace pingcha {
namespace {

struct LimitField {
    const char* name;
    std::size_t Limits::*field;
};

constexpr LimitField kFields[] = {
    {"max_input_bytes", &Limits::max_input_bytes},
    {"max_record_bytes", &Limits::max_record_bytes},
    {"max_json_depth", &Limits::max_json_depth},
    {"max_string_bytes", &Limits::max_string_bytes},
    {"max_list_length", &Limits::max_list_length},
    {"max_rule_file_bytes", &Limits::max_rule_file_bytes},
    {"max_pack_files", &Limits::max_pack_files},
    {"max_expr_depth", &Limits::max_expr_depth},
    {"max_law_text_bytes", &Limits::max_law_text_bytes},
};

std::string joined_names() {
    std::string out;
    for (const auto& f : kFields) out += (out.empty() ? "" : "、") + std::string(f.name);
    return out;
}

std::optional<std::size_t> parse_size(std::string_view text) {
    unsigned shift = 0;
    if (!text.empty()) {
        switch (text.back()) {
            case 'K': case 'k': shift = 10; break;
            case 'M': case 'm': shift = 20; break;
            case 'G': case 'g': shift = 30; break;
            default: break;
        }
        if (shift) text.remove_suffix(1);
    }
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value == 0) return std::nullopt;
    if (shift && value > (SIZE_MAX >> shift)) return std::nullopt;
    return value << shift;
}

}  // namespace

std::vector<std::string> limit_names() {
    std::vector<std::string> out;
    for (const auto& f : kFields) out.emplace_back(f.name);
    return out;
}

std::optional<std::string> set_limit(Limits& limits, std::string_view assignment) {
    const auto eq = assignment.find('=');
    if (eq == std::string_view::npos)
        return "限制应写作 名称=值（如 max_json_depth=32），实际为「" + std::string(assignment) + "」";
    const auto name = assignment.substr(0, eq);
    const auto value_text = assignment.substr(eq + 1);
    for (const auto& f : kFields) {
        if (name != f.name) continue;
        const auto value = parse_size(value_text);
        if (!value)
            return "限制 " + std::string(name) + " 的值应为正整数（可带 K、M、G 后缀），实际为「" +
                   std::string(value_text) + "」";
        limits.*f.field = *value;
        return std::nullopt;
    }
    return "未知的限制「" + std::string(name) + "」（可用：" + joined_names() + "）";
}

}  // namespace pingcha
