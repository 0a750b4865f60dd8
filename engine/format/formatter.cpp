#include "format/formatter.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

#include "format/ast_dump.hpp"
#include "format/scanner.hpp"
#include "syntax/parser.hpp"

namespace pingcha::format {
namespace {

struct CannotFormat : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// ---------------------------------------------------------------- text

// Terminal columns of a code point: CJK and full-width forms take two.
int cp_width(char32_t cp) {
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD))
        return 2;
    return 1;
}

int width(std::string_view s) {
    int w = 0;
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
        for (size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        w += cp_width(cp);
        i += len;
    }
    return w;
}

std::string spaces(int n) { return std::string(static_cast<size_t>(std::max(n, 0)), ' '); }

std::string rtrim(std::string_view s) {
    size_t e = s.size();
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
    return std::string(s.substr(0, e));
}

template <typename T, typename F>
std::string join(const std::vector<T>& items, const char* sep, F f) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += sep;
        out += f(items[i]);
    }
    return out;
}

// ---------------------------------------------------------------- names, strings, numbers

bool ident_start(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80; }
bool ident_char(unsigned char c) { return ident_start(c) || (c >= '0' && c <= '9'); }

bool reserved(std::string_view s) {
    return s == "and" || s == "or" || s == "not" || s == "in" || s == "true" || s == "false";
}

// The grammar's `code`: an identifier that may also contain `-`.
bool is_code(std::string_view s) {
    if (s.empty() || !ident_start(static_cast<unsigned char>(s[0]))) return false;
    for (char c : s)
        if (!ident_char(static_cast<unsigned char>(c)) && c != '-') return false;
    return !reserved(s);
}

// A string literal. `\{` and `\}` are written only in templates (where a bare brace opens or
// closes a hole); `"`, `\`, newline and tab are always escaped.
std::string quote(std::string_view s, bool in_template = false) {
    std::string out = "\"";
    for (char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '{':
            case '}':
                if (in_template) out += '\\';
                out += c;
                break;
            default: out += c;
        }
    }
    return out + "\"";
}

// Codes, sections, grades, tiers, kinds, bases, territories: bare when the grammar reads them
// back as the same code, quoted otherwise.
std::string name(const ast::Name& n) { return is_code(n.text) ? n.text : quote(n.text); }

// Law titles and version labels are always quoted: they are titles, not codes.
std::string title(const ast::Name& n) { return quote(n.text); }

std::string number(const Rational& r) { return r.to_decimal_string(); }

std::string percent(const Rational& r) {
    const auto hundred = r.times(Rational(100));
    if (!hundred) throw CannotFormat("百分数超出范围");
    return hundred->to_decimal_string() + "%";
}

// An article as written: `57` or `"第五十七条"`.
std::string article(const std::string& a) {
    const bool digits = !a.empty() && a.size() <= 9 && std::all_of(a.begin(), a.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits && (a == "0" || a[0] != '0')) return a;
    return quote(a);
}

std::string date_range(const ast::DateRange& r) {
    return r.first == r.last ? r.first.to_string() : r.first.to_string() + ".." + r.last.to_string();
}

std::string bound_value(const ast::Bound& b) {
    switch (b.form) {
        case ast::Bound::Form::amount: return number(b.number);
        case ast::Bound::Form::percent: return percent(b.number);
        case ast::Bound::Form::times: return number(b.number) + " times";
    }
    return number(b.number);
}

std::string bound(const ast::Bound& b) { return bound_value(b) + (b.base ? " of " + name(*b.base) : ""); }

// `1% .. 2% of x`: the parser gives a base written once to both ends, so the lower end's base
// is left out when the upper end supplies the same one.
std::string bound_range(const ast::Bound& lo, const ast::Bound& hi) {
    const bool shared = lo.form != ast::Bound::Form::amount && lo.base && hi.base && lo.base->text == hi.base->text;
    return (shared ? bound_value(lo) : bound(lo)) + " .. " + bound(hi);
}

// ---------------------------------------------------------------- expressions

// Binding strength, loosest first, as in the grammar.
enum Prec { kLambda = 0, kOr = 1, kAnd = 2, kNot = 3, kCmp = 4, kAdd = 5, kMul = 6, kNeg = 7, kPostfix = 8, kPrimary = 9 };

int binary_prec(const std::string& op) {
    if (op == "or") return kOr;
    if (op == "and") return kAnd;
    if (op == "+" || op == "-") return kAdd;
    if (op == "*" || op == "/") return kMul;
    return kCmp;  // == != < <= > >= in, not in
}

int prec(const ast::Expr& e) {
    switch (e.kind) {
        case ast::ExprKind::binary: return binary_prec(e.name);
        case ast::ExprKind::unary: return e.name == "not" ? kNot : kNeg;
        case ast::ExprKind::member:
        case ast::ExprKind::project:
        case ast::ExprKind::index: return kPostfix;
        case ast::ExprKind::lambda: return kLambda;
        // `5 days` binds like a prefix operator: written `(5 days).x` under a postfix.
        case ast::ExprKind::duration: return kNeg;
        default: return kPrimary;
    }
}

// Operand positions of `or`: like any binary operator, but an `and` there keeps its
// parentheses — `(a and b) or c` reads better in a legal rule than `a and b or c`.
constexpr int kOrLeft = 100, kOrRight = 101;

// The operands' minimum binding strength: binary operators fold to the left, and a
// comparison takes no comparison as an operand.
std::pair<int, int> operand_prec(const std::string& op) {
    const int p = binary_prec(op);
    if (p == kCmp) return {kAdd, kAdd};
    if (p == kOr) return {kOrLeft, kOrRight};
    return {p, p + 1};
}

bool needs_parens(const ast::Expr& e, int min) {
    if (min == kOrLeft || min == kOrRight) {
        const bool is_and = e.kind == ast::ExprKind::binary && e.name == "and";
        return is_and || prec(e) < (min == kOrLeft ? kOr : kAnd);
    }
    return prec(e) < min;
}

const ast::ExprPtr& arg(const ast::Expr& e, size_t i) {
    if (i >= e.args.size() || !e.args[i]) throw CannotFormat("语法树缺少表达式的操作数");
    return e.args[i];
}

std::string expr(const ast::ExprPtr& e, int min);

std::string template_text(const ast::Expr& e) {
    std::string out = "\"";
    for (const auto& part : e.args) {
        if (part && part->kind == ast::ExprKind::text) {
            const std::string q = quote(part->name, true);
            out += q.substr(1, q.size() - 2);
        } else {
            out += '{';  // piecewise: GCC 12 warns wrongly (-Wrestrict) on "{" + string
            out += expr(part, kLambda);
            out += '}';
        }
    }
    return out + "\"";
}

std::string expr_raw(const ast::Expr& e) {
    switch (e.kind) {
        case ast::ExprKind::integer:
        case ast::ExprKind::decimal: return number(e.number);
        case ast::ExprKind::percent: return percent(e.number);
        case ast::ExprKind::text: return quote(e.name);
        case ast::ExprKind::date: return e.date.to_string();
        case ast::ExprKind::boolean: return e.flag ? "true" : "false";
        case ast::ExprKind::list: return "[" + join(e.args, ", ", [](const ast::ExprPtr& a) { return expr(a, kLambda); }) + "]";
        case ast::ExprKind::name: return e.name;
        case ast::ExprKind::member: return expr(arg(e, 0), kPostfix) + "." + e.name;
        case ast::ExprKind::project: return expr(arg(e, 0), kPostfix) + "[*]";
        case ast::ExprKind::index: return expr(arg(e, 0), kPostfix) + "[" + number(e.number) + "]";
        case ast::ExprKind::call:
            return e.name + "(" + join(e.args, ", ", [](const ast::ExprPtr& a) { return expr(a, kLambda); }) + ")";
        case ast::ExprKind::lambda: return e.name + " => " + expr(arg(e, 0), kLambda);
        case ast::ExprKind::unary:
            if (e.name == "not") return "not " + expr(arg(e, 0), kNot);
            return "-" + expr(arg(e, 0), kNeg);
        case ast::ExprKind::binary: {
            const auto [lhs, rhs] = operand_prec(e.name);
            return expr(arg(e, 0), lhs) + " " + e.name + " " + expr(arg(e, 1), rhs);
        }
        case ast::ExprKind::duration: {
            // A unit follows a number literal or a parenthesised expression.
            const auto& a = arg(e, 0);
            const bool literal = a->kind == ast::ExprKind::integer || a->kind == ast::ExprKind::decimal ||
                                 a->kind == ast::ExprKind::percent;
            return (literal ? expr_raw(*a) : "(" + expr(a, kLambda) + ")") + " " + e.name;
        }
        case ast::ExprKind::templ: return template_text(e);
    }
    throw CannotFormat("未知的表达式种类");
}

std::string expr(const ast::ExprPtr& e, int min) {
    if (!e) throw CannotFormat("语法树缺少表达式");
    const std::string s = expr_raw(*e);
    return needs_parens(*e, min) ? "(" + s + ")" : s;
}

bool is_logic(const ast::ExprPtr& e) {
    return e && e->kind == ast::ExprKind::binary && (e->name == "and" || e->name == "or");
}

// An expression starting at column `col`. When its one-line form would pass the line width,
// an `and`/`or` chain breaks before each of its operators. The operator lines start at column
// `cont` (for a parenthesised chain: just inside its parenthesis); an operand still too long
// breaks the same way, its own operator lines indented past the enclosing operator, so that
// `and` and `or` lines never share a column. Continuation lines carry their indentation; the
// first line does not.
std::vector<std::string> layout(const ast::ExprPtr& e, int min, int col, int cont) {
    std::string one = expr(e, min);
    if (col + width(one) <= kLineWidth || !is_logic(e)) return {one};
    const bool paren = needs_parens(*e, min);
    const int start = col + (paren ? 1 : 0);
    const int c = paren ? start : cont;
    const std::string& op = e->name;
    std::vector<ast::ExprPtr> operands;
    ast::ExprPtr x = e;
    while (x->kind == ast::ExprKind::binary && x->name == op) {
        operands.push_back(arg(*x, 1));
        x = arg(*x, 0);
    }
    operands.push_back(x);
    std::reverse(operands.begin(), operands.end());
    const auto [lhs, rhs] = operand_prec(op);
    const int inner = c + static_cast<int>(op.size()) + 1;  // where the operands after an operator start
    std::vector<std::string> lines = layout(operands[0], lhs, start, inner);
    for (size_t k = 1; k < operands.size(); ++k) {
        const auto sub = layout(operands[k], rhs, inner, inner);
        lines.push_back(spaces(c) + op + " " + sub[0]);
        lines.insert(lines.end(), sub.begin() + 1, sub.end());
    }
    if (paren) {
        lines.front() = "(" + lines.front();
        lines.back() += ")";
    }
    return lines;
}

// `prefix` followed by an expression laid out from the column where the prefix ends.
std::vector<std::string> with_expr(const std::string& prefix, const ast::ExprPtr& e, int min = kLambda) {
    auto lines = layout(e, min, width(prefix), width(prefix));
    lines.front() = prefix + lines.front();
    return lines;
}

// `prefix item, item, …` filled up to the line width, continuation lines aligned with the
// first item.
std::vector<std::string> fill(const std::string& prefix, const std::vector<std::string>& items) {
    std::vector<std::string> lines;
    std::string line = prefix;
    const int indent = width(prefix);
    for (size_t i = 0; i < items.size(); ++i) {
        const bool last = i + 1 == items.size();
        if (i == 0) {
            line += items[i];
        } else if (width(line) + 2 + width(items[i]) + (last ? 0 : 1) <= kLineWidth) {
            line += ", " + items[i];
        } else {
            lines.push_back(line + ",");
            line = spaces(indent) + items[i];
        }
    }
    lines.push_back(line);
    return lines;
}

// ---------------------------------------------------------------- layout of a file

class Formatter {
public:
    Formatter(const SourceFile& file, const ast::File& tree)
        : file_(file), text_(file.text()), tree_(tree), scan_(scan(file.text(), tree)) {}

    std::string run() {
        collect();
        attach_comments();
        return emit();
    }

private:
    enum class Role { top, open, sub, close, clause };

    struct Unit {
        Role role = Role::top;
        uint32_t begin = 0, end = 0;  // source extent: first token to last token
        uint32_t first_line = 0, last_line = 0;
        std::vector<std::string> lines;
        bool blank_before = false;
        std::vector<const Comment*> leading;   // own-line comments before it
        std::vector<const Comment*> moved;     // comments inside it, or extra end-of-line ones
        std::vector<const Comment*> trailing;  // end-of-line comments on its lines
    };

    struct Decl {
        uint32_t begin = 0;
        uint32_t span_end = 0;
        size_t first = 0, last = 0;  // token range
        std::function<void(size_t, size_t)> emit;
    };

    using Tokens = std::vector<Token>;
    const Tokens& toks() const { return scan_.tokens; }
    const Token& tok(size_t i) const {
        if (i >= toks().size()) throw CannotFormat("找不到语法树所记录位置上的代码");
        return toks()[i];
    }

    size_t token_from(uint32_t offset) const {
        return static_cast<size_t>(std::lower_bound(toks().begin(), toks().end(), offset,
                                                    [](const Token& t, uint32_t o) { return t.begin < o; }) -
                                   toks().begin());
    }

    size_t token_at(const SourceSpan& span) const {
        if (!span.valid()) throw CannotFormat("语法树缺少位置信息");
        const size_t i = token_from(span.begin);
        if (i >= toks().size() || tok(i).begin != span.begin) throw CannotFormat("找不到语法树所记录位置上的代码");
        return i;
    }

    bool is_word(size_t i, std::string_view w) const {
        return i < toks().size() && toks()[i].kind == Token::Kind::word && toks()[i].text == w;
    }
    bool is_punct(size_t i, char c) const {
        return i < toks().size() && toks()[i].kind == Token::Kind::punct && toks()[i].text.size() == 1 &&
               toks()[i].text[0] == c;
    }
    size_t keyword_before(size_t i, std::string_view w) const {
        if (i == 0 || !is_word(i - 1, w)) throw CannotFormat("找不到关键字 " + std::string(w));
        return i - 1;
    }

    void add(Role role, size_t first, size_t last, std::vector<std::string> lines) {
        Unit u;
        u.role = role;
        u.begin = tok(first).begin;
        u.end = tok(last).end;
        u.first_line = line(u.begin);
        u.last_line = line(u.end - 1);
        u.lines = std::move(lines);
        u.blank_before = blank_before(u.begin);
        units_.push_back(std::move(u));
    }

    // The source has an empty line right before `offset` (only blanks in between).
    bool blank_before(uint32_t offset) const {
        int newlines = 0;
        for (uint32_t i = offset; i > 0; --i) {
            const char c = text_[i - 1];
            if (c == '\n') ++newlines;
            else if (c != ' ' && c != '\t' && c != '\r') break;
        }
        return newlines >= 2;
    }

    uint32_t line(uint32_t offset) const { return file_.line_col(offset).line; }

    // ---------------------------------------------------------------- declarations

    template <typename D, typename F>
    void decls(const std::vector<D>& v, F f) {
        for (const auto& d : v) declare(d.span, [this, &d, f](size_t a, size_t b) { (this->*f)(d, a, b); });
    }

    void declare(const SourceSpan& span, std::function<void(size_t, size_t)> emit) {
        if (!span.valid()) throw CannotFormat("语法树缺少声明的位置");
        Decl d;
        d.begin = span.begin;
        d.span_end = span.end;
        d.emit = std::move(emit);
        decls_.push_back(std::move(d));
    }

    void collect() {
        if (tree_.pack) declare(tree_.pack->span, [this](size_t a, size_t b) { pack(*tree_.pack, a, b); });
        decls(tree_.imports, &Formatter::import);
        decls(tree_.territories, &Formatter::territory);
        decls(tree_.laws, &Formatter::law);
        decls(tree_.calendars, &Formatter::calendar);
        decls(tree_.agencies, &Formatter::agency);
        decls(tree_.benchmarks, &Formatter::benchmark);
        decls(tree_.sections, &Formatter::section);
        decls(tree_.grades, &Formatter::grade);
        decls(tree_.vetoes, &Formatter::veto);
        decls(tree_.defs, &Formatter::def);
        decls(tree_.rules, &Formatter::rule);
        decls(tree_.tests, &Formatter::test);

        // Token ranges; every token must belong to a declaration.
        std::vector<bool> covered(toks().size(), false);
        for (auto& d : decls_) {
            d.first = token_from(d.begin);
            if (d.first >= toks().size() || tok(d.first).begin != d.begin) throw CannotFormat("找不到声明的起始位置");
            d.last = d.first;
            while (d.last + 1 < toks().size() && toks()[d.last + 1].end <= d.span_end) ++d.last;
            for (size_t i = d.first; i <= d.last; ++i) {
                if (covered[i]) throw CannotFormat("声明的位置互相重叠");
                covered[i] = true;
            }
        }
        // `origin imported` is recorded only as a flag of the file.
        size_t origins = 0;
        for (size_t i = 0; i < toks().size(); ++i) {
            if (covered[i]) continue;
            if (is_word(i, "origin") && is_word(i + 1, "imported") && !covered[i + 1]) {
                Decl d;
                d.begin = tok(i).begin;
                d.first = i;
                d.last = i + 1;
                d.emit = [this](size_t a, size_t b) { add(Role::top, a, b, {"origin imported"}); };
                decls_.push_back(std::move(d));
                ++i;
                ++origins;
                continue;
            }
            const auto lc = file_.line_col(tok(i).begin);
            throw CannotFormat(std::to_string(lc.line) + ":" + std::to_string(lc.column) +
                               " 处的代码没有记录在语法树中（例如同一文件中的第二个 pack 声明），请先修改");
        }
        if (tree_.imported && origins == 0) throw CannotFormat("找不到 origin imported");
        std::sort(decls_.begin(), decls_.end(), [](const Decl& a, const Decl& b) { return a.begin < b.begin; });
        for (const auto& d : decls_) d.emit(d.first, d.last);
    }

    void pack(const ast::PackDecl& d, size_t a, size_t b) {
        add(Role::top, a, b, {"pack " + name(d.name) + " version " + quote(d.version)});
    }
    void import(const ast::ImportDecl& d, size_t a, size_t b) { add(Role::top, a, b, {"import " + quote(d.path)}); }
    void territory(const ast::TerritoryDecl& d, size_t a, size_t b) {
        std::string s = "territory " + name(d.code) + " " + quote(d.display);
        if (!d.within.empty()) s += " within " + join(d.within, ", ", name);
        add(Role::top, a, b, {s});
    }
    void agency(const ast::AgencyDecl& d, size_t a, size_t b) {
        add(Role::top, a, b, {"agency " + name(d.code) + " " + quote(d.display) + " in " + name(d.territory)});
    }
    void section(const ast::SectionDecl& d, size_t a, size_t b) {
        add(Role::top, a, b, {"section " + name(d.id) + " " + quote(d.display) + " max " + number(d.max)});
    }
    void grade(const ast::GradeDecl& d, size_t a, size_t b) {
        add(Role::top, a, b, {"grade " + name(d.grade) + (d.at_least ? " >= " + number(*d.at_least) : " otherwise")});
    }
    void veto(const ast::VetoDecl& d, size_t a, size_t b) {
        add(Role::top, a, b, {"veto grade " + name(d.grade) + (d.score ? " score " + number(*d.score) : "")});
    }
    void def(const ast::DefDecl& d, size_t a, size_t b) {
        add(Role::top, a, b, with_expr("def " + name(d.name) + " = ", d.value));
    }

    // A braced declaration: the header up to `{`, one unit per item (starting at its keyword
    // token `anchor`), and the closing `}`.
    struct Item {
        size_t anchor;
        std::vector<std::string> lines;
    };

    void block(size_t first, size_t last, std::vector<std::string> header, std::vector<Item> items) {
        size_t open = first;
        while (open <= last && !is_punct(open, '{')) ++open;
        if (open >= last || !is_punct(last, '}')) throw CannotFormat("找不到声明的花括号");
        std::sort(items.begin(), items.end(), [](const Item& x, const Item& y) { return x.anchor < y.anchor; });
        for (size_t i = 0; i < items.size(); ++i)
            if (items[i].anchor <= open || items[i].anchor >= last || (i && items[i].anchor == items[i - 1].anchor))
                throw CannotFormat("声明中的条目位置有误");
        add(Role::open, first, items.empty() ? last - 1 : items[0].anchor - 1, std::move(header));
        for (size_t i = 0; i < items.size(); ++i) {
            const size_t end = i + 1 < items.size() ? items[i + 1].anchor - 1 : last - 1;
            add(Role::sub, items[i].anchor, end, std::move(items[i].lines));
        }
        add(Role::close, last, last, {"}"});
    }

    void law(const ast::LawDecl& d, size_t first, size_t last) {
        std::string head = "law " + title(d.name);
        for (const auto& a : d.aliases) head += " alias " + title(a);
        head += " kind " + name(d.kind);
        if (d.territory) head += " applies_in " + name(*d.territory);
        std::vector<std::string> header;
        if (d.note) {
            const std::string note = "note " + quote(*d.note) + " {";
            if (width(head) + 1 + width(note) <= kLineWidth) header = {head + " " + note};
            else header = {head, "    " + note};
        } else {
            header = {head + " {"};
        }
        std::vector<Item> items;
        std::vector<size_t> names;  // tokens of names inside the block, never keywords
        for (const auto& v : d.versions) {
            const size_t label = token_at(v.label.span);
            names.push_back(label);
            std::string s = "  version " + title(v.label);
            if (v.adopted) s += " adopted " + v.adopted->to_string();
            if (v.from) s += " from " + v.from->to_string();
            if (v.until) s += " until " + v.until->to_string();
            if (v.articles) s += " articles " + std::to_string(*v.articles);
            else if (v.articles_unknown) s += " articles unknown";
            items.push_back({keyword_before(label, "version"), {s}});
        }
        if (d.replaced_by) names.push_back(token_at(d.replaced_by->span));
        if (d.repealed || d.repeal_date_unknown) {
            std::vector<std::string> lines;
            const std::string successor = d.replaced_by ? " replaced_by " + title(*d.replaced_by) : "";
            if (d.repealed) lines.push_back("  repealed " + d.repealed->to_string() + successor);
            if (d.repeal_date_unknown) lines.push_back("  repealed unknown" + (d.repealed ? "" : successor));
            size_t at = first;
            while (at < last && !is_punct(at, '{')) ++at;  // not in the header, where names may be anything
            while (at < last && !(is_word(at, "repealed") && std::find(names.begin(), names.end(), at) == names.end() &&
                                  at > 0 && !is_word(at - 1, "version") && !is_word(at - 1, "replaced_by")))
                ++at;
            if (at >= last) throw CannotFormat("找不到 repealed");
            items.push_back({at, lines});
        }
        block(first, last, header, std::move(items));
    }

    void calendar(const ast::CalendarDecl& d, size_t first, size_t last) {
        std::string head = "calendar " + std::to_string(d.year);
        if (d.source) head += " source " + quote(*d.source);
        std::vector<Item> items;
        size_t rest = 0, work = 0;
        for (size_t i = first + 1; i < last; ++i) {
            const bool is_rest = is_word(i, "rest");
            if (!is_rest && !is_word(i, "work")) continue;
            size_t count = 1;
            for (size_t j = i + 1; j < last && !is_word(j, "rest") && !is_word(j, "work"); ++j) count += is_punct(j, ',');
            const auto& all = is_rest ? d.rest : d.work;
            size_t& used = is_rest ? rest : work;
            if (used + count > all.size()) throw CannotFormat("日历条目与语法树不符");
            std::vector<std::string> ranges;
            for (size_t k = 0; k < count; ++k) ranges.push_back(date_range(all[used + k]));
            used += count;
            items.push_back({i, fill(is_rest ? "  rest " : "  work ", ranges)});
        }
        if (rest != d.rest.size() || work != d.work.size()) throw CannotFormat("日历条目与语法树不符");
        block(first, last, {head + " {"}, std::move(items));
    }

    void benchmark(const ast::BenchmarkDecl& d, size_t first, size_t last) {
        std::vector<Item> items;
        if (d.basis_law.span.valid()) {
            std::string s = "  basis " + title(d.basis_law);
            if (d.basis_article) s += " art " + article(*d.basis_article);
            items.push_back({keyword_before(token_at(d.basis_law.span), "basis"), {s}});
        }
        if (d.statutory_min && d.statutory_max) {
            items.push_back({keyword_before(token_at(d.statutory_min->span), "range"),
                             {"  range " + bound_range(*d.statutory_min, *d.statutory_max)}});
        } else if (d.statutory_max) {
            items.push_back({keyword_before(token_at(d.statutory_max->span), "max"), {"  max " + bound(*d.statutory_max)}});
        } else if (d.statutory_min) {
            throw CannotFormat("基准只有下限");
        }
        // `kinds` clauses as written: each keyword starts one, its names follow.
        std::vector<std::pair<size_t, std::vector<std::string>>> kinds;
        for (const auto& k : d.kinds) {
            const size_t t = token_at(k.span);
            if (is_word(t - 1, "kinds") && (kinds.empty() || t - 1 != kinds.back().first)) kinds.push_back({t - 1, {}});
            else if (!is_punct(t - 1, ',') || kinds.empty()) throw CannotFormat("找不到 kinds");
            kinds.back().second.push_back(name(k));
        }
        for (auto& [anchor, names] : kinds)
            items.push_back({anchor, {"  kinds " + join(names, ", ", [](const std::string& s) { return s; })}});
        for (const auto& t : d.tiers) {
            if (!t.min || !t.max) throw CannotFormat("阶次缺少金额");
            std::string s = "  tier " + name(t.level) + " " + (t.fixed ? "fixed " + bound(*t.min) : bound_range(*t.min, *t.max));
            std::vector<std::string> lines = t.when ? with_expr(s + " when ", t.when) : std::vector<std::string>{s};
            items.push_back({keyword_before(token_at(t.level.span), "tier"), lines});
        }
        block(first, last, {"benchmark " + name(d.code) + " " + quote(d.display) + " {"}, std::move(items));
    }

    // Inline JSON is kept as written; its continuation lines keep their indentation relative
    // to the opening brace, which moves to column 7 (`  case {`).
    std::vector<std::string> json_case(const std::string& json, size_t json_token) const {
        std::vector<std::string> raw;
        for (size_t i = 0;;) {
            const size_t j = json.find('\n', i);
            raw.push_back(json.substr(i, j == std::string::npos ? std::string::npos : j - i));
            if (j == std::string::npos) break;
            i = j + 1;
        }
        // A string running over a line end (which JSON forbids) is left exactly as it is.
        bool in_string = false, verbatim = false;
        for (size_t i = 0; i < json.size(); ++i) {
            if (in_string && json[i] == '\\') ++i;
            else if (json[i] == '"') in_string = !in_string;
            else if (in_string && json[i] == '\n') verbatim = true;
        }
        const uint32_t b = tok(json_token).begin;
        uint32_t line_start = b;
        while (line_start > 0 && text_[line_start - 1] != '\n') --line_start;
        const int old_col = width(std::string_view(text_).substr(line_start, b - line_start));
        std::vector<std::string> lines{"  case " + (verbatim ? raw[0] : rtrim(raw[0]))};
        for (size_t i = 1; i < raw.size(); ++i) {
            if (verbatim) {
                lines.push_back(raw[i]);
                continue;
            }
            const std::string l = rtrim(raw[i]);
            size_t lead = 0;
            while (lead < l.size() && (l[lead] == ' ' || l[lead] == '\t')) ++lead;
            if (lead == l.size()) lines.push_back("");
            else lines.push_back(spaces(static_cast<int>(lead) - old_col + 7) + l.substr(lead));
        }
        return lines;
    }

    void test(const ast::TestDecl& d, size_t first, size_t last) {
        std::vector<Item> items;
        size_t c = first;
        while (c <= last && !is_punct(c, '{')) ++c;
        ++c;
        if (!is_word(c, "case")) throw CannotFormat("找不到 case");
        if (d.case_file) items.push_back({c, {"  case file " + quote(*d.case_file)}});
        else if (d.case_json) items.push_back({c, json_case(*d.case_json, c + 1)});
        else throw CannotFormat("测试缺少 case");
        for (const auto& e : d.expects) {
            std::string s = "  expect ";
            using K = ast::Expectation::Kind;
            switch (e.kind) {
                case K::finding:
                    s += e.rule.text;
                    if (e.count) s += " count " + std::to_string(*e.count);
                    if (e.points) s += " points " + number(*e.points);
                    break;
                case K::no_finding: s += "no " + e.rule.text; break;
                case K::grade: s += "grade " + name(e.grade); break;
                case K::score: s += "score " + number(e.score); break;
                case K::veto: s += "veto"; break;
                case K::no_veto: s += "no veto"; break;
            }
            const size_t at = token_at(e.span);
            if (!is_word(at, "expect")) throw CannotFormat("找不到 expect");
            items.push_back({at, {s}});
        }
        block(first, last, {"test " + quote(d.name) + " {"}, std::move(items));
    }

    void rule(const ast::RuleDecl& d, size_t first, size_t last) {
        std::string head = "rule " + d.id.text;
        if (d.title) head += " " + quote(*d.title);
        head += " in " + name(d.section) + " ";
        switch (d.severity) {
            case ast::SeverityKind::veto: head += "veto"; break;
            case ast::SeverityKind::warn: head += "warn"; break;
            case ast::SeverityKind::deduct: head += "deduct " + number(d.points); break;
        }
        std::vector<Item> clauses;
        if (!d.cites.empty()) {
            const std::string s = join(d.cites, ", ", [](const ast::Citation& c) {
                return title(c.law) + (c.article ? " art " + article(*c.article) : "");
            });
            clauses.push_back({keyword_before(token_at(d.cites[0].law.span), "cites"), {"  cites " + s}});
        }
        if (d.each_var) {
            clauses.push_back({keyword_before(token_at(d.each_var->span), "for"),
                               {"  for " + name(*d.each_var) + " in " + expr(d.each_list, kLambda)}});
        }
        if (!d.when || !d.when->span.valid()) throw CannotFormat("规则缺少 when");
        size_t w = token_from(d.when->span.begin);
        while (w > first && is_punct(w - 1, '(')) --w;
        clauses.push_back({keyword_before(w, "when"), with_expr("  when ", d.when)});
        size_t says = last;
        while (says > first && tok(says).kind != Token::Kind::templ) --says;
        if (!d.says || tok(says).kind != Token::Kind::templ) throw CannotFormat("找不到 says");
        clauses.push_back({keyword_before(says, "says"), {"  says " + template_text(*d.says)}});
        for (size_t i = 0; i < clauses.size(); ++i)
            if (clauses[i].anchor <= first || (i && clauses[i].anchor <= clauses[i - 1].anchor))
                throw CannotFormat("规则子句的位置有误");
        add(Role::top, first, clauses[0].anchor - 1, {head});
        for (size_t i = 0; i < clauses.size(); ++i)
            add(Role::clause, clauses[i].anchor, i + 1 < clauses.size() ? clauses[i + 1].anchor - 1 : last,
                std::move(clauses[i].lines));
    }

    // ---------------------------------------------------------------- comments

    void attach_comments() {
        for (const Comment& c : scan_.comments) {
            if (c.in_template) {
                const auto lc = file_.line_col(c.begin);
                throw CannotFormat(std::to_string(lc.line) + ":" + std::to_string(lc.column) +
                                   " 处的注释位于 says 模板的 {…} 之中，无法保留；请移到模板之外");
            }
            if (!c.own_line) {
                // The item on whose line it ends; the latest-starting one when several share it.
                const uint32_t l = line(c.begin);
                Unit* best = nullptr;
                for (auto& u : units_)
                    if (u.first_line <= l && l <= u.last_line && (!best || u.begin > best->begin)) best = &u;
                if (best) {
                    best->trailing.push_back(&c);
                    continue;
                }
            }
            Unit* inside = nullptr;
            Unit* next = nullptr;
            for (auto& u : units_) {
                if (u.begin < c.begin && c.begin < u.end) inside = &u;
                if (!next && u.begin > c.begin) next = &u;
            }
            if (inside) inside->moved.push_back(&c);
            else if (next) next->leading.push_back(&c);
            else eof_.push_back(&c);
        }
        // One end-of-line comment per item: any others go before it.
        for (auto& u : units_) {
            if (u.trailing.size() <= 1) continue;
            u.moved.insert(u.moved.end(), u.trailing.begin(), u.trailing.end() - 1);
            u.trailing.erase(u.trailing.begin(), u.trailing.end() - 1);
            std::sort(u.moved.begin(), u.moved.end(), [](const Comment* a, const Comment* b) { return a->begin < b->begin; });
        }
    }

    std::string emit() {
        std::vector<std::string> out;
        bool at_start = true;  // start of the file or of a block: no empty line here
        auto put = [&](std::string l, bool blank) {
            if (blank && !at_start) out.push_back("");
            out.push_back(std::move(l));
            at_start = false;
        };
        for (const auto& u : units_) {
            const bool blanks = u.role != Role::clause;  // rule clauses stay together
            const std::string indent = u.role == Role::sub || u.role == Role::close || u.role == Role::clause ? "  " : "";
            for (const Comment* c : u.leading) put(indent + c->text, blanks && blank_before(c->begin));
            bool blank = blanks && u.role != Role::close && u.blank_before;
            for (const Comment* c : u.moved) {
                put(indent + c->text, blank);
                blank = false;
            }
            for (size_t i = 0; i < u.lines.size(); ++i) {
                std::string l = u.lines[i];
                if (i + 1 == u.lines.size() && !u.trailing.empty()) l += "  " + u.trailing.front()->text;
                put(l, i == 0 && blank);
            }
            at_start = u.role == Role::open;
        }
        for (const Comment* c : eof_) put(c->text, blank_before(c->begin));
        std::string text;
        for (const auto& l : out) text += l + "\n";
        return text;
    }

    const SourceFile& file_;
    const std::string& text_;
    const ast::File& tree_;
    Scan scan_;
    std::vector<Decl> decls_;
    std::vector<Unit> units_;
    std::vector<const Comment*> eof_;
};

std::vector<std::string> sorted_comments(std::string_view text, const ast::File& tree) {
    std::vector<std::string> out;
    for (const auto& c : scan_comments(text, tree)) out.push_back(c.text);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

std::optional<std::string> format_parsed(const SourceFile& file, const ast::File& tree, std::string& error) {
    try {
        return Formatter(file, tree).run();
    } catch (const CannotFormat& e) {
        error = e.what();
        return std::nullopt;
    }
}

Outcome format_text(const std::string& path, std::string text, const Limits& limits) {
    Outcome r;
    r.source = std::make_shared<SourceFile>(path, std::move(text));
    const ast::File tree = parse_file(*r.source, r.diags, limits);
    if (r.diags.has_errors()) {
        r.status = Outcome::Status::syntax_error;
        return r;
    }
    auto formatted = format_parsed(*r.source, tree, r.message);
    if (!formatted) {
        r.status = Outcome::Status::cannot_format;
        return r;
    }
    // The output must mean the same and keep every comment.
    auto again = std::make_shared<SourceFile>(path, *formatted);
    Diagnostics diags;
    const ast::File tree2 = parse_file(*again, diags, limits);
    std::string why;
    if (diags.has_errors()) why = "格式化结果无法解析：\n" + format_diagnostics(diags);
    else if (dump_ast(tree) != dump_ast(tree2)) why = "格式化结果与原文的语法树不同";
    else if (sorted_comments(r.source->text(), tree) != sorted_comments(again->text(), tree2)) why = "格式化结果丢失或改变了注释";
    if (!why.empty()) {
        r.status = Outcome::Status::cannot_format;
        r.message = "内部错误：" + why + "（文件未改动；请报告此问题）";
        return r;
    }
    r.text = std::move(*formatted);
    return r;
}

}  // namespace pingcha::format
