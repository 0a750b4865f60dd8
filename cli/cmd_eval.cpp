#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "commands.hpp"
#include "eval/evaluator.hpp"
#include "plan/compiler.hpp"
#include "record/input_blocks.hpp"
#include "record/loader.hpp"
#include "report/case_report.hpp"

namespace pingcha::cli {
namespace {

struct EvalOptions {
    std::string rules;
    std::string format = "text";
    unsigned jobs = 1;
    std::vector<std::string> inputs;
};

// Reads, evaluates and renders records into its own output buffer; one per thread.
class EvalWorker {
public:
    EvalWorker(const RulePack& pack, bool json) : pack_(pack), json_(json), reader_(pack.keys), evaluator_(pack) {
        out_.reserve(kFlushAt + (kFlushAt >> 2));
    }
    // Whether to write the output out whenever it grows past kFlushAt (only for a worker
    // whose records come next in the output).
    void set_streaming(bool on) { streaming_ = on; }
    void read_whole(std::string_view path, std::string_view text) {
        reader_.read(path, text, [this](const Record* r, const RecordRejection* bad) { take(r, bad); });
    }
    void read_lines(std::string_view path, std::string_view text, size_t first_line) {
        reader_.read_lines(path, text, first_line, [this](const Record* r, const RecordRejection* bad) { take(r, bad); });
    }
    // Writes what it rendered: results to stdout, each rejection also to stderr, in order.
    void emit() {
        size_t from = 0;
        for (const auto& [at, message] : rejections_) {
            std::fwrite(out_.data() + from, 1, at - from, stdout);
            std::fflush(stdout);
            std::cerr << "pingcha: 拒收记录：" << message << "\n";
            from = at;
        }
        std::fwrite(out_.data() + from, 1, out_.size() - from, stdout);
        out_.clear();
        rejections_.clear();
    }
    bool rejected() const { return rejected_; }

private:
    static constexpr size_t kFlushAt = 1 << 20;

    void take(const Record* record, const RecordRejection* bad) {
        if (bad) {
            rejected_ = true;
            const std::string message = bad->to_string();
            if (json_) append_rejection_json(out_, bad->case_id, bad->source, message);
            else out_ += "拒收 " + message + "\n";
            out_ += '\n';
            rejections_.emplace_back(out_.size(), message);
            return;
        }
        evaluator_.evaluate(*record, result_);
        if (json_) append_result_json(out_, result_, pack_.info, record->source);
        else out_ += result_to_text(result_, pack_, record->source);
        out_ += '\n';
        if (streaming_ && out_.size() >= kFlushAt) emit();
    }

    const RulePack& pack_;
    bool json_;
    bool streaming_ = false;
    bool rejected_ = false;
    CaseReader reader_;
    Evaluator evaluator_;
    CaseResult result_;  // reused for every record
    std::string out_;
    std::vector<std::pair<size_t, std::string>> rejections_;  // (end of its output line, message)
};

// Splits `text` (whole lines) into `parts` pieces at line ends: [begin, end) offsets.
std::vector<std::pair<size_t, size_t>> split_lines(std::string_view text, size_t parts) {
    std::vector<std::pair<size_t, size_t>> out;
    size_t begin = 0;
    for (size_t k = 1; k <= parts; ++k) {
        size_t end = k == parts ? text.size() : std::max(begin, text.size() * k / parts);
        if (end < text.size()) {
            const size_t nl = text.find('\n', end);
            end = nl == std::string_view::npos ? text.size() : nl + 1;
        }
        out.emplace_back(begin, end);
        begin = end;
    }
    return out;
}

// One block of JSON Lines over all workers; their output is written in input order.
void eval_block(std::vector<std::unique_ptr<EvalWorker>>& workers, std::string_view path, std::string_view text,
                size_t first_line) {
    if (workers.size() == 1) {
        workers[0]->read_lines(path, text, first_line);
        return;
    }
    const auto parts = split_lines(text, workers.size());
    std::vector<size_t> lines(parts.size(), first_line);
    for (size_t k = 1; k < parts.size(); ++k)
        lines[k] = lines[k - 1] + count_lines(text.substr(parts[k - 1].first, parts[k - 1].second - parts[k - 1].first));
    std::vector<std::jthread> threads;
    for (size_t k = 1; k < parts.size(); ++k)
        threads.emplace_back([&, k] {
            workers[k]->read_lines(path, text.substr(parts[k].first, parts[k].second - parts[k].first), lines[k]);
        });
    workers[0]->read_lines(path, text.substr(parts[0].first, parts[0].second - parts[0].first), lines[0]);
    threads.clear();  // joins
    for (auto& w : workers) w->emit();
}

// One input: JSON Lines block by block (bounded memory), any other layout read whole.
bool eval_input(std::vector<std::unique_ptr<EvalWorker>>& workers, const std::string& input) {
    const bool from_stdin = input == "-";
    std::FILE* file = from_stdin ? stdin : std::fopen(input.c_str(), "rb");
    if (!file) {
        std::fflush(stdout);
        std::cerr << "pingcha: 无法读取文件：" << input << "\n";
        return false;
    }
    const std::string path = from_stdin ? "<stdin>" : input;
    InputBlocks blocks(file);
    std::string_view text;
    size_t first_line = 1;
    bool ok = true;
    if (blocks.next(text, first_line)) {
        if (CaseReader::is_json_lines(text)) {
            do eval_block(workers, path, text, first_line);
            while (blocks.next(text, first_line));
        } else {
            const std::string whole = blocks.rest();
            workers[0]->read_whole(path, whole);
        }
    }
    if (blocks.failed()) {
        std::fflush(stdout);
        std::cerr << "pingcha: 无法读取文件：" << input << "\n";
        ok = false;
    }
    if (!from_stdin) std::fclose(file);
    return ok;
}

int run_eval(const EvalOptions& opt) {
    Diagnostics diags;
    auto pack = load_rule_pack(opt.rules, diags);
    print_problems(diags);
    if (!pack) {
        std::cerr << "pingcha: 规则包有 " << diags.error_count() << " 个错误，未评查任何案卷\n";
        return 2;
    }
    const bool json = opt.format == "json";
    std::vector<std::unique_ptr<EvalWorker>> workers;
    for (unsigned k = 0; k < std::max(1u, opt.jobs); ++k) workers.push_back(std::make_unique<EvalWorker>(*pack, json));
    workers[0]->set_streaming(true);  // it always reads the records whose output comes next
    bool ok = true;
    for (const auto& input : opt.inputs) {
        ok = eval_input(workers, input) && ok;
        for (auto& w : workers) w->emit();
    }
    std::fflush(stdout);
    for (const auto& w : workers) ok = ok && !w->rejected();
    return ok ? 0 : 2;
}

}  // namespace

Runner add_eval(CLI::App& app) {
    auto opt = std::make_shared<EvalOptions>();
    app.add_option("--rules", opt->rules, "规则包目录或 .pc 文件")->required();
    app.add_option("--format", opt->format, "输出格式：text（评查表）或 json（每行一个结果）")
        ->check(CLI::IsMember({"text", "json"}));
    app.add_option("--jobs,-j", opt->jobs, "评查线程数（按输入顺序输出）")->check(CLI::Range(1u, 256u));
    app.add_option("files", opt->inputs, "案卷文件：JSON 对象、JSON 数组或 JSON Lines；- 表示标准输入")->required();
    return [opt] { return run_eval(*opt); };
}

}  // namespace pingcha::cli
