// The batch cross-review subcommands on the SQLite store: import, run, assign, report.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "store_guard.hpp"
#include "plan/compiler.hpp"
#include "review/assign.hpp"
#include "review/diff.hpp"
#include "review/report.hpp"
#include "review/report_html.hpp"
#include "review/report_xlsx.hpp"
#include "store/import.hpp"
#include "store/run.hpp"
#include "store/store.hpp"

namespace pingcha::cli {
namespace {

// ------------------------------------------------------------------------ import

struct ImportOptions {
    std::string db;
    std::vector<std::string> inputs;
    Limits limits;
};

int run_import(const ImportOptions& opt) {
    return store_guarded([&] {
        auto db = store::open_store(opt.db, true);
        std::vector<store::ImportInput> inputs;
        for (const auto& path : opt.inputs) {
            store::ImportInput in;
            in.path = path == "-" ? "<stdin>" : path;
            // A regular file within max_input_bytes is mapped; anything else (stdin, a pipe, a
            // directory, a file over the limit) goes through the bounded reader, which says why.
            std::error_code ec;
            std::string ignored;
            if (path != "-" && std::filesystem::is_regular_file(path, ec) &&
                std::filesystem::file_size(path, ec) <= opt.limits.max_input_bytes && !ec)
                in.mapped = store::MappedFile::open(path, ignored);
            if (!in.mapped) in.text = read_file_or_stdin(path, in.read_error, opt.limits.max_input_bytes);
            inputs.push_back(std::move(in));
        }
        const auto s = store::import_batch(*db, inputs, opt.limits);
        for (const auto& r : s.rejections) std::cerr << "pingcha: 拒收记录：" << r.to_string() << "\n";
        std::cerr << "导入批次 " << s.import_id << "：新增案卷 " << s.new_cases << "，新修订 " << s.new_revisions
                  << "，未变 " << s.unchanged << "，拒收 " << s.rejected << "\n";
        return 0;
    });
}

// --------------------------------------------------------------------------- run

struct RunOptions {
    std::string db;
    std::string rules;
    std::string round;
    unsigned jobs = 0;
    int64_t resume = 0;
    Limits limits;
};

// A progress bar with rate and ETA on a terminal; a plain line every few seconds otherwise.
class Progress {
public:
    explicit Progress(bool terminal) : terminal_(terminal), start_(std::chrono::steady_clock::now()) {}
    void update(size_t done, size_t total, size_t base, bool final = false) {
        const auto now = std::chrono::steady_clock::now();
        if (!final && last_ && now - *last_ < (terminal_ ? std::chrono::milliseconds(200) : std::chrono::seconds(5))) return;
        last_ = now;
        const double secs = std::chrono::duration<double>(now - start_).count();
        const double rate = secs > 0 ? static_cast<double>(done - base) / secs : 0;
        const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
        const int pct = total ? static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total)) : 100;
        char line[160];
        if (terminal_) {
            std::string bar(30, ' ');
            for (size_t i = 0; i < 30 * done / std::max<size_t>(total, 1); ++i) bar[i] = '#';
            std::snprintf(line, sizeof line, "\r[%s] %zu/%zu %3d%% %.0f 件/秒 剩余 %.0f 秒 ", bar.c_str(), done, total,
                          pct, rate, eta);
            std::cerr << line << (final ? "\n" : "") << std::flush;
        } else {
            std::snprintf(line, sizeof line, "进度 %zu/%zu（%d%%），%.0f 件/秒，预计剩余 %.0f 秒\n", done, total, pct,
                          rate, eta);
            std::cerr << line << std::flush;
        }
    }

private:
    bool terminal_;
    std::chrono::steady_clock::time_point start_;
    std::optional<std::chrono::steady_clock::time_point> last_;
};

int run_run(const RunOptions& opt) {
    return store_guarded([&] {
        auto pack = load_pack_to_evaluate(opt.rules, opt.limits);
        if (!pack) return 2;
        const unsigned jobs = opt.jobs ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
        auto db = store::open_store(opt.db, false);
        store::RunInfo run;
        if (opt.resume) {
            run = store::load_run(*db, opt.resume);
            if (run.pack_digest != pack->info.digest)
                throw store::StoreError("运行 " + std::to_string(run.id) + " 使用的规则包（" + run.pack_name + " " +
                                        run.pack_version + "，摘要 " + run.pack_digest.substr(0, 12) +
                                        "…）与 --rules 给出的不同（摘要 " + pack->info.digest.substr(0, 12) +
                                        "…），不能续跑");
            if (run.status == "done") {
                std::cout << run.id << std::endl;
                std::cerr << "运行 " << run.id << " 已完成（" << run.case_count << " 件），无需续跑\n";
                return 0;
            }
        } else {
            nlohmann::json options = {{"rules", opt.rules}, {"jobs", jobs}};
            if (!opt.round.empty()) options["round"] = opt.round;
            run = store::create_run(*db, *pack,
                                    opt.round.empty() ? std::nullopt : std::optional<std::string>(opt.round),
                                    options.dump());
        }
        db.reset();
        // The id first, so that a killed run can be resumed from what the caller captured.
        std::cout << run.id << std::endl;
        std::cerr << (opt.resume ? "续跑运行 " : "运行 ") << run.id << "：" << run.case_count << " 件，" << jobs
                  << " 个线程\n";
        Progress bar(stderr_is_terminal());
        const auto outcome = store::execute_run(opt.db, run, *pack, jobs, [&](size_t done, size_t total, size_t base) {
            if (done < total) bar.update(done, total, base);  // the last line is printed below
        }, 2000, opt.limits);
        bar.update(outcome.already_done + outcome.evaluated, outcome.total, outcome.already_done, true);
        for (const auto& f : outcome.failures) std::cerr << "pingcha: 无法评查修订 " << f << "\n";
        std::cerr << "运行 " << run.id << "：本次评查 " << outcome.evaluated << " 件，此前已完成 "
                  << outcome.already_done << " 件，共 " << outcome.total << " 件"
                  << (outcome.done ? "，已完成" : "，未完成（可用 --resume 续跑）") << "\n";
        return outcome.done ? 0 : 2;
    });
}

// ------------------------------------------------------------------------ assign

struct AssignOptions {
    std::string db;
    std::string round;
    std::vector<std::string> reviewers;
    int per_agency = 0;
    uint64_t seed = 0;
};

int run_assign(const AssignOptions& opt) {
    return store_guarded([&] {
        auto db = store::open_store(opt.db, false);
        review::AssignRequest req;
        req.round = opt.round;
        req.reviewers = opt.reviewers;
        if (opt.per_agency > 0) req.per_agency = static_cast<size_t>(opt.per_agency);
        req.seed = opt.seed;
        const auto result = review::assign_round(*db, req);
        for (const auto& note : result.notes) std::cerr << "pingcha: " << note << "\n";
        std::cerr << "评查轮次「" << opt.round << "」：抽取 " << result.assigned << " 件\n";
        for (const auto& [reviewer, load] : result.load) std::cerr << "  " << reviewer << " 评查 " << load << " 件\n";
        return 0;
    });
}

// ------------------------------------------------------------------------ report

struct ReportOptions {
    std::string db;
    int64_t run = 0;
    std::string format = "md";
    std::string out;
    size_t worst = 10;
};

int run_report(const ReportOptions& opt) {
    const bool to_stdout = opt.out.empty() || opt.out == "-";
    if (opt.format == "xlsx" && to_stdout) {
        std::cerr << "pingcha: xlsx 是二进制格式，不写到终端或标准输出；请用 --out 指定 .xlsx 文件\n";
        return 2;
    }
    return store_guarded([&] {
        auto db = store::open_store(opt.db, false);
        const auto data = review::build_report(*db, opt.run, opt.worst);
        if (opt.format == "xlsx") {
            review::write_report_xlsx(data, opt.out);
            std::cerr << "报告已写入 " << opt.out << "\n";
            return 0;
        }
        std::string text;
        if (opt.format == "json") text = review::report_json(data);
        else if (opt.format == "csv") text = review::report_csv(data);
        else if (opt.format == "html") text = review::report_html(data);
        else text = review::report_markdown(data);
        if (to_stdout) {
            std::cout << text;
            return 0;
        }
        std::ofstream out(opt.out, std::ios::binary);
        out << text;
        out.close();
        if (!out) throw std::runtime_error("无法写入 " + opt.out);
        std::cerr << "报告已写入 " << opt.out << "\n";
        return 0;
    });
}

// -------------------------------------------------------------------------- diff

struct DiffOptions {
    std::string db;
    std::vector<int64_t> runs;
    std::string format = "text";
};

int run_diff(const DiffOptions& opt) {
    return store_guarded([&] {
        auto db = store::open_store(opt.db, false);
        const auto d = review::diff_runs(*db, opt.runs.at(0), opt.runs.at(1));
        std::cout << (opt.format == "json" ? d.dump(2) + "\n" : review::diff_text(d));
        return 0;
    });
}

}  // namespace

Runner add_diff(CLI::App& app) {
    auto opt = std::make_shared<DiffOptions>();
    app.add_option("--db", opt->db, "评查库")->required();
    app.add_option("--run", opt->runs, "两次运行的编号：--run A --run B")->required()->expected(2)->check(
        CLI::PositiveNumber);
    app.add_option("--format", opt->format, "输出格式：text 或 json")->check(CLI::IsMember({"text", "json"}));
    return [opt] { return run_diff(*opt); };
}

Runner add_import(CLI::App& app) {
    auto opt = std::make_shared<ImportOptions>();
    app.add_option("--db", opt->db, "评查库（SQLite 文件，不存在则创建）")->required();
    app.add_option("inputs", opt->inputs,
                   "案卷文件：JSON 对象、JSON 数组、JSON Lines 或 .csv（列名为字段路径，见 docs/store.md）；- 表示标准输入")
        ->required();
    add_limit_option(app, opt->limits);
    return [opt] { return run_import(*opt); };
}

Runner add_run(CLI::App& app) {
    auto opt = std::make_shared<RunOptions>();
    app.add_option("--db", opt->db, "评查库")->required();
    app.add_option("--rules", opt->rules, "规则包目录或 .pc 文件")->required();
    auto* round = app.add_option("--round", opt->round, "只评查该轮次分配的案卷");
    app.add_option("--jobs,-j", opt->jobs, "并行线程数（默认为处理器数）")->check(CLI::Range(1u, 256u));
    app.add_option("--resume", opt->resume, "续跑被中断的运行（运行编号）")->excludes(round)->check(CLI::PositiveNumber);
    add_limit_option(app, opt->limits);
    return [opt] { return run_run(*opt); };
}

Runner add_assign(CLI::App& app) {
    auto opt = std::make_shared<AssignOptions>();
    app.add_option("--db", opt->db, "评查库")->required();
    app.add_option("--round", opt->round, "评查轮次名称（新建）")->required();
    app.add_option("--reviewers", opt->reviewers, "评查单位代码（一个或多个）")->required()->expected(1, -1);
    app.add_option("--per-agency", opt->per_agency, "每个被评查单位抽取的案卷数（缺省为全部）")
        ->check(CLI::PositiveNumber);
    app.add_option("--seed", opt->seed, "随机种子（同一库、同一种子得到同一抽样与分配）")->required();
    return [opt] { return run_assign(*opt); };
}

Runner add_report(CLI::App& app) {
    auto opt = std::make_shared<ReportOptions>();
    app.add_option("--db", opt->db, "评查库")->required();
    app.add_option("--run", opt->run, "运行编号")->required()->check(CLI::PositiveNumber);
    app.add_option("--format", opt->format, "输出格式：md、html、csv、xlsx 或 json")
        ->check(CLI::IsMember({"md", "html", "csv", "xlsx", "json"}));
    app.add_option("--out", opt->out, "输出文件（缺省或 - 为标准输出；xlsx 必须指定文件）");
    app.add_option("--worst", opt->worst, "典型案例汇编列出得分最低的案卷数（默认 10）");
    return [opt] { return run_report(*opt); };
}

}  // namespace pingcha::cli
