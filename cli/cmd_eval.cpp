#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "commands.hpp"
#include "eval/evaluator.hpp"
#include "plan/compiler.hpp"
#include "record/input_blocks.hpp"
#include "record/loader.hpp"
#include "report/case_report.hpp"
#include "report/explanation_report.hpp"
#include "report/score_sheet.hpp"

namespace pingcha::cli {
namespace {

struct EvalOptions {
    std::string rules;
    std::string format = "text";
    unsigned jobs = 1;
    bool explain = false;
    std::string sheet;  // html | md: the score sheet of the one case
    std::string out;    // where the sheet goes (default stdout)
    std::vector<std::string> inputs;
    Limits limits;
};

// Reads, evaluates and renders records into its own output buffer; one per thread.
class EvalWorker {
public:
    EvalWorker(const RulePack& pack, bool json, const Limits& limits)
        : pack_(pack), json_(json), reader_(pack.keys, limits), evaluator_(pack), writer_(pack) {
        out_.reserve(kFlushAt + (kFlushAt >> 2));
    }
    // Whether to write the output out whenever it grows past kFlushAt (only for a worker
    // whose records come next in the output).
    void set_streaming(bool on) { streaming_ = on; }
    void read_whole(std::string_view path, std::string_view text) {
        reader_.read(path, text, [this](const Record* r, const RecordRejection* bad) { take(r, bad); });
    }
    // Returns the number of line ends in `text`.
    size_t read_lines(std::string_view path, std::string_view text, size_t first_line) {
        return reader_.read_lines(path, text, first_line, [this](const Record* r, const RecordRejection* bad) { take(r, bad); });
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
        if (json_) writer_.append(out_, result_, record->source);
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
    ResultJsonWriter writer_;
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
// Returns the number of line ends in the block.
size_t eval_block(std::vector<std::unique_ptr<EvalWorker>>& workers, std::string_view path, std::string_view text,
                  size_t first_line) {
    if (workers.size() == 1) return workers[0]->read_lines(path, text, first_line);
    const auto parts = split_lines(text, workers.size());
    // Each part's first line number must be known before the parts are read.
    std::vector<size_t> lines(parts.size(), first_line);
    for (size_t k = 1; k < parts.size(); ++k)
        lines[k] = lines[k - 1] + count_lines(text.substr(parts[k - 1].first, parts[k - 1].second - parts[k - 1].first));
    size_t last_part_lines = 0;
    std::vector<std::jthread> threads;
    for (size_t k = 1; k < parts.size(); ++k)
        threads.emplace_back([&, k] {
            const size_t n =
                workers[k]->read_lines(path, text.substr(parts[k].first, parts[k].second - parts[k].first), lines[k]);
            if (k + 1 == parts.size()) last_part_lines = n;
        });
    workers[0]->read_lines(path, text.substr(parts[0].first, parts[0].second - parts[0].first), lines[0]);
    threads.clear();  // joins
    for (auto& w : workers) w->emit();
    return lines.back() - first_line + last_part_lines;
}

void input_error(const std::string& message) {
    std::fflush(stdout);
    std::cerr << "pingcha: " << message << "\n";
}

// A file that cannot be read at all, or is larger than max_input_bytes (as read_file_or_stdin says).
std::optional<std::string> unreadable(const std::string& input, size_t max_bytes) {
    std::error_code ec;
    if (std::filesystem::is_directory(input, ec)) return "无法读取文件：" + input + " 是目录";
    if (const auto size = std::filesystem::file_size(input, ec); !ec && size > max_bytes)
        return input_too_large(input, max_bytes) + "：文件有 " + std::to_string(size) + " 字节";
    return std::nullopt;
}

// One input: JSON Lines block by block (bounded memory), any other layout read whole.
bool eval_input(std::vector<std::unique_ptr<EvalWorker>>& workers, const std::string& input, size_t max_bytes) {
    const bool from_stdin = input == "-";
    if (!from_stdin)
        if (const auto problem = unreadable(input, max_bytes)) {
            input_error(*problem);
            return false;
        }
    std::FILE* file = from_stdin ? stdin : std::fopen(input.c_str(), "rb");
    if (!file) {
        input_error("无法读取文件：" + input);
        return false;
    }
    const std::string path = from_stdin ? "<stdin>" : input;
    InputBlocks blocks(file, workers.size() == 1 ? InputBlocks::kCachedBlock : InputBlocks::kBlock);
    std::string_view text;
    size_t first_line = 1;  // of the block
    bool ok = true;
    if (blocks.next(text)) {
        if (CaseReader::is_json_lines(text)) {
            // Standard input (or a file that grew) is cut off after max_input_bytes.
            do {
                if (blocks.read_through() > max_bytes) {
                    input_error(input_too_large(path, max_bytes));
                    ok = false;
                    break;
                }
                first_line += eval_block(workers, path, text, first_line);
            } while (blocks.next(text));
        } else {
            const std::string whole = blocks.rest(max_bytes);
            if (whole.size() > max_bytes) {
                input_error(input_too_large(path, max_bytes));
                ok = false;
            } else {
                workers[0]->read_whole(path, whole);
            }
        }
    }
    if (blocks.failed()) {
        input_error("无法读取文件：" + input);
        ok = false;
    }
    if (!from_stdin) std::fclose(file);
    return ok;
}

// --explain and --sheet: one thread, every input read whole, explanations kept per record.
int run_explained(const EvalOptions& opt, const RulePack& pack) {
    Evaluator evaluator(pack);
    CaseReader reader(pack.keys, opt.limits);
    const bool json = opt.format == "json";
    bool rejected = false;
    size_t sheets = 0;
    std::string sheet, out;
    const auto flush = [&] {
        std::fwrite(out.data(), 1, out.size(), stdout);
        std::fflush(stdout);
        out.clear();
    };
    for (const auto& input : opt.inputs) {
        std::string error;
        const std::string text = read_file_or_stdin(input, error, opt.limits.max_input_bytes);
        if (!error.empty()) {
            input_error(error);
            rejected = true;
            continue;
        }
        reader.read(input == "-" ? "<stdin>" : input, text, [&](const Record* record, const RecordRejection* bad) {
            if (bad) {
                rejected = true;
                const std::string message = bad->to_string();
                if (json) append_rejection_json(out, bad->case_id, bad->source, message);
                else out += "拒收 " + message + "\n";
                out += '\n';
                flush();
                std::cerr << "pingcha: 拒收记录：" << message << "\n";
                return;
            }
            std::vector<RuleExplanation> explanations;
            const CaseResult result = evaluator.evaluate(*record, &explanations);
            if (!opt.sheet.empty()) {
                if (++sheets == 1) sheet = render_score_sheet(opt.sheet, pack, result, explanations, sheet_header(*record, pack));
                return;
            }
            if (json) {
                auto j = result_to_json(result, pack.info, record->source);
                j["explanation"] = explanations_json(explanations);
                out += j.dump();
            } else {
                out += result_to_text(result, pack, record->source) + explanations_text(explanations);
            }
            out += '\n';
            if (out.size() > (1 << 20)) flush();
        });
    }
    flush();
    if (!opt.sheet.empty()) {
        if (sheets != 1) {
            std::cerr << "pingcha: --sheet 只能用于恰好一个案卷，输入中有 " << sheets << " 个可评查的案卷\n";
            return 2;
        }
        if (!write_text(opt.out, sheet)) return 2;
    }
    return rejected ? 2 : 0;
}

int run_eval(const EvalOptions& opt) {
    auto pack = load_pack_to_evaluate(opt.rules, opt.limits);
    if (!pack) return 2;
    if (opt.explain || !opt.sheet.empty()) return run_explained(opt, *pack);
    const bool json = opt.format == "json";
    std::vector<std::unique_ptr<EvalWorker>> workers;
    for (unsigned k = 0; k < std::max(1u, opt.jobs); ++k)
        workers.push_back(std::make_unique<EvalWorker>(*pack, json, opt.limits));
    workers[0]->set_streaming(true);  // it always reads the records whose output comes next
    bool ok = true;
    for (const auto& input : opt.inputs) {
        ok = eval_input(workers, input, opt.limits.max_input_bytes) && ok;
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
    app.add_option("--jobs,-j", opt->jobs, "评查线程数（按输入顺序输出；--explain、--sheet 时为 1）")
        ->check(CLI::Range(1u, 256u));
    app.add_flag("--explain", opt->explain, "逐条说明每条规则触发、未触发或不适用的原因（判定的值、缺失的字段、法规版本、裁量阶次）");
    app.add_option("--sheet", opt->sheet, "输出单个案卷的评查表：html（A4 可打印）或 md")
        ->check(CLI::IsMember({"html", "md"}));
    app.add_option("--out", opt->out, "评查表写入的文件（缺省为标准输出）");
    app.add_option("files", opt->inputs, "案卷文件：JSON 对象、JSON 数组或 JSON Lines；- 表示标准输入")->required();
    add_limit_option(app, opt->limits);
    return [opt] { return run_eval(*opt); };
}

}  // namespace pingcha::cli
