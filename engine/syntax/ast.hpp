// The rules language's syntax tree. Every node carries the span it was parsed from.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/rational.hpp"
#include "core/source.hpp"

namespace pingcha::ast {

struct Expr;
using ExprPtr = std::shared_ptr<Expr>;

enum class ExprKind {
    integer,   // 90
    decimal,   // 1.5
    percent,   // 1.2%  (number holds 0.012)
    text,      // "罚款"
    date,      // 2021-07-15
    boolean,   // true / false
    list,      // [a, b]
    name,      // procedure, d (a field, a variable, or a `def`)
    member,    // operand.name
    project,   // operand[*]  (list of records → list, used with a following member)
    index,     // operand[2]
    call,      // name(args); a lambda argument is `x => body`
    lambda,    // name => body (only as a call argument)
    unary,     // op operand: "-", "not"
    binary,    // lhs op rhs: or and == != < <= > >= in "not in" + - * /
    duration,  // operand unit: days, months, years
    templ,     // a message template: parts are text literals and expressions
};

struct Expr {
    ExprKind kind = ExprKind::integer;
    SourceSpan span;
    std::string name;   // name, member, call, lambda parameter, operator, duration unit, text value
    Rational number;    // integer, decimal, percent
    Date date;
    bool flag = false;  // boolean
    std::vector<ExprPtr> args;  // operands, list items, call arguments, template parts
    uint32_t depth = 1;         // levels of this tree (1 for a leaf); bounded by max_expr_depth
};

// A named code or label as written (identifier or string literal) and where.
struct Name {
    std::string text;
    SourceSpan span;
};

struct PackDecl { Name name; std::string version; SourceSpan span; };
struct ImportDecl { std::string path; SourceSpan span; };

struct TerritoryDecl {
    Name code;
    std::string display;
    std::vector<Name> within;  // territories that contain this one
    SourceSpan span;
};

struct LawVersion {
    Name label;
    std::optional<Date> adopted;  // the revision's adoption date, for citations that name it
    std::optional<Date> from;
    std::optional<Date> until;    // inclusive last day in force
    std::optional<uint32_t> articles;
    bool articles_unknown = false;  // `articles unknown`: no source gives the count
    SourceSpan span;
};

struct LawDecl {
    Name name;  // full title
    std::vector<Name> aliases;
    Name kind;                       // 法律, 行政法规, 地方性法规, 经济特区法规, 部门规章, 地方政府规章
    std::optional<Name> territory;   // applies_in; national when absent
    std::vector<LawVersion> versions;
    std::optional<Date> repealed;    // first day no longer in force
    bool repeal_date_unknown = false;  // `repealed unknown`: no longer in force, since when is not known
    std::optional<Name> replaced_by;
    std::optional<std::string> note;  // provenance comment kept by tools
    SourceSpan span;
};

struct DateRange { Date first; Date last; SourceSpan span; };

struct CalendarDecl {
    int year = 0;
    std::vector<DateRange> rest;
    std::vector<DateRange> work;
    std::optional<std::string> source;
    SourceSpan span;
};

struct AgencyDecl { Name code; std::string display; Name territory; SourceSpan span; };

// One end of a fine range: an amount in yuan, a percentage of a base, or a multiple of it.
struct Bound {
    enum class Form { amount, percent, times } form = Form::amount;
    Rational number;            // yuan for amount; 0.012 for 1.2%; 3 for 3 times
    std::optional<Name> base;   // for percent/times: a key of penalty.amounts
    SourceSpan span;
};

struct Tier {
    Name level;
    std::optional<Bound> min;   // fixed-amount tiers have min == max
    std::optional<Bound> max;
    bool fixed = false;
    ExprPtr when;               // optional selecting condition
    SourceSpan span;
};

struct BenchmarkDecl {
    Name code;
    std::string display;
    Name basis_law;
    std::optional<std::string> basis_article;  // as written: 57 or 第五十七条
    SourceSpan basis_article_span;
    std::optional<Bound> statutory_min;
    std::optional<Bound> statutory_max;
    std::vector<Name> kinds;
    std::vector<Tier> tiers;
    SourceSpan span;
};

struct SectionDecl { Name id; std::string display; Rational max; SourceSpan span; };

struct GradeDecl {
    Name grade;
    std::optional<Rational> at_least;  // absent: `otherwise`
    SourceSpan span;
};

struct VetoDecl { Name grade; std::optional<Rational> score; SourceSpan span; };

struct Citation { Name law; std::optional<std::string> article; SourceSpan span; };

enum class SeverityKind { veto, deduct, warn };

struct RuleDecl {
    Name id;
    std::optional<std::string> title;
    Name section;
    SeverityKind severity = SeverityKind::warn;
    Rational points;  // deduct N
    SourceSpan severity_span;
    std::vector<Citation> cites;
    std::optional<Name> each_var;  // `for d in LIST`: one finding per element
    ExprPtr each_list;
    ExprPtr when;
    ExprPtr says;  // a template
    SourceSpan span;
};

struct DefDecl { Name name; ExprPtr value; SourceSpan span; };

struct Expectation {
    enum class Kind { finding, no_finding, grade, score, veto, no_veto } kind = Kind::finding;
    Name rule;                          // finding / no_finding
    std::optional<Rational> points;     // finding: total points of that rule's findings
    std::optional<uint32_t> count;      // finding: number of findings of that rule
    Name grade;
    Rational score;
    SourceSpan span;
};

struct TestDecl {
    std::string name;
    std::optional<std::string> case_json;  // inline
    SourceSpan case_span;
    std::optional<std::string> case_file;  // path relative to the .pc file
    std::vector<Expectation> expects;
    SourceSpan span;
};

// One parsed .pc file.
struct File {
    // `origin imported`: the file was written by `pingcha laws import`; its law declarations
    // yield to hand-written ones of the same law.
    bool imported = false;
    std::optional<PackDecl> pack;
    std::vector<ImportDecl> imports;
    std::vector<TerritoryDecl> territories;
    std::vector<LawDecl> laws;
    std::vector<CalendarDecl> calendars;
    std::vector<AgencyDecl> agencies;
    std::vector<BenchmarkDecl> benchmarks;
    std::vector<SectionDecl> sections;
    std::vector<GradeDecl> grades;
    std::vector<VetoDecl> vetoes;
    std::vector<RuleDecl> rules;
    std::vector<DefDecl> defs;
    std::vector<TestDecl> tests;
};

}  // namespace pingcha::ast
