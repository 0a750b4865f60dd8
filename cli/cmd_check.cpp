#include <iostream>
#include <memory>

#include "check/checker.hpp"
#include "check/lint.hpp"
#include "commands.hpp"
#include "report/lint_report.hpp"

namespace pingcha::cli {
namespace {

struct CheckOptions {
    std::vector<std::string> paths;
    std::string format = "text";
    bool strict = false;
    Limits limits;
};

// Unreadable input (no .pc files, a missing file) is a usage problem, not a finding.
bool unreadable(const Diagnostics& diags) {
    for (const auto& d : diags.items())
        if (d.code == "E0001" || d.code == "E0002") return true;
    return false;
}

int run_check(const CheckOptions& opt) {
    std::vector<CheckedFile> files;
    bool bad_input = false;
    for (const auto& path : opt.paths) {
        CheckedFile f{path, {}};
        CheckedPack pack = load_and_check(path, f.diagnostics, opt.limits);
        if (!f.diagnostics.has_errors()) lint_pack(pack, f.diagnostics);
        bad_input = bad_input || unreadable(f.diagnostics);
        files.push_back(std::move(f));
    }
    size_t errors = 0, warnings = 0;
    for (const auto& f : files) {
        errors += f.diagnostics.error_count();
        warnings += f.diagnostics.warning_count();
    }
    if (opt.format == "json") std::cout << diagnostics_to_json(files);
    else if (opt.format == "sarif") std::cout << diagnostics_to_sarif(files, kVersion);
    else if (opt.format == "junit") std::cout << diagnostics_to_junit(files, opt.strict);
    else
        for (const auto& f : files) std::cerr << format_diagnostics(f.diagnostics, stderr_is_terminal());
    std::cerr << "pingcha check: " << errors << " 个错误，" << warnings << " 个警告" << (opt.strict && warnings ? "（--strict：警告视为错误）" : "") << "\n";
    if (bad_input) return 2;
    return errors > 0 || (opt.strict && warnings > 0) ? 1 : 0;
}

}  // namespace

Runner add_check(CLI::App& app) {
    auto opt = std::make_shared<CheckOptions>();
    app.add_option("paths", opt->paths, "规则包目录或 .pc 文件")->required();
    app.add_option("--format", opt->format, "输出格式：text、json、sarif（SARIF 2.1.0）或 junit（JUnit XML）")
        ->check(CLI::IsMember({"text", "json", "sarif", "junit"}));
    app.add_flag("--strict", opt->strict, "警告也视为错误");
    app.footer("退出码：0 无问题；1 有错误（或 --strict 下有警告）；2 用法错误或无法读取输入。");
    add_limit_option(app, opt->limits);
    return [opt] { return run_check(*opt); };
}

}  // namespace pingcha::cli
