#include "format/ast_dump.hpp"

#include <sstream>

namespace pingcha::format {
namespace {

const char* kind_name(ast::ExprKind k) {
    switch (k) {
        case ast::ExprKind::integer: return "integer";
        case ast::ExprKind::decimal: return "decimal";
        case ast::ExprKind::percent: return "percent";
        case ast::ExprKind::text: return "text";
        case ast::ExprKind::date: return "date";
        case ast::ExprKind::boolean: return "boolean";
        case ast::ExprKind::list: return "list";
        case ast::ExprKind::name: return "name";
        case ast::ExprKind::member: return "member";
        case ast::ExprKind::project: return "project";
        case ast::ExprKind::index: return "index";
        case ast::ExprKind::call: return "call";
        case ast::ExprKind::lambda: return "lambda";
        case ast::ExprKind::unary: return "unary";
        case ast::ExprKind::binary: return "binary";
        case ast::ExprKind::duration: return "duration";
        case ast::ExprKind::templ: return "template";
    }
    return "?";
}

// Strings are dumped with their bytes escaped so that every field stays on one line.
std::string str(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string num(const Rational& r) { return std::to_string(r.num()) + "/" + std::to_string(r.den()); }

template <typename T>
std::string opt(const std::optional<T>& v) {
    if (!v) return "-";
    if constexpr (std::is_same_v<T, Date>) return v->to_string();
    else if constexpr (std::is_same_v<T, Rational>) return num(*v);
    else if constexpr (std::is_same_v<T, std::string>) return str(*v);
    else if constexpr (std::is_same_v<T, ast::Name>) return str(v->text);
    else return std::to_string(*v);
}

void expr(std::ostream& o, const ast::ExprPtr& e) {
    if (!e) {
        o << "null";
        return;
    }
    o << "(" << kind_name(e->kind);
    switch (e->kind) {
        case ast::ExprKind::integer:
        case ast::ExprKind::decimal:
        case ast::ExprKind::percent:
        case ast::ExprKind::index: o << " " << num(e->number); break;
        case ast::ExprKind::date: o << " " << e->date.to_string(); break;
        case ast::ExprKind::boolean: o << (e->flag ? " true" : " false"); break;
        default: break;
    }
    if (!e->name.empty() || e->kind == ast::ExprKind::text) o << " " << str(e->name);
    for (const auto& a : e->args) {
        o << " ";
        expr(o, a);
    }
    o << ")";
}

// Inline JSON is compared without the indentation of its lines, which the formatter adjusts.
std::string json_lines(const std::string& s) {
    std::string out;
    size_t i = 0;
    while (i <= s.size()) {
        size_t j = s.find('\n', i);
        if (j == std::string::npos) j = s.size();
        std::string line = s.substr(i, j - i);
        const size_t b = line.find_first_not_of(" \t\r");
        const size_t e = line.find_last_not_of(" \t\r");
        out += b == std::string::npos ? "" : line.substr(b, e - b + 1);
        out += "\n";
        i = j + 1;
    }
    return out;
}

std::string bound(const std::optional<ast::Bound>& b) {
    if (!b) return "-";
    const char* form = b->form == ast::Bound::Form::amount ? "amount" : b->form == ast::Bound::Form::percent ? "percent" : "times";
    return std::string(form) + " " + num(b->number) + " of " + opt(b->base);
}

}  // namespace

std::string dump_expr(const ast::ExprPtr& e) {
    std::ostringstream o;
    expr(o, e);
    return o.str();
}

std::string dump_ast(const ast::File& f) {
    std::ostringstream o;
    o << "imported " << f.imported << "\n";
    if (f.pack) o << "pack " << str(f.pack->name.text) << " version " << str(f.pack->version) << "\n";
    for (const auto& d : f.imports) o << "import " << str(d.path) << "\n";
    for (const auto& d : f.territories) {
        o << "territory " << str(d.code.text) << " " << str(d.display) << " within";
        for (const auto& w : d.within) o << " " << str(w.text);
        o << "\n";
    }
    for (const auto& d : f.laws) {
        o << "law " << str(d.name.text) << " aliases";
        for (const auto& a : d.aliases) o << " " << str(a.text);
        o << " kind " << str(d.kind.text) << " applies_in " << opt(d.territory) << " note " << opt(d.note)
          << " repealed " << opt(d.repealed) << " unknown " << d.repeal_date_unknown << " replaced_by "
          << opt(d.replaced_by) << "\n";
        for (const auto& v : d.versions)
            o << "  version " << str(v.label.text) << " adopted " << opt(v.adopted) << " from " << opt(v.from)
              << " until " << opt(v.until) << " articles " << opt(v.articles) << " unknown " << v.articles_unknown
              << "\n";
    }
    for (const auto& d : f.calendars) {
        o << "calendar " << d.year << " source " << opt(d.source) << "\n  rest";
        for (const auto& r : d.rest) o << " " << r.first.to_string() << ".." << r.last.to_string();
        o << "\n  work";
        for (const auto& r : d.work) o << " " << r.first.to_string() << ".." << r.last.to_string();
        o << "\n";
    }
    for (const auto& d : f.agencies)
        o << "agency " << str(d.code.text) << " " << str(d.display) << " in " << str(d.territory.text) << "\n";
    for (const auto& d : f.benchmarks) {
        o << "benchmark " << str(d.code.text) << " " << str(d.display) << " basis " << str(d.basis_law.text)
          << " art " << opt(d.basis_article) << " min " << bound(d.statutory_min) << " max "
          << bound(d.statutory_max) << " kinds";
        for (const auto& k : d.kinds) o << " " << str(k.text);
        o << "\n";
        for (const auto& t : d.tiers) {
            o << "  tier " << str(t.level.text) << " fixed " << t.fixed << " min " << bound(t.min) << " max "
              << bound(t.max) << " when ";
            expr(o, t.when);
            o << "\n";
        }
    }
    for (const auto& d : f.sections) o << "section " << str(d.id.text) << " " << str(d.display) << " max " << num(d.max) << "\n";
    for (const auto& d : f.grades) o << "grade " << str(d.grade.text) << " " << opt(d.at_least) << "\n";
    for (const auto& d : f.vetoes) o << "veto " << str(d.grade.text) << " score " << opt(d.score) << "\n";
    for (const auto& d : f.defs) {
        o << "def " << str(d.name.text) << " ";
        expr(o, d.value);
        o << "\n";
    }
    for (const auto& d : f.rules) {
        o << "rule " << str(d.id.text) << " title " << opt(d.title) << " in " << str(d.section.text) << " severity "
          << static_cast<int>(d.severity) << " points " << num(d.points) << "\n  cites";
        for (const auto& c : d.cites) o << " " << str(c.law.text) << " art " << opt(c.article);
        o << "\n  for " << opt(d.each_var) << " ";
        expr(o, d.each_list);
        o << "\n  when ";
        expr(o, d.when);
        o << "\n  says ";
        expr(o, d.says);
        o << "\n";
    }
    for (const auto& d : f.tests) {
        o << "test " << str(d.name) << " json " << (d.case_json ? str(json_lines(*d.case_json)) : "-") << " file "
          << opt(d.case_file) << "\n";
        for (const auto& e : d.expects)
            o << "  expect " << static_cast<int>(e.kind) << " " << str(e.rule.text) << " points " << opt(e.points)
              << " count " << opt(e.count) << " grade " << str(e.grade.text) << " score " << num(e.score) << "\n";
    }
    return o.str();
}

}  // namespace pingcha::format
