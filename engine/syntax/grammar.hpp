// Internal: the Spirit X3 grammar of the rules language. Only parser.cpp includes it.
//
// Declarations are built imperatively: after a declaration's keyword every step is an
// expectation (`>`), so a declaration either parses completely or throws, and the actions
// that fill `ParseState::current_*` can never leave a half-built declaration behind in
// the file. Expressions are built as values (rule attributes of type ExprPtr).
#pragma once
#include <boost/spirit/home/x3.hpp>
#include <cstring>

#include "core/diagnostic.hpp"
#include "syntax/ast.hpp"

namespace pingcha::grammar {

namespace x3 = boost::spirit::x3;
using Iterator = const char*;

// Thrown when an expression nests deeper than ParseState::max_depth (parentheses, lists,
// calls, prefix operators or a long operator chain): the parser stops descending before
// the stack can overflow, and parse_file reports it at `where`.
struct DepthExceeded {
    Iterator where;
};

struct ParseState {
    const SourceFile* file = nullptr;
    size_t max_depth = 200;  // Limits::max_expr_depth
    size_t nesting = 0;      // expressions being parsed inside one another
    ast::File* out = nullptr;
    Diagnostics* diags = nullptr;
    Iterator decl_begin = nullptr;

    ast::LawDecl law;
    ast::CalendarDecl calendar;
    bool calendar_rest = true;
    ast::BenchmarkDecl benchmark;
    ast::Tier tier;
    ast::RuleDecl rule;
    ast::TestDecl test;
    ast::Expectation expect;
    ast::TerritoryDecl territory;
    ast::AgencyDecl agency;
    ast::SectionDecl section;
    ast::GradeDecl grade;
    ast::VetoDecl veto;
    ast::DefDecl def;
    ast::PackDecl pack;
    ast::ExprPtr parsed_expression;  // parse_expression()

    SourceSpan span(Iterator first, Iterator last) const {
        const char* base = file->text().data();
        return {file, static_cast<uint32_t>(first - base), static_cast<uint32_t>(last - base)};
    }
};

struct state_tag;

template <typename Context>
ParseState& state(const Context& ctx) {
    return x3::get<state_tag>(ctx);
}

// Span of the declaration being finished: from its keyword to the current position.
template <typename Context>
SourceSpan decl_span(const Context& ctx) {
    auto& st = state(ctx);
    Iterator end = x3::_where(ctx).begin();
    while (end > st.decl_begin && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r')) --end;
    return st.span(st.decl_begin, end);
}

inline void set_span(ast::ExprPtr& e, SourceSpan s) {
    if (e && !e->span.valid()) e->span = s;
}
inline void set_span(ast::Name& n, SourceSpan s) { n.span = s; }
inline void set_span(ast::DateRange& r, SourceSpan s) { r.span = s; }
inline void set_span(ast::Bound& b, SourceSpan s) { b.span = s; }
template <typename T>
void set_span(T&, SourceSpan) {}

// Rule IDs derive from this so every rule's attribute learns the span it matched.
struct spanned {
    template <typename It, typename Attr, typename Context>
    void on_success(const It& first, const It& last, Attr& attr, const Context& ctx) const {
        set_span(attr, state(ctx).span(first, last));
    }
};

// A non-ASCII byte: lets identifiers and codes be Chinese (UTF-8).
struct nonascii_parser : x3::parser<nonascii_parser> {
    using attribute_type = char;
    static const bool has_attribute = true;
    template <typename It, typename Context, typename RContext, typename Attr>
    bool parse(It& first, const It& last, const Context& ctx, RContext&, Attr& attr) const {
        x3::skip_over(first, last, ctx);
        if (first == last || (static_cast<unsigned char>(*first) & 0x80) == 0) return false;
        x3::traits::move_to(*first, attr);
        ++first;
        return true;
    }
};

// nested[p]: parses p one expression level deeper, refusing to go beyond max_depth.
template <typename Subject>
struct nested_directive : x3::unary_parser<Subject, nested_directive<Subject>> {
    using base_type = x3::unary_parser<Subject, nested_directive<Subject>>;
    static const bool is_pass_through_unary = true;
    static const bool handles_container = Subject::handles_container;
    constexpr nested_directive(const Subject& subject) : base_type(subject) {}

    template <typename It, typename Context, typename RContext, typename Attribute>
    bool parse(It& first, const It& last, const Context& ctx, RContext& rctx, Attribute& attr) const {
        ParseState& st = state(ctx);
        if (st.nesting >= st.max_depth) {
            x3::skip_over(first, last, ctx);
            throw DepthExceeded{first};
        }
        ++st.nesting;
        struct Leave {
            size_t& n;
            ~Leave() { --n; }
        } leave{st.nesting};
        return this->subject.parse(first, last, ctx, rctx, attr);
    }
};

struct nested_gen {
    template <typename Subject>
    constexpr nested_directive<typename x3::extension::as_parser<Subject>::value_type> operator[](
        const Subject& subject) const {
        return {x3::as_parser(subject)};
    }
};
inline constexpr nested_gen nested{};

// Records the depth of `e` from its operands; a tree deeper than max_depth (a long chain
// of operators builds one without nesting the parser) stops the parse at `where`.
inline void note_depth(const ParseState& st, ast::Expr& e, Iterator where) {
    uint32_t deepest = 0;
    for (const auto& a : e.args)
        if (a) deepest = std::max(deepest, a->depth);
    e.depth = deepest + 1;
    if (e.depth > st.max_depth) throw DepthExceeded{where};
}

inline ast::ExprPtr make_expr(ast::ExprKind kind) {
    auto e = std::make_shared<ast::Expr>();
    e->kind = kind;
    return e;
}

inline ast::ExprPtr make_binary(std::string op, ast::ExprPtr lhs, ast::ExprPtr rhs) {
    auto e = make_expr(ast::ExprKind::binary);
    e->name = std::move(op);
    e->span = lhs->span;
    if (rhs->span.valid()) e->span.end = rhs->span.end;
    e->args = {std::move(lhs), std::move(rhs)};
    return e;
}

}  // namespace pingcha::grammar

// Readable names for what a failed expectation wanted: X3 would otherwise print the
// parser's mangled type for actions, directives and keywords.
namespace boost::spirit::x3 {

template <typename Subject, typename Action>
struct get_info<action<Subject, Action>> {
    using result_type = std::string;
    std::string operator()(const action<Subject, Action>& p) const { return what(p.subject); }
};

template <typename Subject>
struct get_info<pingcha::grammar::nested_directive<Subject>> {
    using result_type = std::string;
    std::string operator()(const pingcha::grammar::nested_directive<Subject>& p) const { return what(p.subject); }
};

template <typename Subject>
struct get_info<lexeme_directive<Subject>> {
    using result_type = std::string;
    std::string operator()(const lexeme_directive<Subject>& p) const { return what(p.subject); }
};

template <typename Subject>
struct get_info<raw_directive<Subject>> {
    using result_type = std::string;
    std::string operator()(const raw_directive<Subject>& p) const { return what(p.subject); }
};

template <typename Subject>
struct get_info<skip_directive<Subject, pingcha::grammar::Iterator>> {
    using result_type = std::string;
    std::string operator()(const skip_directive<Subject, pingcha::grammar::Iterator>& p) const { return what(p.subject); }
};

template <typename String, typename Encoding, typename Attribute, typename Predicate>
struct get_info<sequence<literal_string<String, Encoding, Attribute>, not_predicate<Predicate>>> {
    using result_type = std::string;
    std::string operator()(const sequence<literal_string<String, Encoding, Attribute>, not_predicate<Predicate>>& p) const {
        return std::string("关键字 '") + p.left.str + "'";
    }
};

template <typename Left, typename Right>
struct get_info<alternative<Left, Right>> {
    using result_type = std::string;
    std::string operator()(const alternative<Left, Right>& p) const { return what(p.left) + " 或 " + what(p.right); }
};

template <typename Left, typename Right>
struct get_info<sequence<Left, Right>> {
    using result_type = std::string;
    std::string operator()(const sequence<Left, Right>& p) const { return what(p.left); }
};

template <typename Left, typename Right>
struct get_info<expect_directive<sequence<Left, Right>>> {
    using result_type = std::string;
    std::string operator()(const expect_directive<sequence<Left, Right>>& p) const { return what(p.subject); }
};

template <typename T, unsigned Radix, unsigned MinDigits, int MaxDigits>
struct get_info<uint_parser<T, Radix, MinDigits, MaxDigits>> {
    using result_type = std::string;
    std::string operator()(const uint_parser<T, Radix, MinDigits, MaxDigits>&) const { return "整数"; }
};

template <typename T, unsigned Radix, unsigned MinDigits, int MaxDigits>
struct get_info<int_parser<T, Radix, MinDigits, MaxDigits>> {
    using result_type = std::string;
    std::string operator()(const int_parser<T, Radix, MinDigits, MaxDigits>&) const { return "整数"; }
};

}  // namespace boost::spirit::x3
