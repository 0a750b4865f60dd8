// The builtin functions of the rules language (CallNode).
#include <algorithm>

#include "law/citation.hpp"
#include "plan/cited_benchmarks.hpp"
#include "plan/cited_laws.hpp"
#include "plan/builtin_notes.hpp"
#include "plan/rule_pack.hpp"
#include "plan/value_format.hpp"
#include "plan/value_ops.hpp"

namespace pingcha {
namespace {

using B = Builtin;

std::optional<std::string_view> text_arg(const Value& v) {
    if (v.kind != ValueKind::text) return std::nullopt;
    return v.as_text();
}

Value text_value(EvalContext& ctx, std::string_view s) { return Value::text(ctx.scratch.copy(s)); }

// The same question asked by several rules is one warning.
void add_warning(std::vector<std::string>& warnings, std::string w) {
    if (std::find(warnings.begin(), warnings.end(), w) == warnings.end()) warnings.push_back(std::move(w));
}

Value date_or_missing(const std::optional<Date>& d) { return d ? Value::of_date(*d) : Value{}; }

// While explaining: why a law builtin would give missing though the law is known (read
// only when it does).
void explain_missing_law_value(EvalContext& ctx, Builtin id, const Law& law, const Value& second) {
    const std::string name = "《" + law.name + "》";
    Trace& t = *ctx.trace;
    switch (id) {
        case B::in_force:
        case B::law_version:
        case B::law_articles: {
            if (law.recognised_by_title) return t.because(name + "按标题识别，法规库没有其版本");
            if (second.kind != ValueKind::date) return;
            const Date day = second.as_date();
            if (!LawCatalog::in_force_known(law, day))
                return t.because(name + "已废止但废止日期不明，无法判断 " + day.to_string() + " 是否施行");
            const LawVersion* v = LawCatalog::version_on(law, day);
            if (!v) return t.because(name + "在 " + day.to_string() + " 没有施行的版本");
            if (!v->articles) t.because(name + "「" + v->label + "」版本的条文数未知");
            return;
        }
        case B::version_known:
        case B::version_until:
        case B::version_articles: {
            if (second.kind != ValueKind::text) return;
            const LawVersion* v = LawCatalog::version_named(law, second.as_text());
            if (!v) return t.because(name + "没有版本「" + std::string(second.as_text()) + "」");
            if (id == B::version_until && !v->until) t.because(name + "「" + v->label + "」版本至今有效，没有截止日期");
            if (id == B::version_articles && !v->articles) t.because(name + "「" + v->label + "」版本的条文数未知");
            return;
        }
        case B::law_territory: return t.because(name + "是全国适用的规范，没有适用地域");
        case B::repealed_on:
            return t.because(law.repeal_date_unknown ? name + "已废止，废止日期不明" : name + "没有废止");
        case B::replaced_by: return t.because(name + "没有被取代");
        default: return;
    }
}

}  // namespace

const BenchmarkTier* Benchmark::tier(std::string_view level) const {
    for (const auto& t : tiers)
        if (t.level == level) return &t;
    return nullptr;
}

std::string FineBound::describe() const {
    switch (form) {
        case Form::amount: return number.to_decimal_string() + "元";
        case Form::percent: return number.times(Rational(100))->to_decimal_string() + "% × " + base;
        case Form::times: return number.to_decimal_string() + "倍 × " + base;
    }
    return {};
}

const Benchmark* RulePack::benchmark(std::string_view code) const {
    auto it = benchmarks.find(code);
    return it == benchmarks.end() ? nullptr : &it->second;
}

const Law* RulePack::law(std::string_view cited, std::optional<Law>& scratch) const {
    if (const Law* l = laws.find(cited)) return l;
    scratch = laws.recognise(cited, territories);
    return scratch ? &*scratch : nullptr;
}

Value CallNode::eval(EvalContext& ctx) const {
    switch (id_) {
        case B::count:
        case B::any:
        case B::all:
        case B::sum:
        case B::filter:
        case B::map: return list_op(ctx);
        case B::law_known:
        case B::law_recognised:
        case B::law_name:
        case B::law_kind:
        case B::law_territory:
        case B::applies_in:
        case B::in_force:
        case B::law_version:
        case B::law_articles:
        case B::version_known:
        case B::version_until:
        case B::version_articles:
        case B::repealed_on:
        case B::replaced_by: return law_op(ctx);
        case B::benchmark_known:
        case B::tier_known:
        case B::tier_names:
        case B::selected_tier:
        case B::tier_min:
        case B::tier_max:
        case B::tier_base:
        case B::statutory_min:
        case B::statutory_max:
        case B::allowed_kinds:
        case B::benchmark_law:
        case B::benchmark_article: return benchmark_op(ctx);
        default: return other_op(ctx);
    }
}


namespace {

// count / any / all / filter over `list`, given the lambda's truth for element k (nullopt:
// unknown): `truth(k)`.
template <typename Truth>
Value fold_truths(Builtin id, const Value& list, Arena& scratch, Truth&& truth) {
    bool unknown = false;
    int64_t hits = 0;
    Value* kept = id == B::filter ? scratch.make_array<Value>(list.size) : nullptr;
    uint32_t kept_count = 0;
    for (uint32_t k = 0; k < list.size; ++k) {
        const std::optional<bool> b = truth(k);
        if (!b) {
            unknown = true;
            continue;
        }
        if (*b) {
            ++hits;
            if (kept) kept[kept_count++] = list.items[k];
            if (id == B::any) break;
        } else if (id == B::all) {
            return Value::boolean(false);
        }
    }
    switch (id) {
        case B::count: return Value::integer(hits);
        case B::any: return hits ? Value::boolean(true) : unknown ? Value{} : Value::boolean(false);
        case B::all: return unknown ? Value{} : Value::boolean(true);
        default: return Value::list(kept, kept_count);  // filter
    }
}

// As fold_truths, and sum / map, given the lambda body's value for element k: `body(k)`.
template <typename Body>
Value fold_list(Builtin id, const Value& list, Arena& scratch, Body&& body) {
    if (id == B::map) {
        Value* items = scratch.make_array<Value>(list.size);
        for (uint32_t k = 0; k < list.size; ++k) items[k] = body(k);
        return Value::list(items, list.size);
    }
    if (id == B::sum) {
        Value result;
        for (uint32_t k = 0; k < list.size; ++k) {
            const Value v = body(k);
            result = k == 0 ? v : add_values(result, v, scratch);
            if (result.is_missing()) break;
        }
        return list.size == 0 ? Value::integer(0) : result;
    }
    return fold_truths(id, list, scratch, [&](uint32_t k) { return as_bool(body(k)); });
}

}  // namespace

Value CallNode::list_op(EvalContext& ctx) const {
    const Value list = args_[0]->value(ctx);
    if (list.kind != ValueKind::list) return {};
    if (args_.size() == 1) return list_total(list, ctx);
    if (test_ && !ctx.trace) return member_test_op(list, ctx);
    const std::string base = ctx.trace ? args_[0]->origin(ctx) : std::string();
    Value& var = ctx.slots[slot_];
    const Value saved = var;
    const Value result = fold_list(id_, list, ctx.scratch, [&](uint32_t k) {
        var = list.items[k];
        if (ctx.trace) ctx.trace->slot_paths()[slot_] = args_[0]->element_origin(ctx, base, k, var);
        return args_[1]->value(ctx);
    });
    var = saved;
    return result;
}

// count(list) / sum(list).
Value CallNode::list_total(const Value& list, EvalContext& ctx) const {
    if (id_ == B::count) return Value::integer(list.size);
    Value total = Value::integer(0);
    for (uint32_t k = 0; k < list.size; ++k) {
        total = k == 0 ? list.items[0] : add_values(total, list.items[k], ctx.scratch);
        if (total.is_missing()) return {};
    }
    return total;
}

// count / any / all of `x.name == other` (or !=) for a text or true/false `other`, the usual
// test ("d.type == t", "d.signed == false"): the same outcomes as equal_values element by
// element, in one loop without a three-valued result per element.
Value CallNode::scalar_member_test(const Value& list, const Value& other) const {
    const MemberTest& test = *test_;
    const std::string_view text = other.kind == ValueKind::text ? other.as_text() : std::string_view();
    bool unknown = false;
    int64_t hits = 0;
    for (uint32_t k = 0; k < list.size; ++k) {
        const Value* member = list.items[k].find(test.key);
        bool equal;
        if (!member || member->is_missing()) {
            unknown = true;  // missing beside a text or true/false: equal_values gives no answer
            continue;
        }
        if (member->kind != other.kind) equal = false;  // neither missing, and of kinds that never compare equal
        else if (other.kind == ValueKind::text) equal = same_bytes(member->as_text(), text);
        else equal = member->b == other.b;
        if (equal != test.negated) {
            ++hits;
            if (id_ == B::any) return Value::boolean(true);
        } else if (id_ == B::all) {
            return Value::boolean(false);
        }
    }
    if (id_ == B::count) return Value::integer(hits);
    return unknown ? Value{} : Value::boolean(id_ == B::all);
}

// The lambda's own evaluation reads `other` for every element; it reads no element, so
// once is the same, and it is not read at all for an empty list, as there.
Value CallNode::member_test_op(const Value& list, EvalContext& ctx) const {
    const Value other = list.size ? test_->other->value(ctx) : Value{};
    const MemberTest& test = *test_;
    if ((id_ == B::count || id_ == B::any || id_ == B::all) &&
        (other.kind == ValueKind::text || other.kind == ValueKind::boolean))
        return scalar_member_test(list, other);
    const auto equal = [&](const Value& member) {
        return test.member_first ? equal_values(member, other) : equal_values(other, member);
    };
    const auto outcome = [&](uint32_t k) -> std::optional<bool> {
        const auto e = equal(list.items[k].get(test.key));
        if (!e) return std::nullopt;
        return *e != test.negated;
    };
    if (id_ == B::map || id_ == B::sum)
        return fold_list(id_, list, ctx.scratch, [&](uint32_t k) { return truth(outcome(k)); });
    return fold_truths(id_, list, ctx.scratch, outcome);
}

Value CallNode::law_op(EvalContext& ctx) const {
    const auto name = text_arg(args_[0]->value(ctx));
    if (!name) return {};
    if (ctx.laws) return law_value(ctx, *name, ctx.laws->find(*name));
    // Without CitedLaws a law recognised by its title lives here while it is used. (Not
    // declared on the usual path: GCC zeroes the optional's 208 bytes wherever it is declared,
    // which was half of law_op's time.)
    std::optional<Law> scratch;
    return law_value(ctx, *name, ctx.pack.law(*name, scratch));
}

// The law builtin's value for the law `name` cites (null: none).
Value CallNode::law_value(EvalContext& ctx, std::string_view name, const Law* law) const {
    const bool tracing = explaining(ctx);
    if (tracing && (!law || id_ == B::law_known || id_ == B::law_recognised))
        note_law(ctx, name, law, Value{}, {}, false);
    if (id_ == B::law_known) return Value::boolean(law && !law->recognised_by_title);
    if (id_ == B::law_recognised) return Value::boolean(law != nullptr);
    if (!law) {
        if (tracing) ctx.trace->because("法规库中没有「" + std::string(name) + "」，也无法按标题识别");
        return {};
    }
    const Value second = args_.size() > 1 ? args_[1]->value(ctx) : Value{};
    if (tracing) {
        const bool version_arg = id_ == B::version_known || id_ == B::version_until || id_ == B::version_articles;
        note_law(ctx, name, law, second, args_.size() > 1 ? source_text(args_[1]->span) : "", version_arg,
                 id_ == B::applies_in);
        explain_missing_law_value(ctx, id_, *law, second);
    }
    const auto on = [&]() -> const LawVersion* {
        return second.kind == ValueKind::date ? LawCatalog::version_on(*law, second.as_date()) : nullptr;
    };
    // A title recognised by its prefix has no known versions: whether it was in force is unknown.
    const bool knowable = !law->recognised_by_title &&
                          (second.kind != ValueKind::date || LawCatalog::in_force_known(*law, second.as_date()));
    if (!knowable && (id_ == B::in_force || id_ == B::law_version || id_ == B::law_articles)) return {};
    const auto named = [&]() -> const LawVersion* {
        auto label = text_arg(second);
        return label ? LawCatalog::version_named(*law, *label) : nullptr;
    };
    // A declared law's texts live as long as the pack; one recognised by its title may be
    // forgotten by CitedLaws before the evaluation ends, so its texts are copied.
    const auto law_text = [&](const std::string& text) {
        return law->recognised_by_title ? text_value(ctx, text) : Value::text(text);
    };
    switch (id_) {
        case B::law_name: return law_text(law->name);
        case B::law_kind: return law_text(law->kind);
        case B::law_territory: return law->territory.empty() ? Value{} : law_text(law->territory);
        case B::applies_in: {
            auto where = text_arg(second);
            if (!where) return {};
            return Value::boolean(law->territory.empty() || ctx.pack.territories.within(*where, law->territory));
        }
        case B::in_force: return second.kind == ValueKind::date ? Value::boolean(on() != nullptr) : Value{};
        case B::law_version: {
            const LawVersion* v = on();
            return v ? law_text(v->label) : Value{};
        }
        case B::law_articles: {
            const LawVersion* v = on();
            return v && v->articles ? Value::integer(*v->articles) : Value{};
        }
        case B::version_known: return text_arg(second) ? Value::boolean(named() != nullptr) : Value{};
        case B::version_until: {
            const LawVersion* v = named();
            return v ? date_or_missing(v->until) : Value{};
        }
        case B::version_articles: {
            const LawVersion* v = named();
            return v && v->articles ? Value::integer(*v->articles) : Value{};
        }
        case B::repealed_on: return date_or_missing(law->repealed);
        default: return law->replaced_by.empty() ? Value{} : law_text(law->replaced_by);  // replaced_by
    }
}

Value CallNode::benchmark_op(EvalContext& ctx) const {
    const auto code = text_arg(args_[0]->value(ctx));
    if (!code) return {};
    const Benchmark* b = ctx.benchmarks ? ctx.benchmarks->find(*code) : ctx.pack.benchmark(*code);
    const bool tracing = explaining(ctx);
    if (id_ == B::benchmark_known) return Value::boolean(b != nullptr);
    if (!b) {
        if (tracing) {
            note_tier(ctx, *code, nullptr, {}, nullptr, false);
            ctx.trace->because("本规则包没有裁量基准「" + std::string(*code) + "」");
        }
        return {};
    }
    const BenchmarkTier* tier = nullptr;
    if (args_.size() > 1) {
        const auto level = text_arg(args_[1]->value(ctx));
        if (!level) return {};
        tier = ctx.benchmarks ? ctx.benchmarks->tier(*b, *level) : b->tier(*level);
        if (tracing) note_tier(ctx, *code, b, *level, tier, false);
        if (id_ == B::tier_known) return Value::boolean(tier != nullptr);
        if (!tier) {
            if (tracing) ctx.trace->because("「" + std::string(*level) + "」不是裁量基准 " + b->code + " 的阶次");
            return {};
        }
    } else if (tracing && id_ != B::selected_tier) {
        note_tier(ctx, *code, b, {}, nullptr, false);
    }
    switch (id_) {
        case B::tier_names:
        case B::allowed_kinds: {
            const auto& names = id_ == B::allowed_kinds ? b->kinds : [&] {
                std::vector<std::string> levels;
                for (const auto& t : b->tiers) levels.push_back(t.level);
                return levels;
            }();
            Value* items = ctx.scratch.make_array<Value>(names.size());
            for (size_t k = 0; k < names.size(); ++k) items[k] = text_value(ctx, names[k]);
            return Value::list(items, static_cast<uint32_t>(names.size()));
        }
        case B::selected_tier:
            for (const auto& t : b->tiers)
                if (t.when && as_bool(t.when->value(ctx)) == std::optional<bool>(true)) {
                    if (tracing) note_tier(ctx, *code, b, t.level, &t, true);
                    return text_value(ctx, t.level);
                }
            if (tracing) ctx.trace->because("裁量基准 " + b->code + " 没有一个阶次的适用条件成立");
            return {};
        case B::tier_min: return tier->min ? bound_value(ctx, *tier->min) : Value{};
        case B::tier_max: return tier->max ? bound_value(ctx, *tier->max) : Value{};
        case B::tier_base: return tier->min && !tier->min->base.empty() ? text_value(ctx, tier->min->base) : Value{};
        case B::statutory_min: return b->statutory_min ? bound_value(ctx, *b->statutory_min) : Value{};
        case B::statutory_max: return b->statutory_max ? bound_value(ctx, *b->statutory_max) : Value{};
        case B::benchmark_law: return text_value(ctx, b->basis_law);
        default: return b->basis_article_no ? Value::integer(*b->basis_article_no) : Value{};  // benchmark_article
    }
}

Value CallNode::other_op(EvalContext& ctx) const {
    const Value a = args_[0]->value(ctx);
    if (id_ == B::exists) return Value::boolean(!a.is_missing());
    if (id_ == B::missing) return Value::boolean(a.is_missing());
    if (id_ == B::coalesce) return a.is_missing() ? args_[1]->value(ctx) : a;
    if (id_ == B::if_) {
        const auto c = as_bool(a);
        return c ? args_[*c ? 1 : 2]->value(ctx) : Value{};
    }
    if (id_ == B::territory_name) {
        const auto code = text_arg(a);
        const Territory* t = code ? ctx.pack.territories.find(*code) : nullptr;
        return t ? text_value(ctx, t->display) : Value{};
    }
    if (id_ == B::text_of) return a.is_missing() ? Value{} : text_value(ctx, display_value(a, ctx.pack.keys));
    if (id_ == B::in_order) {
        if (a.kind != ValueKind::list) return {};
        const Value* previous = nullptr;
        for (const auto& item : a) {
            if (item.is_missing()) continue;
            if (previous) {
                auto c = compare_values(*previous, item);
                if (!c) return {};
                if (*c > 0) return Value::boolean(false);
            }
            previous = &item;
        }
        return Value::boolean(true);
    }
    if (id_ == B::year) return a.kind == ValueKind::date ? Value::integer(a.as_date().year()) : Value{};
    const Value b = args_.size() > 1 ? args_[1]->value(ctx) : Value{};
    switch (id_) {
        case B::contains:
        case B::starts_with: {
            auto x = text_arg(a), y = text_arg(b);
            if (!x || !y) return {};
            return Value::boolean(id_ == B::contains ? x->find(*y) != std::string_view::npos : x->substr(0, y->size()) == *y);
        }
        case B::days:
            if (a.kind != ValueKind::date || b.kind != ValueKind::date) return {};
            return Value::days(static_cast<int64_t>(b.date) - a.date);
        case B::working_days: {
            if (a.kind != ValueKind::date || b.kind != ValueKind::date) return {};
            const auto count = ctx.pack.calendar.working_days_between(a.as_date(), b.as_date());
            if (count.uncovered_years.empty()) return Value::days(count.days);
            if (explaining(ctx))
                ctx.trace->because("工作日历未覆盖 " + std::to_string(count.uncovered_years.front()) + " 年");
            if (ctx.warnings)
                for (int y : count.uncovered_years)
                    add_warning(*ctx.warnings, "工作日历未覆盖 " + std::to_string(y) + " 年，无法计算 " +
                                            a.as_date().to_string() + " 至 " + b.as_date().to_string() + " 的工作日数");
            return {};
        }
        case B::within: {
            auto x = text_arg(a), y = text_arg(b);
            return x && y ? Value::boolean(ctx.pack.territories.within(*x, *y)) : Value{};
        }
        case B::territory_known: {
            auto x = text_arg(a);
            return x ? Value::boolean(ctx.pack.territories.find(*x) != nullptr) : Value{};
        }
        case B::agency_known:
        case B::agency_name:
        case B::agency_territory: {
            auto x = text_arg(a);
            if (!x) return {};
            auto it = ctx.pack.agencies.find(*x);
            if (id_ == B::agency_known) return Value::boolean(it != ctx.pack.agencies.end());
            if (it == ctx.pack.agencies.end()) return {};
            return text_value(ctx, id_ == B::agency_name ? it->second.display : it->second.territory);
        }
        default: return {};
    }
}

}  // namespace pingcha
