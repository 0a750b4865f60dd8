#include <iostream>
#include <memory>

#include "check/checker.hpp"
#include "commands.hpp"

namespace pingcha::cli {

Runner add_check(CLI::App& app) {
    auto paths = std::make_shared<std::vector<std::string>>();
    app.add_option("paths", *paths, "规则包目录或 .pc 文件")->required();
    return [paths] {
        size_t errors = 0, warnings = 0;
        for (const auto& path : *paths) {
            Diagnostics diags;
            load_and_check(path, diags);
            std::cerr << format_diagnostics(diags, stderr_is_terminal());
            errors += diags.error_count();
            warnings += diags.warning_count();
        }
        std::cerr << "pingcha check: " << errors << " 个错误，" << warnings << " 个警告\n";
        return errors ? 2 : 0;
    };
}

}  // namespace pingcha::cli
