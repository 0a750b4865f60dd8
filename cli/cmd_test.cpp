#include <cstdio>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "plan/compiler.hpp"
#include "report/lint_report.hpp"
#include "testing/pack_tests.hpp"

namespace pingcha::cli {
namespace {

struct TestOptions {
    std::string path;
    std::string run;
    std::string format = "text";
    bool coverage = false;
    std::optional<double> threshold;
    Limits limits;
};

void print_text(const PackTestRun& run) {
    for (const auto& o : run.outcomes) {
        std::cout << (o.passed ? "PASS " : "FAIL ") << o.name << "  (" << o.location << ")\n";
        for (const auto& f : o.failures) std::cout << "    " << f << "\n";
    }
}

void print_coverage(const PackTestRun& run) {
    std::cout << "\n覆盖率（规则在测试中触发过）：\n";
    for (const auto& c : run.coverage) {
        std::cout << "  " << (c.fired ? "✓" : "✗") << " " << c.rule << "  条件出现过："
                  << (c.seen_true ? "真" : "") << (c.seen_true && c.seen_false ? "、" : "") << (c.seen_false ? "假" : "")
                  << (!c.seen_true && !c.seen_false ? "（从未求值）" : "") << "\n";
    }
    char percent[32];
    std::snprintf(percent, sizeof percent, "%.1f", run.covered_percent());
    const auto both = std::count_if(run.coverage.begin(), run.coverage.end(),
                                    [](const RuleCoverageLine& c) { return c.seen_true && c.seen_false; });
    std::cout << "规则覆盖 " << percent << "%（" << run.coverage.size() << " 条规则中条件真假均出现过的 " << both << " 条）\n";
}

int run_tests(const TestOptions& opt) {
    Diagnostics diags;
    auto pack = load_rule_pack(opt.path, diags, opt.limits);
    print_problems(diags);
    if (!pack) return 2;
    const PackTestRun run = run_pack_tests(*pack, opt.run);
    if (opt.format == "json") std::cout << tests_to_json(run.outcomes);
    else if (opt.format == "sarif") std::cout << tests_to_sarif(run.outcomes, kVersion);
    else if (opt.format == "junit") std::cout << tests_to_junit(run.outcomes, "pingcha test " + pack->info.name);
    else print_text(run);
    if (opt.coverage && opt.format == "text") print_coverage(run);
    const size_t passed = run.passed();
    (opt.format == "text" ? std::cout : std::cerr) << passed << " passed, " << run.outcomes.size() - passed << " failed\n";
    bool ok = passed == run.outcomes.size();
    if (opt.threshold && run.covered_percent() < *opt.threshold) {
        std::cerr << "pingcha test: 规则覆盖率 " << run.covered_percent() << "% 低于要求的 " << *opt.threshold << "%\n";
        ok = false;
    }
    return ok ? 0 : 1;
}

}  // namespace

Runner add_test(CLI::App& app) {
    auto opt = std::make_shared<TestOptions>();
    app.add_option("path", opt->path, "规则包目录或 .pc 文件")->required();
    app.add_option("--run", opt->run, "只运行名称匹配该正则表达式的测试");
    app.add_option("--format", opt->format, "输出格式：text、json、sarif 或 junit")
        ->check(CLI::IsMember({"text", "json", "sarif", "junit"}));
    app.add_flag("--coverage", opt->coverage, "报告每条规则是否在测试中触发、条件是否真假都出现过");
    app.add_option("--threshold", opt->threshold, "触发过的规则占比低于 N% 时失败")->check(CLI::Range(0.0, 100.0));
    app.footer("退出码：0 全部通过；1 有测试失败或覆盖率不足；2 用法错误或规则包无法加载。");
    add_limit_option(app, opt->limits);
    return [opt] { return run_tests(*opt); };
}

}  // namespace pingcha::cli
