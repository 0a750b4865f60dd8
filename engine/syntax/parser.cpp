#include "syntax/parser.hpp"

#include "syntax/grammar_decls.hpp"

namespace pingcha {
namespace {

using grammar::Iterator;
namespace x3 = boost::spirit::x3;

const char* const kTopLevelKeywords[] = {"pack", "import", "origin", "territory", "law", "calendar", "agency", "benchmark",
                                         "section", "grade", "veto", "def", "rule", "test"};

bool starts_declaration(Iterator it, Iterator end) {
    for (const char* kw : kTopLevelKeywords) {
        const size_t n = std::strlen(kw);
        if (static_cast<size_t>(end - it) > n && std::equal(kw, kw + n, it) && (it[n] == ' ' || it[n] == '\t'))
            return true;
    }
    return false;
}

// Error recovery: resume at the next line that starts (after indentation) with a
// top-level keyword.
Iterator next_declaration(Iterator it, Iterator end) {
    while (it != end) {
        while (it != end && *it != '\n') ++it;
        if (it == end) break;
        ++it;
        Iterator p = it;
        while (p != end && (*p == ' ' || *p == '\t')) ++p;
        if (starts_declaration(p, end)) return p;
    }
    return end;
}

// The text at an error position, for "found …": one token, at most 16 code points.
Iterator skip_spaces(Iterator it, Iterator end) {
    while (it != end && (*it == ' ' || *it == '\t')) ++it;
    return it;
}

std::string found_text(Iterator it, Iterator end) {
    it = skip_spaces(it, end);
    if (it == end) return "文件结尾";
    if (*it == '\n' || *it == '\r') return "行尾";
    std::string out;
    int chars = 0;
    while (it != end && *it != ' ' && *it != '\n' && *it != '\r' && *it != '\t' && chars < 16) {
        const unsigned char c = static_cast<unsigned char>(*it);
        const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        for (int k = 0; k < len && it != end; ++k) out += *it++;
        ++chars;
    }
    return "'" + out + "'";
}

std::string describe_expected(const std::string& which) {
    if (which.rfind("N5boost", 0) == 0) return "其他内容";  // an unnamed parser: nothing better to say
    return which;
}

Iterator skip_blank(Iterator it, Iterator end) {
    x3::parse(it, end, *grammar::skipper);
    return it;
}

grammar::ParseState make_state(const SourceFile& file, ast::File& out, Diagnostics& diags, const Limits& limits) {
    grammar::ParseState st;
    st.file = &file;
    st.max_depth = limits.max_expr_depth;
    st.out = &out;
    st.diags = &diags;
    return st;
}

void report_expectation(const grammar::ParseState& st, const x3::expectation_failure<Iterator>& e, Iterator end) {
    const Iterator at = skip_spaces(e.where(), end);
    st.diags->error("E0101", st.span(at, at + 1),
                    "语法错误：此处应为" + describe_expected(e.which()) + "，实际为 " + found_text(e.where(), end));
}

void report_depth(const grammar::ParseState& st, const grammar::DepthExceeded& e, Iterator end) {
    const Iterator at = e.where;
    st.diags->error("E0106", st.span(at, at == end ? at : at + 1),
                    "表达式嵌套过深：超过 max_expr_depth 限制（" + std::to_string(st.max_depth) +
                        " 层）；请拆成几个 def，或用 --limit max_expr_depth=N 放宽");
}

// "pack、import、… rule 或 test"
std::string keyword_list() {
    std::string out;
    const size_t n = std::size(kTopLevelKeywords);
    for (size_t k = 0; k < n; ++k) out += (k == 0 ? "" : k + 1 == n ? " 或 " : "、") + std::string(kTopLevelKeywords[k]);
    return out;
}

}  // namespace

ast::File parse_file(const SourceFile& file, Diagnostics& diags, const Limits& limits) {
    ast::File out;
    grammar::ParseState st = make_state(file, out, diags, limits);
    Iterator it = file.text().data();
    const Iterator end = it + file.text().size();
    if (file.text().rfind("\xEF\xBB\xBF", 0) == 0) it += 3;
    const auto parser = x3::with<grammar::state_tag>(st)[grammar::declaration];
    while ((it = skip_blank(it, end)) != end) {
        st.decl_begin = it;
        try {
            if (!x3::phrase_parse(it, end, parser, grammar::skipper)) {
                diags.error("E0100", st.span(it, it + 1),
                            "语法错误：此处应为声明（" + keyword_list() + "），实际为 " + found_text(it, end));
                it = next_declaration(it, end);
            }
        } catch (const x3::expectation_failure<Iterator>& e) {
            report_expectation(st, e, end);
            it = next_declaration(e.where(), end);
        } catch (const grammar::DepthExceeded& e) {
            report_depth(st, e, end);
            it = next_declaration(e.where, end);
        }
    }
    return out;
}

ast::ExprPtr parse_expression(const SourceFile& file, Diagnostics& diags, const Limits& limits) {
    ast::File out;
    grammar::ParseState st = make_state(file, out, diags, limits);
    Iterator it = file.text().data();
    const Iterator end = it + file.text().size();
    ast::ExprPtr result;
    try {
        const auto parser = x3::with<grammar::state_tag>(st)[grammar::expr];
        if (!x3::phrase_parse(it, end, parser, grammar::skipper, result)) {
            diags.error("E0102", st.span(it, it + 1), "语法错误：此处应为表达式，实际为 " + found_text(it, end));
            return nullptr;
        }
    } catch (const x3::expectation_failure<Iterator>& e) {
        report_expectation(st, e, end);
        return nullptr;
    } catch (const grammar::DepthExceeded& e) {
        report_depth(st, e, end);
        return nullptr;
    }
    if (it != end) {
        diags.error("E0103", st.span(it, it + 1), "表达式后有多余内容：" + found_text(it, end));
        return nullptr;
    }
    return result;
}

}  // namespace pingcha
