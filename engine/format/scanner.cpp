#include "format/scanner.hpp"

#include <algorithm>
#include <map>

namespace pingcha::format {
namespace {

bool word_start(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}
bool word_char(unsigned char c) { return word_start(c) || c == '-'; }
bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

class Scanner {
public:
    Scanner(std::string_view text, const ast::File& file) : t_(text) {
        for (const auto& r : file.rules)
            if (r.span.valid()) rules_.push_back({r.span.begin, r.span.end});
        for (const auto& test : file.tests)
            if (test.case_json && test.case_span.valid()) json_[test.case_span.begin] = test.case_span.end;
    }

    Scan run() {
        size_t i = t_.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
        const size_t n = t_.size();
        while (i < n) {
            const char c = t_[i];
            if (blank(c)) {
                ++i;
            } else if (c == '#') {
                i = comment(i, false);
            } else if (auto it = json_.find(static_cast<uint32_t>(i)); it != json_.end()) {
                push(Token::Kind::json, i, it->second);
                i = it->second;
            } else if (c == '"') {
                if (template_here(i)) {
                    const size_t j = templ(i);
                    push(Token::Kind::templ, i, j);
                    i = j;
                } else {
                    const size_t j = string(i);
                    push(Token::Kind::string, i, j);
                    i = j;
                }
            } else if (word_start(static_cast<unsigned char>(c))) {
                size_t j = i + 1;
                while (j < n && word_char(static_cast<unsigned char>(t_[j]))) ++j;
                push(Token::Kind::word, i, j);
                i = j;
            } else {
                push(Token::Kind::punct, i, i + 1);
                ++i;
            }
        }
        return std::move(out_);
    }

private:
    void push(Token::Kind kind, size_t b, size_t e) {
        out_.tokens.push_back({kind, static_cast<uint32_t>(b), static_cast<uint32_t>(e), t_.substr(b, e - b)});
    }

    // A string right after the clause keyword `says` of a rule is a message template.
    bool template_here(size_t i) const {
        if (out_.tokens.empty()) return false;
        const Token& prev = out_.tokens.back();
        if (prev.kind != Token::Kind::word || prev.text != "says") return false;
        return std::any_of(rules_.begin(), rules_.end(),
                           [&](const auto& r) { return prev.begin > r.first && prev.begin < r.second && i < r.second; });
    }

    size_t comment(size_t i, bool in_template) {
        size_t j = i;
        while (j < t_.size() && t_[j] != '\n' && t_[j] != '\r') ++j;
        size_t e = j;
        while (e > i && (t_[e - 1] == ' ' || t_[e - 1] == '\t')) --e;
        size_t k = i;
        while (k > 0 && (t_[k - 1] == ' ' || t_[k - 1] == '\t')) --k;
        bool own = k == 0 || t_[k - 1] == '\n' || t_[k - 1] == '\r' || (k == 3 && t_.rfind("\xEF\xBB\xBF", 0) == 0);
        out_.comments.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(j), std::string(t_.substr(i, e - i)),
                                 own, in_template});
        return j;
    }

    // A plain string from its opening quote; returns the position after the closing quote.
    size_t string(size_t i) const {
        size_t j = i + 1;
        while (j < t_.size()) {
            const char c = t_[j];
            if (c == '\\' && j + 1 < t_.size() && t_[j + 1] != '\n' && t_[j + 1] != '\r') {
                j += 2;
            } else if (c == '"') {
                return j + 1;
            } else if (c == '\n' || c == '\r') {
                return j;
            } else {
                ++j;
            }
        }
        return j;
    }

    // A message template: text, `\` escapes and `{expression}` holes (which may hold strings,
    // and, since the parser skips comments inside them, comments).
    size_t templ(size_t i) {
        size_t j = i + 1;
        while (j < t_.size()) {
            const char c = t_[j];
            if (c == '\\' && j + 1 < t_.size() && t_[j + 1] != '\n' && t_[j + 1] != '\r') {
                j += 2;
            } else if (c == '"') {
                return j + 1;
            } else if (c == '\n' || c == '\r') {
                return j;
            } else if (c == '{') {
                ++j;
                while (j < t_.size() && t_[j] != '}') {
                    if (t_[j] == '#') {
                        j = comment(j, true);
                    } else if (t_[j] == '"') {
                        j = string(j);
                    } else {
                        ++j;
                    }
                }
                if (j < t_.size()) ++j;
            } else {
                ++j;
            }
        }
        return j;
    }

    std::string_view t_;
    std::vector<std::pair<uint32_t, uint32_t>> rules_;
    std::map<uint32_t, uint32_t> json_;
    Scan out_;
};

}  // namespace

Scan scan(std::string_view text, const ast::File& file) { return Scanner(text, file).run(); }

std::vector<Comment> scan_comments(std::string_view text, const ast::File& file) {
    return scan(text, file).comments;
}

}  // namespace pingcha::format
