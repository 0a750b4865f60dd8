#include "plan/compiler.hpp"

#include <algorithm>

#include "law/citation.hpp"
#include "record/record.hpp"

namespace pingcha {
namespace {

using ast::ExprKind;

FineBound fine_bound(const ast::Bound& b, KeyTable& keys) {
    FineBound out;
    out.form = b.form == ast::Bound::Form::amount ? FineBound::Form::amount
               : b.form == ast::Bound::Form::percent ? FineBound::Form::percent
                                                     : FineBound::Form::times;
    out.number = b.number;
    if (b.base) {
        out.base = b.base->text;
        out.base_key = keys.intern(b.base->text);
    }
    return out;
}

class Compiler {
public:
    Compiler(const CheckedPack& checked, RulePack& out) : checked_(checked), out_(out) {}

    // Equal expressions that read no rule variable (`tier_min(violation, circumstance.level)`
    // in a condition and again in its message, a `def`, a field read by many rules) become one
    // node; one used more than once is remembered per record (Node::memo).
    NodePtr expr(const ast::Expr& e) {
        std::vector<const std::string*> bound;
        std::string key;
        // A lambda is never shared on its own: its body reads the slot of its own call.
        if (e.kind == ExprKind::lambda || !shared_key(e, bound, key)) return build(e);
        if (auto it = shared_.find(key); it != shared_.end()) {
            ++uses_[it->second];
            return it->second;
        }
        NodePtr n = build(e);
        shared_.emplace(std::move(key), n);
        ++uses_[n];
        return n;
    }

    // Marks the nodes to remember: shared, and not a constant.
    void assign_memo_cells() {
        for (auto& node : out_.nodes)
            if (uses_[node.get()] > 1 && !dynamic_cast<const ConstNode*>(node.get()))
                node->memo = out_.memo_count++;
    }

    Benchmark benchmark(const ast::BenchmarkDecl& d) {
        Benchmark b;
        b.code = d.code.text;
        b.name = d.display;
        b.basis_law = d.basis_law.text;
        if (d.basis_article) {
            b.basis_article = *d.basis_article;
            if (auto ref = parse_article_ref(*d.basis_article)) b.basis_article_no = ref->article;
        }
        if (d.statutory_min) b.statutory_min = fine_bound(*d.statutory_min, out_.keys);
        if (d.statutory_max) b.statutory_max = fine_bound(*d.statutory_max, out_.keys);
        for (const auto& k : d.kinds) b.kinds.push_back(k.text);
        for (const auto& t : d.tiers) {
            BenchmarkTier tier;
            tier.level = t.level.text;
            if (t.min) tier.min = fine_bound(*t.min, out_.keys);
            if (t.max) tier.max = fine_bound(*t.max, out_.keys);
            tier.fixed = t.fixed;
            if (t.when) {
                tier.when = expr(*t.when);
                tier.when_text = source_text(t.when->span);
            }
            b.tiers.push_back(std::move(tier));
        }
        return b;
    }

    CompiledRule rule(const ast::RuleDecl& r) {
        CompiledRule c;
        c.id = r.id.text;
        c.title = r.title.value_or("");
        c.section = r.section.text;
        c.severity = r.severity == ast::SeverityKind::veto     ? FindingSeverity::veto
                     : r.severity == ast::SeverityKind::deduct ? FindingSeverity::deduct
                                                                : FindingSeverity::warn;
        c.points = r.points;
        for (const auto& cite : r.cites) c.cites.push_back({cite.law.text, cite.article.value_or("")});
        if (r.each_var) {
            c.each_list = expr(*r.each_list);
            c.each_slot = slot_of_each(r);
            c.each_var = r.each_var->text;
            c.each_text = source_text(r.each_list->span);
        }
        c.when = expr(*r.when);
        c.says = expr(*r.says);
        c.when_text = source_text(r.when->span);
        c.span = r.span;
        return c;
    }

private:
    // The `for` variable's slot: read from any use of it in the condition or message.
    uint32_t slot_of_each(const ast::RuleDecl& r) {
        uint32_t slot = UINT32_MAX;
        find_var(*r.when, r.each_var->text, slot);
        find_var(*r.says, r.each_var->text, slot);
        if (slot == UINT32_MAX) slot = out_.slot_count++;  // unused variable: a private slot
        return slot;
    }

    void find_var(const ast::Expr& e, const std::string& name, uint32_t& slot) {
        if (slot != UINT32_MAX) return;
        if (e.kind == ExprKind::lambda && e.name == name) return;  // shadowed
        if (e.kind == ExprKind::name && e.name == name) {
            const auto& info = checked_.at(e);
            if (info.ref == ExprInfo::Ref::variable) slot = info.slot;
            return;
        }
        for (const auto& a : e.args) find_var(*a, name, slot);
    }

    template <typename T, typename... Args>
    NodePtr make(const ast::Expr& e, Args&&... args) {
        auto node = std::make_unique<T>(std::forward<Args>(args)...);
        node->span = e.span;
        out_.nodes.push_back(std::move(node));
        return out_.nodes.back().get();
    }

    KeyId key(const std::string& name) { return out_.keys.intern(name); }

    NodePtr field(const ast::Expr& e, const std::vector<std::string>& path) {
        std::vector<KeyId> keys;
        std::string dotted;
        for (const auto& k : path) {
            keys.push_back(key(k));
            dotted += (dotted.empty() ? "" : ".") + k;
        }
        return make<FieldNode>(e, std::move(keys), std::move(dotted));
    }

    NodePtr def(const ast::DefDecl& d) {
        if (auto it = defs_.find(&d); it != defs_.end()) {
            ++uses_[it->second];
            return it->second;
        }
        return defs_[&d] = expr(*d.value);
    }

    // Appends a key that identifies what `e` computes; false when it reads a variable bound
    // outside it (a `for` element or an enclosing lambda's parameter).
    bool shared_key(const ast::Expr& e, std::vector<const std::string*>& bound, std::string& key) const {
        const ExprInfo& info = checked_.at(e);
        key += std::to_string(static_cast<int>(e.kind));
        key += '(';
        key += std::to_string(e.name.size());
        key += ':';
        key += e.name;
        switch (e.kind) {
            case ExprKind::integer:
            case ExprKind::decimal:
            case ExprKind::percent:
            case ExprKind::index: key += e.number.to_decimal_string(18); break;
            case ExprKind::date: key += e.date.to_string(); break;
            case ExprKind::boolean: key += e.flag ? '1' : '0'; break;
            case ExprKind::name:
            case ExprKind::member:
                if (info.ref == ExprInfo::Ref::variable) {
                    const bool inner = std::any_of(bound.begin(), bound.end(), [&](const std::string* b) { return *b == e.name; });
                    if (!inner) return false;
                    key += "var";
                } else if (info.ref == ExprInfo::Ref::def) {
                    key += std::to_string(reinterpret_cast<uintptr_t>(info.def));
                } else if (info.ref == ExprInfo::Ref::field) {
                    for (const auto& k : info.path) key += k + '.';
                }
                break;
            default: break;
        }
        if (e.kind == ExprKind::lambda) bound.push_back(&e.name);
        bool ok = true;
        for (const auto& a : e.args) {
            key += ',';
            if (!(ok = shared_key(*a, bound, key))) break;
        }
        if (e.kind == ExprKind::lambda) bound.pop_back();
        key += ')';
        return ok;
    }

    NodePtr build(const ast::Expr& e) {
        const ExprInfo& info = checked_.at(e);
        switch (e.kind) {
            case ExprKind::integer: return make<ConstNode>(e, Value::integer(e.number.num()));
            case ExprKind::decimal:
            case ExprKind::percent: return make<ConstNode>(e, Value::decimal(e.number));
            case ExprKind::text: return make<ConstNode>(e, e.name);
            case ExprKind::date: return make<ConstNode>(e, Value::of_date(e.date));
            case ExprKind::boolean: return make<ConstNode>(e, Value::boolean(e.flag));
            case ExprKind::list: {
                std::vector<NodePtr> items;
                for (const auto& a : e.args) items.push_back(expr(*a));
                return make<ListNode>(e, std::move(items));
            }
            case ExprKind::name:
                if (info.ref == ExprInfo::Ref::variable) return make<VarNode>(e, info.slot);
                if (info.ref == ExprInfo::Ref::def) return def(*info.def);
                return field(e, info.path);
            case ExprKind::member:
                if (info.ref == ExprInfo::Ref::field) return field(e, info.path);
                if (checked_.at(*e.args[0]).type.is(TypeKind::list))
                    return make<ProjectNode>(e, expr(*e.args[0]), key(e.name));
                return make<MemberNode>(e, expr(*e.args[0]), key(e.name), e.name);
            case ExprKind::project: return expr(*e.args[0]);
            case ExprKind::index: return make<IndexNode>(e, expr(*e.args[0]), static_cast<uint32_t>(e.number.num()));
            case ExprKind::call: return call(e, info);
            case ExprKind::lambda: return expr(*e.args[0]);
            case ExprKind::unary:
                return make<UnaryNode>(e, e.name == "not" ? Op::not_ : Op::neg, expr(*e.args[0]));
            case ExprKind::binary: return binary(e);
            case ExprKind::duration:
                return make<DurationNode>(e, expr(*e.args[0]), e.name == "days" ? 0 : e.name == "months" ? 1 : 12);
            case ExprKind::templ: {
                std::vector<NodePtr> parts;
                for (const auto& a : e.args) parts.push_back(expr(*a));
                return make<TemplateNode>(e, std::move(parts));
            }
        }
        return make<ConstNode>(e, Value{});
    }

    NodePtr call(const ast::Expr& e, const ExprInfo& info) {
        std::vector<NodePtr> args;
        uint32_t slot = 0;
        std::optional<MemberTest> test;
        for (const auto& a : e.args) {
            args.push_back(expr(*a));
            if (a->kind != ExprKind::lambda) continue;
            slot = checked_.at(*a).slot;
            test = member_test(*a->args[0], args.back(), slot);
        }
        return make<CallNode>(e, info.builtin, std::move(args), slot, test);
    }

    // The lambda body `body` (compiled to `node`) as a MemberTest on the variable in `slot`.
    std::optional<MemberTest> member_test(const ast::Expr& body, NodePtr node, uint32_t slot) const {
        const auto* compare = dynamic_cast<const BinaryNode*>(node);
        if (body.kind != ExprKind::binary || !compare || (compare->op() != Op::eq && compare->op() != Op::ne))
            return std::nullopt;
        for (int side = 0; side < 2; ++side) {
            const ast::Expr& member = *body.args[side];
            const ast::Expr& other = *body.args[1 - side];
            const auto* member_node = dynamic_cast<const MemberNode*>(side == 0 ? compare->lhs() : compare->rhs());
            if (!member_node || member.kind != ExprKind::member || !is_variable(*member.args[0], slot) ||
                reads_variable(other, slot))
                continue;
            return MemberTest{member_node->key(), compare->op() == Op::ne, side == 0,
                              side == 0 ? compare->rhs() : compare->lhs()};
        }
        return std::nullopt;
    }

    bool is_variable(const ast::Expr& e, uint32_t slot) const {
        const ExprInfo& info = checked_.at(e);
        return e.kind == ExprKind::name && info.ref == ExprInfo::Ref::variable && info.slot == slot;
    }

    bool reads_variable(const ast::Expr& e, uint32_t slot) const {
        const ExprInfo& info = checked_.at(e);
        if ((e.kind == ExprKind::name || e.kind == ExprKind::member) && info.ref == ExprInfo::Ref::variable &&
            info.slot == slot)
            return true;
        return std::any_of(e.args.begin(), e.args.end(), [&](const auto& a) { return reads_variable(*a, slot); });
    }

    NodePtr binary(const ast::Expr& e) {
        static const std::pair<const char*, Op> ops[] = {
            {"and", Op::and_}, {"or", Op::or_}, {"==", Op::eq}, {"!=", Op::ne}, {"<", Op::lt},
            {"<=", Op::le},    {">", Op::gt},   {">=", Op::ge}, {"in", Op::in}, {"not in", Op::not_in},
            {"+", Op::add},    {"-", Op::sub},  {"*", Op::mul}, {"/", Op::div}};
        Op op = Op::add;
        for (const auto& [name, o] : ops)
            if (e.name == name) op = o;
        const ast::Expr* lhs = e.args[0].get();
        const ast::Expr* rhs = e.args[1].get();
        const bool period_rhs = checked_.at(*rhs).type.is(TypeKind::period);
        const bool period_lhs = checked_.at(*lhs).type.is(TypeKind::period);
        if (period_lhs && op == Op::add) std::swap(lhs, rhs);
        if (period_rhs || period_lhs) op = op == Op::sub ? Op::sub_months : Op::add_months;
        return make<BinaryNode>(e, op, expr(*lhs), expr(*rhs));
    }

    const CheckedPack& checked_;
    RulePack& out_;
    std::map<const ast::DefDecl*, NodePtr> defs_;
    std::map<std::string, NodePtr> shared_;
    std::map<NodePtr, uint32_t> uses_;
};

}  // namespace

std::unique_ptr<RulePack> compile_pack(CheckedPack&& checked) {
    auto pack = std::make_unique<RulePack>();
    pack->info = {checked.name, checked.version, checked.digest};
    pack->keys = case_file_keys();
    for (const auto& k : checked.extra_keys) pack->keys.intern(k);
    pack->key_id = pack->keys.intern("id");
    pack->key_penalty = pack->keys.intern("penalty");
    pack->key_amounts = pack->keys.intern("amounts");
    pack->territories = checked.territories;
    pack->laws = checked.laws;
    pack->calendar = checked.calendar;
    for (const auto& [code, agency] : checked.agencies) pack->agencies.emplace(code, agency);
    pack->standard = checked.standard;
    pack->slot_count = checked.slot_count;
    Compiler compiler(checked, *pack);
    for (const auto* b : checked.benchmarks) pack->benchmarks.emplace(b->code.text, compiler.benchmark(*b));
    for (const auto* r : checked.rules) pack->rules.push_back(compiler.rule(*r));
    compiler.assign_memo_cells();
    pack->tests = checked.tests;
    pack->sources = std::make_shared<const PackSources>(std::move(checked.sources));
    return pack;
}

std::unique_ptr<RulePack> load_rule_pack(const std::string& path, Diagnostics& diags, const Limits& limits) {
    CheckedPack checked = load_and_check(path, diags, limits);
    if (diags.has_errors()) return nullptr;
    return compile_pack(std::move(checked));
}

}  // namespace pingcha
