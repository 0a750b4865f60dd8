#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "core/diagnostic.hpp"

namespace pingcha::cli {

bool stderr_is_terminal() { return isatty(STDERR_FILENO) != 0; }

void print_problems(const Diagnostics& diags) {
    Diagnostics problems;
    for (const auto& d : diags.items())
        if (d.severity != Severity::note) problems.add(d);
    std::cerr << format_diagnostics(problems, stderr_is_terminal());
}

std::string read_file_or_stdin(const std::string& path, std::string& error) {
    std::ostringstream ss;
    if (path == "-") {
        ss << std::cin.rdbuf();
        return ss.str();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "无法读取文件：" + path;
        return {};
    }
    ss << in.rdbuf();
    return ss.str();
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
