// `pingcha adjudicate` (record a supervisor's decision on a finding) and `pingcha history`
// (everything the store knows about one case).
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "store_guard.hpp"
#include "review/adjudication.hpp"
#include "review/history.hpp"
#include "store/store.hpp"

namespace pingcha::cli {
namespace {

struct AdjudicateOptions {
    std::string db, case_id, rule, path, decision, points, reason, reviewer, format = "text";
    int64_t run = 0;
    bool has_path = false, has_points = false;
};

std::string outcome_line(const CaseResult& r) {
    return r.score.to_decimal_string() + " 分，" + r.grade + (r.veto ? "（否决）" : "");
}

int run_adjudicate(const AdjudicateOptions& opt) {
    return store_guarded([&] {
        auto db = store::open_store(opt.db, false);
        review::AdjudicationRequest req;
        req.run_id = opt.run;
        req.case_id = opt.case_id;
        req.rule = opt.rule;
        if (opt.has_path) req.path = opt.path;
        req.decision = *review::parse_decision(opt.decision);
        if (opt.has_points) req.points = opt.points;
        req.reason = opt.reason;
        req.reviewer = opt.reviewer;
        const auto out = review::adjudicate(*db, req);
        const auto& a = out.audit;
        if (opt.format == "json") {
            nlohmann::ordered_json j = {{"id", out.id},
                                        {"supersedes", out.supersedes ? nlohmann::ordered_json(*out.supersedes) : nullptr},
                                        {"run", a.run.id},
                                        {"case", a.case_id},
                                        {"engine", review::outcome_json(a.engine)},
                                        {"adjudicated", review::outcome_json(a.adjudicated)}};
            std::cout << j.dump() << "\n";
            return 0;
        }
        std::cout << "裁定 #" << out.id << " 已记录";
        if (out.supersedes) std::cout << "（取代 #" << *out.supersedes << "）";
        std::cout << "：运行 " << a.run.id << " 案卷 " << a.case_id << " 规则 " << opt.rule << " "
                  << review::decision_label(req.decision) << "\n";
        std::cout << "引擎评分：" << outcome_line(a.engine) << "\n";
        std::cout << "裁定后评分：" << outcome_line(a.adjudicated) << "\n";
        return 0;
    });
}

struct HistoryOptions {
    std::string db, case_id, format = "text";
    int64_t run = 0;
};

int run_history(const HistoryOptions& opt) {
    return store_guarded([&] {
        auto db = store::open_store(opt.db, false);
        const auto h = review::case_history(*db, opt.case_id, opt.run ? std::optional<int64_t>(opt.run) : std::nullopt);
        std::cout << (opt.format == "json" ? h.dump(2) + "\n" : review::history_text(h));
        return 0;
    });
}

}  // namespace

Runner add_adjudicate(CLI::App& app) {
    auto opt = std::make_shared<AdjudicateOptions>();
    app.add_option("--db", opt->db, "评查库")->required();
    app.add_option("--run", opt->run, "运行编号")->required()->check(CLI::PositiveNumber);
    app.add_option("--case", opt->case_id, "案卷编号")->required();
    app.add_option("--rule", opt->rule, "问题的规则编号")->required();
    auto* path = app.add_option("--path", opt->path, "同一规则有多条问题时指明哪一条：元素路径（如 basis[1]）或 #序号");
    app.add_option("--decision", opt->decision, "confirm（确认）、dismiss（撤销）或 adjust（调整扣分）")
        ->required()
        ->check(CLI::IsMember({"confirm", "dismiss", "adjust"}));
    auto* points = app.add_option("--points", opt->points, "adjust 时该问题的扣分（0 至所在部分满分）");
    app.add_option("--reason", opt->reason, "裁定理由")->required();
    app.add_option("--reviewer", opt->reviewer, "裁定人")->required();
    app.add_option("--format", opt->format, "输出格式：text 或 json")->check(CLI::IsMember({"text", "json"}));
    return [opt, path, points] {
        opt->has_path = path->count() > 0;
        opt->has_points = points->count() > 0;
        return run_adjudicate(*opt);
    };
}

Runner add_history(CLI::App& app) {
    auto opt = std::make_shared<HistoryOptions>();
    app.add_option("--db", opt->db, "评查库")->required();
    app.add_option("--case", opt->case_id, "案卷编号")->required();
    app.add_option("--run", opt->run, "只列出该运行")->check(CLI::PositiveNumber);
    app.add_option("--format", opt->format, "输出格式：text 或 json")->check(CLI::IsMember({"text", "json"}));
    return [opt] { return run_history(*opt); };
}

}  // namespace pingcha::cli
