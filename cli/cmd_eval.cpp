#include <cstdio>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "eval/evaluator.hpp"
#include "plan/compiler.hpp"
#include "record/loader.hpp"
#include "report/case_report.hpp"

namespace pingcha::cli {
namespace {

struct EvalOptions {
    std::string rules;
    std::string format = "text";
    std::vector<std::string> inputs;
};

// One reused buffer: each result is appended in place and written out in large blocks.
class Output {
public:
    Output() { buffer_.reserve(kBlock + (kBlock >> 2)); }
    ~Output() { flush(); }
    std::string& buffer() { return buffer_; }
    void end_line() {
        buffer_ += '\n';
        if (buffer_.size() >= kBlock) flush();
    }
    void line(const std::string& s) {
        buffer_ += s;
        end_line();
    }
    void flush() {
        std::fwrite(buffer_.data(), 1, buffer_.size(), stdout);
        std::fflush(stdout);
        buffer_.clear();
    }

private:
    static constexpr size_t kBlock = 1 << 20;
    std::string buffer_;
};

int run_eval(const EvalOptions& opt) {
    Diagnostics diags;
    auto pack = load_rule_pack(opt.rules, diags);
    print_problems(diags);
    if (!pack) {
        std::cerr << "pingcha: 规则包有 " << diags.error_count() << " 个错误，未评查任何案卷\n";
        return 2;
    }
    Evaluator evaluator(*pack);
    CaseReader reader(pack->keys);
    Output out;
    const bool json = opt.format == "json";
    bool rejected = false;
    for (const auto& input : opt.inputs) {
        std::string error;
        const std::string text = read_file_or_stdin(input, error);
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
                if (json) append_rejection_json(out.buffer(), bad->case_id, bad->source, message), out.end_line();
                else out.line("拒收 " + message + "\n");
                out.flush();
                std::cerr << "pingcha: 拒收记录：" << message << "\n";
                return;
            }
            const CaseResult result = evaluator.evaluate(*record);
            if (json) append_result_json(out.buffer(), result, pack->info, record->source), out.end_line();
            else out.line(result_to_text(result, *pack, record->source));
        });
    }
    return rejected ? 2 : 0;
}

}  // namespace

Runner add_eval(CLI::App& app) {
    auto opt = std::make_shared<EvalOptions>();
    app.add_option("--rules", opt->rules, "规则包目录或 .pc 文件")->required();
    app.add_option("--format", opt->format, "输出格式：text（评查表）或 json（每行一个结果）")
        ->check(CLI::IsMember({"text", "json"}));
    app.add_option("files", opt->inputs, "案卷文件：JSON 对象、JSON 数组或 JSON Lines；- 表示标准输入")->required();
    return [opt] { return run_eval(*opt); };
}

}  // namespace pingcha::cli
