#include "plan/builtin_notes.hpp"

#include "plan/value_ops.hpp"

namespace pingcha {
namespace {

std::optional<Date> case_act_date(const EvalContext& ctx) {
    const auto dates = ctx.pack.keys.find("dates"), act = ctx.pack.keys.find("act");
    if (!dates || !act) return std::nullopt;
    const Value v = ctx.root.get(*dates).get(*act);
    return v.kind == ValueKind::date ? std::optional<Date>(v.as_date()) : std::nullopt;
}

std::optional<Rational> fen_of(const Value& v) {
    return v.kind == ValueKind::money ? std::optional<Rational>(v.rational()) : std::nullopt;
}

void fill_version(LawLookup& l, const Law& law) {
    if (!l.day) return;
    l.knowable = !law.recognised_by_title && LawCatalog::in_force_known(law, *l.day);
    if (const LawVersion* v = LawCatalog::version_on(law, *l.day)) {
        l.version = v->label;
        l.from = v->from;
        l.until = v->until;
        return;
    }
    for (const auto& v : law.versions)
        if (v.until && *v.until < *l.day) {
            l.last_version = v.label;
            l.last_until = v.until;
        }
}

}  // namespace

Value bound_value(EvalContext& ctx, const FineBound& bound) {
    if (bound.form == FineBound::Form::amount) return yuan_to_money(bound.number).value_or(Value{});
    const Value base = ctx.root.get(ctx.pack.key_penalty).get(ctx.pack.key_amounts).get(bound.base_key);
    if (explaining(ctx)) {
        ctx.trace->read("penalty.amounts." + bound.base, base);
        if (base.kind != ValueKind::money) ctx.trace->missing_field("penalty.amounts." + bound.base);
    }
    if (base.kind != ValueKind::money) return {};
    auto r = base.rational().times(bound.number);
    return r ? Value::money(*r) : Value{};
}

void note_law(EvalContext& ctx, std::string_view cited, const Law* law, const Value& second,
              const std::string& second_text, bool second_is_version, bool second_is_place) {
    LawLookup l;
    l.cited = std::string(cited);
    l.found = law != nullptr;
    if (!law) {
        ctx.trace->law(std::move(l));
        return;
    }
    l.name = law->name;
    l.kind = law->kind;
    l.territory = law->territory;
    if (const Territory* t = ctx.pack.territories.find(law->territory)) l.territory_name = t->display;
    l.by_title = law->recognised_by_title;
    l.repealed = law->repealed;
    l.replaced_by = law->replaced_by;
    if (second.kind == ValueKind::date) {
        l.day = second.as_date();
        l.day_source = second_text;
    } else {
        l.day = case_act_date(ctx);
        l.day_source = "dates.act";
    }
    fill_version(l, *law);
    if (second_is_version && second.kind == ValueKind::text) {
        l.named = std::string(second.as_text());
        if (const LawVersion* v = LawCatalog::version_named(*law, *l.named)) {
            l.named_found = true;
            l.named_from = v->from;
            l.named_until = v->until;
        }
    }
    if (second_is_place && second.kind == ValueKind::text) {
        l.place = std::string(second.as_text());
        if (const Territory* t = ctx.pack.territories.find(l.place)) l.place_name = t->display;
        l.applies = law->territory.empty() || ctx.pack.territories.within(l.place, law->territory);
    }
    ctx.trace->law(std::move(l));
}

void note_tier(EvalContext& ctx, std::string_view code, const Benchmark* b, std::string_view level,
               const BenchmarkTier* tier, bool selected) {
    TierLookup t;
    t.code = std::string(code);
    t.found = b != nullptr;
    if (b) {
        t.name = b->name;
        t.basis_law = b->basis_law;
        const bool digits = b->basis_article.find_first_not_of("0123456789") == std::string::npos;
        t.basis_article = b->basis_article.empty() ? "" : digits ? "第" + b->basis_article + "条" : b->basis_article;
        if (b->statutory_min) {
            t.statutory_min_text = b->statutory_min->describe();
            t.statutory_min_fen = fen_of(bound_value(ctx, *b->statutory_min));
        }
        if (b->statutory_max) {
            t.statutory_max_text = b->statutory_max->describe();
            t.statutory_max_fen = fen_of(bound_value(ctx, *b->statutory_max));
        }
    }
    t.level = std::string(level);
    t.tier_found = tier != nullptr;
    t.selected = selected;
    if (tier) {
        t.when_text = tier->when_text;
        if (tier->min) {
            t.min_text = tier->min->describe();
            t.min_fen = fen_of(bound_value(ctx, *tier->min));
            t.base = tier->min->base;
        }
        if (tier->max) {
            t.max_text = tier->max->describe();
            t.max_fen = fen_of(bound_value(ctx, *tier->max));
            if (t.base.empty()) t.base = tier->max->base;
        }
        if (!t.base.empty()) {
            const auto key = ctx.pack.keys.find(t.base);
            if (key) t.base_fen = fen_of(ctx.root.get(ctx.pack.key_penalty).get(ctx.pack.key_amounts).get(*key));
        }
    }
    ctx.trace->tier(std::move(t));
}

}  // namespace pingcha
