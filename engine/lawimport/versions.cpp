#include "lawimport/versions.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace pingcha::lawimport {

namespace {

// A 修正案 amends another law: its 第…条 lines number amendments on from the previous 修正案
// (宪法修正案) or quote the amended provisions, so it has no article count of its own.
bool is_amendment(const LawText& text) { return text.title.find("修正案") != std::string::npos; }

// How a version's first day in force is known, best first.
enum class FromSource { stated, index, assumed, none };

struct Point {
    std::optional<Date> adopted;
    std::optional<Date> from;
    FromSource source = FromSource::none;
    std::optional<uint32_t> articles;
    std::vector<const TextOfLaw*> texts;  // texts whose latest revision this is
};

using Points = std::map<Date, Point>;  // by adoption date (first day in force when unknown)

struct Planner {
    Points points;
    std::vector<std::string> flags;
    std::vector<std::string> notes;
    // Texts of one law may date its enactment differently (通过 in one, 公布 in another): each
    // text's enactment counts as the earliest of them.
    std::map<Date, Date> enactment_alias;

    Point& point(Date day) {
        const auto alias = enactment_alias.find(day);
        const Date key = alias == enactment_alias.end() ? day : alias->second;
        Point& p = points[key];
        if (!p.adopted) p.adopted = key;
        return p;
    }

    void offer_from(Point& p, Date from, FromSource source) {
        if (source < p.source) {
            p.from = from, p.source = source;
        } else if (source == p.source && source == FromSource::stated && p.from != from) {
            flags.push_back("文本对 " + p.adopted.value_or(from).to_string() + " 版本的施行日期说法不一：" +
                            p.from->to_string() + " 与 " + from.to_string() + "，取前者");
        }
    }

    void offer_articles(Point& p, const TextOfLaw& t) {
        const uint32_t n = t.text->articles;
        if (n == 0 || is_amendment(*t.text)) return;
        const bool parts = !t.text->subtitle.empty();
        if (p.articles && *p.articles != n && !parts)
            flags.push_back("同一版本的两个文本条文数不同：" + std::to_string(*p.articles) + " 与 " +
                            std::to_string(n) + "（" + t.path + "），取较大者");
        p.articles = std::max(p.articles.value_or(0), n);
    }

    void add_text_version(const TextOfLaw& t);
    void add_history(const TextOfLaw& t);
    void drop_after_current(std::vector<Point>& ordered);
    std::vector<Point*> kept_points(std::vector<Point>& ordered, std::set<const Point*>& merged_into);
    VersionPlan finish();
};

std::optional<Date> first_effective_event(const LawText& text, Date not_before, std::optional<Date> before) {
    std::optional<Date> out;
    for (const auto& e : text.history)
        if (e.kind == EventKind::effective && e.date >= not_before && (!before || e.date < *before) &&
            (!out || e.date < *out))
            out = e.date;
    return out;
}

// The text's own version starts on: a 施行 event, its clause, the index, else the revision date.
std::pair<Date, FromSource> current_from(const TextOfLaw& t) {
    const LawText& text = *t.text;
    const auto revised = text.latest_revision();
    if (!revised) return {*text.effective, FromSource::stated};
    if (auto e = first_effective_event(text, *revised, std::nullopt)) return {*e, FromSource::stated};
    if (text.effective && text.clause_revision() == revised && *text.effective >= *revised)
        return {*text.effective, FromSource::stated};
    if (t.index_valid_from && *t.index_valid_from >= *revised) return {*t.index_valid_from, FromSource::index};
    return {*revised, FromSource::assumed};
}

bool has_listed_revisions(const LawText& text) {
    const auto all = text.revisions();
    return std::any_of(all.begin(), all.end(), [](const Revision& r) { return r.listed; });
}

void Planner::add_text_version(const TextOfLaw& t) {
    const auto revised = t.text->latest_revision();
    const auto [from, source] = current_from(t);
    Point& p = revised ? point(*revised) : points[from];
    p.texts.push_back(&t);
    offer_from(p, from, source);
    offer_articles(p, t);
    if (source == FromSource::assumed && !has_listed_revisions(*t.text))
        flags.push_back("文本没有历史记录和施行日期，施行日期按文件名日期 " + from.to_string() + " 推定（" + t.path + "）");
    else if (revised && has_listed_revisions(*t.text) && !t.text->revisions().back().listed)
        notes.push_back("文本的历史记录未列出 " + revised->to_string() + " 的修改，按文件名日期（" + t.path + "）");
}

// Earlier revisions: a 施行 event before the next revision, or the clause when it was written
// for an earlier revision than the latest.
void Planner::add_history(const TextOfLaw& t) {
    const auto revisions = t.text->revisions();
    for (const auto& r : revisions) point(r.date);
    for (size_t i = 0; i + 1 < revisions.size(); ++i)
        if (auto e = first_effective_event(*t.text, revisions[i].date, revisions[i + 1].date))
            offer_from(point(revisions[i].date), *e, FromSource::stated);
    const auto owner = t.text->clause_revision();
    if (owner && t.text->effective && owner != t.text->latest_revision())
        offer_from(point(*owner), *t.text->effective, FromSource::stated);
}

std::string label_date(const Point& p) { return p.adopted.value_or(p.from.value_or(Date())).to_string(); }

ImportedVersion version_of(const Point& p) {
    return {label_date(p).substr(0, 4), p.adopted, p.from, std::nullopt, p.articles};
}

// Labels are years; where two versions share a year, both get their full date.
void disambiguate_labels(std::vector<ImportedVersion>& versions) {
    std::map<std::string, int> count;
    for (const auto& v : versions) ++count[v.label];
    for (auto& v : versions)
        if (count[v.label] > 1) v.label = v.adopted.value_or(v.from.value_or(Date())).to_string();
}

// Revisions later than every text are ones the collection has no text of.
void Planner::drop_after_current(std::vector<Point>& ordered) {
    size_t current = ordered.size();
    while (current > 0 && ordered[current - 1].texts.empty()) --current;
    if (current < ordered.size())
        flags.push_back("历史记录中有晚于现行文本的修改（" + label_date(ordered[current]) + "），未导入");
    ordered.resize(current);
}

// A revision does not interrupt a law's force: the law stays in force from its first version
// on. So versions are made contiguous. A revision whose first day in force is unknown is
// merged into the version before it (which then runs on until the next known start, and
// loses its article count, which no longer holds for the whole period); an enactment whose
// start is unknown is taken to start on its adoption date. Both are flagged.
std::vector<Point*> Planner::kept_points(std::vector<Point>& ordered, std::set<const Point*>& merged_into) {
    std::vector<Point*> kept;
    for (auto& p : ordered) {
        if (p.from || !p.texts.empty()) {
            kept.push_back(&p);
        } else if (kept.empty() && p.adopted) {
            p.from = p.adopted;
            flags.push_back("首个版本 " + label_date(p) + " 的施行日期不详，按通过日期推定");
            kept.push_back(&p);
        } else if (!kept.empty()) {
            flags.push_back("修改 " + label_date(p) + " 的施行日期不详，并入前一版本（法律持续有效）");
            merged_into.insert(kept.back());
        }
    }
    return kept;
}

VersionPlan Planner::finish() {
    std::vector<Point> ordered;
    for (auto& [day, p] : points) ordered.push_back(std::move(p));
    drop_after_current(ordered);
    std::set<const Point*> merged_into;
    const std::vector<Point*> kept = kept_points(ordered, merged_into);
    VersionPlan plan;
    for (size_t i = 0; i < kept.size(); ++i) {
        const Point& p = *kept[i];
        ImportedVersion v = version_of(p);
        if (merged_into.count(&p)) v.articles.reset();
        if (i + 1 < kept.size()) {
            const Point& next = *kept[i + 1];
            if (p.from && next.from && *next.from > *p.from) {
                v.until = next.from->plus_days(-1);
            } else if (p.from && next.adopted && next.adopted->plus_days(-1) >= *p.from) {
                v.until = next.adopted->plus_days(-1);
                flags.push_back("版本 " + label_date(p) + " 的截止日期按下次修改的通过日期推定为 " + v.until->to_string());
            } else {
                flags.push_back("无法确定版本 " + label_date(p) + " 的施行期间，该版本未导入");
                continue;
            }
        }
        plan.versions.push_back(std::move(v));
    }
    disambiguate_labels(plan.versions);
    plan.flags = std::move(flags);
    plan.notes = std::move(notes);
    return plan;
}

// Numbers missing between the first and the highest article, over the texts of the current
// version. (The amendments of the constitution number their articles on from the previous
// amendment, so the first need not be 第一条.)
void check_numbering(const Point& current, std::vector<std::string>& flags) {
    std::set<uint32_t> numbers;
    for (const auto* t : current.texts)
        if (!is_amendment(*t->text)) numbers.insert(t->text->article_numbers.begin(), t->text->article_numbers.end());
    if (numbers.empty() || numbers.size() == *numbers.rbegin() - *numbers.begin() + 1) return;
    flags.push_back("条文编号不连续：最高为第 " + std::to_string(*numbers.rbegin()) + " 条，实有 " +
                    std::to_string(numbers.size()) + " 条");
}

std::map<Date, Date> enactment_aliases(const std::vector<TextOfLaw>& texts) {
    std::vector<Date> enactments;
    for (const auto& t : texts) {
        const auto revisions = t.text->revisions();
        if (!revisions.empty() && revisions.front().listed) enactments.push_back(revisions.front().date);
    }
    std::map<Date, Date> aliases;
    if (enactments.empty()) return aliases;
    const Date earliest = *std::min_element(enactments.begin(), enactments.end());
    for (Date d : enactments)
        if (d != earliest) aliases[d] = earliest;
    return aliases;
}

}  // namespace

VersionPlan plan_versions(const std::vector<TextOfLaw>& texts) {
    Planner planner;
    planner.enactment_alias = enactment_aliases(texts);
    for (const auto& t : texts) planner.add_text_version(t);
    for (const auto& t : texts) planner.add_history(t);
    const Point* current = nullptr;
    for (const auto& [day, p] : planner.points)
        if (!p.texts.empty()) current = &p;
    if (current) check_numbering(*current, planner.flags);
    return planner.finish();
}

}  // namespace pingcha::lawimport
