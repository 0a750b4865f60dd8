#include <iostream>
#include <memory>

#include "commands.hpp"
#include "plan/compiler.hpp"
#include "testing/pack_tests.hpp"

namespace pingcha::cli {

namespace {

struct TestOptions {
    std::string path;
    std::string run;
};

int run_tests(const TestOptions& opt) {
    Diagnostics diags;
    auto pack = load_rule_pack(opt.path, diags);
    std::cerr << format_diagnostics(diags, stderr_is_terminal());
    if (!pack) return 2;
    const auto outcomes = run_pack_tests(*pack, opt.run);
    size_t passed = 0;
    for (const auto& o : outcomes) {
        std::cout << (o.passed ? "PASS " : "FAIL ") << o.name << "  (" << o.location << ")\n";
        for (const auto& f : o.failures) std::cout << "    " << f << "\n";
        passed += o.passed;
    }
    std::cout << passed << " passed, " << outcomes.size() - passed << " failed\n";
    return passed == outcomes.size() ? 0 : 1;
}

}  // namespace

Runner add_test(CLI::App& app) {
    auto opt = std::make_shared<TestOptions>();
    app.add_option("path", opt->path, "规则包目录或 .pc 文件")->required();
    app.add_option("--run", opt->run, "只运行名称匹配该正则表达式的测试");
    return [opt] { return run_tests(*opt); };
}

}  // namespace pingcha::cli
