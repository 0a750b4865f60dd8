#include "check/lint.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "law/citation.hpp"

namespace pingcha {
namespace {

using ast::ExprKind;

// ------------------------------------------------------------------ benchmark tables

// Bounds of one form and base can be ordered against each other.
std::string bound_family(const ast::Bound& b) {
    return std::to_string(static_cast<int>(b.form)) + "|" + (b.base ? b.base->text : "");
}

std::string bound_text(const ast::Bound& b) {
    switch (b.form) {
        case ast::Bound::Form::amount: return b.number.to_decimal_string() + "元";
        case ast::Bound::Form::percent: return b.number.times(Rational(100))->to_decimal_string() + "%";
        case ast::Bound::Form::times: return b.number.to_decimal_string() + "倍";
    }
    return {};
}

void lint_tier_ranges(const ast::BenchmarkDecl& b, Diagnostics& diags) {
    std::vector<const ast::Tier*> ranged;
    for (const auto& t : b.tiers)
        if (!t.fixed && t.min && t.max && bound_family(*t.min) == bound_family(*t.max)) ranged.push_back(&t);
    if (ranged.empty()) return;
    const std::string family = bound_family(*ranged.front()->min);
    if (std::any_of(ranged.begin(), ranged.end(), [&](auto* t) { return bound_family(*t->min) != family; })) return;
    std::sort(ranged.begin(), ranged.end(), [](auto* a, auto* c) { return a->min->number < c->min->number; });
    for (size_t k = 1; k < ranged.size(); ++k) {
        const ast::Tier& lo = *ranged[k - 1];
        const ast::Tier& hi = *ranged[k];
        if (lo.max->number > hi.min->number)
            diags.warning("W0401", hi.span, "阶次「" + hi.level.text + "」与「" + lo.level.text + "」重叠超过共同边界（" +
                                                bound_text(*hi.min) + " < " + bound_text(*lo.max) + "）");
        else if (lo.max->number < hi.min->number)
            diags.warning("W0402", hi.span, "阶次「" + lo.level.text + "」与「" + hi.level.text + "」之间有空档（" +
                                                bound_text(*lo.max) + " 至 " + bound_text(*hi.min) + "）");
    }
    const auto& smin = b.statutory_min;
    const auto& smax = b.statutory_max;
    if (smin && bound_family(*smin) == family && ranged.front()->min->number > smin->number)
        diags.warning("W0402", ranged.front()->span, "法定幅度下限 " + bound_text(*smin) + " 与最低阶次之间有空档");
    if (smax && bound_family(*smax) == family && ranged.back()->max->number < smax->number)
        diags.warning("W0402", ranged.back()->span, "最高阶次与法定幅度上限 " + bound_text(*smax) + " 之间有空档");
}

void lint_tier_inside_statute(const ast::BenchmarkDecl& b, Diagnostics& diags) {
    for (const auto& t : b.tiers) {
        const bool below = t.min && b.statutory_min && bound_family(*t.min) == bound_family(*b.statutory_min) &&
                           t.min->number < b.statutory_min->number;
        const bool above = t.max && b.statutory_max && bound_family(*t.max) == bound_family(*b.statutory_max) &&
                           t.max->number > b.statutory_max->number;
        if (below || above)
            diags.warning("W0403", t.span, "阶次「" + t.level.text + "」超出法定幅度");
    }
}

// An integer interval [lo, hi] selected by a condition on one field.
struct Interval {
    std::string field;
    int64_t lo = 0;
    int64_t hi = std::numeric_limits<int64_t>::max();
};

std::string path_of(const CheckedPack& pack, const ast::Expr& e) {
    auto it = pack.info.find(&e);
    if (it == pack.info.end() || it->second.ref != ExprInfo::Ref::field) return {};
    std::string out;
    for (const auto& k : it->second.path) out += (out.empty() ? "" : ".") + k;
    return out;
}

// `field OP integer` (either side), or an `and` of two such on one field.
std::optional<Interval> interval_of(const CheckedPack& pack, const ast::Expr& e) {
    if (e.kind != ExprKind::binary) return std::nullopt;
    if (e.name == "and") {
        auto a = interval_of(pack, *e.args[0]), b = interval_of(pack, *e.args[1]);
        if (!a || !b || a->field != b->field) return std::nullopt;
        return Interval{a->field, std::max(a->lo, b->lo), std::min(a->hi, b->hi)};
    }
    const ast::Expr* field = e.args[0].get();
    const ast::Expr* number = e.args[1].get();
    std::string op = e.name;
    if (field->kind == ExprKind::integer) {
        std::swap(field, number);
        static const std::map<std::string, std::string> flipped = {{"<", ">"}, {"<=", ">="}, {">", "<"}, {">=", "<="}, {"==", "=="}};
        if (!flipped.count(op)) return std::nullopt;
        op = flipped.at(op);
    }
    const std::string path = path_of(pack, *field);
    if (path.empty() || number->kind != ExprKind::integer) return std::nullopt;
    const int64_t n = number->number.num();
    Interval out{path};
    if (op == "==") out.lo = out.hi = n;
    else if (op == ">=") out.lo = n;
    else if (op == ">") out.lo = n + 1;
    else if (op == "<=") out.hi = n;
    else if (op == "<") out.hi = n - 1;
    else return std::nullopt;
    out.lo = std::max<int64_t>(out.lo, 0);  // counts in case files are non-negative
    return out;
}

void lint_fixed_tiers(const CheckedPack& pack, const ast::BenchmarkDecl& b, Diagnostics& diags) {
    std::vector<std::pair<const ast::Tier*, Interval>> tiers;
    for (const auto& t : b.tiers) {
        if (!t.fixed || !t.when) continue;
        auto iv = interval_of(pack, *t.when);
        if (!iv) return;  // not analysable: say nothing rather than guess
        tiers.emplace_back(&t, *iv);
    }
    if (tiers.size() < 2) return;
    if (std::any_of(tiers.begin(), tiers.end(), [&](auto& p) { return p.second.field != tiers[0].second.field; })) return;
    std::sort(tiers.begin(), tiers.end(), [](auto& a, auto& c) { return a.second.lo < c.second.lo; });
    int64_t covered_to = -1;  // every value in [0, covered_to] matched so far
    for (size_t k = 0; k < tiers.size(); ++k) {
        const auto& [tier, iv] = tiers[k];
        if (k > 0 && iv.lo <= tiers[k - 1].second.hi)
            diags.warning("W0404", tier->span, "阶次「" + tier->level.text + "」与「" + tiers[k - 1].first->level.text +
                                                   "」的适用条件重叠（" + iv.field + " = " + std::to_string(iv.lo) + "）");
        if (iv.lo > covered_to + 1)
            diags.warning("W0404", tier->span, "没有阶次适用于 " + iv.field + " = " + std::to_string(covered_to + 1) +
                                                   (iv.lo - 1 > covered_to + 1 ? " 至 " + std::to_string(iv.lo - 1) : ""));
        covered_to = std::max(covered_to, iv.hi);
    }
    if (covered_to != std::numeric_limits<int64_t>::max())
        diags.warning("W0404", tiers.back().first->span,
                      "没有阶次适用于 " + tiers[0].second.field + " ≥ " + std::to_string(covered_to + 1));
}

// ------------------------------------------------------------------ law catalog

void lint_versions(const ast::LawDecl& law, Diagnostics& diags) {
    if (law.versions.empty())
        diags.warning("W0415", law.name.span, "《" + law.name.text + "》没有任何版本，任何日期都不在施行期内");
    std::vector<const ast::LawVersion*> versions;
    for (const auto& v : law.versions)
        if (v.from) versions.push_back(&v);
    std::sort(versions.begin(), versions.end(), [](auto* a, auto* b) { return *a->from < *b->from; });
    for (size_t k = 1; k < versions.size(); ++k) {
        const auto& prev = *versions[k - 1];
        const auto& next = *versions[k];
        if (!prev.until || *prev.until >= *next.from)
            diags.warning("W0411", next.span, "《" + law.name.text + "》版本 " + prev.label.text + " 与 " + next.label.text +
                                                  " 的施行期间重叠");
        else if (prev.until->plus_days(1) < *next.from)
            diags.warning("W0411", next.span, "《" + law.name.text + "》版本 " + prev.label.text + " 失效（" +
                                                  prev.until->to_string() + "）与版本 " + next.label.text + " 施行（" +
                                                  next.from->to_string() + "）之间有空档");
    }
}

std::optional<uint32_t> latest_articles(const Law& law) {
    for (auto it = law.versions.rbegin(); it != law.versions.rend(); ++it)
        if (it->articles) return it->articles;
    return std::nullopt;
}

// The declaration the catalog took the law from (not an imported one it overrode).
const ast::LawDecl* declaration_of(const CheckedPack& pack, const Law& law) {
    for (const auto& f : pack.sources.files)
        for (const auto& d : f.ast.laws)
            if (d.name.text == law.name && !pack.yielded_laws.count(&d)) return &d;
    return nullptr;
}

// A law cited by article must know its article counts, and the article must exist.
void lint_cited_article(const CheckedPack& pack, const std::string& law_name, const std::string& article,
                        const SourceSpan& where, std::set<const Law*>& reported, Diagnostics& diags) {
    const Law* law = pack.laws.find(law_name);
    if (!law) return;
    const auto ref = parse_article_ref(article);
    const auto count = latest_articles(*law);
    if (ref && count && ref->article > *count)
        diags.warning("W0413", where, "引用《" + law->name + "》第" + std::to_string(ref->article) + "条，超出其条文数 " +
                                          std::to_string(*count));
    if (!reported.insert(law).second) return;
    const ast::LawDecl* decl = declaration_of(pack, *law);
    if (!decl) return;
    for (const auto& v : decl->versions)
        if (!v.articles && !v.articles_unknown)
            diags.warning("W0412", v.span, "《" + law->name + "》版本 " + v.label.text + " 缺少条文数（articles），而规则按条文引用该法");
}

void lint_basis_repealed(const CheckedPack& pack, const ast::BenchmarkDecl& b, Diagnostics& diags) {
    const Law* law = pack.laws.find(b.basis_law.text);
    if (!law) return;
    std::optional<Date> end = law->repealed;
    if (!end && !law->versions.empty() && law->versions.back().until) end = law->versions.back().until->plus_days(1);
    if (end || law->repeal_date_unknown)
        diags.warning("W0414", b.basis_law.span, "裁量基准 " + b.code.text + " 以已废止的《" + law->name + "》为处罚依据" +
                                                     (end ? "（" + end->to_string() + " 起不再施行）" : ""));
}

// ------------------------------------------------------------------ rules

// The value of an expression that reads nothing from the case, if it is one.
struct Constant {
    enum class Kind { boolean, number, text, date, missing } kind;
    bool b = false;
    Rational n;
    std::string t;
    Date d;
};

std::optional<Constant> fold(const ast::Expr& e) {
    using K = Constant::Kind;
    switch (e.kind) {
        case ExprKind::boolean: return Constant{K::boolean, e.flag};
        case ExprKind::integer:
        case ExprKind::decimal:
        case ExprKind::percent: return Constant{K::number, false, e.number};
        case ExprKind::text: return Constant{K::text, false, {}, e.name};
        case ExprKind::date: return Constant{K::date, false, {}, {}, e.date};
        case ExprKind::unary: {
            auto a = fold(*e.args[0]);
            if (!a || e.name != "not") return std::nullopt;
            if (a->kind == K::missing) return a;
            return a->kind == K::boolean ? std::optional<Constant>(Constant{K::boolean, !a->b}) : std::nullopt;
        }
        case ExprKind::binary: {
            auto a = fold(*e.args[0]), b = fold(*e.args[1]);
            if (e.name == "and" || e.name == "or") {
                const bool decisive = e.name == "or";
                for (const auto& side : {a, b})
                    if (side && side->kind == K::boolean && side->b == decisive) return Constant{K::boolean, decisive};
                if (a && b && a->kind == K::boolean && b->kind == K::boolean) return Constant{K::boolean, !decisive};
                return std::nullopt;
            }
            if (!a || !b || a->kind != b->kind) return std::nullopt;
            std::partial_ordering c = std::partial_ordering::unordered;
            if (a->kind == K::number) c = a->n <=> b->n;
            else if (a->kind == K::text) c = a->t <=> b->t;
            else if (a->kind == K::date) c = a->d <=> b->d;
            else if (a->kind == K::boolean) c = a->b <=> b->b;
            const std::string& op = e.name;
            if (op == "==") return Constant{K::boolean, c == 0};
            if (op == "!=") return Constant{K::boolean, c != 0};
            if (op == "<") return Constant{K::boolean, c < 0};
            if (op == "<=") return Constant{K::boolean, c <= 0};
            if (op == ">") return Constant{K::boolean, c > 0};
            if (op == ">=") return Constant{K::boolean, c >= 0};
            return std::nullopt;
        }
        default: return std::nullopt;
    }
}

void lint_constant_conditions(const CheckedPack& pack, Diagnostics& diags) {
    for (const auto* r : pack.rules) {
        auto c = fold(*r->when);
        if (!c || c->kind != Constant::Kind::boolean) continue;
        diags.warning("W0421", r->when->span, "规则 " + r->id.text + " 的条件恒为" + (c->b ? "真" : "假") +
                                                   (c->b ? "，对每份案卷都会触发" : "，永远不会触发"));
    }
}

void collect_def_uses(const CheckedPack& pack, std::set<const ast::DefDecl*>& used) {
    for (const auto& [expr, info] : pack.info)
        if (info.ref == ExprInfo::Ref::def) used.insert(info.def);
}

void lint_unused(const CheckedPack& pack, Diagnostics& diags) {
    std::set<const ast::DefDecl*> defs;
    collect_def_uses(pack, defs);
    for (const auto* d : pack.defs)
        if (!defs.count(d)) diags.warning("W0422", d->name.span, "def '" + d->name.text + "' 未被使用");
    for (const auto& f : pack.sources.files)
        for (const auto& s : f.ast.sections)
            if (std::none_of(pack.rules.begin(), pack.rules.end(), [&](auto* r) { return r->section.text == s.id.text; }))
                diags.warning("W0422", s.id.span, "评查项目 '" + s.id.text + "' 没有任何规则");
}

void lint_untested(const CheckedPack& pack, Diagnostics& diags) {
    std::set<std::string> tested;
    for (const auto& [file, test] : pack.tests)
        for (const auto& e : test->expects) tested.insert(e.rule.text);
    for (const auto* r : pack.rules)
        if (!tested.count(r->id.text)) diags.warning("W0423", r->id.span, "规则 " + r->id.text + " 没有测试用例");
}

// ------------------------------------------------------------------ calendar

void date_literal_years(const ast::Expr& e, std::set<int>& years) {
    if (e.kind == ExprKind::date) years.insert(e.date.year());
    for (const auto& a : e.args) date_literal_years(*a, years);
}

// Finds the first working_days() call and the years of date literals passed to any.
bool uses_working_days(const CheckedPack& pack, const ast::Expr** where, std::set<int>& literal_years) {
    for (const auto& [expr, info] : pack.info)
        if (info.ref == ExprInfo::Ref::builtin && info.builtin == Builtin::working_days) {
            if (!*where || expr->span.begin < (*where)->span.begin) *where = expr;
            date_literal_years(*expr, literal_years);
        }
    return *where != nullptr;
}

// Years a working-day count may need: gaps between the declared calendar years, and the years
// of date literals given to working_days(). (Test data is not consulted: a test may ask
// about an uncovered year on purpose, to see the warning.)
void lint_calendar(const CheckedPack& pack, Diagnostics& diags) {
    const ast::Expr* first = nullptr;
    std::set<int> years;
    if (!uses_working_days(pack, &first, years)) return;
    const auto covered = pack.calendar.covered_years();
    if (covered.empty()) {
        diags.warning("W0431", first->span, "规则用到工作日计算，但规则包没有任何工作日历（calendar）");
        return;
    }
    for (int y = covered.front(); y <= covered.back(); ++y) years.insert(y);
    for (int y : years)
        if (!pack.calendar.covers(y))
            diags.warning("W0431", first->span, "规则用到工作日计算，但工作日历缺少 " + std::to_string(y) + " 年");
}

}  // namespace

void lint_pack(const CheckedPack& pack, Diagnostics& diags) {
    std::set<const Law*> reported;
    for (const auto* b : pack.benchmarks) {
        lint_tier_ranges(*b, diags);
        lint_tier_inside_statute(*b, diags);
        lint_fixed_tiers(pack, *b, diags);
        lint_basis_repealed(pack, *b, diags);
        if (b->basis_article) lint_cited_article(pack, b->basis_law.text, *b->basis_article, b->basis_article_span, reported, diags);
    }
    for (const auto& f : pack.sources.files)
        for (const auto& law : f.ast.laws)
            if (!pack.yielded_laws.count(&law)) lint_versions(law, diags);
    for (const auto* r : pack.rules)
        for (const auto& c : r->cites)
            if (c.article) lint_cited_article(pack, c.law.text, *c.article, c.span, reported, diags);
    lint_constant_conditions(pack, diags);
    lint_unused(pack, diags);
    lint_untested(pack, diags);
    lint_calendar(pack, diags);
    diags.sort();
}

}  // namespace pingcha
