#include "review/case_explanation.hpp"

#include <nlohmann/json.hpp>

#include "eval/evaluator.hpp"
#include "plan/compiler.hpp"
#include "record/loader.hpp"
#include "report/case_report.hpp"

namespace pingcha::review {
namespace {

std::string outcome_text(const nlohmann::json& result) {
    if (!result.is_object()) return "无法解析";
    return result.value("score", nlohmann::json()).dump() + " " + result.value("grade", std::string());
}

}  // namespace

RunPack load_run_pack(const store::RunInfo& run, const std::string& recorded_path, const std::string& given) {
    RunPack out;
    const std::string path = given.empty() ? recorded_path : given;
    const std::string run_text = "运行 " + std::to_string(run.id);
    if (path.empty()) {
        out.problem = run_text + " 没有记录规则包路径，请用 --rules 指定规则包（摘要须为 " +
                      run.pack_digest.substr(0, 12) + "…）";
        return out;
    }
    auto pack = load_rule_pack(path, out.diagnostics);
    if (!pack) {
        out.problem = "规则包 " + path + " 无法加载（" + std::to_string(out.diagnostics.error_count()) + " 个错误）";
        return out;
    }
    if (pack->info.digest != run.pack_digest) {
        out.problem = "规则包不一致，拒绝解释：" + run_text + " 使用的是 " + run.pack_name + " " + run.pack_version +
                      "（摘要 " + run.pack_digest + "），而 " + path + " 是 " + pack->info.name + " " +
                      pack->info.version + "（摘要 " + pack->info.digest +
                      "）。规则包改动后重新评查的解释与保存的结果不符；请用 --rules 指定与该运行摘要相同的规则包"
                      "（例如从版本库检出当时的规则包）。";
        return out;
    }
    out.pack = std::move(pack);
    return out;
}

CaseExplanation explain_stored_case(const RulePack& pack, const store::StoredCase& stored) {
    CaseExplanation out;
    Evaluator evaluator(pack);
    CaseReader reader(pack.keys);
    std::string error;
    reader.read(stored.source, stored.record_json, [&](const Record* record, const RecordRejection* bad) {
        if (out.result || !error.empty()) return;
        if (bad) {
            error = bad->to_string();
            return;
        }
        out.result = evaluator.evaluate(*record, &out.explanations);
        out.header = sheet_header(*record, pack, stored.reviewer);
    });
    if (!out.result) {
        out.problem = "评查库中保存的案卷「" + stored.case_id + "」无法读取：" + error;
        return out;
    }
    const auto recomputed = result_to_json(*out.result, pack.info, stored.source);
    if (recomputed.dump() != stored.result_json) {
        out.problem = "用同一规则包重新评查案卷「" + stored.case_id + "」的结果与运行 " + std::to_string(stored.run.id) +
                      " 保存的结果不同（保存：" + outcome_text(nlohmann::json::parse(stored.result_json, nullptr, false)) +
                      "；重算：" + recomputed["score"].dump() + " " + out.result->grade +
                      "），说明无法对应保存的结果；请使用产生该运行的 pingcha 版本";
        out.result.reset();
        out.explanations.clear();
        return out;
    }
    out.header.run = std::to_string(stored.run.id);
    out.header.round = stored.run.round.value_or("");
    return out;
}

}  // namespace pingcha::review
