#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "core/diagnostic.hpp"
#include "plan/compiler.hpp"

namespace pingcha::cli {

bool stderr_is_terminal() { return isatty(STDERR_FILENO) != 0; }

void print_problems(const Diagnostics& diags) {
    Diagnostics problems;
    for (const auto& d : diags.items())
        if (d.severity != Severity::note) problems.add(d);
    std::cerr << format_diagnostics(problems, stderr_is_terminal());
}

std::string input_too_large(const std::string& path, std::size_t max_bytes) {
    return "输入 " + path + " 超过 max_input_bytes 限制（" + std::to_string(max_bytes) + " 字节）";
}

namespace {

// Reads at most `max_bytes` + 1 bytes, so that an endless or huge stream is cut off.
std::string read_bounded(std::istream& in, const std::string& path, std::string& error, std::size_t max_bytes) {
    std::string text;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_bytes) {
            error = input_too_large(path, max_bytes);
            return {};
        }
    }
    return text;
}

}  // namespace

std::unique_ptr<RulePack> load_pack_to_evaluate(const std::string& rules, const Limits& limits) {
    Diagnostics diags;
    auto pack = load_rule_pack(rules, diags, limits);
    print_problems(diags);
    if (!pack) std::cerr << "pingcha: 规则包有 " << diags.error_count() << " 个错误，未评查任何案卷\n";
    return pack;
}

std::string read_file_or_stdin(const std::string& path, std::string& error, std::size_t max_bytes) {
    if (path == "-") return read_bounded(std::cin, "<stdin>", error, max_bytes);
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        error = "无法读取文件：" + path + " 是目录";
        return {};
    }
    if (const auto size = std::filesystem::file_size(path, ec); !ec && size > max_bytes) {
        error = input_too_large(path, max_bytes) + "：文件有 " + std::to_string(size) + " 字节";
        return {};
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "无法读取文件：" + path;
        return {};
    }
    return read_bounded(in, path, error, max_bytes);
}

void add_limit_option(CLI::App& app, Limits& limits) {
    app.add_option_function<std::vector<std::string>>(
           "--limit",
           [&limits](const std::vector<std::string>& assignments) {
               for (const auto& a : assignments)
                   if (const auto problem = set_limit(limits, a)) throw CLI::ValidationError("--limit", *problem);
           },
           "输入限制 名称=值，可重复（见 docs/limits.md），如 --limit max_json_depth=32")
        ->take_all()
        ->allow_extra_args(false);
}

bool write_text(const std::string& path, const std::string& text) {
    if (path.empty() || path == "-") {
        std::cout << text << std::flush;
        return true;
    }
    std::ofstream out(path, std::ios::binary);
    out << text;
    out.close();
    if (!out) {
        std::cerr << "pingcha: 无法写入文件：" << path << "\n";
        return false;
    }
    std::cerr << "已写入 " << path << "\n";
    return true;
}

}  // namespace pingcha::cli
