#include <algorithm>

#include "eval/explanation.hpp"
#include "plan/value_format.hpp"
#include "plan/value_ops.hpp"

namespace pingcha {
namespace {

const char* op_text(Op op) {
    switch (op) {
        case Op::and_: return "and";
        case Op::or_: return "or";
        case Op::not_: return "not";
        case Op::neg: return "-";
        case Op::eq: return "==";
        case Op::ne: return "!=";
        case Op::lt: return "<";
        case Op::le: return "<=";
        case Op::gt: return ">";
        case Op::ge: return ">=";
        case Op::in: return "in";
        case Op::not_in: return "not in";
        case Op::add:
        case Op::add_months: return "+";
        case Op::sub:
        case Op::sub_months: return "-";
        case Op::mul: return "*";
        case Op::div: return "/";
    }
    return "";
}

bool is_comparison(Op op) {
    return op == Op::eq || op == Op::ne || op == Op::lt || op == Op::le || op == Op::gt || op == Op::ge ||
           op == Op::in || op == Op::not_in;
}

std::string shown_value(const Value& v, const KeyTable& keys) {
    switch (v.kind) {
        case ValueKind::missing: return "（缺失）";
        case ValueKind::boolean: return v.b ? "真" : "假";
        case ValueKind::money: return exact_yuan(v.rational()) + "元";
        case ValueKind::text: {  // built piecewise: GCC 12 warns wrongly (-Wrestrict) on "\"" + s in some builds
            std::string out = "\"";
            out += v.as_text();
            out += '"';
            return out;
        }
        case ValueKind::list: {
            std::string out = "[";
            uint32_t k = 0;
            for (; k < v.size && k < 10; ++k) out += (k ? ", " : "") + shown_value(v.items[k], keys);
            if (k < v.size) out += ", …（共 " + std::to_string(v.size) + " 项）";
            return out + "]";
        }
        default: return display_value(v, keys);
    }
}

class DecisionBuilder {
public:
    DecisionBuilder(const Trace& trace, const KeyTable& keys) : steps_(trace.steps()), keys_(keys), kids_(steps_.size()) {
        for (uint32_t i = 0; i < steps_.size(); ++i)
            if (steps_[i].parent != UINT32_MAX) kids_[steps_[i].parent].push_back(i);
    }

    Decision build(uint32_t i) const {
        Decision d = leaf(i);
        if (d.constant) return d;
        const Node* node = steps_[i].node;
        if (const auto* b = dynamic_cast<const BinaryNode*>(node)) {
            if (b->op() == Op::and_ || b->op() == Op::or_) {
                const auto parts = deciding(i, b->op() == Op::and_);
                if (parts.size() == 1) return build(parts[0]);  // the one operand that decided it
                d.op = op_text(b->op());
                for (uint32_t k : parts) d.parts.push_back(build(k));
            } else if (is_comparison(b->op())) {
                d.op = op_text(b->op());
                for (uint32_t k : kids_[i]) d.parts.push_back(leaf(k));
            }
        } else if (const auto* u = dynamic_cast<const UnaryNode*>(node); u && u->op() == Op::not_) {
            d.op = "not";
            for (uint32_t k : kids_[i]) d.parts.push_back(build(k));
        }
        return d;
    }

    void causes(uint32_t i, std::vector<MissingCause>& out) const {
        const TraceStep& s = steps_[i];
        if (!s.value.is_missing()) return;
        if (!s.missing_field.empty()) return add(out, {s.missing_field, {}, {}});
        if (!s.path.empty()) return add(out, {s.path, {}, {}});
        bool any = false;
        for (uint32_t k : kids_[i])
            if (steps_[k].value.is_missing()) {
                any = true;
                causes(k, out);
            }
        if (any) return;
        std::string why = s.because;
        if (why.empty()) why = dynamic_cast<const BinaryNode*>(s.node) ? "两边的值无法比较或运算" : "无法求值";
        add(out, {{}, source_text(s.node->span), why});
    }

private:
    Decision leaf(uint32_t i) const {
        const TraceStep& s = steps_[i];
        Decision d;
        d.expr = source_text(s.node->span);
        d.shown = shown_value(s.value, keys_);
        d.value = value_to_json(s.value, keys_);
        d.constant = dynamic_cast<const ConstNode*>(s.node) != nullptr;
        return d;
    }

    // The operands of and/or that decided it: the false ones of a false `and` (the true ones
    // of a true `or`); both when the other answer; the missing ones when it is missing.
    std::vector<uint32_t> deciding(uint32_t i, bool is_and) const {
        const auto result = as_bool(steps_[i].value);
        std::vector<uint32_t> out;
        for (uint32_t k : kids_[i]) {
            const auto v = as_bool(steps_[k].value);
            if (!result) {
                if (!v) out.push_back(k);
            } else if (*result == is_and || v == result) {
                out.push_back(k);
            }
        }
        return out;
    }

    static void add(std::vector<MissingCause>& out, MissingCause c) {
        for (const auto& o : out)
            if (o.field == c.field && o.expr == c.expr) return;
        out.push_back(std::move(c));
    }

    const std::vector<TraceStep>& steps_;
    const KeyTable& keys_;
    std::vector<std::vector<uint32_t>> kids_;
};

}  // namespace

const char* outcome_name(RuleOutcome o) {
    switch (o) {
        case RuleOutcome::fired: return "fired";
        case RuleOutcome::not_fired: return "not_fired";
        case RuleOutcome::not_applicable: return "not_applicable";
    }
    return "";
}

const char* outcome_label(RuleOutcome o) {
    switch (o) {
        case RuleOutcome::fired: return "触发";
        case RuleOutcome::not_fired: return "未触发";
        case RuleOutcome::not_applicable: return "不适用";
    }
    return "";
}

std::string exact_yuan(Rational fen) {
    const auto yuan = fen.divided_by(Rational(100));
    if (!yuan) return "?";
    if (yuan->exact_decimals() >= 0) return yuan->to_decimal_string();
    return std::to_string(yuan->num()) + "/" + std::to_string(yuan->den()) + "（" + yuan->to_decimal_string(2) + "）";
}

std::vector<MissingCause> missing_causes(const Trace& trace) {
    std::vector<MissingCause> out;
    if (!trace.steps().empty()) DecisionBuilder(trace, KeyTable{}).causes(0, out);
    return out;
}

ElementExplanation explain_condition(const Trace& trace, const RulePack& pack, std::optional<bool> outcome) {
    ElementExplanation x;
    x.outcome = !outcome ? RuleOutcome::not_applicable : *outcome ? RuleOutcome::fired : RuleOutcome::not_fired;
    if (!trace.steps().empty()) {
        const DecisionBuilder builder(trace, pack.keys);
        x.decision = builder.build(0);
        if (!outcome) builder.causes(0, x.missing);
    }
    for (size_t k = 0; k < trace.read_count(); ++k) {
        const auto [path, value] = trace.read_at(k);
        x.fields[std::string(path)] = value_to_json(value, pack.keys);
        x.shown_fields.emplace_back(path, shown_value(value, pack.keys));
    }
    x.laws = trace.laws();
    x.tiers = trace.tiers();
    return x;
}

}  // namespace pingcha
