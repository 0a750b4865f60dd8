#include "check/expr_checker.hpp"

#include <algorithm>

namespace pingcha {
namespace {

using ast::ExprKind;

size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string hint(const std::string& wanted, const std::vector<std::string>& candidates, const std::string& prefix = "") {
    const std::string best = closest_name(wanted, candidates);
    return best.empty() ? "" : "（是否想写 '" + prefix + best + "'？）";
}

bool plain_number(const Type& t) { return t.is(TypeKind::integer) || t.is(TypeKind::decimal); }

std::string source_text(const ast::Expr& e) {
    if (!e.span.valid()) return e.name;
    return e.span.file->text().substr(e.span.begin, e.span.end - e.span.begin);
}

std::vector<std::string> shape_field_names(const Shape& shape) {
    std::vector<std::string> names;
    for (const auto& f : shape.fields) names.push_back(f.name);
    return names;
}

}  // namespace

std::string closest_name(const std::string& wanted, const std::vector<std::string>& candidates) {
    std::string best;
    size_t best_distance = std::max<size_t>(2, wanted.size() / 3) + 1;
    for (const auto& c : candidates) {
        const size_t d = edit_distance(wanted, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

ExprChecker::ExprChecker(CheckedPack& pack, Diagnostics& diags, const std::map<std::string, const ast::DefDecl*>& defs)
    : pack_(pack), diags_(diags), defs_(defs) {}

Type ExprChecker::check(const ast::Expr& e) { return visit(e); }

void ExprChecker::check_condition(const ast::Expr& e, const std::string& what) {
    expect(e, visit(e), TypeKind::boolean, what);
}

uint32_t ExprChecker::bind_each(const ast::Name& var, const ast::Expr& list) {
    const Type t = visit(list);
    Type element = Type::of(TypeKind::any);
    if (t.is(TypeKind::list))
        element = *t.element;
    else if (!t.loose())
        type_error(list, "类型错误：for 之后应为列表，实际为" + t.name());
    const uint32_t slot = pack_.slot_count++;
    scopes_.push_back({var.text, element, slot});
    return slot;
}

Type ExprChecker::note(const ast::Expr& e, Type t, ExprInfo info) {
    info.type = t;
    pack_.info[&e] = std::move(info);
    return t;
}

void ExprChecker::type_error(const ast::Expr& e, const std::string& message) { diags_.error("E0204", e.span, message); }

bool ExprChecker::expect(const ast::Expr& e, const Type& actual, TypeKind wanted, const std::string& what) {
    if (actual.loose() || actual.is(wanted)) return true;
    type_error(e, "类型错误：" + what + "应为" + Type::of(wanted).name() + "，实际为" + actual.name());
    return false;
}

std::string ExprChecker::field_path(const ast::Expr& e) const {
    auto it = pack_.info.find(&e);
    if (it == pack_.info.end() || it->second.ref != ExprInfo::Ref::field) return {};
    std::string out;
    for (const auto& k : it->second.path) out += (out.empty() ? "" : ".") + k;
    return out;
}

Type ExprChecker::visit(const ast::Expr& e) {
    switch (e.kind) {
        case ExprKind::integer: return note(e, Type::of(TypeKind::integer));
        case ExprKind::decimal:
        case ExprKind::percent: return note(e, Type::of(TypeKind::decimal));
        case ExprKind::text: return note(e, Type::of(TypeKind::text));
        case ExprKind::date: return note(e, Type::of(TypeKind::date));
        case ExprKind::boolean: return note(e, Type::of(TypeKind::boolean));
        case ExprKind::list: return list_literal(e);
        case ExprKind::name: return name(e);
        case ExprKind::member: return member(e);
        case ExprKind::project: {
            const Type t = visit(*e.args[0]);
            if (!t.is(TypeKind::list) && !t.loose()) type_error(e, "类型错误：[*] 只能用于列表，实际为" + t.name());
            return note(e, t);
        }
        case ExprKind::index: {
            const Type t = visit(*e.args[0]);
            if (t.is(TypeKind::list)) return note(e, *t.element);
            if (!t.loose()) type_error(e, "类型错误：下标只能用于列表，实际为" + t.name());
            return note(e, Type::of(TypeKind::any));
        }
        case ExprKind::call: return call(e);
        case ExprKind::lambda:
            diags_.error("E0206", e.span, "lambda（x => …）只能作为 any、all、count、sum、filter、map 的参数");
            return note(e, Type::of(TypeKind::error));
        case ExprKind::unary: return unary(e);
        case ExprKind::binary: return binary(e);
        case ExprKind::duration: return duration(e);
        case ExprKind::templ:
            for (const auto& part : e.args) visit(*part);
            return note(e, Type::of(TypeKind::text));
    }
    return note(e, Type::of(TypeKind::error));
}

Type ExprChecker::list_literal(const ast::Expr& e) {
    Type element = Type::of(TypeKind::any);
    bool first = true;
    for (const auto& item : e.args) {
        const Type t = visit(*item);
        if (first && !t.loose()) {
            element = t;
            first = false;
        } else if (!comparable(element, t)) {
            type_error(*item, "类型错误：列表元素应为" + element.name() + "，实际为" + t.name());
        }
    }
    return note(e, Type::list_of(element));
}

Type ExprChecker::name(const ast::Expr& e) {
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it)
        if (it->name == e.name) {
            ExprInfo info;
            info.ref = ExprInfo::Ref::variable;
            info.slot = it->slot;
            return note(e, it->type, info);
        }
    if (auto it = defs_.find(e.name); it != defs_.end()) {
        ExprInfo info;
        info.ref = ExprInfo::Ref::def;
        info.def = it->second;
        return note(e, def_type(*it->second), info);
    }
    if (const FieldSpec* f = case_file_shape().find(e.name)) {
        ExprInfo info;
        info.ref = ExprInfo::Ref::field;
        info.path = {e.name};
        return note(e, Type::from_shape(f->shape), info);
    }
    std::vector<std::string> candidates = shape_field_names(case_file_shape());
    for (const auto& v : scopes_) candidates.push_back(v.name);
    for (const auto& [name, def] : defs_) candidates.push_back(name);
    diags_.error("E0201", e.span, "未知的标识符 '" + e.name + "'" + hint(e.name, candidates));
    return note(e, Type::of(TypeKind::error));
}

Type ExprChecker::def_type(const ast::DefDecl& def) {
    if (auto it = def_types_.find(&def); it != def_types_.end()) return it->second;
    if (std::find(def_stack_.begin(), def_stack_.end(), &def) != def_stack_.end()) {
        diags_.error("E0208", def.name.span, "def '" + def.name.text + "' 循环引用自身");
        return def_types_[&def] = Type::of(TypeKind::error);
    }
    def_stack_.push_back(&def);
    auto saved = std::move(scopes_);  // a def sees only top-level names
    scopes_.clear();
    const Type t = visit(*def.value);
    scopes_ = std::move(saved);
    def_stack_.pop_back();
    return def_types_[&def] = t;
}

Type ExprChecker::member(const ast::Expr& e) {
    const ast::Expr& operand = *e.args[0];
    const Type t = visit(operand);
    const std::string base = field_path(operand);
    const std::string shown = base.empty() ? source_text(e) : base + "." + e.name;
    if (t.loose()) {
        pack_.extra_keys.insert(e.name);
        return note(e, Type::of(t.kind));
    }
    if (t.is(TypeKind::list) && t.element->is(TypeKind::record))
        return note(e, Type::list_of(member_of_shape(e, *t.element, shown)));
    if (t.is(TypeKind::list) && t.element->loose()) {
        pack_.extra_keys.insert(e.name);
        return note(e, Type::list_of(Type::of(TypeKind::any)));
    }
    if (!t.is(TypeKind::record)) {
        type_error(e, "类型错误：不能对" + t.name() + "取字段 '" + e.name + "'");
        return note(e, Type::of(TypeKind::error));
    }
    const Type result = member_of_shape(e, t, shown);
    ExprInfo info;
    if (!base.empty() && !result.is(TypeKind::error)) {
        info.ref = ExprInfo::Ref::field;
        info.path = pack_.info.at(&operand).path;
        info.path.push_back(e.name);
    }
    return note(e, result, info);
}

Type ExprChecker::member_of_shape(const ast::Expr& e, const Type& record, const std::string& shown_path) {
    const Shape* shape = record.shape;
    if (!shape || shape->type == FieldType::dynamic) {
        pack_.extra_keys.insert(e.name);
        return Type::of(TypeKind::any);
    }
    if (shape->type == FieldType::map) {
        pack_.extra_keys.insert(e.name);
        return Type::from_shape(*shape->element);
    }
    if (const FieldSpec* f = shape->find(e.name)) return Type::from_shape(f->shape);
    const std::string prefix = shown_path.substr(0, shown_path.size() - e.name.size());
    diags_.error("E0203", e.span,
                 "未知字段 '" + shown_path + "'" + hint(e.name, shape_field_names(*shape), prefix));
    return Type::of(TypeKind::error);
}

Type ExprChecker::duration(const ast::Expr& e) {
    const Type t = visit(*e.args[0]);
    expect(*e.args[0], t, TypeKind::integer, "天数、月数、年数");
    return note(e, Type::of(e.name == "days" ? TypeKind::days : TypeKind::period));
}

Type ExprChecker::unary(const ast::Expr& e) {
    const Type t = visit(*e.args[0]);
    if (e.name == "not") {
        expect(*e.args[0], t, TypeKind::boolean, "not 的操作数");
        return note(e, Type::of(TypeKind::boolean));
    }
    if (!t.is_numeric() && !t.loose()) type_error(e, "类型错误：负号只能用于数值，实际为" + t.name());
    return note(e, t);
}

Type ExprChecker::binary(const ast::Expr& e) {
    const Type a = visit(*e.args[0]);
    const Type b = visit(*e.args[1]);
    const std::string& op = e.name;
    if (op == "and" || op == "or") {
        expect(*e.args[0], a, TypeKind::boolean, op + " 的左侧");
        expect(*e.args[1], b, TypeKind::boolean, op + " 的右侧");
        return note(e, Type::of(TypeKind::boolean));
    }
    if (op == "==" || op == "!=") {
        if (!comparable(a, b)) type_error(e, "类型错误：无法比较" + a.name() + "与" + b.name());
        return note(e, Type::of(TypeKind::boolean));
    }
    if (op == "<" || op == "<=" || op == ">" || op == ">=") {
        if (!orderable(a, b)) type_error(e, "类型错误：无法比较大小：" + a.name() + "与" + b.name());
        return note(e, Type::of(TypeKind::boolean));
    }
    if (op == "in" || op == "not in") {
        const bool ok = b.loose() || (b.is(TypeKind::list) && comparable(a, *b.element)) ||
                        (b.is(TypeKind::text) && (a.is(TypeKind::text) || a.loose()));
        if (!ok) type_error(e, "类型错误：" + op + " 的右侧应为列表或文本，不能判断" + a.name() + "是否属于" + b.name());
        return note(e, Type::of(TypeKind::boolean));
    }
    return note(e, arithmetic(e, a, b));
}

Type ExprChecker::arithmetic(const ast::Expr& e, const Type& a, const Type& b) {
    using K = TypeKind;
    const std::string& op = e.name;
    if (a.loose() || b.loose()) return Type::of(a.is(K::error) || b.is(K::error) ? K::error : K::any);
    const K x = a.kind, y = b.kind;
    auto result = [&]() -> std::optional<K> {
        if (plain_number(a) && plain_number(b))
            return op != "/" && x == K::integer && y == K::integer ? K::integer : K::decimal;
        if (op == "+" || op == "-") {
            if (x == K::money && (y == K::money || plain_number(b))) return K::money;
            if (op == "+" && y == K::money && plain_number(a)) return K::money;
            if (x == K::date && (y == K::days || y == K::period)) return K::date;
            if (op == "+" && (x == K::days || x == K::period) && y == K::date) return K::date;
            if (op == "-" && x == K::date && y == K::date) return K::days;
            if (x == K::days && (y == K::days || y == K::integer)) return K::days;
            if (op == "+" && x == K::integer && y == K::days) return K::days;
            if (op == "+" && x == K::text && y == K::text) return K::text;
        }
        if (op == "*") {
            if ((x == K::money && plain_number(b)) || (plain_number(a) && y == K::money)) return K::money;
            if ((x == K::days && y == K::integer) || (x == K::integer && y == K::days)) return K::days;
        }
        if (op == "/") {
            if (x == K::money && plain_number(b)) return K::money;
            if (x == K::money && y == K::money) return K::decimal;
            if (x == K::days && (y == K::days || plain_number(b))) return K::decimal;
        }
        return std::nullopt;
    }();
    if (!result) {
        type_error(e, "类型错误：不能计算" + a.name() + " " + op + " " + b.name());
        return Type::of(K::error);
    }
    return Type::of(*result);
}

Type ExprChecker::call(const ast::Expr& e) {
    const auto builtin = find_builtin(e.name);
    if (!builtin) {
        size_t n = 0;
        const BuiltinInfo* table = builtin_table(n);
        std::vector<std::string> names;
        for (size_t k = 0; k < n; ++k) names.push_back(table[k].name);
        diags_.error("E0202", e.span, "未知函数 '" + e.name + "'" + hint(e.name, names));
        for (const auto& arg : e.args)
            if (arg->kind != ExprKind::lambda) visit(*arg);
        return note(e, Type::of(TypeKind::error));
    }
    const int argc = static_cast<int>(e.args.size());
    if (argc < builtin->min_args || argc > builtin->max_args) {
        const std::string expected = builtin->min_args == builtin->max_args
                                         ? std::to_string(builtin->min_args)
                                         : std::to_string(builtin->min_args) + "～" + std::to_string(builtin->max_args);
        diags_.error("E0205", e.span,
                     "函数 " + e.name + " 需要 " + expected + " 个参数，实际为 " + std::to_string(argc) + " 个");
        return note(e, Type::of(TypeKind::error));
    }
    ExprInfo info;
    info.ref = ExprInfo::Ref::builtin;
    info.builtin = builtin->id;
    return note(e, builtin_call(e, *builtin), info);
}

Type ExprChecker::lambda(const ast::Expr& lambda, const Type& element) {
    if (lambda.kind != ExprKind::lambda) {
        diags_.error("E0206", lambda.span, "此处应为 lambda（x => 表达式）");
        visit(lambda);
        return Type::of(TypeKind::error);
    }
    const uint32_t slot = pack_.slot_count++;
    scopes_.push_back({lambda.name, element, slot});
    const Type body = visit(*lambda.args[0]);
    scopes_.pop_back();
    ExprInfo info;
    info.ref = ExprInfo::Ref::variable;
    info.slot = slot;
    return note(lambda, body, info);
}

Type ExprChecker::list_call(const ast::Expr& e, Builtin id, const Type& list) {
    using K = TypeKind;
    const Type element = list.is(K::list) ? *list.element : Type::of(K::any);
    if (!list.is(K::list) && !list.loose()) type_error(*e.args[0], "类型错误：" + e.name + " 的第一个参数应为列表，实际为" + list.name());
    if (e.args.size() == 1) {
        if (id == Builtin::count) return Type::of(K::integer);
        if (!element.is_numeric() && !element.loose()) type_error(e, "类型错误：sum 只能对数值列表求和，实际为" + list.name());
        return element;
    }
    const Type body = lambda(*e.args[1], element);
    switch (id) {
        case Builtin::count:
        case Builtin::any:
        case Builtin::all:
        case Builtin::filter:
            expect(*e.args[1], body, K::boolean, e.name + " 的条件");
            if (id == Builtin::filter) return list.is(K::list) ? list : Type::list_of(element);
            return Type::of(id == Builtin::count ? K::integer : K::boolean);
        case Builtin::sum:
            if (!body.is_numeric() && !body.loose()) type_error(*e.args[1], "类型错误：sum 的映射应为数值，实际为" + body.name());
            return body;
        default: return Type::list_of(body);  // map
    }
}

void ExprChecker::check_literal_reference(const ast::Expr& arg, Builtin id, size_t position) {
    if (arg.kind != ExprKind::text) return;
    using B = Builtin;
    const bool law_arg = position == 0 && (id == B::law_known || id == B::law_name || id == B::law_kind ||
                                           id == B::law_territory || id == B::applies_in || id == B::in_force ||
                                           id == B::law_version || id == B::law_articles || id == B::version_known ||
                                           id == B::version_until || id == B::version_articles ||
                                           id == B::repealed_on || id == B::replaced_by);
    if (law_arg && !pack_.laws.find(arg.name) && !pack_.laws.recognise(arg.name, pack_.territories))
        diags_.error("E0301", arg.span, "法规库中没有 '" + arg.name + "'");
    const bool benchmark_arg = position == 0 && (id == B::benchmark_known || id == B::tier_known || id == B::tier_names ||
                                                 id == B::selected_tier || id == B::tier_min || id == B::tier_max ||
                                                 id == B::tier_base || id == B::statutory_min ||
                                                 id == B::statutory_max || id == B::allowed_kinds ||
                                                 id == B::benchmark_law || id == B::benchmark_article);
    if (benchmark_arg && std::none_of(pack_.benchmarks.begin(), pack_.benchmarks.end(),
                                      [&](const ast::BenchmarkDecl* b) { return b->code.text == arg.name; }))
        diags_.error("E0302", arg.span, "未声明的裁量基准 '" + arg.name + "'");
    const bool territory_arg =
        (id == B::applies_in && position == 1) || id == B::within || id == B::territory_known || id == B::territory_name;
    if (territory_arg && id != B::territory_known && !pack_.territories.find(arg.name))
        diags_.error("E0303", arg.span, "未声明的地域 '" + arg.name + "'");
    if ((id == B::agency_name || id == B::agency_territory) && !pack_.agencies.count(arg.name))
        diags_.error("E0309", arg.span, "未声明的执法主体 '" + arg.name + "'");
}

Type ExprChecker::builtin_call(const ast::Expr& e, const BuiltinInfo& b) {
    using K = TypeKind;
    using B = Builtin;
    const Builtin id = b.id;
    if (id == B::count || id == B::any || id == B::all || id == B::sum || id == B::filter || id == B::map)
        return list_call(e, id, visit(*e.args[0]));
    std::vector<Type> args;
    for (size_t k = 0; k < e.args.size(); ++k) {
        args.push_back(visit(*e.args[k]));
        check_literal_reference(*e.args[k], id, k);
    }
    auto want = [&](size_t k, K kind, const char* what) { expect(*e.args[k], args[k], kind, e.name + " 的" + what); };
    switch (id) {
        case B::exists:
        case B::missing: return Type::of(K::boolean);
        case B::coalesce:
            if (!comparable(args[0], args[1])) type_error(e, "类型错误：coalesce 的两个参数类型不同：" + args[0].name() + "、" + args[1].name());
            return args[0].loose() ? args[1] : args[0];
        case B::text_of: return Type::of(K::text);
        case B::if_:
            want(0, K::boolean, "条件");
            if (!comparable(args[1], args[2])) type_error(e, "类型错误：if 的两个分支类型不同：" + args[1].name() + "、" + args[2].name());
            return args[1].loose() ? args[2] : args[1];
        case B::in_order:
            if (!args[0].is(K::list) && !args[0].loose()) type_error(*e.args[0], "类型错误：in_order 的参数应为列表，实际为" + args[0].name());
            else if (args[0].is(K::list) && !orderable(*args[0].element, *args[0].element))
                type_error(*e.args[0], "类型错误：" + args[0].element->name() + "不能比较大小");
            return Type::of(K::boolean);
        case B::contains:
        case B::starts_with:
            want(0, K::text, "第一个参数");
            want(1, K::text, "第二个参数");
            return Type::of(K::boolean);
        case B::days:
        case B::working_days:
            want(0, K::date, "第一个参数");
            want(1, K::date, "第二个参数");
            return Type::of(K::days);
        case B::year: want(0, K::date, "参数"); return Type::of(K::integer);
        case B::in_force:
        case B::law_version:
        case B::law_articles:
            want(0, K::text, "法规名称");
            want(1, K::date, "日期");
            return Type::of(id == B::in_force ? K::boolean : id == B::law_version ? K::text : K::integer);
        case B::version_known:
        case B::version_until:
        case B::version_articles:
            want(0, K::text, "法规名称");
            want(1, K::text, "版本");
            return Type::of(id == B::version_known ? K::boolean : id == B::version_until ? K::date : K::integer);
        case B::applies_in:
        case B::within:
        case B::tier_known:
        case B::tier_min:
        case B::tier_max:
        case B::tier_base:
            want(0, K::text, "第一个参数");
            want(1, K::text, "第二个参数");
            if (id == B::tier_min || id == B::tier_max) return Type::of(K::money);
            return Type::of(id == B::tier_base ? K::text : K::boolean);
        default: break;
    }
    want(0, K::text, "参数");
    switch (id) {
        case B::law_known:
        case B::law_recognised:
        case B::benchmark_known:
        case B::agency_known:
        case B::territory_known: return Type::of(K::boolean);
        case B::repealed_on: return Type::of(K::date);
        case B::tier_names:
        case B::allowed_kinds: return Type::list_of(Type::of(K::text));
        case B::statutory_min:
        case B::statutory_max: return Type::of(K::money);
        case B::benchmark_article: return Type::of(K::integer);
        default: return Type::of(K::text);
    }
}

}  // namespace pingcha
