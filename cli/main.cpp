#include <iostream>
#include <map>

#include "commands.hpp"

int main(int argc, char** argv) {
    CLI::App app{"pingcha 评查：行政执法案卷自动评查引擎"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("pingcha 0.1.0"));
    std::map<CLI::App*, pingcha::cli::Runner> runners;
    auto* eval = app.add_subcommand("eval", "按规则包评查案卷（JSON / JSON Lines），输出评分与问题清单");
    runners[eval] = pingcha::cli::add_eval(*eval);
    auto* check = app.add_subcommand("check", "检查规则文件：语法、名称、类型、字段与表格");
    runners[check] = pingcha::cli::add_check(*check);
    auto* test = app.add_subcommand("test", "运行规则包中的 test 用例");
    runners[test] = pingcha::cli::add_test(*test);
    auto* laws = app.add_subcommand("laws", "法规库：从法规文本导入法规条目");
    runners[laws] = pingcha::cli::add_laws(*laws);
    auto* fmt = app.add_subcommand("fmt", "按统一版式格式化 .pc 规则文件（--check 检查，-w 改写，--diff 显示差异）");
    runners[fmt] = pingcha::cli::add_fmt(*fmt);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    for (auto& [sub, run] : runners)
        if (sub->parsed()) return run();
    return 2;
}
