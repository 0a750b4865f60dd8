#include <iostream>
#include <map>

#include "commands.hpp"

namespace {

struct Subcommand {
    const char* name;
    const char* summary;
    pingcha::cli::Runner (*add)(CLI::App&);
};

const Subcommand kSubcommands[] = {
    {"eval", "按规则包评查案卷（JSON / JSON Lines），输出评分与问题清单", pingcha::cli::add_eval},
    {"check", "检查规则文件：语法、名称、类型、字段与表格", pingcha::cli::add_check},
    {"test", "运行规则包中的 test 用例", pingcha::cli::add_test},
    {"laws", "法规库：从法规文本导入法规条目", pingcha::cli::add_laws},
    {"fmt", "按统一版式格式化 .pc 规则文件（--check 检查，-w 改写，--diff 显示差异）", pingcha::cli::add_fmt},
    {"import", "把案卷（JSON / JSON Lines / CSV）导入评查库（SQLite），逐件校验，拒收的记录入库备查", pingcha::cli::add_import},
    {"assign", "交叉评查抽样：按单位随机抽取案卷并分配给其他评查单位", pingcha::cli::add_assign},
    {"run", "对评查库中的案卷（或某一轮次）并行评查并保存结果，可续跑", pingcha::cli::add_run},
    {"report", "汇总一次运行的评查结果：各单位、各部分扣分、常见问题排行", pingcha::cli::add_report},
    {"diff", "比较两次运行：等级变化，以及得分、等级或问题有变化的案卷", pingcha::cli::add_diff},
    {"adjudicate", "裁定：确认、撤销或调整某次运行中案卷的一条问题（只追加，不覆盖），输出裁定后的得分与等级", pingcha::cli::add_adjudicate},
    {"history", "列出案卷的全部记录：导入修订、各次运行结果、每一条裁定（含已被取代的）", pingcha::cli::add_history},
    {"serve", "本地网页：运行列表、可筛选的案卷列表、案卷评查页与裁定表单（默认只监听 127.0.0.1）", pingcha::cli::add_serve},
    {"gen", "生成逼真的深汕案卷样例（可复现：同一种子逐字节相同），多数无问题，其余带有评查规则能发现的问题", pingcha::cli::add_gen},
    {"audit", "督察单个案卷：逐条说明评查结果，输出评查表（HTML / Markdown）", pingcha::cli::add_audit},
};

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"pingcha 评查：行政执法案卷自动评查引擎"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("pingcha ") + pingcha::cli::kVersion);
    std::map<CLI::App*, pingcha::cli::Runner> runners;
    for (const auto& sub : kSubcommands) {
        CLI::App* app_sub = app.add_subcommand(sub.name, sub.summary);
        runners[app_sub] = sub.add(*app_sub);
    }
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
