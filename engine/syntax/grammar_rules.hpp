// Internal: grammar rule definitions (included once, by parser.cpp).
#pragma once
#include "syntax/grammar.hpp"

namespace pingcha::grammar {

using x3::_attr;
using x3::_val;
using x3::char_;
using x3::eps;
using x3::lexeme;
using x3::lit;
using x3::raw;

// ---------------------------------------------------------------- lexical

const auto comment = lit('#') >> *(char_ - x3::eol);
// Not x3::space: it calls isspace() on each `char`, and the bytes of UTF-8 text are negative
// chars — undefined behaviour, and Boost's assertion fails on them in builds without NDEBUG.
const auto blank = lit(' ') | '\t' | '\n' | '\r' | '\f' | '\v';
const auto skipper = blank | comment;

const nonascii_parser nonascii{};
const auto ascii_alpha = char_('a', 'z') | char_('A', 'Z');
const auto ascii_digit = char_('0', '9');
const auto ident_start = ascii_alpha | char_('_') | nonascii;
const auto ident_char = ascii_alpha | ascii_digit | char_('_') | nonascii;

inline auto kw(const char* word) { return lexeme[lit(word) >> !ident_char]; }

const auto reserved = kw("and") | kw("or") | kw("not") | kw("in") | kw("true") | kw("false");

struct ident_id : spanned {};
struct code_id : spanned {};
struct quoted_id : spanned {};
struct name_id : spanned {};
struct number_id : spanned {};
struct date_id : spanned {};
struct date_range_id : spanned {};
struct close_quote_id : spanned {};
struct article_id : spanned {};

const x3::rule<ident_id, std::string> ident = "标识符";
const x3::rule<code_id, std::string> code = "代码";
const x3::rule<quoted_id, std::string> quoted = "字符串";
const x3::rule<name_id, ast::Name> name = "名称（标识符或字符串）";
const x3::rule<struct name_inner_id, ast::Name> name_inner = "名称（标识符或字符串）";
const x3::rule<number_id, Rational> number = "数字";
const x3::rule<date_id, Date> date = "日期（YYYY-MM-DD）";
const x3::rule<date_range_id, ast::DateRange> date_range = "日期或日期区间";
const x3::rule<struct date_range_inner_id, ast::DateRange> date_range_inner = "日期或日期区间";
const x3::rule<close_quote_id> close_quote = "结束引号 \"";
const x3::rule<article_id, std::string> article_ref = "条文号（整数或字符串）";

x3::symbols<char> make_escapes() {
    x3::symbols<char> s;
    s.add("\"", '"')("\\", '\\')("n", '\n')("t", '\t')("{", '{')("}", '}');
    return s;
}
const x3::symbols<char> escapes = make_escapes();

const auto ident_def = lexeme[(ident_start >> *ident_char)] - reserved;
const auto code_def = lexeme[ident_start >> *(ident_char | char_('-'))];
const auto close_quote_def = lit('"');
const auto quoted_def = lexeme['"' > *(('\\' > escapes) | (char_ - '"' - '\\' - x3::eol)) > close_quote];
const auto set_name_text = [](auto& ctx) { _val(ctx).text = _attr(ctx); };
const auto name_inner_def = quoted[set_name_text] | code[set_name_text];
const auto name_def = name_inner;

const auto on_number = [](auto& ctx) {
    const auto& r = _attr(ctx);
    auto v = Rational::parse_decimal(std::string_view(r.begin(), static_cast<size_t>(r.end() - r.begin())));
    if (!v) {
        state(ctx).diags->error("E0105", state(ctx).span(r.begin(), r.end()), "数字超出范围");
        v = Rational{};
    }
    _val(ctx) = *v;
};
const auto number_def = raw[lexeme[+ascii_digit >> -('.' >> +ascii_digit)]][on_number];

const auto on_date = [](auto& ctx) {
    const auto& r = _attr(ctx);
    auto text = std::string_view(r.begin(), static_cast<size_t>(r.end() - r.begin()));
    auto d = Date::parse(text);
    if (!d) {
        state(ctx).diags->error("E0104", state(ctx).span(r.begin(), r.end()),
                                "不是有效的日期：" + std::string(text));
        d = Date{};
    }
    _val(ctx) = *d;
};
const auto date_digits = x3::repeat(4)[ascii_digit] >> '-' >> x3::repeat(2)[ascii_digit] >> '-' >>
                         x3::repeat(2)[ascii_digit];
const auto date_def = raw[lexeme[date_digits >> !ident_char]][on_date];

const auto date_range_inner_def = date[([](auto& ctx) { _val(ctx).first = _val(ctx).last = _attr(ctx); })] >>
                            -(".." > date[([](auto& ctx) { _val(ctx).last = _attr(ctx); })]);

const auto article_ref_def = x3::uint_[([](auto& ctx) { _val(ctx) = std::to_string(_attr(ctx)); })] |
                         quoted[([](auto& ctx) { _val(ctx) = _attr(ctx); })];

const auto date_range_def = date_range_inner;

BOOST_SPIRIT_DEFINE(ident, code, quoted, name, name_inner, number, date, date_range, date_range_inner, close_quote,
                    article_ref)

// ---------------------------------------------------------------- expressions

struct expr_id : spanned {};
struct or_id : spanned {};
struct and_id : spanned {};
struct not_id : spanned {};
struct cmp_id : spanned {};
struct add_id : spanned {};
struct mul_id : spanned {};
struct unary_id : spanned {};
struct postfix_id : spanned {};
struct primary_id : spanned {};
struct literal_id : spanned {};
struct list_id : spanned {};
struct call_id : spanned {};
struct arg_id : spanned {};
struct lambda_id : spanned {};
struct template_id : spanned {};
struct hole_id : spanned {};

using ExprRule = ast::ExprPtr;
const x3::rule<expr_id, ExprRule> expr = "表达式";
const x3::rule<or_id, ExprRule> or_expr = "表达式";
const x3::rule<and_id, ExprRule> and_expr = "表达式";
const x3::rule<not_id, ExprRule> not_expr = "表达式";
const x3::rule<struct not_expr_inner_id, ExprRule> not_expr_inner = "表达式";
const x3::rule<cmp_id, ExprRule> cmp_expr = "表达式";
const x3::rule<add_id, ExprRule> add_expr = "表达式";
const x3::rule<mul_id, ExprRule> mul_expr = "表达式";
const x3::rule<unary_id, ExprRule> unary_expr = "表达式";
const x3::rule<struct unary_expr_inner_id, ExprRule> unary_expr_inner = "表达式";
const x3::rule<postfix_id, ExprRule> postfix_expr = "表达式";
const x3::rule<primary_id, ExprRule> primary = "表达式";
const x3::rule<struct primary_inner_id, ExprRule> primary_inner = "表达式";
const x3::rule<literal_id, ExprRule> literal = "字面量";
const x3::rule<list_id, ExprRule> list_expr = "列表";
const x3::rule<call_id, ExprRule> call_expr = "函数调用";
const x3::rule<arg_id, ExprRule> argument = "参数";
const x3::rule<lambda_id, ExprRule> lambda = "lambda（x => 表达式）";
const x3::rule<struct lambda_inner_id, ExprRule> lambda_inner = "lambda（x => 表达式）";
struct numeric_id : spanned {};
const x3::rule<numeric_id, ExprRule> numeric_literal = "数字";
const x3::rule<struct numeric_inner_id, ExprRule> numeric_literal_inner = "数字";
const x3::rule<template_id, ExprRule> message_template = "消息模板（字符串）";
const x3::rule<hole_id, ExprRule> template_hole = "{表达式}";

const auto assign = [](auto& ctx) { _val(ctx) = _attr(ctx); };
template <typename Context>
void deepen(const Context& ctx, ast::Expr& e) {
    note_depth(state(ctx), e, x3::_where(ctx).begin());
}
inline auto fold(const char* op) {
    return [op](auto& ctx) {
        _val(ctx) = make_binary(op, _val(ctx), _attr(ctx));
        deepen(ctx, *_val(ctx));
    };
}
inline auto prefix(const char* op) {
    return [op](auto& ctx) {
        auto e = make_expr(ast::ExprKind::unary);
        e->name = op;
        e->args = {_attr(ctx)};
        deepen(ctx, *e);
        _val(ctx) = e;
    };
}

const auto expr_def = nested[or_expr];
const auto or_expr_def = and_expr[assign] >> *(kw("or") > and_expr[fold("or")]);
const auto and_expr_def = not_expr[assign] >> *(kw("and") > not_expr[fold("and")]);
const auto not_expr_inner_def = (kw("not") >> !kw("in") > nested[not_expr][prefix("not")]) | cmp_expr[assign];
const auto cmp_expr_def = add_expr[assign] >>
                          -((lit("==") > add_expr[fold("==")]) | (lit("!=") > add_expr[fold("!=")]) |
                            (lit("<=") > add_expr[fold("<=")]) | (lit(">=") > add_expr[fold(">=")]) |
                            (lit('<') > add_expr[fold("<")]) | (lit('>') > add_expr[fold(">")]) |
                            (kw("in") > add_expr[fold("in")]) |
                            (kw("not") >> kw("in") > add_expr[fold("not in")]));
const auto add_expr_def = mul_expr[assign] >>
                          *((lit('+') > mul_expr[fold("+")]) | (lit('-') > mul_expr[fold("-")]));
const auto mul_expr_def = unary_expr[assign] >>
                          *((lit('*') > unary_expr[fold("*")]) | (lit('/') > unary_expr[fold("/")]));
const auto unary_expr_inner_def = (lit('-') >> nested[unary_expr][prefix("-")]) | postfix_expr[assign];

const auto on_member = [](auto& ctx) {
    auto e = make_expr(ast::ExprKind::member);
    e->name = _attr(ctx);
    e->span = _val(ctx)->span;
    e->span.end = static_cast<uint32_t>(x3::_where(ctx).begin() - state(ctx).file->text().data());
    e->args = {_val(ctx)};
    deepen(ctx, *e);
    _val(ctx) = e;
};
const auto on_project = [](auto& ctx) {
    auto e = make_expr(ast::ExprKind::project);
    e->span = _val(ctx)->span;
    e->span.end = static_cast<uint32_t>(x3::_where(ctx).begin() - state(ctx).file->text().data());
    e->args = {_val(ctx)};
    deepen(ctx, *e);
    _val(ctx) = e;
};
const auto on_index = [](auto& ctx) {
    auto e = make_expr(ast::ExprKind::index);
    e->span = _val(ctx)->span;
    e->span.end = static_cast<uint32_t>(x3::_where(ctx).begin() - state(ctx).file->text().data());
    e->number = Rational(static_cast<int64_t>(_attr(ctx)));
    e->args = {_val(ctx)};
    deepen(ctx, *e);
    _val(ctx) = e;
};
const auto postfix_expr_def = primary[assign] >>
                              *((lit('.') > ident[on_member]) | (lit('[') >> lit('*') > lit(']')[on_project]) |
                                (lit('[') > (x3::uint_ > lit(']'))[([](auto& ctx) {
                                     // uint_ > ']' yields the index alone
                                     on_index(ctx);
                                 })]));

const auto make_literal = [](ast::ExprKind kind) {
    return [kind](auto& ctx) {
        auto e = make_expr(kind);
        using A = std::decay_t<decltype(_attr(ctx))>;
        if constexpr (std::is_same_v<A, Rational>) e->number = _attr(ctx);
        if constexpr (std::is_same_v<A, Date>) e->date = _attr(ctx);
        if constexpr (std::is_same_v<A, std::string>) e->name = _attr(ctx);
        _val(ctx) = e;
    };
};
const auto on_integer_or_decimal = [](auto& ctx) {
    auto e = make_expr(_attr(ctx).is_integer() ? ast::ExprKind::integer : ast::ExprKind::decimal);
    e->number = _attr(ctx);
    _val(ctx) = e;
};
const auto on_percent = [](auto& ctx) {
    _val(ctx)->kind = ast::ExprKind::percent;
    _val(ctx)->number = *_val(ctx)->number.divided_by(Rational(100));
};
const auto on_unit = [](const char* unit) {
    return [unit](auto& ctx) {
        auto e = make_expr(ast::ExprKind::duration);
        e->name = unit;
        e->span = _val(ctx)->span;
        e->span.end = static_cast<uint32_t>(x3::_where(ctx).begin() - state(ctx).file->text().data());
        e->args = {_val(ctx)};
        deepen(ctx, *e);
        _val(ctx) = e;
    };
};
const auto duration_unit = (kw("days") | kw("day"))[on_unit("days")] |
                           (kw("months") | kw("month"))[on_unit("months")] |
                           (kw("years") | kw("year"))[on_unit("years")];
const auto on_bool = [](bool v) {
    return [v](auto& ctx) {
        auto e = make_expr(ast::ExprKind::boolean);
        e->flag = v;
        _val(ctx) = e;
    };
};

const auto literal_def = date[make_literal(ast::ExprKind::date)] |
                         (numeric_literal[assign] >> -duration_unit) |
                         quoted[make_literal(ast::ExprKind::text)] | kw("true")[on_bool(true)] |
                         kw("false")[on_bool(false)];

const auto numeric_literal_inner_def = number[on_integer_or_decimal] >> -lit('%')[on_percent];

const auto on_list_item = [](auto& ctx) {
    _val(ctx)->args.push_back(_attr(ctx));
    _val(ctx)->depth = std::max(_val(ctx)->depth, _attr(ctx)->depth + 1);
};
const auto list_expr_def = lit('[')[([](auto& ctx) { _val(ctx) = make_expr(ast::ExprKind::list); })] >>
                           -(expr[on_list_item] % ',') > ']';

const auto call_expr_def = (ident >> '(')[([](auto& ctx) {
                               auto e = make_expr(ast::ExprKind::call);
                               e->name = _attr(ctx);
                               _val(ctx) = e;
                           })] >>
                           -(argument[on_list_item] % ',') > ')';
const auto argument_def = lambda[assign] | expr[assign];
const auto lambda_inner_def = (ident >> "=>")[([](auto& ctx) {
                            auto e = make_expr(ast::ExprKind::lambda);
                            e->name = _attr(ctx);
                            _val(ctx) = e;
                        })] > expr[on_list_item];

const auto on_name = [](auto& ctx) {
    auto e = make_expr(ast::ExprKind::name);
    e->name = _attr(ctx);
    _val(ctx) = e;
};
const auto paren = lit('(') > expr[assign] > ')' > -duration_unit;
const auto primary_inner_def = literal[assign] | list_expr[assign] | paren | call_expr[assign] | ident[on_name];

const auto on_template_text = [](auto& ctx) {
    auto part = make_expr(ast::ExprKind::text);
    part->name = _attr(ctx);
    _val(ctx)->args.push_back(part);
};
struct template_text_id;
const x3::rule<template_text_id, std::string> template_text = "消息文字";
const auto template_text_def = +(('\\' > escapes) | (char_ - '"' - '\\' - '{' - '}' - x3::eol));
const auto template_hole_def = lit('{') > x3::skip(skipper)[expr[assign]] > lit('}');
const auto message_template_def =
    lexeme[lit('"')[([](auto& ctx) { _val(ctx) = make_expr(ast::ExprKind::templ); })] >
           *(template_text[on_template_text] | template_hole[on_list_item]) > close_quote];

// Rules whose definitions carry actions get no attribute in on_success (Boost 1.74), so
// each such rule is wrapped by an action-free rule that records the span.
const auto primary_def = primary_inner;
const auto lambda_def = lambda_inner;
const auto numeric_literal_def = numeric_literal_inner;
const auto unary_expr_def = unary_expr_inner;
const auto not_expr_def = not_expr_inner;

BOOST_SPIRIT_DEFINE(expr, or_expr, and_expr, not_expr, not_expr_inner, cmp_expr, add_expr, mul_expr, unary_expr,
                    unary_expr_inner, postfix_expr, primary, primary_inner, literal, list_expr, call_expr, argument, lambda, lambda_inner,
                    numeric_literal, numeric_literal_inner, message_template, template_hole,
                    template_text)

}  // namespace pingcha::grammar
