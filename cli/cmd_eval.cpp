#include <cstdio>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "eval/evaluator.hpp"
#include "plan/compiler.hpp"
#include "record/loader.hpp"
#include "report/case_report.hpp"
#include "report/explanation_report.hpp"
#include "report/score_sheet.hpp"

namespace pingcha::cli {
namespace {

struct EvalOptions {
    std::string rules;
    std::string format = "text";
    bool explain = false;
    std::string sheet;  // html | md: the score sheet of the one case
    std::string out;    // where the sheet goes (default stdout)
    std::vector<std::string> inputs;
    Limits limits;
};

// Buffers output and writes it in large blocks.
class Output {
public:
    ~Output() { flush(); }
    void line(const std::string& s) {
        buffer_ += s;
        buffer_ += '\n';
        if (buffer_.size() > (1 << 20)) flush();
    }
    void flush() {
        std::fwrite(buffer_.data(), 1, buffer_.size(), stdout);
        std::fflush(stdout);
        buffer_.clear();
    }

private:
    std::string buffer_;
};

int run_eval(const EvalOptions& opt) {
    Diagnostics diags;
    auto pack = load_rule_pack(opt.rules, diags, opt.limits);
    print_problems(diags);
    if (!pack) {
        std::cerr << "pingcha: 规则包有 " << diags.error_count() << " 个错误，未评查任何案卷\n";
        return 2;
    }
    Evaluator evaluator(*pack);
    CaseReader reader(pack->keys, opt.limits);
    Output out;
    const bool json = opt.format == "json";
    bool rejected = false;
    size_t sheets = 0;
    std::string sheet;
    for (const auto& input : opt.inputs) {
        std::string error;
        const std::string text = read_file_or_stdin(input, error, opt.limits.max_input_bytes);
        if (!error.empty()) {
            out.flush();
            std::cerr << "pingcha: " << error << "\n";
            rejected = true;
            continue;
        }
        reader.read(input == "-" ? "<stdin>" : input, text, [&](const Record* record, const RecordRejection* bad) {
            if (bad) {
                rejected = true;
                const std::string message = bad->to_string();
                if (json) out.line(rejection_to_json(bad->case_id, bad->source, message).dump());
                else out.line("拒收 " + message + "\n");
                out.flush();
                std::cerr << "pingcha: 拒收记录：" << message << "\n";
                return;
            }
            std::vector<RuleExplanation> explanations;
            const bool explain = opt.explain || !opt.sheet.empty();
            const CaseResult result = evaluator.evaluate(*record, explain ? &explanations : nullptr);
            if (!opt.sheet.empty()) {
                if (++sheets == 1) sheet = render_score_sheet(opt.sheet, *pack, result, explanations, sheet_header(*record, *pack));
                return;
            }
            if (json) {
                auto j = result_to_json(result, pack->info, record->source);
                if (opt.explain) j["explanation"] = explanations_json(explanations);
                out.line(j.dump());
            } else {
                out.line(result_to_text(result, *pack, record->source) +
                         (opt.explain ? explanations_text(explanations) : std::string()));
            }
        });
    }
    if (!opt.sheet.empty()) {
        if (sheets != 1) {
            std::cerr << "pingcha: --sheet 只能用于恰好一个案卷，输入中有 " << sheets << " 个可评查的案卷\n";
            return 2;
        }
        if (!write_text(opt.out, sheet)) return 2;
    }
    return rejected ? 2 : 0;
}

}  // namespace

Runner add_eval(CLI::App& app) {
    auto opt = std::make_shared<EvalOptions>();
    app.add_option("--rules", opt->rules, "规则包目录或 .pc 文件")->required();
    app.add_option("--format", opt->format, "输出格式：text（评查表）或 json（每行一个结果）")
        ->check(CLI::IsMember({"text", "json"}));
    app.add_flag("--explain", opt->explain, "逐条说明每条规则触发、未触发或不适用的原因（判定的值、缺失的字段、法规版本、裁量阶次）");
    app.add_option("--sheet", opt->sheet, "输出单个案卷的评查表：html（A4 可打印）或 md")
        ->check(CLI::IsMember({"html", "md"}));
    app.add_option("--out", opt->out, "评查表写入的文件（缺省为标准输出）");
    app.add_option("files", opt->inputs, "案卷文件：JSON 对象、JSON 数组或 JSON Lines；- 表示标准输入")->required();
    add_limit_option(app, opt->limits);
    return [opt] { return run_eval(*opt); };
}

}  // namespace pingcha::cli
