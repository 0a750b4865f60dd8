#include "lawimport/law_text.hpp"

#include <algorithm>

#include "lawimport/text_scan.hpp"

namespace pingcha::lawimport {

namespace {

constexpr std::string_view kInfoEnd = "<!-- INFO END -->";
constexpr std::string_view kFullWidthSpace = "\u3000";

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    for (size_t pos = 0; pos <= text.size();) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        if (line.ends_with('\r')) line.remove_suffix(1);
        lines.push_back(line);
        pos = end + 1;
    }
    return lines;
}

std::string without_full_width_spaces(std::string_view text) {
    std::string out;
    for (size_t pos = 0; pos < text.size();) {
        const size_t at = std::min(text.find(kFullWidthSpace, pos), text.size());
        out.append(text.substr(pos, at - pos));
        pos = at + kFullWidthSpace.size();
    }
    return out;
}

bool contains(std::string_view text, std::string_view word) { return text.find(word) != std::string_view::npos; }

bool contains_any(std::string_view text, std::initializer_list<std::string_view> words) {
    return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return contains(text, w); });
}

// The text with everything inside 《…》 (nested too) removed.
std::string outside_titles(std::string_view text) {
    std::string out;
    int depth = 0;
    for (size_t pos = 0; pos < text.size();) {
        const CodePoint c = code_point_at(text, pos);
        const size_t length = c.length ? c.length : 1;
        if (c.value == U'《') ++depth;
        if (depth == 0) out.append(text.substr(pos, length));
        if (c.value == U'》' && depth > 0) --depth;
        pos += length;
    }
    return out;
}

// The top-level 《…》 titles in the text.
std::vector<std::string> titles_in(std::string_view text) {
    std::vector<std::string> out;
    int depth = 0;
    size_t start = 0;
    for (size_t pos = 0; pos < text.size();) {
        const CodePoint c = code_point_at(text, pos);
        const size_t length = c.length ? c.length : 1;
        if (c.value == U'《' && depth++ == 0) start = pos + length;
        if (c.value == U'》' && depth > 0 && --depth == 0) out.emplace_back(text.substr(start, pos - start));
        pos += length;
    }
    return out;
}

// ------------------------------------------------------------------------------ history

// The kinds one history event names: its main step (修订 before 修正 before 通过 before 批准
// before 公布 before 发布), then the approval or publication of a 修正/修订 made the same day
// (`批准的《…决定》第一次修正`, `令第127号修订发布`), then 施行 when it also takes effect
// (`公布施行`, `发布之日施行`).
std::vector<EventKind> kinds_named(std::string_view words) {
    std::vector<EventKind> kinds;
    const std::string own_words = outside_titles(words);
    if (contains(words, "修订")) kinds.push_back(EventKind::revised);
    else if (contains(words, "修正")) kinds.push_back(EventKind::amended);
    else if (contains(words, "通过")) kinds.push_back(EventKind::adopted);
    else if (contains(words, "批准")) kinds.push_back(EventKind::approved);
    else if (contains(words, "公布")) kinds.push_back(EventKind::promulgated);
    else if (contains_any(words, {"发布", "颁布", "印发"})) kinds.push_back(EventKind::issued);
    const bool revision = !kinds.empty() && (kinds[0] == EventKind::revised || kinds[0] == EventKind::amended);
    if (revision && contains(own_words, "批准")) kinds.push_back(EventKind::approved);
    if (revision && contains(own_words, "公布")) kinds.push_back(EventKind::promulgated);
    else if (revision && contains_any(own_words, {"发布", "颁布", "印发"})) kinds.push_back(EventKind::issued);
    if (contains_any(own_words, {"施行", "执行", "实施", "生效"})) kinds.push_back(EventKind::effective);
    return kinds;
}

struct DateMark {
    size_t begin;
    size_t end;
    Date date;
};

bool is_digit_like(char32_t c) {
    return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９') ||
           std::u32string_view(U"〇○零一二三四五六七八九十两").find(c) != std::u32string_view::npos;
}

// Every date in the text, where it is not the tail of a longer number.
std::vector<DateMark> dates_in(std::string_view text) {
    std::vector<DateMark> marks;
    bool after_digit = false;
    for (size_t pos = 0; pos < text.size();) {
        const CodePoint c = code_point_at(text, pos);
        size_t consumed = 0;
        if (!after_digit && is_digit_like(c.value)) {
            if (auto date = parse_chinese_date(text.substr(pos), &consumed)) {
                marks.push_back({pos, pos + consumed, *date});
                pos += consumed;
                after_digit = false;
                continue;
            }
        }
        after_digit = is_digit_like(c.value);
        pos += c.length ? c.length : 1;
    }
    return marks;
}

// The history: each date starts an event that runs to the next date, across lines, so that
// `…《关于修改<…>` / `<…>的决定》第三次修正` and `2002年…通过  2011年…批准` both read right.
std::vector<HistoryEvent> parse_history(std::string_view header) {
    std::vector<HistoryEvent> events;
    const auto marks = dates_in(header);
    for (size_t k = 0; k < marks.size(); ++k) {
        const size_t end = k + 1 < marks.size() ? marks[k + 1].begin : header.size();
        std::string words(trim_blank(header.substr(marks[k].end, end - marks[k].end)));
        std::replace(words.begin(), words.end(), '\n', ' ');
        for (EventKind kind : kinds_named(words)) events.push_back({marks[k].date, kind, words});
    }
    return events;
}

// ------------------------------------------------------------------------------ layout

bool accept_word(std::string_view& rest, std::string_view word) {
    if (!rest.starts_with(word)) return false;
    rest.remove_prefix(word.size());
    return true;
}

// Takes the code points at the front of `rest` that satisfy `pred`; returns them.
template <typename Pred>
std::string_view take_while(std::string_view& rest, Pred pred) {
    size_t end = 0;
    for (CodePoint c; (c = code_point_at(rest, end)).length != 0 && pred(c.value);) end += c.length;
    const std::string_view taken = rest.substr(0, end);
    rest.remove_prefix(end);
    return taken;
}

bool is_numeral(char32_t c) { return is_digit_like(c) || c == U'百' || c == U'千'; }

// `第十条` / `第二十条之一` at the start of a line, followed by a space; nullopt otherwise.
// Two slips seen in the collection are read too: 笫 for 第, and a space before 条
// (`第一百二十八 条侦查人员…`).
std::optional<ArticleRef> article_at_line_start(std::string_view line) {
    std::string_view rest = line;
    if (!accept_word(rest, "第") && !accept_word(rest, "笫")) return std::nullopt;
    const std::string_view number = take_while(rest, is_numeral);
    const bool slipped_space = !take_while(rest, is_blank).empty();
    if (number.empty() || !accept_word(rest, "条")) return std::nullopt;
    std::string token = "第" + std::string(number) + "条";
    if (accept_word(rest, "之")) {
        const std::string_view sub = take_while(rest, is_numeral);
        if (sub.empty()) return std::nullopt;
        token += "之" + std::string(sub);
    }
    if (!slipped_space && !rest.empty() && !is_blank(code_point_at(rest, 0).value)) return std::nullopt;
    return parse_article_ref(token);
}

bool starts_heading(std::string_view line) {
    if (line.starts_with("##")) return true;
    if (!line.starts_with("第")) return false;
    for (std::string_view unit : {"条", "章", "编", "节"}) {
        const size_t at = line.find(unit);
        if (at != std::string_view::npos && at <= 3 * 12 &&
            parse_chinese_number(line.substr(3, at - 3)).has_value())
            return true;
    }
    return false;
}

struct Layout {
    size_t title_line = 0;   // index of the `# ` line; lines.size() when there is none
    size_t header_end = 0;   // first line after the history
    size_t body_begin = 0;   // first body line
};

size_t title_line_of(const std::vector<std::string_view>& lines) {
    size_t k = 0;
    if (!lines.empty() && trim_blank(lines[0]) == "---") {  // YAML front matter
        for (k = 1; k < lines.size() && trim_blank(lines[k]) != "---"; ++k) {}
        ++k;
    }
    while (k < lines.size() && trim_blank(lines[k]).empty()) ++k;
    return k < lines.size() && lines[k].starts_with("# ") ? k : lines.size();
}

// The history ends at `<!-- INFO END -->`; without the marker, at the first heading or article
// line, or at the first prose sentence that names no date.
Layout layout_of(const std::vector<std::string_view>& lines) {
    Layout layout;
    layout.title_line = title_line_of(lines);
    if (layout.title_line == lines.size()) return layout;
    for (size_t k = layout.title_line + 1; k < lines.size(); ++k) {
        const std::string_view line = trim_blank(lines[k]);
        if (line.starts_with(kInfoEnd)) return {layout.title_line, k, k + 1};
    }
    size_t k = layout.title_line + 1;
    for (; k < lines.size(); ++k) {
        const std::string_view line = trim_blank(lines[k]);
        if (starts_heading(line)) break;
        if (line.ends_with("。") && dates_in(line).empty()) break;
    }
    return {layout.title_line, k, k};
}

// ------------------------------------------------------------------------------ clause

bool accept_effective_verb(std::string_view rest) {
    rest = trim_blank(rest);
    accept_word(rest, "起");
    rest = trim_blank(rest);
    for (std::string_view verb : {"施行", "实施", "执行", "生效"})
        if (rest.starts_with(verb)) return true;
    return false;
}

// Where the sentence containing each position of a line starts: just after the last 。, ；,
// space or full-width space before it. Asked for positions in increasing order, it reads the
// line once, so a hostile line with many candidates (`本法自本法自…`) stays linear.
class SentenceStarts {
public:
    explicit SentenceStarts(std::string_view line) : line_(line) {}
    size_t before(size_t at) {
        for (; scanned_ < at; ++scanned_) {
            for (std::string_view stop : {"。", "；", " ", "\u3000"})
                if (line_.substr(scanned_).starts_with(stop) && scanned_ + stop.size() <= at)
                    start_ = std::max(start_, scanned_ + stop.size());
        }
        return start_;
    }

private:
    std::string_view line_;
    size_t scanned_ = 0;
    size_t start_ = 0;
};

// The subject from `start` to `at` starts with 本 (本法, 本条例, 本规定…) and is short.
bool subject_is_this_norm(std::string_view line, size_t start, size_t at) {
    const std::string_view subject = trim_blank(line.substr(start, at - start));
    return subject.starts_with("本") && subject.size() <= 3 * 10 && !contains(subject, "，");
}

// After `自`: a date or `…之日`, then [起] 施行/实施/执行/生效. Returns the clause and where it ends.
std::optional<std::pair<EffectiveClause, size_t>> clause_after(std::string_view line, size_t after) {
    std::string_view rest = line.substr(after);
    EffectiveClause clause;
    size_t consumed = 0;
    if (auto date = parse_chinese_date(rest, &consumed)) {
        clause.date = date;
        rest = trim_blank(rest.substr(consumed));
        accept_word(rest, "零时");
    } else {
        constexpr size_t kMaxWhen = 3 * 10;  // `…之日` within ten characters
        const size_t day = rest.substr(0, kMaxWhen + std::string_view("之日").size()).find("之日");
        if (day == std::string_view::npos || day > kMaxWhen) return std::nullopt;
        const std::string_view when = rest.substr(0, day);
        if (when.ends_with("批准")) clause.form = EffectiveClause::Form::on_approval;
        else if (contains_any(when, {"公布", "发布", "颁布", "印发"})) clause.form = EffectiveClause::Form::on_publication;
        else return std::nullopt;
        rest.remove_prefix(day + std::string_view("之日").size());
    }
    if (!accept_effective_verb(rest)) return std::nullopt;
    return std::pair{clause, line.size() - rest.size()};
}

// Titles repealed by the sentences after the clause: `《…》同时废止`.
std::vector<std::string> repeals_after(std::string_view rest) {
    std::vector<std::string> out;
    for (size_t pos = 0; pos < rest.size();) {
        size_t end = rest.find("。", pos);
        if (end == std::string_view::npos) end = rest.size();
        const std::string_view sentence = rest.substr(pos, end - pos);
        if (contains(outside_titles(sentence), "废止"))
            for (auto& title : titles_in(sentence)) out.push_back(std::move(title));
        pos = end + std::string_view("。").size();
    }
    return out;
}

// The last clause of the line.
std::optional<EffectiveClause> clause_in_line(std::string_view line) {
    std::optional<std::pair<EffectiveClause, size_t>> found;
    SentenceStarts starts(line);
    for (size_t at = line.find("自"); at != std::string_view::npos; at = line.find("自", at + 1)) {
        if (!subject_is_this_norm(line, starts.before(at), at)) continue;
        if (auto clause = clause_after(line, at + std::string_view("自").size())) found = std::move(clause);
    }
    if (!found) return std::nullopt;
    found->first.repeals = repeals_after(line.substr(found->second));
    return std::move(found->first);
}

// ------------------------------------------------------------------------------ body

// Articles in a line: at its start, and — where a text ran several articles into one paragraph
// (飞行基本规则) — after a sentence end and a space: `…。 第二条 …`.
std::vector<ArticleRef> articles_in_line(std::string_view line) {
    std::vector<ArticleRef> out;
    if (auto ref = article_at_line_start(line)) out.push_back(*ref);
    for (std::string_view run_on : {"。 第", "。\u3000第"}) {
        for (size_t at = line.find(run_on); at != std::string_view::npos; at = line.find(run_on, at + 1))
            if (auto ref = article_at_line_start(line.substr(at + run_on.size() - std::string_view("第").size())))
                out.push_back(*ref);
    }
    return out;
}

void count_articles(const std::vector<std::string_view>& lines, size_t from, LawText& text) {
    for (size_t k = from; k < lines.size(); ++k) {
        for (const auto& ref : articles_in_line(lines[k])) {
            if (ref.sub != 0) text.inserted.push_back(ref);
            else text.article_numbers.push_back(ref.article);
        }
    }
    auto& numbers = text.article_numbers;
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    text.articles = numbers.empty() ? 0 : numbers.back();
}

void read_clause(const std::vector<std::string_view>& lines, size_t from, LawText& text) {
    for (size_t k = from; k < lines.size(); ++k)
        if (auto clause = clause_in_line(lines[k])) text.clause = std::move(clause);
}

void read_header(const std::vector<std::string_view>& lines, const Layout& layout, LawText& text) {
    std::string header;
    for (size_t k = layout.title_line + 1; k < layout.header_end; ++k) {
        const std::string line = without_html_comments(lines[k]);
        const std::string_view trimmed = trim_blank(line);
        if (trimmed.starts_with("#")) {
            const size_t words = std::min(trimmed.find_first_not_of('#'), trimmed.size());
            if (text.subtitle.empty() && header.empty())
                text.subtitle = without_full_width_spaces(trim_blank(trimmed.substr(words)));
            continue;
        }
        if (!trimmed.empty()) header.append(trimmed).append("\n");
    }
    text.history = parse_history(header);
}

// ------------------------------------------------------------------------------ revisions

bool is_enactment(EventKind kind) {
    return kind == EventKind::adopted || kind == EventKind::promulgated || kind == EventKind::issued ||
           kind == EventKind::approved;
}

bool is_publication(EventKind kind) { return kind == EventKind::promulgated || kind == EventKind::issued; }

// A 修订 written as a whole new text, not by a 《关于修改…的决定》.
bool rewrites(const HistoryEvent& e) {
    return e.kind == EventKind::revised && !contains(outside_titles(e.words), "决定") && !contains(e.words, "决定》");
}

std::vector<Revision> listed_revisions(const std::vector<HistoryEvent>& history) {
    std::optional<Date> enacted;
    for (const auto& e : history)
        if (is_enactment(e.kind) && (!enacted || e.date < *enacted)) enacted = e.date;
    std::vector<Revision> out;
    if (enacted) out.push_back({*enacted, true});
    for (const auto& e : history)
        if ((e.kind == EventKind::amended || e.kind == EventKind::revised) && (!enacted || e.date >= *enacted))
            out.push_back({e.date, rewrites(e)});
    std::sort(out.begin(), out.end(), [](const Revision& a, const Revision& b) { return a.date < b.date; });
    std::vector<Revision> merged;
    for (const auto& r : out) {
        if (!merged.empty() && merged.back().date == r.date) merged.back().rewrote |= r.rewrote;
        else merged.push_back(r);
    }
    return merged;
}

// The file-name date shows a revision the history does not list when it comes more than
// `kUnlistedGapDays` after the last event of the history (a publication follows adoption or
// approval within weeks; the stale headers of the collection stop years before their file date)
// and is not the day the 施行 clause names (a file named after its effective date).
constexpr int kUnlistedGapDays = 90;

bool shows_unlisted_revision(const LawText& text, Date last_event) {
    if (!text.file_date || text.file_date->serial() - last_event.serial() <= kUnlistedGapDays) return false;
    return !(text.clause && text.clause->date == text.file_date);
}

// An unlisted revision rewrote the text when the clause takes effect after it: an older clause
// could not name a later day (无线电管理条例(2016-11-11).md: header of 1993, 施行 2016-12-01).
bool unlisted_revision_rewrote(const LawText& text) {
    return text.clause && text.clause->date && *text.clause->date > *text.file_date;
}

struct Span {
    Date from;
    std::optional<Date> before;  // the next revision
    bool latest;
};

std::optional<Span> span_of(const LawText& text, std::optional<Date> revision) {
    if (!revision) return std::nullopt;
    const auto all = text.revisions();
    for (size_t k = 0; k < all.size(); ++k)
        if (all[k].date == *revision)
            return Span{*revision, k + 1 < all.size() ? std::optional<Date>(all[k + 1].date) : std::nullopt, k + 1 == all.size()};
    return std::nullopt;
}

std::optional<Date> latest_in(const LawText& text, const Span& span, bool (*kind_matches)(EventKind)) {
    std::optional<Date> out;
    for (const auto& e : text.history)
        if (kind_matches(e.kind) && e.date >= span.from && (!span.before || e.date < *span.before) && (!out || e.date > *out))
            out = e.date;
    return out;
}

bool is_approval(EventKind kind) { return kind == EventKind::approved; }

std::optional<Date> published_in(const LawText& text, const Span& span) {
    if (auto published = latest_in(text, span, is_publication)) return published;
    if (span.latest && text.file_date && *text.file_date >= span.from) return text.file_date;
    if (latest_in(text, span, is_approval)) return std::nullopt;  // published some time after approval
    return span.from;
}

std::optional<Date> resolve_clause(const LawText& text) {
    if (!text.clause) return std::nullopt;
    if (text.clause->form == EffectiveClause::Form::on_date) return text.clause->date;
    const auto span = span_of(text, text.clause_revision());
    if (!span) return std::nullopt;
    if (text.clause->form == EffectiveClause::Form::on_publication) return published_in(text, *span);
    return latest_in(text, *span, is_approval);
}

}  // namespace

std::string_view event_word(EventKind kind) {
    switch (kind) {
        case EventKind::adopted: return "通过";
        case EventKind::promulgated: return "公布";
        case EventKind::issued: return "发布";
        case EventKind::amended: return "修正";
        case EventKind::revised: return "修订";
        case EventKind::approved: return "批准";
        case EventKind::effective: return "施行";
    }
    return "";
}

std::vector<Revision> LawText::revisions() const {
    auto out = listed_revisions(history);
    if (!file_date) return out;
    if (out.empty()) return {{*file_date, true, false}};
    Date last_event = out.back().date;
    for (const auto& e : history) last_event = std::max(last_event, e.date);
    if (shows_unlisted_revision(*this, last_event)) out.push_back({*file_date, unlisted_revision_rewrote(*this), false});
    return out;
}

std::optional<Date> LawText::latest_revision() const {
    const auto all = revisions();
    return all.empty() ? std::nullopt : std::optional<Date>(all.back().date);
}

std::optional<Date> LawText::clause_revision() const {
    if (!clause) return std::nullopt;
    std::optional<Date> owner;
    for (const auto& r : revisions())
        if (r.rewrote && (!clause->date || r.date <= *clause->date)) owner = r.date;
    return owner;
}

LawText parse_law_text(std::string_view markdown, std::optional<Date> file_date) {
    LawText text;
    text.file_date = file_date;
    if (const auto bad = invalid_utf8_offset(markdown)) {
        text.unusable = "不是有效的 UTF-8 文本（第 " + std::to_string(*bad + 1) + " 字节起），可能是 GBK 等其他编码";
        return text;
    }
    if (markdown.starts_with("\xEF\xBB\xBF")) markdown.remove_prefix(3);
    const auto lines = split_lines(markdown);
    const Layout layout = layout_of(lines);
    if (layout.title_line < lines.size())
        text.title = without_full_width_spaces(trim_blank(without_html_comments(lines[layout.title_line].substr(2))));
    if (text.title.empty()) {
        text.unusable = "缺少标题（第一行应为“# 法规名称”）";
        return text;
    }
    read_header(lines, layout, text);
    count_articles(lines, layout.body_begin, text);
    read_clause(lines, layout.body_begin, text);
    text.effective = resolve_clause(text);
    if (!text.latest_revision() && !text.effective)
        text.unusable = "缺少日期：标题后没有历史记录，正文没有施行日期，文件名也没有日期";
    return text;
}

}  // namespace pingcha::lawimport
