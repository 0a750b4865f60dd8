// `pingcha audit`: one case of a stored run explained for a supervisor (法治督察), and its
// score sheet. The run's rule pack must be the one on disk (same digest), otherwise the
// explanation would not explain what was stored.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "report/case_report.hpp"
#include "report/explanation_report.hpp"
#include "review/case_explanation.hpp"
#include "store/store.hpp"

namespace pingcha::cli {
namespace {

struct AuditOptions {
    std::string db;
    std::string case_id;
    int64_t run = 0;
    std::string rules;
    std::string format = "text";
    std::string sheet;
    std::string out;
};

std::string short_digest(const std::string& d) { return d.substr(0, 12) + "…"; }

int run_audit(const AuditOptions& opt) {
    try {
        auto db = store::open_store(opt.db, false);
        const auto stored =
            store::load_stored_case(*db, opt.case_id, opt.run ? std::optional<int64_t>(opt.run) : std::nullopt);
        db.reset();
        auto loaded = review::load_run_pack(stored.run, stored.rules_path, opt.rules);
        print_problems(loaded.diagnostics);
        if (!loaded.pack) {
            std::cerr << "pingcha: " << loaded.problem << "\n";
            return 2;
        }
        const RulePack& pack = *loaded.pack;
        auto explained = review::explain_stored_case(pack, stored);
        if (!explained.result) {
            std::cerr << "pingcha: " << explained.problem << "\n";
            return 2;
        }
        const CaseResult& result = *explained.result;
        const auto& explanations = explained.explanations;
        const SheetHeader& header = explained.header;
        if (!opt.sheet.empty())
            return write_text(opt.out, render_score_sheet(opt.sheet, pack, result, explanations, header)) ? 0 : 2;
        std::string text;
        if (opt.format == "json") {
            nlohmann::ordered_json j;
            j["case"] = stored.case_id;
            j["run"] = {{"id", stored.run.id},
                        {"rulepack", {{"name", stored.run.pack_name}, {"version", stored.run.pack_version},
                                      {"digest", stored.run.pack_digest}}},
                        {"round", stored.run.round ? nlohmann::ordered_json(*stored.run.round) : nullptr},
                        {"reviewer", stored.reviewer.empty() ? nlohmann::ordered_json(nullptr)
                                                             : nlohmann::ordered_json(stored.reviewer)}};
            j["revision"] = stored.revision;
            j["result"] = nlohmann::ordered_json::parse(stored.result_json);
            j["explanation"] = explanations_json(explanations);
            text = j.dump() + "\n";
        } else {
            text = "督察：案卷 " + stored.case_id + "，运行 " + std::to_string(stored.run.id) + "，修订 " +
                   std::to_string(stored.revision) + "\n规则包与运行记录一致：" + stored.run.pack_name + " " +
                   stored.run.pack_version + "（摘要 " + short_digest(stored.run.pack_digest) + "）\n" +
                   (header.reviewer_unit.empty() ? "" : "评查单位：" + header.reviewer_unit + "（轮次 " + header.round + "）\n") +
                   result_to_text(result, pack, stored.source) + explanations_text(explanations);
        }
        return write_text(opt.out, text) ? 0 : 2;
    } catch (const store::StoreError& e) {
        std::cerr << "pingcha: " << e.what() << "\n";
    } catch (const SQLite::Exception& e) {
        std::cerr << "pingcha: 评查库错误：" << e.what() << "\n";
    }
    return 2;
}

}  // namespace

Runner add_audit(CLI::App& app) {
    auto opt = std::make_shared<AuditOptions>();
    app.add_option("--db", opt->db, "评查库")->required();
    app.add_option("case", opt->case_id, "案号（案卷的 id）")->required();
    app.add_option("--run", opt->run, "运行编号（缺省为含该案卷结果的最近一次运行）")->check(CLI::PositiveNumber);
    app.add_option("--rules", opt->rules, "规则包（缺省为运行时记录的路径；摘要须与运行一致）");
    app.add_option("--format", opt->format, "输出格式：text 或 json")->check(CLI::IsMember({"text", "json"}));
    auto* sheet = app.add_option("--sheet", opt->sheet, "输出评查表：html（A4 可打印）或 md")
                      ->check(CLI::IsMember({"html", "md"}));
    app.add_option("--out", opt->out, "输出文件（缺省为标准输出）");
    sheet->excludes(app.get_option("--format"));
    app.footer("退出码：0 成功；2 评查库、案卷或运行不存在，规则包与运行不一致，或无法写出。");
    return [opt] { return run_audit(*opt); };
}

}  // namespace pingcha::cli
