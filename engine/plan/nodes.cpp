#include "plan/nodes.hpp"

#include <algorithm>

#include "plan/root_index.hpp"
#include "plan/rule_pack.hpp"
#include "plan/value_format.hpp"
#include "plan/value_ops.hpp"

namespace pingcha {
namespace {

Value number_value(Rational r, ValueKind kind) {
    if (kind == ValueKind::money) return Value::money(r);
    if (kind == ValueKind::integer && r.is_integer()) return Value::integer(r.num());
    return Value::decimal(r);
}

// + and -: a plain number beside money is yuan.
Value add_numbers(Op op, const Value& a, const Value& b) {
    auto pair = common_numbers(a, b);
    if (!pair) return {};
    auto r = op == Op::add ? pair->first.plus(pair->second) : pair->first.minus(pair->second);
    if (!r) return {};
    const bool money = a.kind == ValueKind::money || b.kind == ValueKind::money;
    const bool integers = a.kind == ValueKind::integer && b.kind == ValueKind::integer;
    return number_value(*r, money ? ValueKind::money : integers ? ValueKind::integer : ValueKind::decimal);
}

// * and /: money scales by a plain factor; money / money is a ratio.
Value multiply_numbers(Op op, const Value& a, const Value& b) {
    if (!is_number(a) || !is_number(b)) return {};
    const Rational x = number_of(a), y = number_of(b);
    auto r = op == Op::mul ? x.times(y) : x.divided_by(y);
    if (!r) return {};
    const bool a_money = a.kind == ValueKind::money, b_money = b.kind == ValueKind::money;
    if (a.kind == ValueKind::days || b.kind == ValueKind::days) {
        if (op == Op::mul && r->is_integer()) return Value::days(r->num());
        return Value::decimal(*r);
    }
    if (a_money != b_money) return number_value(*r, ValueKind::money);
    if (a_money && b_money) return Value::decimal(*r);
    const bool integers = op == Op::mul && a.kind == ValueKind::integer && b.kind == ValueKind::integer;
    return number_value(*r, integers ? ValueKind::integer : ValueKind::decimal);
}

Value arithmetic(Op op, const Value& a, const Value& b, Arena& arena) {
    if (a.is_missing() || b.is_missing()) return {};
    const bool additive = op == Op::add || op == Op::sub;
    if (a.kind == ValueKind::date && b.kind == ValueKind::date && op == Op::sub)
        return Value::days(static_cast<int64_t>(a.date) - b.date);
    if (a.kind == ValueKind::date && b.kind == ValueKind::days && additive)
        return Value::of_date(a.as_date().plus_days(op == Op::add ? b.i : -b.i));
    if (a.kind == ValueKind::days && b.kind == ValueKind::date && op == Op::add)
        return Value::of_date(b.as_date().plus_days(a.i));
    if (a.kind == ValueKind::days && (b.kind == ValueKind::days || b.kind == ValueKind::integer) && additive)
        return Value::days(op == Op::add ? a.i + b.i : a.i - b.i);
    if (a.kind == ValueKind::integer && b.kind == ValueKind::days && op == Op::add) return Value::days(a.i + b.i);
    if (a.kind == ValueKind::text && b.kind == ValueKind::text && op == Op::add) {
        std::string joined(a.as_text());
        joined += b.as_text();
        return Value::text(arena.copy(joined));
    }
    return additive ? add_numbers(op, a, b) : multiply_numbers(op, a, b);
}

Value membership(const Value& needle, const Value& haystack) {
    if (needle.is_missing() || haystack.is_missing()) return {};
    if (haystack.kind == ValueKind::text) {
        if (needle.kind != ValueKind::text) return {};
        return Value::boolean(haystack.as_text().find(needle.as_text()) != std::string_view::npos);
    }
    if (haystack.kind != ValueKind::list) return {};
    bool unknown = false;
    for (const auto& item : haystack) {
        auto c = compare_values(needle, item);
        if (!c) unknown = unknown || item.is_missing();
        else if (*c == 0) return Value::boolean(true);
    }
    return unknown ? Value{} : Value::boolean(false);
}

}  // namespace

Value add_values(const Value& a, const Value& b, Arena& arena) { return arithmetic(Op::add, a, b, arena); }

Value Node::traced(EvalContext& ctx) const {
    Trace& trace = *ctx.trace;
    if (!trace.recording_steps()) return eval(ctx);
    const uint32_t step = trace.enter(this);
    const Value v = eval(ctx);
    trace.leave(step, v, origin(ctx));
    return v;
}

// An operand's span leaves out the parentheses around it, so a span from the start of one
// parenthesised operand to the end of another is rebalanced: `a) or (b` → `(a) or (b)`.
std::string source_text(const SourceSpan& s) {
    if (!s.valid()) return {};
    std::string out;
    int depth = 0, lowest = 0;
    bool quoted = false;
    for (char c : s.file->text().substr(s.begin, s.end - s.begin)) {
        const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (c == '"') quoted = !quoted;
        if (!quoted && (c == '(' || c == ')')) lowest = std::min(lowest, depth += c == '(' ? 1 : -1);
        if (!space || quoted) out += c;
        else if (!out.empty() && out.back() != ' ') out += ' ';
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return std::string(static_cast<size_t>(-lowest), '(') + out + std::string(static_cast<size_t>(depth - lowest), ')');
}

Value FieldNode::eval(EvalContext& ctx) const {
    const Value* v = &ctx.root;
    auto key = keys_.begin();
    if (ctx.root_index && key != keys_.end()) v = ctx.root_index->find(*key++);
    for (; v && key != keys_.end(); ++key) v = v->find(*key);
    if (ctx.trace) ctx.trace->read(path_, v ? *v : Value{});
    if (!v) return {};
    return *v;
}

std::string Node::element_origin(const EvalContext& ctx, const std::string& list_path, uint32_t index,
                                 const Value& element) const {
    return literal() ? std::string() : element_path(list_path, index, element, ctx.root, ctx.pack.keys);
}

bool VarNode::append_origin(EvalContext& ctx, std::string& out) const {
    if (!ctx.trace) return false;
    const std::string& path = ctx.trace->slot_paths()[slot_];
    out += path;
    return !path.empty();
}

MemberNode::MemberNode(NodePtr operand, KeyId key, std::string name)
    : operand_(operand), key_(key), name_(std::move(name)), variable_(dynamic_cast<const VarNode*>(operand)) {}

Value MemberNode::eval(EvalContext& ctx) const {
    // A variable read untraced has no step of its own to record: its slot is read directly.
    if (variable_ && !ctx.trace) {
        const Value* member = ctx.slots[variable_->slot()].find(key_);
        return member ? *member : Value{};
    }
    const Value operand = operand_->value(ctx);
    const Value* member = operand.find(key_);
    const Value v = member ? *member : Value{};
    if (ctx.trace) {
        std::string& paths = ctx.trace->path_buffer();
        const size_t mark = paths.size();
        if (append_origin(ctx, paths)) ctx.trace->read_built(mark, v);
    }
    return v;
}

bool MemberNode::append_origin(EvalContext& ctx, std::string& out) const {
    if (!operand_->append_origin(ctx, out)) return false;
    out += '.';
    out += name_;
    return true;
}

Value ProjectNode::eval(EvalContext& ctx) const {
    const Value list = list_->value(ctx);
    if (list.kind != ValueKind::list) return {};
    Value* items = ctx.scratch.make_array<Value>(list.size);
    for (uint32_t k = 0; k < list.size; ++k) items[k] = list.items[k].get(key_);
    return Value::list(items, list.size);
}

Value IndexNode::eval(EvalContext& ctx) const {
    const Value list = list_->value(ctx);
    if (list.kind != ValueKind::list || index_ >= list.size) return {};
    return list.items[index_];
}

bool IndexNode::append_origin(EvalContext& ctx, std::string& out) const {
    if (!list_->append_origin(ctx, out)) return false;
    out += '[';
    out += std::to_string(index_);
    out += ']';
    return true;
}

ListNode::ListNode(std::vector<NodePtr> items)
    : items_(std::move(items)), literal_(std::all_of(items_.begin(), items_.end(), [](NodePtr n) { return n->literal(); })) {
    if (!literal_ || items_.empty()) return;  // an empty list keeps an address of its own, from the arena
    for (NodePtr item : items_) {
        if (const auto* c = dynamic_cast<const ConstNode*>(item)) constant_items_.push_back(c->constant());
        else if (const auto* l = dynamic_cast<const ListNode*>(item); l && !l->constant().is_missing())
            constant_items_.push_back(l->constant());
        else return;  // a literal of another kind: evaluated each time
    }
    constant_ = Value::list(constant_items_.data(), static_cast<uint32_t>(constant_items_.size()));
}

Value ListNode::eval(EvalContext& ctx) const {
    if (constant_.kind == ValueKind::list) return constant_;
    Value* items = ctx.scratch.make_array<Value>(items_.size());
    for (size_t k = 0; k < items_.size(); ++k) items[k] = items_[k]->value(ctx);
    return Value::list(items, static_cast<uint32_t>(items_.size()));
}

Value UnaryNode::eval(EvalContext& ctx) const {
    const Value v = operand_->value(ctx);
    if (op_ == Op::not_) {
        auto b = as_bool(v);
        return b ? Value::boolean(!*b) : Value{};
    }
    if (v.kind == ValueKind::integer) return Value::integer(-v.i);
    if (v.kind == ValueKind::days) return Value::days(-v.i);
    if (v.kind == ValueKind::decimal) return Value::decimal(v.rational().negated());
    if (v.kind == ValueKind::money) return Value::money(v.rational().negated());
    return {};
}

Value BinaryNode::eval(EvalContext& ctx) const {
    // and / or follow Kleene's three-valued logic: false and missing = false,
    // true or missing = true; otherwise missing stays missing.
    if (op_ == Op::and_ || op_ == Op::or_) {
        const auto a = as_bool(lhs_->value(ctx));
        const bool decisive = op_ == Op::or_;
        if (a && *a == decisive) return Value::boolean(decisive);
        const auto b = as_bool(rhs_->value(ctx));
        if (b && *b == decisive) return Value::boolean(decisive);
        return a && b ? Value::boolean(!decisive) : Value{};
    }
    const Value a = lhs_->value(ctx);
    const Value b = rhs_->value(ctx);
    switch (op_) {
        case Op::eq:
        case Op::ne: {
            const auto equal = equal_values(a, b);
            return equal ? Value::boolean(*equal == (op_ == Op::eq)) : Value{};
        }
        case Op::lt:
        case Op::le:
        case Op::gt:
        case Op::ge: {
            auto c = compare_values(a, b);
            if (!c || *c == std::partial_ordering::unordered) return {};
            const bool r = op_ == Op::lt ? *c < 0 : op_ == Op::le ? *c <= 0 : op_ == Op::gt ? *c > 0 : *c >= 0;
            return Value::boolean(r);
        }
        case Op::in:
        case Op::not_in: {
            const Value r = membership(a, b);
            if (r.is_missing() || op_ == Op::in) return r;
            return Value::boolean(!r.b);
        }
        case Op::add_months:
        case Op::sub_months:
            if (a.kind != ValueKind::date || b.kind != ValueKind::integer) return {};
            return Value::of_date(a.as_date().plus_months(op_ == Op::add_months ? b.i : -b.i));
        default: return arithmetic(op_, a, b, ctx.scratch);
    }
}

Value DurationNode::eval(EvalContext& ctx) const {
    const Value n = count_->value(ctx);
    if (n.kind != ValueKind::integer) return {};
    return months_ == 0 ? Value::days(n.i) : Value::integer(n.i * months_);
}

Value TemplateNode::eval(EvalContext& ctx) const {
    std::string out;
    for (NodePtr part : parts_) append_display_value(out, part->value(ctx), ctx.pack.keys);
    return Value::text(ctx.scratch.copy(out));
}

}  // namespace pingcha
