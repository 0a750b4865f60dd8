#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "format/formatter.hpp"
#include "format/line_diff.hpp"

namespace pingcha::cli {

namespace {

namespace fs = std::filesystem;

struct FmtOptions {
    std::vector<std::string> files;
    bool check = false;
    bool write = false;
    bool diff = false;
    Limits limits;
};

// Replaces the file through a temporary beside it, keeping its permissions.
bool write_file(const std::string& path, const std::string& text, std::string& error) {
    const fs::path target(path);
    fs::path tmp = target;
    tmp += ".pingcha-fmt.tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out || !(out << text) || !(out.flush())) {
            error = "无法写入文件：" + tmp.string();
            return false;
        }
    }
    std::error_code ec;
    fs::permissions(tmp, fs::status(target, ec).permissions(), fs::perm_options::replace, ec);
    fs::rename(tmp, target, ec);
    if (ec) {
        fs::remove(tmp, ec);
        error = "无法写入文件：" + path;
        return false;
    }
    return true;
}

int run_fmt(const FmtOptions& opt) {
    bool failed = false, changed_any = false;
    for (const auto& path : opt.files) {
        if (opt.write && path == "-") {
            std::cerr << "pingcha fmt: -w 不能用于标准输入\n";
            failed = true;
            continue;
        }
        std::string error;
        std::string text = read_file_or_stdin(path, error, opt.limits.max_rule_file_bytes);
        if (!error.empty()) {
            std::cerr << "pingcha fmt: " << error << "\n";
            failed = true;
            continue;
        }
        const std::string shown = path == "-" ? "<stdin>" : path;
        const auto r = format::format_text(shown, text, opt.limits);
        if (r.status == format::Outcome::Status::syntax_error) {
            std::cerr << format_diagnostics(r.diags, stderr_is_terminal());
            failed = true;
            continue;
        }
        if (r.status == format::Outcome::Status::cannot_format) {
            std::cerr << shown << ": 无法格式化：" << r.message << "\n";
            failed = true;
            continue;
        }
        const bool changed = r.text != r.source->text();
        changed_any = changed_any || changed;
        if (opt.check && changed) std::cout << shown << "\n";
        if (opt.diff && changed) std::cout << format::unified_diff(r.source->text(), r.text, shown, shown + " (formatted)");
        if (opt.write && changed && !write_file(path, r.text, error)) {
            std::cerr << "pingcha fmt: " << error << "\n";
            failed = true;
        }
        if (!opt.check && !opt.write && !opt.diff) std::cout << r.text;
    }
    std::cout.flush();
    if (failed) return 2;
    return opt.check && changed_any ? 1 : 0;
}

}  // namespace

Runner add_fmt(CLI::App& app) {
    auto opt = std::make_shared<FmtOptions>();
    app.add_option("files", opt->files, ".pc 文件（- 表示标准输入）")->required();
    auto* check = app.add_flag("--check", opt->check, "只检查：有文件需要格式化时列出它们并以状态 1 退出");
    auto* write = app.add_flag("-w,--write", opt->write, "就地改写需要格式化的文件");
    auto* diff = app.add_flag("--diff", opt->diff, "输出格式化前后的统一差异（unified diff）");
    write->excludes(check)->excludes(diff);
    add_limit_option(app, opt->limits);
    return [opt] { return run_fmt(*opt); };
}

}  // namespace pingcha::cli
