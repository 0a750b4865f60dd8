#include "eval/evaluator.hpp"

#include <algorithm>

#include "core/json_out.hpp"
#include "plan/value_format.hpp"
#include "plan/value_ops.hpp"

namespace pingcha {

Evaluator::Evaluator(const RulePack& pack)
    : pack_(pack), slots_(pack.slot_count), slot_paths_(pack.slot_count) {}

CaseResult Evaluator::evaluate(const Record& record) {
    CaseResult result;
    evaluate(record, result);
    return result;
}

void Evaluator::evaluate(const Record& record, CaseResult& out) {
    scratch_.reset();
    out.warnings.clear();
    out.findings.clear();
    EvalContext ctx{pack_, record.root, slots_.data(), scratch_, &out.warnings};
    for (const auto& rule : pack_.rules) run_rule(rule, ctx, out.findings);
    const Value id = record.root.get(pack_.key_id);
    if (id.kind == ValueKind::text) out.case_id.assign(id.as_text());
    else out.case_id.clear();
    score_findings(pack_.standard, out);
}

void Evaluator::note_outcome(const CompiledRule& rule, std::optional<bool> outcome) {
    if (!coverage_ || !outcome) return;
    auto& c = (*coverage_)[static_cast<size_t>(&rule - pack_.rules.data())];
    (*outcome ? c.seen_true : c.seen_false) = true;
}

void Evaluator::run_rule(const CompiledRule& rule, EvalContext& ctx, std::vector<Finding>& findings) {
    if (!rule.each_slot) {
        const auto outcome = as_bool(rule.when->eval(ctx));
        note_outcome(rule, outcome);
        if (outcome == std::optional<bool>(true)) findings.push_back(make_finding(rule, ctx, {}));
        return;
    }
    const Value list = rule.each_list->eval(ctx);
    if (list.kind != ValueKind::list) return;
    for (uint32_t k = 0; k < list.size; ++k) {
        slots_[*rule.each_slot] = list.items[k];
        const auto outcome = as_bool(rule.when->eval(ctx));
        note_outcome(rule, outcome);
        if (outcome != std::optional<bool>(true)) continue;
        const std::string path = element_path(rule.each_list->origin(ctx), k, list.items[k], ctx.root, pack_.keys);
        findings.push_back(make_finding(rule, ctx, path));
    }
}

RuleExplanation Evaluator::explain(const Record& record, const CompiledRule& rule) {
    scratch_.reset();
    RuleExplanation out;
    FieldReads reads;
    EvalContext ctx{pack_, record.root, slots_.data(), scratch_, nullptr, &reads, &slot_paths_};
    auto judge = [&] { out.outcome = as_bool(rule.when->eval(ctx)); };
    if (!rule.each_slot) {
        judge();
    } else {
        const Value list = rule.each_list->eval(ctx);
        const std::string base = rule.each_list->origin(ctx);
        bool any_true = false, any_false = false;
        for (uint32_t k = 0; list.kind == ValueKind::list && k < list.size; ++k) {
            slots_[*rule.each_slot] = list.items[k];
            slot_paths_[*rule.each_slot] = element_path(base, k, list.items[k], record.root, pack_.keys);
            judge();
            any_true = any_true || out.outcome == std::optional<bool>(true);
            any_false = any_false || out.outcome == std::optional<bool>(false);
        }
        out.outcome = any_true ? std::optional<bool>(true) : any_false ? std::optional<bool>(false) : std::nullopt;
    }
    for (const auto& [path, value] : reads)
        if (!out.fields.contains(path)) out.fields[path] = value_to_json(value, pack_.keys);
    return out;
}

// Re-evaluates the condition with reads recorded, so that `fields` shows exactly what the
// rule looked at; costs nothing for rules that did not fire.
Finding Evaluator::make_finding(const CompiledRule& rule, EvalContext& ctx, const std::string& path) {
    Finding f;
    f.rule = rule.id;
    f.title = rule.title;
    f.section = rule.section;
    f.severity = rule.severity;
    f.points = rule.severity == FindingSeverity::deduct ? rule.points : Rational{};
    f.cites = rule.cites;
    FieldReads& reads = reads_;
    reads.clear();
    EvalContext traced = ctx;
    traced.reads = &reads;
    traced.warnings = nullptr;
    traced.slot_paths = &slot_paths_;
    if (rule.each_slot) slot_paths_[*rule.each_slot] = path;
    rule.when->eval(traced);
    const Value message = rule.says->eval(ctx);
    f.message = std::string(message.as_text());
    f.fields_json = "{";
    for (size_t k = 0; k < reads.size(); ++k) {
        const auto& [path, value] = reads[k];
        const auto same_path = [&](const auto& read) { return read.first == path; };
        if (std::any_of(reads.begin(), reads.begin() + static_cast<std::ptrdiff_t>(k), same_path)) continue;
        if (f.fields_json.size() > 1) f.fields_json += ',';
        json_out::string(f.fields_json, path);
        f.fields_json += ':';
        append_value_json(f.fields_json, value, pack_.keys);
    }
    f.fields_json += '}';
    return f;
}

}  // namespace pingcha
