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
    auto* import = app.add_subcommand("import", "把案卷（JSON / JSON Lines / CSV）导入评查库（SQLite），逐件校验，拒收的记录入库备查");
    runners[import] = pingcha::cli::add_import(*import);
    auto* assign = app.add_subcommand("assign", "交叉评查抽样：按单位随机抽取案卷并分配给其他评查单位");
    runners[assign] = pingcha::cli::add_assign(*assign);
    auto* run = app.add_subcommand("run", "对评查库中的案卷（或某一轮次）并行评查并保存结果，可续跑");
    runners[run] = pingcha::cli::add_run(*run);
    auto* report = app.add_subcommand("report", "汇总一次运行的评查结果：各单位、各部分扣分、常见问题排行");
    runners[report] = pingcha::cli::add_report(*report);
    auto* diff = app.add_subcommand("diff", "比较两次运行：等级变化，以及得分、等级或问题有变化的案卷");
    runners[diff] = pingcha::cli::add_diff(*diff);
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
