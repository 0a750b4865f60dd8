// `pingcha fmt`: the canonical layout of every declaration kind, parentheses, long
// conditions, comments in every position, idempotence over the repository's rule packs, and
// the command line through the real binary.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "format/ast_dump.hpp"
#include "format/formatter.hpp"
#include "format/line_diff.hpp"
#include "format/scanner.hpp"
#include "syntax/parser.hpp"

#include "command.hpp"
#include "test_scale.hpp"

using namespace pingcha;
namespace fs = std::filesystem;

namespace {

struct Parsed {
    std::shared_ptr<SourceFile> file;
    ast::File ast;
    Diagnostics diags;
};

Parsed parse(const std::string& text) {
    Parsed p;
    p.file = std::make_shared<SourceFile>("t.pc", text);
    p.ast = parse_file(*p.file, p.diags);
    return p;
}

std::vector<std::string> comments(const std::string& text) {
    const Parsed p = parse(text);
    std::vector<std::string> out;
    for (const auto& c : format::scan_comments(p.file->text(), p.ast)) out.push_back(c.text);
    std::sort(out.begin(), out.end());
    return out;
}

// Formats `text`, checking on the way what every formatting must satisfy: the output parses
// to the same tree, keeps every comment, and formats to itself.
std::string fmt(const std::string& text) {
    const auto r = format::format_text("t.pc", text);
    EXPECT_EQ(r.status, format::Outcome::Status::ok) << r.message << format_diagnostics(r.diags);
    if (r.status != format::Outcome::Status::ok) return {};
    const Parsed before = parse(text), after = parse(r.text);
    EXPECT_EQ(format_diagnostics(after.diags), "");
    EXPECT_EQ(format::dump_ast(before.ast), format::dump_ast(after.ast));
    EXPECT_EQ(comments(text), comments(r.text));
    const auto again = format::format_text("t.pc", r.text);
    EXPECT_EQ(again.text, r.text) << "not idempotent";
    return r.text;
}

// The canonical form of one expression, through a `def`.
std::string fmt_expr(const std::string& e) {
    std::string out = fmt("def x = " + e + "\n");
    if (out.rfind("def x = ", 0) != 0) return out;
    out = out.substr(8);
    if (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

using Output = pingcha::testing::CommandOutput;
Output run(const std::string& command) { return pingcha::testing::run_command(command); }

// A path quoted for the shell.
std::string q(const fs::path& p) {
    std::string s = "'";
    s += p.string();
    s += "'";
    return s;
}

std::string binary() { return q(PINGCHA_BINARY); }

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// ---------------------------------------------------------------- layout of each declaration

TEST(FormatLayout, SimpleDeclarations) {
    EXPECT_EQ(fmt("origin   imported\npack   demo   version \"1.0\"\nimport   \"laws.pc\"\n"
                  "territory  shenzhen \"深圳市\"   within shenzhen_sez ,guangdong\n"
                  "territory national \"全国\"\nagency   SS-ZJ \"住建局\"  in  shenshan\n"),
              "origin imported\npack demo version \"1.0\"\nimport \"laws.pc\"\n"
              "territory shenzhen \"深圳市\" within shenzhen_sez, guangdong\n"
              "territory national \"全国\"\nagency SS-ZJ \"住建局\" in shenshan\n");
}

TEST(FormatLayout, ScoringStandard) {
    EXPECT_EQ(fmt("section 法律 \"适用法律\"   max 30.50\ngrade 优秀>=90\ngrade 不合格   otherwise\n"
                  "veto   grade 不合格 score 0\nveto grade 不合格\n"),
              "section 法律 \"适用法律\" max 30.5\ngrade 优秀 >= 90\ngrade 不合格 otherwise\n"
              "veto grade 不合格 score 0\nveto grade 不合格\n");
}

TEST(FormatLayout, Law) {
    EXPECT_EQ(fmt("law 中华人民共和国行政处罚法 alias 行政处罚法 kind 法律 {\n"
                  "version \"2017\" adopted 2017-09-01 from 2018-01-01 until 2021-07-14 articles 64\n"
                  "      version \"2021\"   from 2021-07-15 version \"2009\" until 2015-09-30 articles   unknown }\n"
                  "law \"城市房屋拆迁管理条例\" kind 行政法规 { version \"2001\" from 2001-11-01\n"
                  "  repealed 2011-01-21 replaced_by 国有土地上房屋征收与补偿条例 }\n"
                  "law \"某条例\" kind 地方性法规 applies_in shenzhen_sez { repealed unknown }\n"
                  "law repealed alias repealed kind repealed { version repealed repealed 2020-01-01 replaced_by repealed }\n"
                  "law \"空\" kind 法律 {}\n"),
              "law \"中华人民共和国行政处罚法\" alias \"行政处罚法\" kind 法律 {\n"
              "  version \"2017\" adopted 2017-09-01 from 2018-01-01 until 2021-07-14 articles 64\n"
              "  version \"2021\" from 2021-07-15\n"
              "  version \"2009\" until 2015-09-30 articles unknown\n"
              "}\n"
              "law \"城市房屋拆迁管理条例\" kind 行政法规 {\n"
              "  version \"2001\" from 2001-11-01\n"
              "  repealed 2011-01-21 replaced_by \"国有土地上房屋征收与补偿条例\"\n"
              "}\n"
              "law \"某条例\" kind 地方性法规 applies_in shenzhen_sez {\n"
              "  repealed unknown\n"
              "}\n"
              "law \"repealed\" alias \"repealed\" kind repealed {\n"
              "  version \"repealed\"\n"
              "  repealed 2020-01-01 replaced_by \"repealed\"\n"
              "}\n"
              "law \"空\" kind 法律 {\n"
              "}\n");
}

TEST(FormatLayout, LawNoteMovesToItsOwnLineWhenTheHeaderIsTooLong) {
    EXPECT_EQ(fmt("law \"短\" kind 法律 note \"n\" { version \"1\" }\n"),
              "law \"短\" kind 法律 note \"n\" {\n  version \"1\"\n}\n");
    const std::string note(80, 'x');
    EXPECT_EQ(fmt("law \"广东省某某条例\" kind 地方性法规 applies_in guangdong note \"" + note + "\" {\n}\n"),
              "law \"广东省某某条例\" kind 地方性法规 applies_in guangdong\n    note \"" + note + "\" {\n}\n");
}

TEST(FormatLayout, CalendarKeepsItsClausesAndFillsLongLists) {
    EXPECT_EQ(fmt("calendar 2024 source \"国办\" {\n  rest 2024-01-01,2024-02-10..2024-02-17\n"
                  "  work 2024-02-04..2024-02-04\n  rest 2024-05-01\n}\n"),
              "calendar 2024 source \"国办\" {\n  rest 2024-01-01, 2024-02-10..2024-02-17\n  work 2024-02-04\n"
              "  rest 2024-05-01\n}\n");
    std::string days;
    for (int d = 1; d <= 12; ++d) days += std::string(d > 1 ? ", " : "") + "2024-03-" + (d < 10 ? "0" : "") + std::to_string(d);
    EXPECT_EQ(fmt("calendar 2024 { work " + days + " }\n"),
              "calendar 2024 {\n"
              "  work 2024-03-01, 2024-03-02, 2024-03-03, 2024-03-04, 2024-03-05, 2024-03-06, 2024-03-07,\n"
              "       2024-03-08, 2024-03-09, 2024-03-10, 2024-03-11, 2024-03-12\n"
              "}\n");
}

TEST(FormatLayout, Benchmark) {
    EXPECT_EQ(fmt("benchmark ZJ-001 \"未取得施工许可证擅自施工\" {\n"
                  "basis \"建设工程质量管理条例\" art 57\n"
                  "range 1 % .. 2% of contract_price\n"
                  "kinds 罚款,警告\n"
                  "tier 轻微 1.0% .. 1.20% of contract_price\n"
                  "tier \"1年内第1次\" fixed 20000 when circumstance.prior_violations_1y==0\n"
                  "tier 严重 1% of a .. 3 times of b\n"
                  "}\n"
                  "benchmark CG-001 \"x\" { basis 大气污染防治法 art \"第一百一十五条\" max 50000 kinds 罚款 }\n"),
              "benchmark ZJ-001 \"未取得施工许可证擅自施工\" {\n"
              "  basis \"建设工程质量管理条例\" art 57\n"
              "  range 1% .. 2% of contract_price\n"
              "  kinds 罚款, 警告\n"
              "  tier 轻微 1% .. 1.2% of contract_price\n"
              "  tier \"1年内第1次\" fixed 20000 when circumstance.prior_violations_1y == 0\n"
              "  tier 严重 1% of a .. 3 times of b\n"
              "}\n"
              "benchmark CG-001 \"x\" {\n"
              "  basis \"大气污染防治法\" art \"第一百一十五条\"\n"
              "  max 50000\n"
              "  kinds 罚款\n"
              "}\n");
}

TEST(FormatLayout, BaseWrittenOnceStaysOnce) {
    // `1% .. 2% of x` gives both ends the base; an amount's base is never shared.
    EXPECT_EQ(fmt("benchmark B \"b\" { range 1% of x .. 2% of x tier t 5 of x .. 2% of x }\n"),
              "benchmark B \"b\" {\n  range 1% .. 2% of x\n  tier t 5 of x .. 2% of x\n}\n");
}

TEST(FormatLayout, DefAndRule) {
    EXPECT_EQ(fmt("def  hearing=penalty.fine>=5000\n"
                  "rule PROC-DEADLINE-90 \"办案超期\" in 程序 deduct 3.0 cites \"行政处罚法\" art 60,\"立法法\"\n"
                  "when procedure==\"general\" says \"超过{days(dates.filed,dates.decided)}日\"\n"
                  "rule DOC-MISSING in 文书 deduct 0.5 for doc in [\"立案审批表\",\"决定书\"] when doc not in documents[*].type\n"
                  "  says \"缺少{doc}\"\n"
                  "rule V in 法律 veto when x says \"\"\n"),
              "def hearing = penalty.fine >= 5000\n"
              "rule PROC-DEADLINE-90 \"办案超期\" in 程序 deduct 3\n"
              "  cites \"行政处罚法\" art 60, \"立法法\"\n"
              "  when procedure == \"general\"\n"
              "  says \"超过{days(dates.filed, dates.decided)}日\"\n"
              "rule DOC-MISSING in 文书 deduct 0.5\n"
              "  for doc in [\"立案审批表\", \"决定书\"]\n"
              "  when doc not in documents[*].type\n"
              "  says \"缺少{doc}\"\n"
              "rule V in 法律 veto\n"
              "  when x\n"
              "  says \"\"\n");
}

TEST(FormatLayout, TestKeepsInlineJsonAsWritten) {
    EXPECT_EQ(fmt("test \"超期\" {\n"
                  "      case { \"format\": \"case-file/1\",   \"id\": \"t1\",\n"
                  "             \"dates\": {\"filed\": \"2024-01-02\"} }\n"
                  "expect PROC-DEADLINE-90 points 3 count 1\n"
                  "  expect no LAW-SEZ expect grade 优秀 expect score 97.50 expect veto expect no veto }\n"
                  "test \"文件\" { case file \"../../samples/x.json\" expect A }\n"),
              "test \"超期\" {\n"
              "  case { \"format\": \"case-file/1\",   \"id\": \"t1\",\n"
              "         \"dates\": {\"filed\": \"2024-01-02\"} }\n"
              "  expect PROC-DEADLINE-90 count 1 points 3\n"
              "  expect no LAW-SEZ\n"
              "  expect grade 优秀\n"
              "  expect score 97.5\n"
              "  expect veto\n"
              "  expect no veto\n"
              "}\n"
              "test \"文件\" {\n"
              "  case file \"../../samples/x.json\"\n"
              "  expect A\n"
              "}\n");
    // Continuation lines follow the opening brace, wherever it was.
    EXPECT_EQ(fmt("test \"t\" {\n  case    { \"a\": 1,\n            \"b\": 2 }\n}\n"
                  "test \"u\" {\n  case\n{ \"a\": [1,\n       2] }\n}\n"),
              "test \"t\" {\n  case { \"a\": 1,\n         \"b\": 2 }\n}\n"
              "test \"u\" {\n  case { \"a\": [1,\n              2] }\n}\n");
}

TEST(FormatLayout, NamesAreBareOnlyWhenTheyReadBackAsCodes) {
    EXPECT_EQ(fmt("territory \"shenzhen\" \"深圳市\" within \"and\", \"in\", \"a b\", \"1区\", \"x-y\", \"_z\", \"\"\n"
                  "grade \"优秀\" >= 90\ngrade \"true\" otherwise\n"),
              "territory shenzhen \"深圳市\" within \"and\", \"in\", \"a b\", \"1区\", x-y, _z, \"\"\n"
              "grade 优秀 >= 90\ngrade \"true\" otherwise\n");
}

TEST(FormatLayout, StringsAreReEscaped) {
    EXPECT_EQ(fmt("territory t \"a\\\"b\\\\c\\td{e}\\{\" \nrule R in s warn when x == \"{\\\"}\" says \"\\{x\\} {x} \\\"q\\\" \\\\ {f(\"}\")}\"\n"),
              "territory t \"a\\\"b\\\\c\\td{e}{\"\n"
              "rule R in s warn\n"
              "  when x == \"{\\\"}\"\n"
              "  says \"\\{x\\} {x} \\\"q\\\" \\\\ {f(\"}\")}\"\n");
}

TEST(FormatLayout, Numbers) {
    EXPECT_EQ(fmt_expr("[1.50, 007, 1.2%, 0.5%, 100%, 12.0, 3 days, 1.5 months, 2 year, 2021-07-15, true, false]"),
              "[1.5, 7, 1.2%, 0.5%, 100%, 12, 3 days, 1.5 months, 2 years, 2021-07-15, true, false]");
}

TEST(FormatLayout, BlankLinesBetweenDeclarationsAtMostOne) {
    EXPECT_EQ(fmt("\n\npack a version \"1\"\n\n\n\nimport \"x\"\nimport \"y\"\n\nlaw \"l\" kind k {\n\n"
                  "  version \"1\"\n\n\n  version \"2\"\n\n}\n\n\n"),
              "pack a version \"1\"\n\nimport \"x\"\nimport \"y\"\n\nlaw \"l\" kind k {\n  version \"1\"\n\n"
              "  version \"2\"\n}\n");
    EXPECT_EQ(fmt("rule R in s warn\n\n  when x\n\n  says \"\"\n"), "rule R in s warn\n  when x\n  says \"\"\n");
}

TEST(FormatLayout, CrlfAndByteOrderMark) {
    EXPECT_EQ(fmt("\xEF\xBB\xBFpack a version \"1\"   # c\r\n\r\n\r\nimport \"x\"\r\n"),
              "pack a version \"1\"  # c\n\nimport \"x\"\n");
}

// ---------------------------------------------------------------- expressions

TEST(FormatExpr, MinimalParentheses) {
    EXPECT_EQ(fmt_expr("(a or b) and c"), "(a or b) and c");
    // an `and` under an `or` keeps (or gains) parentheses: easier to read in a legal rule
    EXPECT_EQ(fmt_expr("a or (b and c)"), "a or (b and c)");
    EXPECT_EQ(fmt_expr("a and b or c and d"), "(a and b) or (c and d)");
    EXPECT_EQ(fmt_expr("(a and b) and c"), "a and b and c");
    EXPECT_EQ(fmt_expr("((a or b) or c)"), "a or b or c");
    EXPECT_EQ(fmt_expr("a or (b or c)"), "a or (b or c)");
    EXPECT_EQ(fmt_expr("not (a and b)"), "not (a and b)");
    EXPECT_EQ(fmt_expr("not (a == b)"), "not a == b");
    EXPECT_EQ(fmt_expr("(not a) == b"), "(not a) == b");
    EXPECT_EQ(fmt_expr("not not a and not (b or c)"), "not not a and not (b or c)");
    EXPECT_EQ(fmt_expr("(a == b) == c"), "(a == b) == c");
    EXPECT_EQ(fmt_expr("a == (b + c)"), "a == b + c");
    EXPECT_EQ(fmt_expr("(a - b) - c"), "a - b - c");
    EXPECT_EQ(fmt_expr("a - (b - c)"), "a - (b - c)");
    EXPECT_EQ(fmt_expr("(a + b) * c / (d * e)"), "(a + b) * c / (d * e)");
    EXPECT_EQ(fmt_expr("-(a + b) * -c"), "-(a + b) * -c");
    EXPECT_EQ(fmt_expr("(-a).b + (a + b).c + (x)[0] + (y)[*].z"), "(-a).b + (a + b).c + x[0] + y[*].z");
    EXPECT_EQ(fmt_expr("x not in (y + z) and (x in y)"), "x not in y + z and x in y");
    EXPECT_EQ(fmt_expr("(a in b) in c"), "(a in b) in c");
}

TEST(FormatExpr, CallsListsLambdasDurations) {
    EXPECT_EQ(fmt_expr("count( l , e=>e.x>0 )+sum(map(l,x=>x*2))"), "count(l, e => e.x > 0) + sum(map(l, x => x * 2))");
    EXPECT_EQ(fmt_expr("any(l, x => (x or y))"), "any(l, x => x or y)");
    EXPECT_EQ(fmt_expr("[ ]"), "[]");
    EXPECT_EQ(fmt_expr("f()"), "f()");
    EXPECT_EQ(fmt_expr("d + (a + 1) days - (5 days) + (5 days).x"), "d + (a + 1) days - 5 days + (5 days).x");
    EXPECT_EQ(fmt_expr("-(5 days)"), "-5 days");
}

TEST(FormatExpr, LongConditionBreaksBeforeTopLevelAndOr) {
    const std::string in =
        "rule DISC-OUT-OF-RANGE \"罚款超出裁量阶次\" in 裁量 deduct 5\n"
        "  when benchmark_known(violation) and tier_known(violation, circumstance.level) and (penalty.fine < "
        "tier_min(violation, circumstance.level) or penalty.fine > tier_max(violation, circumstance.level))\n"
        "  says \"x\"\n";
    EXPECT_EQ(fmt(in),
              "rule DISC-OUT-OF-RANGE \"罚款超出裁量阶次\" in 裁量 deduct 5\n"
              "  when benchmark_known(violation)\n"
              "       and tier_known(violation, circumstance.level)\n"
              "       and (penalty.fine < tier_min(violation, circumstance.level)\n"
              "            or penalty.fine > tier_max(violation, circumstance.level))\n"
              "  says \"x\"\n");
    // An `and` chain inside an `or` chain is parenthesised and breaks just inside its parenthesis.
    EXPECT_EQ(fmt("def 听证 = party.kind == \"individual\" and penalty.fine >= 5000 and penalty.kinds_count > 1 "
                  "and party.age > 18 or party.kind == \"organization\" and penalty.fine >= 100000\n"),
              "def 听证 = (party.kind == \"individual\"\n"
              "            and penalty.fine >= 5000\n"
              "            and penalty.kinds_count > 1\n"
              "            and party.age > 18)\n"
              "           or (party.kind == \"organization\" and penalty.fine >= 100000)\n");
    // Short conditions stay on one line, however they were written.
    EXPECT_EQ(fmt("rule R in s warn\n  when a\n    and b\n    or c\n  says \"\"\n"), "rule R in s warn\n  when (a and b) or c\n  says \"\"\n");
    // A tier's condition breaks the same way.
    const std::string cond = "circumstance.prior_violations_1y >= 2 and circumstance.level_declared == true";
    EXPECT_EQ(fmt("benchmark B \"b\" { tier \"1年内第3次及以上\" fixed 100000 when " + cond + " }\n"),
              "benchmark B \"b\" {\n"
              "  tier \"1年内第3次及以上\" fixed 100000 when circumstance.prior_violations_1y >= 2\n"
              // `  tier "1年内第3次及以上" fixed 100000 when ` is 44 columns wide (CJK count two).
              + std::string(44, ' ') + "and circumstance.level_declared == true\n"
              "}\n");
}

// ---------------------------------------------------------------- comments

TEST(FormatComments, ScannerSkipsStringsTemplatesAndJson) {
    const std::string text =
        "# one\nterritory t \"#not\" # two\n"
        "rule R in s warn when x == \"#no\" says \"#no {f(\"#no\")} #no\" # three\n"
        "test \"#no\" { case { \"a\": \"#no\", \"b\": {\"c\": \"}#no\"} } # four\n expect R }\n";
    EXPECT_EQ(comments(text), (std::vector<std::string>{"# four", "# one", "# three", "# two"}));
}

TEST(FormatComments, EveryPositionIsKept) {
    const std::string in =
        "# head of file\n"
        "\n"
        "# before pack\n"
        "pack p version \"1\"   # after pack\n"
        "law \"l\" kind k {   # after law header\n"
        "  # before version\n"
        "  version \"1\" from 2020-01-01   # after version\n"
        "  # before repealed\n"
        "  repealed 2021-01-01   # after repealed\n"
        "  # before law close\n"
        "}   # after law close\n"
        "calendar 2024 {\n"
        "  # before rest\n"
        "  rest 2024-01-01   # after rest\n"
        "  # before work\n"
        "  work 2024-02-04\n"
        "}\n"
        "benchmark B \"b\" {\n"
        "  # before basis\n"
        "  basis \"l\" art 1   # after basis\n"
        "  # before range\n"
        "  range 1 .. 2\n"
        "  # before kinds\n"
        "  kinds 罚款\n"
        "  # before tier\n"
        "  tier t 1 .. 2   # after tier\n"
        "}\n"
        "# before rule\n"
        "rule R in s warn   # after rule header\n"
        "  # before cites\n"
        "  cites \"l\"   # after cites\n"
        "  # before for\n"
        "  for x in l\n"
        "  # before when\n"
        "  when x   # after when\n"
        "  # before says\n"
        "  says \"\"   # after says\n"
        "test \"t\" {\n"
        "  # before case\n"
        "  case { \"a\": 1 }   # after case\n"
        "  # before expect\n"
        "  expect R   # after expect\n"
        "}\n"
        "\n"
        "# end of file\n";
    const std::string want =
        "# head of file\n"
        "\n"
        "# before pack\n"
        "pack p version \"1\"  # after pack\n"
        "law \"l\" kind k {  # after law header\n"
        "  # before version\n"
        "  version \"1\" from 2020-01-01  # after version\n"
        "  # before repealed\n"
        "  repealed 2021-01-01  # after repealed\n"
        "  # before law close\n"
        "}  # after law close\n"
        "calendar 2024 {\n"
        "  # before rest\n"
        "  rest 2024-01-01  # after rest\n"
        "  # before work\n"
        "  work 2024-02-04\n"
        "}\n"
        "benchmark B \"b\" {\n"
        "  # before basis\n"
        "  basis \"l\" art 1  # after basis\n"
        "  # before range\n"
        "  range 1 .. 2\n"
        "  # before kinds\n"
        "  kinds 罚款\n"
        "  # before tier\n"
        "  tier t 1 .. 2  # after tier\n"
        "}\n"
        "# before rule\n"
        "rule R in s warn  # after rule header\n"
        "  # before cites\n"
        "  cites \"l\"  # after cites\n"
        "  # before for\n"
        "  for x in l\n"
        "  # before when\n"
        "  when x  # after when\n"
        "  # before says\n"
        "  says \"\"  # after says\n"
        "test \"t\" {\n"
        "  # before case\n"
        "  case { \"a\": 1 }  # after case\n"
        "  # before expect\n"
        "  expect R  # after expect\n"
        "}\n"
        "\n"
        "# end of file\n";
    EXPECT_EQ(fmt(in), want);
    EXPECT_EQ(fmt(want), want);
}

TEST(FormatComments, CommentsInsideAnItemGoBeforeIt) {
    // End-of-line comments on a multi-line item: the last stays at the end of its last line,
    // the others (and own-line comments inside it) go before it.
    EXPECT_EQ(fmt("rule R in s warn\n"
                  "  when a == 1   # first\n"
                  "       # inside\n"
                  "       and b    # second\n"
                  "  says \"\"\n"
                  "def d = (x   # one\n"
                  "         + y)  # two\n"),
              "rule R in s warn\n"
              "  # first\n"
              "  # inside\n"
              "  when a == 1 and b  # second\n"
              "  says \"\"\n"
              "# one\n"
              "def d = x + y  # two\n");
}

TEST(FormatComments, SeveralItemsOnOneLine) {
    // A comment after a one-line block ends the block's last line, the closing brace.
    EXPECT_EQ(fmt("test \"t\" { case file \"x.json\" expect A expect no B }   # all in one\n"),
              "test \"t\" {\n  case file \"x.json\"\n  expect A\n  expect no B\n}  # all in one\n");
    EXPECT_EQ(fmt("grade a >= 1 grade b otherwise   # both\n"), "grade a >= 1\ngrade b otherwise  # both\n");
}

TEST(FormatComments, BlankLinesAroundCommentsAreKept) {
    EXPECT_EQ(fmt("import \"a\"\n\n# about b\n\nimport \"b\"\n# about c\nimport \"c\"\n"),
              "import \"a\"\n\n# about b\n\nimport \"b\"\n# about c\nimport \"c\"\n");
    EXPECT_EQ(fmt("import \"a\"\n\n\n# only comments\n\n\n# below\n"), "import \"a\"\n\n# only comments\n\n# below\n");
    EXPECT_EQ(fmt("# just a comment"), "# just a comment\n");
    EXPECT_EQ(fmt(""), "");
}

TEST(FormatComments, CommentInsideTemplateHoleCannotBeKept) {
    const auto r = format::format_text("t.pc", "rule R in s warn when x says \"a {f(1 # c\n)} b\"\n");
    EXPECT_EQ(r.status, format::Outcome::Status::cannot_format);
    EXPECT_NE(r.message.find("1:38"), std::string::npos) << r.message;
}

TEST(FormatErrors, SyntaxErrorsAndUnrecordedText) {
    auto r = format::format_text("bad.pc", "rule R in s warn\n  when x ==\n");
    EXPECT_EQ(r.status, format::Outcome::Status::syntax_error);
    EXPECT_NE(format_diagnostics(r.diags).find("bad.pc:2:12: error[E0101]"), std::string::npos) << format_diagnostics(r.diags);
    // The tree keeps only the last `pack` of a file; formatting would drop the first.
    r = format::format_text("t.pc", "pack a version \"1\"\npack b version \"2\"\n");
    EXPECT_EQ(r.status, format::Outcome::Status::cannot_format);
}

// ---------------------------------------------------------------- the syntax tree's fields

// The number of fields of an aggregate: the most initialisers it accepts.
struct AnyField {
    template <typename T>
    operator T() const;  // NOLINT: converts to any field type, in unevaluated contexts only
};
template <typename T, typename... A>
constexpr size_t field_count() {
    if constexpr (requires { T{A{}..., AnyField{}}; }) return field_count<T, A..., AnyField>();
    else return sizeof...(A);
}

// The formatter prints, and ast_dump compares, every field of the syntax tree. A field added to
// ast.hpp must be printed by engine/format/formatter.cpp and dumped by ast_dump.cpp (or the
// formatter would silently drop it); then update the count here.
TEST(FormatAst, EveryFieldOfTheSyntaxTreeIsHandled) {
    EXPECT_EQ(field_count<ast::Expr>(), 8u);  // `depth` follows from `args`: nothing to print or compare
    EXPECT_EQ(field_count<ast::Name>(), 2u);
    EXPECT_EQ(field_count<ast::PackDecl>(), 3u);
    EXPECT_EQ(field_count<ast::ImportDecl>(), 2u);
    EXPECT_EQ(field_count<ast::TerritoryDecl>(), 4u);
    EXPECT_EQ(field_count<ast::LawVersion>(), 7u);
    EXPECT_EQ(field_count<ast::LawDecl>(), 10u);
    EXPECT_EQ(field_count<ast::DateRange>(), 3u);
    EXPECT_EQ(field_count<ast::CalendarDecl>(), 5u);
    EXPECT_EQ(field_count<ast::AgencyDecl>(), 4u);
    EXPECT_EQ(field_count<ast::Bound>(), 4u);
    EXPECT_EQ(field_count<ast::Tier>(), 6u);
    EXPECT_EQ(field_count<ast::BenchmarkDecl>(), 10u);
    EXPECT_EQ(field_count<ast::SectionDecl>(), 4u);
    EXPECT_EQ(field_count<ast::GradeDecl>(), 3u);
    EXPECT_EQ(field_count<ast::VetoDecl>(), 3u);
    EXPECT_EQ(field_count<ast::Citation>(), 3u);
    EXPECT_EQ(field_count<ast::RuleDecl>(), 12u);
    EXPECT_EQ(field_count<ast::DefDecl>(), 3u);
    EXPECT_EQ(field_count<ast::Expectation>(), 7u);
    EXPECT_EQ(field_count<ast::TestDecl>(), 6u);
    EXPECT_EQ(field_count<ast::File>(), 14u);
}

// ---------------------------------------------------------------- every rule pack in the repository

// Scaled down (test_scale.hpp), files over 64 KiB are left out: only the generated catalog
// rules/shenshan/laws_imported.pc, whose constructs (laws, versions, articles) the hand-written
// laws_*.pc files have too.
bool left_out_when_scaled(const std::string& text) { return pingcha::testing::scaled_down() && text.size() > (64u << 10); }

TEST(FormatIdempotence, EveryRulePackFile) {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(fs::path(PINGCHA_SOURCE_DIR) / "rules"))
        if (e.is_regular_file() && e.path().extension() == ".pc") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    ASSERT_FALSE(files.empty());
    size_t formatted = 0;
    for (const auto& f : files) {
        SCOPED_TRACE(f.string());
        const std::string text = read(f);
        if (left_out_when_scaled(text)) continue;
        const Parsed p = parse(text);
        if (p.diags.has_errors()) {
            // A pack being edited may not parse right now; that is the parser's business.
            std::cerr << "skipped (does not parse): " << f << "\n";
            continue;
        }
        const std::string once = fmt(text);
        EXPECT_EQ(fmt(once), once);
        ++formatted;
    }
    EXPECT_GT(formatted, 0u);
}

// Wider spacing between tokens on a line (never inside strings, templates or inline JSON)
// changes nothing in the output.
TEST(FormatIdempotence, SpacingBetweenTokensDoesNotMatter) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(PINGCHA_SOURCE_DIR) / "rules")) {
        if (!e.is_regular_file() || e.path().extension() != ".pc") continue;
        SCOPED_TRACE(e.path().string());
        const std::string text = read(e.path());
        if (left_out_when_scaled(text)) continue;
        const Parsed p = parse(text);
        if (p.diags.has_errors()) continue;
        const auto tokens = format::scan(p.file->text(), p.ast).tokens;
        std::string wide;
        uint32_t at = 0;
        for (size_t i = 0; i < tokens.size(); ++i) {
            wide += text.substr(at, tokens[i].begin - at);
            // Only where a space already separates two tokens on one line.
            const bool same_line = i > 0 && text.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end).find_first_of("\r\n") == std::string::npos;
            // (Inline JSON keeps its lines relative to its opening brace, so not before it.)
            if (same_line && tokens[i].kind != format::Token::Kind::json && tokens[i].begin > tokens[i - 1].end && text[tokens[i].begin - 1] == ' ') wide += "  ";
            wide += std::string(tokens[i].text);
            at = tokens[i].end;
        }
        wide += text.substr(at);
        ASSERT_NE(wide, text);
        EXPECT_EQ(fmt(wide), fmt(text));
    }
}

// Comments dropped at random between tokens (at end of line or on lines of their own) are
// all kept, and the result formats to itself (fmt() checks both).
TEST(FormatIdempotence, CommentsAnywhereBetweenTokens) {
    uint64_t seed = 12345;
    auto next = [&seed](uint64_t n) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        return (seed >> 33) % n;
    };
    for (const char* name : {"rules/demo/pack.pc", "rules/demo/laws.pc", "rules/demo/tests.pc"}) {
        const fs::path path = fs::path(PINGCHA_SOURCE_DIR) / name;
        if (!fs::exists(path)) continue;
        const std::string text = read(path);
        const Parsed p = parse(text);
        ASSERT_EQ(format_diagnostics(p.diags), "") << name;
        const auto tokens = format::scan(p.file->text(), p.ast).tokens;
        for (size_t round = 0; round < pingcha::testing::scaled(20, 2); ++round) {
            std::string noisy;
            uint32_t at = 0;
            int added = 0;
            for (size_t i = 1; i < tokens.size(); ++i) {
                if (tokens[i].begin == tokens[i - 1].end || next(8) != 0) continue;
                noisy += text.substr(at, tokens[i - 1].end - at);
                noisy += next(2) ? "  " : "\n";
                noisy += "# c";
                noisy += std::to_string(++added);
                noisy += "\n";
                at = tokens[i - 1].end;
            }
            noisy += text.substr(at);
            ASSERT_GT(added, 5);
            SCOPED_TRACE(std::string(name) + " round " + std::to_string(round) + ":\n" + noisy);
            const std::string once = fmt(noisy);
            ASSERT_FALSE(once.empty());
        }
    }
}

// ---------------------------------------------------------------- diff

TEST(FormatDiff, UnifiedDiff) {
    EXPECT_EQ(format::unified_diff("a\nb\n", "a\nb\n", "x", "y"), "");
    EXPECT_EQ(format::unified_diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n", "x", "y"),
              "--- x\n+++ y\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
    EXPECT_EQ(format::unified_diff("a", "a\n", "x", "y"), "--- x\n+++ y\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n");
    EXPECT_EQ(format::unified_diff("", "a\n", "x", "y"), "--- x\n+++ y\n@@ -0,0 +1 @@\n+a\n");
}

// ---------------------------------------------------------------- the command line

class FormatCli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("pingcha_fmt_test_" + std::to_string(::getpid()));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    fs::path write(const std::string& name, const std::string& text) {
        const fs::path p = dir_ / name;
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }
    Output fmt_cmd(const std::string& args) {
        return run(binary() + " fmt " + args + " 2>" + q(dir_ / "stderr"));
    }
    std::string err() { return read(dir_ / "stderr"); }

    fs::path dir_;
    const std::string messy_ = "pack  p version \"1\"   # c\nrule R in s warn when a==1 says \"x\"\n";
    const std::string clean_ = "pack p version \"1\"  # c\nrule R in s warn\n  when a == 1\n  says \"x\"\n";
};

TEST_F(FormatCli, PrintsTheFormattedText) {
    const auto f = write("a.pc", messy_);
    const Output r = fmt_cmd(q(f));
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.out, clean_);
    EXPECT_EQ(read(f), messy_);
    EXPECT_EQ(run("printf '%s' 'import   \"x\"' | " + binary() + " fmt -").out, "import \"x\"\n");
}

TEST_F(FormatCli, CheckListsFilesThatWouldChange) {
    const auto a = write("a.pc", messy_), b = write("b.pc", clean_);
    Output r = fmt_cmd("--check " + q(a) + " " + q(b));
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.out, a.string() + "\n");
    EXPECT_EQ(read(a), messy_);
    r = fmt_cmd("--check " + q(b));
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.out, "");
}

TEST_F(FormatCli, WriteRewritesInPlace) {
    const auto a = write("a.pc", messy_), b = write("b.pc", clean_);
    const auto before = fs::last_write_time(b);
    const Output r = fmt_cmd("-w " + q(a) + " " + q(b));
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(read(a), clean_);
    EXPECT_EQ(read(b), clean_);
    EXPECT_EQ(fs::last_write_time(b), before);  // unchanged files are not touched
    EXPECT_EQ(fmt_cmd("--check " + q(a)).status, 0);
    EXPECT_FALSE(fs::exists(a.string() + ".pingcha-fmt.tmp"));
}

TEST_F(FormatCli, DiffPrintsAUnifiedDiff) {
    const auto a = write("a.pc", messy_);
    const Output r = fmt_cmd("--diff " + q(a));
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.out, "--- " + a.string() + "\n+++ " + a.string() + " (formatted)\n@@ -1,2 +1,4 @@\n"
                     "-pack  p version \"1\"   # c\n-rule R in s warn when a==1 says \"x\"\n"
                     "+pack p version \"1\"  # c\n+rule R in s warn\n+  when a == 1\n+  says \"x\"\n");
    EXPECT_EQ(read(a), messy_);
    EXPECT_EQ(fmt_cmd("--diff --check " + q(a)).status, 1);
}

TEST_F(FormatCli, SyntaxErrorExitsTwoWithTheDiagnostic) {
    const auto bad = write("bad.pc", "pack p version \"1\"\nrule R in s warn\n  when x ==\n");
    const auto good = write("good.pc", messy_);
    const Output r = fmt_cmd("-w " + q(bad) + " " + q(good));
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(err().find(bad.string() + ":3:12: error[E0101]"), std::string::npos) << err();
    EXPECT_EQ(read(bad), "pack p version \"1\"\nrule R in s warn\n  when x ==\n");
    EXPECT_EQ(read(good), clean_);  // the other files are still formatted
}

TEST_F(FormatCli, UsageErrorsExitTwo) {
    EXPECT_EQ(fmt_cmd("").status, 2);
    const auto a = write("a.pc", messy_);
    EXPECT_EQ(fmt_cmd("-w --check " + q(a)).status, 2);
    EXPECT_EQ(fmt_cmd(q(dir_ / "missing.pc")).status, 2);
    EXPECT_NE(err().find("missing.pc"), std::string::npos);
    EXPECT_EQ(read(a), messy_);
}

}  // namespace
