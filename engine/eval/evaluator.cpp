#include "eval/evaluator.hpp"

#include <algorithm>

#include "core/json_out.hpp"
#include "plan/value_format.hpp"
#include "plan/value_ops.hpp"

namespace pingcha {
namespace {

// A `for` element that is not a case field (a literal list): shown by its value.
std::string element_label(const std::string& path, const Value& element, const KeyTable& keys) {
    if (!path.empty()) return path;
    return element.kind == ValueKind::text ? "\"" + std::string(element.as_text()) + "\"" : display_value(element, keys);
}

}  // namespace

Evaluator::Evaluator(const RulePack& pack)
    : pack_(pack),
      cited_laws_(pack),
      cited_benchmarks_(pack),
      root_index_(pack.keys.size()),
      slots_(pack.slot_count),
      memo_(pack.memo_count),
      slot_paths_(pack.slot_count),
      fields_trace_(false, &slot_paths_),
      explain_trace_(true, &slot_paths_),
      value_json_(pack.keys) {}

CaseResult Evaluator::evaluate(const Record& record, std::vector<RuleExplanation>* explanations) {
    CaseResult result;
    evaluate(record, result, explanations);
    return result;
}

void Evaluator::evaluate(const Record& record, CaseResult& out, std::vector<RuleExplanation>* explanations) {
    scratch_.reset();
    cited_laws_.next_record();
    cited_benchmarks_.next_record();
    root_index_.index(record.root);
    out.warnings.clear();
    // Last record's findings become spares whose strings are overwritten, not reallocated.
    for (auto& f : out.findings) spare_findings_.push_back(std::move(f));
    out.findings.clear();
    if (++epoch_ == 0) {  // wrapped: forget every remembered value
        std::fill(memo_.begin(), memo_.end(), MemoCell{});
        epoch_ = 1;
    }
    EvalContext ctx{pack_, record.root, slots_.data(), scratch_, &out.warnings, nullptr, memo_.data(), epoch_, &cited_laws_,
                    &cited_benchmarks_, &root_index_};
    if (explanations) explanations->assign(pack_.rules.size(), RuleExplanation{});
    for (size_t k = 0; k < pack_.rules.size(); ++k) {
        const CompiledRule& rule = pack_.rules[k];
        if (explanations || rule.each_slot) {
            run_rule(rule, ctx, out.findings, explanations ? &(*explanations)[k] : nullptr);
            continue;
        }
        // The usual rule on the usual path (one condition, nothing explained): judged here,
        // without the two calls run_rule and judge cost per rule.
        const auto outcome = as_bool(rule.when->value(ctx));
        note_outcome(rule, outcome);
        if (outcome == std::optional<bool>(true)) out.findings.push_back(make_finding(rule, ctx, {}));
    }
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

// Evaluates the condition (for the current element); while explaining, with the trace on.
std::optional<bool> Evaluator::judge(const CompiledRule& rule, EvalContext& ctx, RuleExplanation* x) {
    if (!x) {
        const auto outcome = as_bool(rule.when->value(ctx));
        note_outcome(rule, outcome);
        return outcome;
    }
    explain_trace_.clear();
    ctx.trace = &explain_trace_;
    const auto outcome = as_bool(rule.when->value(ctx));
    ctx.trace = nullptr;
    note_outcome(rule, outcome);
    x->elements.push_back(explain_condition(explain_trace_, pack_, outcome));
    return outcome;
}

void Evaluator::run_rule(const CompiledRule& rule, EvalContext& ctx, std::vector<Finding>& findings,
                         RuleExplanation* x) {
    if (x) x->rule = &rule;
    if (!rule.each_slot) {
        if (judge(rule, ctx, x) == std::optional<bool>(true)) findings.push_back(make_finding(rule, ctx, {}));
    } else {
        if (x) {
            explain_trace_.clear();
            ctx.trace = &explain_trace_;
        }
        const Value list = rule.each_list->value(ctx);
        ctx.trace = nullptr;
        if (x && list.kind != ValueKind::list) x->list_missing = missing_causes(explain_trace_);
        const std::string base = x && list.kind == ValueKind::list ? rule.each_list->origin(ctx) : std::string();
        for (uint32_t k = 0; list.kind == ValueKind::list && k < list.size; ++k) {
            slots_[*rule.each_slot] = list.items[k];
            if (x) slot_paths_[*rule.each_slot] = rule.each_list->element_origin(ctx, base, k, list.items[k]);
            const auto outcome = judge(rule, ctx, x);
            if (x) x->elements.back().element = element_label(slot_paths_[*rule.each_slot], list.items[k], pack_.keys);
            if (outcome != std::optional<bool>(true)) continue;
            const std::string path = rule.each_list->element_origin(ctx, rule.each_list->origin(ctx), k, list.items[k]);
            findings.push_back(make_finding(rule, ctx, path));
            if (x) x->elements.back().message = findings.back().message;
        }
    }
    if (!x) return;
    if (!rule.each_slot) {
        x->outcome = x->elements.at(0).outcome;
        if (x->outcome == RuleOutcome::fired) x->elements[0].message = findings.back().message;
        return;
    }
    bool fired = false, decided = x->elements.empty() && x->list_missing.empty();
    for (const auto& e : x->elements) {
        fired = fired || e.outcome == RuleOutcome::fired;
        decided = decided || e.outcome == RuleOutcome::not_fired;
    }
    x->outcome = fired ? RuleOutcome::fired : decided ? RuleOutcome::not_fired : RuleOutcome::not_applicable;
}

// {"path":value,…}: the trace holds each field read once, in the order first read.
void Evaluator::render_fields(std::string& out, bool check_utf8) const {
    out.clear();  // not `out = "{"`: GCC 12 warns wrongly (-Wrestrict) on that in the profile-guided build
    out += '{';
    for (size_t k = 0; k < fields_trace_.read_count(); ++k) {
        const FieldRead read = fields_trace_.read_at(k);
        if (k) out += ',';
        if (check_utf8) {
            json_out::string(out, read.path);
            out += ':';
            append_value_json(out, read.value, pack_.keys, true);
        } else {
            json_out::escaped(out, read.path);
            out += ':';
            value_json_.append(out, read.value);
        }
    }
    out += '}';
}

// Re-evaluates the condition with reads recorded, so that `fields` shows exactly what the
// rule looked at; costs nothing for rules that did not fire.
Finding Evaluator::make_finding(const CompiledRule& rule, EvalContext& ctx, const std::string& path) {
    Finding f;
    if (!spare_findings_.empty()) {
        f = std::move(spare_findings_.back());
        spare_findings_.pop_back();
    }
    f.rule_index = static_cast<uint32_t>(&rule - pack_.rules.data());
    f.rule.assign(rule.id);
    f.title.assign(rule.title);
    f.section.assign(rule.section);
    f.severity = rule.severity;
    f.points = rule.finding_points();
    f.cites = rule.cites;
    fields_trace_.clear();
    EvalContext traced = ctx;
    traced.trace = &fields_trace_;
    traced.warnings = nullptr;
    if (rule.each_slot) slot_paths_[*rule.each_slot] = path;
    rule.when->value(traced);
    const Value message = rule.says->value(ctx);
    f.message.assign(message.as_text());
    render_fields(f.fields_json, false);
    // One UTF-8 check for all the texts; invalid text is rendered again, text by text, to
    // fail as json_out::string does.
    if (!json_out::valid_utf8(f.fields_json)) render_fields(f.fields_json, true);
    return f;
}

}  // namespace pingcha
