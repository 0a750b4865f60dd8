// Internal: declaration grammar (included once, by parser.cpp).
#pragma once
#include "syntax/grammar_rules.hpp"

namespace pingcha::grammar {

// Sets a member of the declaration under construction from the parsed attribute.
#define PINGCHA_SET(target)                                  \
    ([](auto& ctx) {                                         \
        [[maybe_unused]] auto& st = state(ctx);              \
        target = _attr(ctx);                                 \
    })
#define PINGCHA_DO(statement)                                \
    ([](auto& ctx) {                                         \
        [[maybe_unused]] auto& st = state(ctx);              \
        [[maybe_unused]] auto& attr = _attr(ctx);            \
        statement;                                           \
    })

// ---------------------------------------------------------------- pack, import, territory, agency

const auto pack_decl = kw("pack")[PINGCHA_DO(st.pack = {})] > name[PINGCHA_SET(st.pack.name)] > kw("version") >
                       quoted[PINGCHA_SET(st.pack.version)] >
                       eps[([](auto& ctx) {
                           auto& st = state(ctx);
                           st.pack.span = decl_span(ctx);
                           st.out->pack = st.pack;
                       })];

const auto import_decl = kw("import") > quoted[([](auto& ctx) {
                             state(ctx).out->imports.push_back({_attr(ctx), decl_span(ctx)});
                         })];

const auto territory_decl =
    kw("territory")[PINGCHA_DO(st.territory = {})] > name[PINGCHA_SET(st.territory.code)] >
    quoted[PINGCHA_SET(st.territory.display)] >
    -(kw("within") > (name[PINGCHA_DO(st.territory.within.push_back(attr))] % ',')) >
    eps[([](auto& ctx) {
        auto& st = state(ctx);
        st.territory.span = decl_span(ctx);
        st.out->territories.push_back(st.territory);
    })];

const auto agency_decl = kw("agency")[PINGCHA_DO(st.agency = {})] > name[PINGCHA_SET(st.agency.code)] >
                         quoted[PINGCHA_SET(st.agency.display)] > kw("in") >
                         name[PINGCHA_SET(st.agency.territory)] > eps[([](auto& ctx) {
                             auto& st = state(ctx);
                             st.agency.span = decl_span(ctx);
                             st.out->agencies.push_back(st.agency);
                         })];

const auto origin_decl = kw("origin") > kw("imported")[PINGCHA_DO(st.out->imported = true)];

// ---------------------------------------------------------------- law

const auto law_version =
    kw("version") > name[PINGCHA_DO(st.law.versions.push_back({}); st.law.versions.back().label = attr;
                                    st.law.versions.back().span = attr.span)] >
    -(kw("adopted") > date[PINGCHA_SET(st.law.versions.back().adopted)]) >
    -(kw("from") > date[PINGCHA_SET(st.law.versions.back().from)]) >
    -(kw("until") > date[PINGCHA_SET(st.law.versions.back().until)]) >
    -(kw("articles") > (kw("unknown")[PINGCHA_DO(st.law.versions.back().articles_unknown = true)] |
                         x3::uint_[PINGCHA_SET(st.law.versions.back().articles)]));

const auto law_repealed = kw("repealed") >
                          (kw("unknown")[PINGCHA_DO(st.law.repeal_date_unknown = true)] |
                           date[PINGCHA_SET(st.law.repealed)]) >
                          -(kw("replaced_by") > name[PINGCHA_SET(st.law.replaced_by)]);

const auto law_decl = kw("law")[PINGCHA_DO(st.law = {})] > name[PINGCHA_SET(st.law.name)] >
                      *(kw("alias") > name[PINGCHA_DO(st.law.aliases.push_back(attr))]) > kw("kind") >
                      name[PINGCHA_SET(st.law.kind)] > -(kw("applies_in") > name[PINGCHA_SET(st.law.territory)]) >
                      -(kw("note") > quoted[PINGCHA_SET(st.law.note)]) > '{' > *(law_version | law_repealed) >
                      '}' > eps[([](auto& ctx) {
                          auto& st = state(ctx);
                          st.law.span = decl_span(ctx);
                          st.out->laws.push_back(st.law);
                      })];

// ---------------------------------------------------------------- calendar

const auto calendar_decl =
    kw("calendar")[PINGCHA_DO(st.calendar = {})] > x3::int_[PINGCHA_SET(st.calendar.year)] >
    -(kw("source") > quoted[PINGCHA_SET(st.calendar.source)]) > '{' >
    *((kw("rest")[PINGCHA_DO(st.calendar_rest = true)] | kw("work")[PINGCHA_DO(st.calendar_rest = false)]) >
      (date_range[PINGCHA_DO((st.calendar_rest ? st.calendar.rest : st.calendar.work).push_back(attr))] % ',')) >
    '}' > eps[([](auto& ctx) {
        auto& st = state(ctx);
        st.calendar.span = decl_span(ctx);
        st.out->calendars.push_back(st.calendar);
    })];

// ---------------------------------------------------------------- benchmark

struct bound_id : spanned {};
const x3::rule<bound_id, ast::Bound> bound = "金额、百分比或倍数";
const x3::rule<struct bound_inner_id, ast::Bound> bound_inner = "金额、百分比或倍数";
const auto bound_inner_def =
    number[([](auto& ctx) { _val(ctx).number = _attr(ctx); })] >>
    -(lit('%')[([](auto& ctx) {
          _val(ctx).form = ast::Bound::Form::percent;
          _val(ctx).number = *_val(ctx).number.divided_by(Rational(100));
      })] |
      kw("times")[([](auto& ctx) { _val(ctx).form = ast::Bound::Form::times; })]) >>
    -(kw("of") > name[([](auto& ctx) { _val(ctx).base = _attr(ctx); })]);
const auto bound_def = bound_inner;
BOOST_SPIRIT_DEFINE(bound, bound_inner)

// `1% .. 2% of contract_price`: a base written once applies to both ends.
inline void share_base(ast::Bound& lo, ast::Bound& hi) {
    if (!lo.base && lo.form != ast::Bound::Form::amount) lo.base = hi.base;
    if (!hi.base && hi.form != ast::Bound::Form::amount) hi.base = lo.base;
}

const auto tier_range = bound[PINGCHA_SET(st.tier.min)] > ".." > bound[PINGCHA_DO(st.tier.max = attr;
                                                                                  share_base(*st.tier.min,
                                                                                             *st.tier.max))];
const auto tier_fixed = kw("fixed") > bound[PINGCHA_DO(st.tier.min = attr; st.tier.max = attr;
                                                       st.tier.fixed = true)];
const auto tier_decl = kw("tier")[PINGCHA_DO(st.tier = {})] > name[PINGCHA_DO(st.tier.level = attr;
                                                                               st.tier.span = attr.span)] >
                       (tier_fixed | tier_range) > -(kw("when") > expr[PINGCHA_SET(st.tier.when)]) >
                       eps[PINGCHA_DO(st.benchmark.tiers.push_back(st.tier))];

const auto benchmark_basis =
    kw("basis") > name[PINGCHA_SET(st.benchmark.basis_law)] >
    -(kw("art") > article_ref[([](auto& ctx) {
          auto& st = state(ctx);
          st.benchmark.basis_article = _attr(ctx);
          const char* here = x3::_where(ctx).begin();
          st.benchmark.basis_article_span = st.span(here - _attr(ctx).size(), here);
      })]);
const auto benchmark_range = kw("range") > bound[PINGCHA_SET(st.benchmark.statutory_min)] > ".." >
                             bound[PINGCHA_DO(st.benchmark.statutory_max = attr;
                                              share_base(*st.benchmark.statutory_min, *st.benchmark.statutory_max))];
const auto benchmark_max = kw("max") > bound[PINGCHA_SET(st.benchmark.statutory_max)];
const auto benchmark_kinds = kw("kinds") > (name[PINGCHA_DO(st.benchmark.kinds.push_back(attr))] % ',');

const auto benchmark_decl = kw("benchmark")[PINGCHA_DO(st.benchmark = {})] > name[PINGCHA_SET(st.benchmark.code)] >
                            quoted[PINGCHA_SET(st.benchmark.display)] > '{' >
                            *(benchmark_basis | benchmark_range | benchmark_max | benchmark_kinds | tier_decl) >
                            '}' > eps[([](auto& ctx) {
                                auto& st = state(ctx);
                                st.benchmark.span = decl_span(ctx);
                                st.out->benchmarks.push_back(st.benchmark);
                            })];

// ---------------------------------------------------------------- scoring standard

const auto section_decl = kw("section")[PINGCHA_DO(st.section = {})] > name[PINGCHA_SET(st.section.id)] >
                          quoted[PINGCHA_SET(st.section.display)] > kw("max") > number[PINGCHA_SET(st.section.max)] >
                          eps[([](auto& ctx) {
                              auto& st = state(ctx);
                              st.section.span = decl_span(ctx);
                              st.out->sections.push_back(st.section);
                          })];

const auto grade_decl = kw("grade")[PINGCHA_DO(st.grade = {})] > name[PINGCHA_SET(st.grade.grade)] >
                        ((lit(">=") > number[PINGCHA_SET(st.grade.at_least)]) | kw("otherwise")) >
                        eps[([](auto& ctx) {
                            auto& st = state(ctx);
                            st.grade.span = decl_span(ctx);
                            st.out->grades.push_back(st.grade);
                        })];

const auto veto_decl = kw("veto")[PINGCHA_DO(st.veto = {})] > kw("grade") > name[PINGCHA_SET(st.veto.grade)] >
                       -(kw("score") > number[PINGCHA_SET(st.veto.score)]) > eps[([](auto& ctx) {
                           auto& st = state(ctx);
                           st.veto.span = decl_span(ctx);
                           st.out->vetoes.push_back(st.veto);
                       })];

// ---------------------------------------------------------------- def, rule

const auto def_decl = kw("def")[PINGCHA_DO(st.def = {})] > name[PINGCHA_SET(st.def.name)] > '=' >
                      expr[PINGCHA_SET(st.def.value)] > eps[([](auto& ctx) {
                          auto& st = state(ctx);
                          st.def.span = decl_span(ctx);
                          st.out->defs.push_back(st.def);
                      })];

struct severity_id : spanned {};
const x3::rule<severity_id> severity = "严重程度（veto、deduct N 或 warn）";
const auto severity_def = kw("veto")[PINGCHA_DO(st.rule.severity = ast::SeverityKind::veto)] |
                          kw("warn")[PINGCHA_DO(st.rule.severity = ast::SeverityKind::warn)] |
                          (kw("deduct")[PINGCHA_DO(st.rule.severity = ast::SeverityKind::deduct)] >
                           number[PINGCHA_SET(st.rule.points)]);
BOOST_SPIRIT_DEFINE(severity)

const auto citation = name[PINGCHA_DO(st.rule.cites.push_back({attr, {}, attr.span}))] >
                      -(kw("art") > article_ref[PINGCHA_SET(st.rule.cites.back().article)]);

const auto rule_decl =
    kw("rule")[PINGCHA_DO(st.rule = {})] > code[([](auto& ctx) {
        auto& st = state(ctx);
        const char* here = x3::_where(ctx).begin();
        st.rule.id = {_attr(ctx), st.span(here - _attr(ctx).size(), here)};
    })] >
    -quoted[PINGCHA_SET(st.rule.title)] > kw("in") > name[PINGCHA_SET(st.rule.section)] >
    raw[severity][PINGCHA_DO(st.rule.severity_span = st.span(attr.begin(), attr.end()))] >
    -(kw("cites") > (citation % ',')) >
    -(kw("for") > name[PINGCHA_SET(st.rule.each_var)] > kw("in") > expr[PINGCHA_SET(st.rule.each_list)]) >
    kw("when") > expr[PINGCHA_SET(st.rule.when)] > kw("says") > message_template[PINGCHA_SET(st.rule.says)] >
    eps[([](auto& ctx) {
        auto& st = state(ctx);
        st.rule.span = decl_span(ctx);
        st.out->rules.push_back(st.rule);
    })];

// ---------------------------------------------------------------- test

struct json_block_id;
struct json_string_id;
const x3::rule<json_block_id> json_block = "JSON 对象";
const x3::rule<json_string_id> json_string = "JSON 字符串";
const auto json_string_def = '"' >> *(('\\' >> char_) | (char_ - '"')) >> '"';
const auto json_block_def = '{' >> *(json_string | json_block | (char_ - '{' - '}' - '"')) >> '}';
BOOST_SPIRIT_DEFINE(json_block, json_string)

const auto case_clause =
    kw("case") > ((kw("file") > quoted[PINGCHA_SET(st.test.case_file)]) |
                  raw[lexeme[json_block]][([](auto& ctx) {
                      auto& st = state(ctx);
                      const auto& r = _attr(ctx);
                      st.test.case_json = std::string(r.begin(), r.end());
                      st.test.case_span = st.span(r.begin(), r.end());
                  })]);

const auto expect_finding = code[([](auto& ctx) {
                                auto& st = state(ctx);
                                const char* here = x3::_where(ctx).begin();
                                st.expect.kind = ast::Expectation::Kind::finding;
                                st.expect.rule = {_attr(ctx), st.span(here - _attr(ctx).size(), here)};
                            })] >>
                            *((kw("points") > number[PINGCHA_SET(st.expect.points)]) |
                              (kw("count") > x3::uint_[PINGCHA_SET(st.expect.count)]));
const auto expect_no = kw("no") > (kw("veto")[PINGCHA_DO(st.expect.kind = ast::Expectation::Kind::no_veto)] |
                                   code[([](auto& ctx) {
                                       auto& st = state(ctx);
                                       const char* here = x3::_where(ctx).begin();
                                       st.expect.kind = ast::Expectation::Kind::no_finding;
                                       st.expect.rule = {_attr(ctx), st.span(here - _attr(ctx).size(), here)};
                                   })]);
const auto expect_clause =
    kw("expect")[([](auto& ctx) {
        auto& st = state(ctx);
        st.expect = {};
        const char* here = x3::_where(ctx).begin();
        st.expect.span = st.span(here - 6, here);
    })] >
    ((kw("grade") > name[PINGCHA_DO(st.expect.kind = ast::Expectation::Kind::grade; st.expect.grade = attr)]) |
     (kw("score") > number[PINGCHA_DO(st.expect.kind = ast::Expectation::Kind::score; st.expect.score = attr)]) |
     kw("veto")[PINGCHA_DO(st.expect.kind = ast::Expectation::Kind::veto)] | expect_no | expect_finding) >
    eps[PINGCHA_DO(st.test.expects.push_back(st.expect))];

const auto test_decl = kw("test")[PINGCHA_DO(st.test = {})] > quoted[PINGCHA_SET(st.test.name)] > '{' >
                       case_clause > *expect_clause > '}' > eps[([](auto& ctx) {
                           auto& st = state(ctx);
                           st.test.span = decl_span(ctx);
                           st.out->tests.push_back(st.test);
                       })];

#undef PINGCHA_SET
#undef PINGCHA_DO

struct declaration_id;
const x3::rule<declaration_id> declaration = "声明（pack、import、origin、territory、law、calendar、agency、benchmark、"
                                             "section、grade、veto、def、rule 或 test）";
const auto declaration_def = pack_decl | import_decl | origin_decl | territory_decl | law_decl | calendar_decl | agency_decl |
                             benchmark_decl | section_decl | grade_decl | veto_decl | def_decl | rule_decl |
                             test_decl;
BOOST_SPIRIT_DEFINE(declaration)

}  // namespace pingcha::grammar
