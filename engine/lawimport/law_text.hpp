// One law text of a collection in the LawRefBook Markdown format (shared/laws/README.md):
//
//   # 中华人民共和国固体废物污染环境防治法            ← title
//   1995年10月30日 第八届…会议通过                    ← history, one event a line (or several)
//   2020年4月29日 第十三届…会议第二次修订
//   <!-- INFO END -->
//   ## 第一章 总则
//   第一条 为了……
//   第一百二十六条 本法自2020年9月1日起施行。         ← the effective-date clause
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "law/citation.hpp"

namespace pingcha::lawimport {

// 通过, 公布, 发布, 修正, 修订, 批准, 施行 (执行, 实施 and 生效 count as 施行; 颁布 and 印发 as 发布).
enum class EventKind { adopted, promulgated, issued, amended, revised, approved, effective };

std::string_view event_word(EventKind kind);

struct HistoryEvent {
    Date date;
    EventKind kind;
    std::string words;  // the event's text after the date, e.g. "广东省第十三届…会议通过"
};

// `本法自2020年9月1日起施行`, `本条例自公布之日起施行`, `本规定自国务院批准之日起施行`.
struct EffectiveClause {
    enum class Form { on_date, on_publication, on_approval };
    Form form = Form::on_date;
    std::optional<Date> date;          // on_date
    std::vector<std::string> repeals;  // titles in a following `《…》同时废止` sentence
};

// A revision of the text: the first enactment, or a later 修正/修订.
struct Revision {
    Date date;
    // The text was written (通过, 公布…) or rewritten (修订) then, so its 施行 clause may date
    // from it; a 修正, or a 修订 made by a 《…决定》, changes some articles and keeps the clause.
    bool rewrote = false;
    // False for a revision known only from the file name (see LawText::revisions).
    bool listed = true;
};

struct LawText {
    std::string title;     // the `#` line without full-width spaces
    std::string subtitle;  // a second `#` heading before the history (the parts of 民法典)
    std::vector<HistoryEvent> history;     // in text order
    std::optional<EffectiveClause> clause;
    std::optional<Date> file_date;         // from the file name `(YYYY-MM-DD)`
    std::optional<Date> effective;         // the clause as a date (see parse_law_text)
    uint32_t articles = 0;                 // the highest 第…条 starting a line
    std::vector<uint32_t> article_numbers;  // every 第…条 starting a line, sorted, unique
    std::vector<ArticleRef> inserted;       // 第…条之一 and the like, in text order
    std::string unusable;                   // why the file cannot be used; empty when it can

    bool usable() const { return unusable.empty(); }

    // The revisions, ascending, one per date: the first enactment (the earliest 通过, 公布,
    // 发布 or 批准) and every later 修正/修订. The collection names a file after the revision
    // it shows, and some headers stop short (道路运输条例(2019-03-02).md lists revisions up
    // to 2016), so the file-name date is added as a revision (not `listed`) when it comes more
    // than 90 days after the last event of the history and is not the day the 施行 clause names;
    // it rewrote the text when the clause is dated after it. A file date closer to the history
    // is the publication date. A text without history has the file-name date as its only
    // revision.
    std::vector<Revision> revisions() const;
    std::optional<Date> latest_revision() const;
    // The revision the 施行 clause was written for: for a dated clause the last rewrite on or
    // before that date, otherwise the last rewrite. An amended text keeps its original clause.
    std::optional<Date> clause_revision() const;
};

// Parses a text. `file_date` is the date in the file's name. `unusable` is set when the bytes
// are not UTF-8, the first line is not a `# ` title, or neither the history, the clause nor the
// file name gives a date.
//
// `effective` resolves the clause: a date as written; 自公布之日/发布之日 → the latest 公布/发布
// between the clause's revision and the next one, else the file-name date when that revision
// is the latest, else the revision's own date unless an approval (批准) came between — then it
// is unknown; 自…批准之日 → the latest 批准 in that span.
LawText parse_law_text(std::string_view markdown, std::optional<Date> file_date = std::nullopt);

}  // namespace pingcha::lawimport
