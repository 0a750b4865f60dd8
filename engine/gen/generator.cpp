#include "gen/generator.hpp"

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/date.hpp"
#include "gen/templates.hpp"
#include "review/assign.hpp"

namespace pingcha::gen {
namespace {

using ojson = nlohmann::ordered_json;

// Catalog order is application order within a phase; see Phase.
enum class DefectKind {
    sez_regulation, repealed_law, outdated_version, shenzhen_municipal_norm, fine_outside_tier, fine_over_max,
    level_mismatch, level_missing, base_missing, first_offense_fined, simple_over_limit,
    overdue, late_service, date_order, missing_notice, hearing_not_notified, no_legal_review, no_collective,
    missing_documents, unsigned_document, one_certified_officer, evidence_after_decision, no_evidence,
};

const std::vector<Defect>& catalog() {
    static const std::vector<Defect> c = {
        {"sez-regulation", "以深圳经济特区法规作为处罚依据", 4, {"LAW-SEZ"}},
        {"repealed-law", "引用已废止的法律法规", 2, {"LAW-NOT-IN-FORCE"}},
        {"outdated-version", "引用已被修改的旧版本", 6, {"LAW-OUTDATED-VERSION"}},
        {"shenzhen-municipal-norm", "另引深圳市政府规章（在合作区的效力待审查）", 3, {"LAW-TERRITORY-REVIEW"}},
        {"fine-outside-tier", "罚款不在所选裁量阶次的幅度内", 10, {"DISC-OUT-OF-RANGE"}},
        {"fine-over-max", "罚款超过法定最高额", 1, {"DISC-OUT-OF-RANGE", "DISC-OVER-MAX"}},
        {"level-mismatch", "裁量阶次与一年内违法次数不符", 4, {"DISC-LEVEL-MISMATCH"}},
        {"level-missing", "未载明裁量阶次", 4, {"DISC-LEVEL-MISSING"}},
        {"base-missing", "未载明计算罚款的基数金额", 4, {"DISC-BASE-MISSING"}},
        {"first-offense-fined", "首次违法、危害后果轻微并及时改正仍处罚款", 6, {"DISC-FIRST-OFFENSE"}},
        {"simple-over-limit", "超出简易程序适用范围", 2, {"PROC-SIMPLE-LIMIT"}},
        {"overdue", "立案至作出决定超过九十日", 8, {"PROC-DEADLINE-90"}},
        {"late-service", "决定书超过七个工作日才送达", 8, {"PROC-SERVICE-7"}},
        {"date-order", "日期顺序颠倒（发现晚于立案）", 4, {"PROC-DATE-ORDER"}},
        {"missing-notice", "未履行事先告知（无告知日期和告知书）", 1, {"DOC-MISSING", "PROC-NOTICE"}},
        {"hearing-not-notified", "听证级别案件未告知听证权利", 1, {"PROC-HEARING"}},
        {"no-legal-review", "听证级别案件未经法制审核", 7, {"PROC-LEGAL-REVIEW"}},
        {"no-collective", "听证级别案件未经集体讨论", 6, {"PROC-COLLECTIVE"}},
        {"missing-documents", "缺少必备文书（一至两份）", 14, {"DOC-MISSING"}},
        {"unsigned-document", "文书未签名", 10, {"DOC-UNSIGNED"}},
        {"one-certified-officer", "持证执法人员不足两人", 1, {"PROC-OFFICERS"}},
        {"evidence-after-decision", "作出决定后才收集证据", 5, {"EVIDENCE-AFTER-DECISION"}},
        {"no-evidence", "一般程序案件无证据材料", 1, {"EVIDENCE-NONE"}},
    };
    return c;
}

// Defects that rewrite the same part of a file exclude each other.
int conflict_group(DefectKind d) {
    switch (d) {
        case DefectKind::sez_regulation:
        case DefectKind::repealed_law:
        case DefectKind::outdated_version: return 1;  // the penalty citation
        case DefectKind::fine_outside_tier:
        case DefectKind::fine_over_max:
        case DefectKind::level_mismatch:
        case DefectKind::level_missing:
        case DefectKind::base_missing:
        case DefectKind::simple_over_limit: return 2;  // fine, level, base, procedure
        case DefectKind::evidence_after_decision:
        case DefectKind::no_evidence: return 3;
        default: return 0;
    }
}

const std::string_view kRequiredDocs[] = {"立案审批表", "案件调查终结报告", "行政处罚事先告知书", "行政处罚决定书", "送达回证"};
const std::string_view kEvidenceKinds[] = {"现场笔录", "书证", "当事人的陈述", "视听资料", "电子数据", "证人证言", "物证", "勘验笔录"};
const std::string_view kTrio[] = {"首次违法", "危害后果轻微", "及时改正"};
const std::string_view kOtherFactors[] = {"主动消除或者减轻违法行为危害后果", "配合调查取证"};
const std::string_view kSurnames[] = {"陈", "林", "黄", "张", "李", "王", "吴", "刘", "蔡", "杨", "郑", "谢",
                                      "许", "何", "曾", "彭", "叶", "罗", "庄", "苏", "钟", "卓", "温", "邱"};
const std::string_view kGiven[] = {"志强", "晓燕", "国栋", "雪梅", "伟", "敏", "建华", "丽娟", "海涛", "秀英", "俊杰",
                                   "佳怡", "文辉", "少玲", "永康", "惠珍", "振宇", "碧霞", "锦辉", "婉婷", "德明", "春燕"};
const std::string_view kFirmWords[] = {"鹏达", "海汇", "鸿泰", "宏盛", "深蓝", "汇丰源", "新港", "鲘门", "赤石", "小漠",
                                       "鹅埠", "粤东", "华润达", "金海", "永顺", "恒信", "瑞丰", "盛达", "南方", "天成"};

class Rng {
public:
    explicit Rng(std::mt19937_64& e) : e_(e) {}
    uint64_t below(uint64_t n) { return review::uniform_below(e_, n); }
    int64_t between(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo + 1))); }
    bool chance(uint32_t per_million) { return below(1000000) < per_million; }
    template <class T>
    const T& pick(std::span<const T> items) { return items[below(items.size())]; }
    template <class T, class W>
    size_t weighted(std::span<const T> items, W weight) {
        uint64_t total = 0;
        for (const auto& i : items) total += weight(i);
        uint64_t x = below(total);
        for (size_t k = 0; k < items.size(); ++k) {
            if (x < weight(items[k])) return k;
            x -= weight(items[k]);
        }
        return items.size() - 1;
    }

private:
    std::mt19937_64& e_;
};

int64_t floor_div(int64_t a, int64_t b) { return a / b; }  // a, b ≥ 0
int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

struct Doc {
    std::string_view type;
    Date date;
    bool signed_ = true;
};

struct Draft {
    const Agency* agency = nullptr;
    const ViolationTemplate* t = nullptr;
    bool individual = false;
    std::string party;
    bool simple = false;
    // Timeline (general procedure unless `simple`).
    Date act, discovered, filed, notice, legal_review, decided, served, executed, closed;
    // Defects switch these on; the rest follows from hearing_level() when the file is assembled.
    bool drop_notice = false, drop_hearing_notice = false, drop_legal_review = false, drop_collective = false;
    bool optional_legal_review = false;  // drawn: a case below hearing level still got a legal review
    bool notify_anyway = false;          // drawn: told of hearing rights below hearing level
    bool hearing_requested = false;
    std::vector<std::pair<std::string, std::string>> officers;  // name, cert
    std::vector<Citation> basis;
    std::optional<std::string_view> level;
    size_t tier = 0;
    int64_t prior = 0;
    std::vector<std::string_view> factors;
    std::vector<std::string_view> kinds;
    int64_t fine = 0, confiscated = 0, base_amount = 0;
    bool has_base = false;
    std::vector<Doc> docs;
    std::vector<std::pair<std::string_view, Date>> evidence;
};

// The fine range of tier `i` in whole yuan: [lo, hi] with lo = ⌈exact min⌉, hi = ⌊exact max⌋.
std::pair<int64_t, int64_t> tier_yuan(const Draft& d, size_t i) {
    const Tier& tier = d.t->tiers[i];
    if (d.t->form == TierForm::rate)
        return {ceil_div(d.base_amount * tier.lo, 10000), floor_div(d.base_amount * tier.hi, 10000)};
    return {tier.lo, tier.hi};
}

int64_t statutory_max_yuan(const Draft& d) {
    return d.t->form == TierForm::rate ? floor_div(d.base_amount * d.t->statutory_max, 10000) : d.t->statutory_max;
}

// A round figure in [lo, hi]: a multiple of 100 when the range allows one.
int64_t round_fine(Rng& r, int64_t lo, int64_t hi) {
    if (lo == 0) lo = std::max<int64_t>(100, hi / 20);
    const int64_t lo100 = ceil_div(lo, 100), hi100 = floor_div(hi, 100);
    if (hi - lo >= 1000 && lo100 <= hi100) return 100 * r.between(lo100, hi100);
    return r.between(lo, hi);
}

bool hearing_level(const Draft& d) {
    if (d.individual ? d.fine >= 5000 : d.fine >= 100000) return true;
    for (auto k : d.kinds)
        if (k == "降低资质等级" || k == "吊销许可证件" || k == "责令停产停业" || k == "责令关闭" || k == "限制从业") return true;
    return false;
}

std::string person_name(Rng& r) {
    std::string s(r.pick<std::string_view>(kSurnames));
    s += r.pick<std::string_view>(kGiven);
    return s;
}

// --------------------------------------------------------------- the clean file

void draw_economics(Rng& r, Draft& d) {
    const auto& t = *d.t;
    d.individual = t.party == PartyKind::individual || (t.party == PartyKind::either && r.chance(450000));
    if (d.individual) {
        d.party = person_name(r);
    } else {
        d.party = "深汕";
        d.party += r.pick<std::string_view>(kFirmWords);
        d.party += t.party_business;
        d.party += "有限公司";
    }
    const uint64_t p = r.below(100);
    d.prior = t.form == TierForm::recurrence ? (p < 70 ? 0 : p < 90 ? 1 : r.between(2, 3)) : (p < 85 ? 0 : 1);
    if (t.form == TierForm::recurrence) {
        d.tier = static_cast<size_t>(std::min<int64_t>(d.prior, static_cast<int64_t>(t.tiers.size()) - 1));
    } else {
        const unsigned w[] = {50, 35, 15};
        d.tier = r.weighted<unsigned>(w, [](unsigned x) { return x; });
    }
    d.level = t.tiers[d.tier].name;
    if (!t.base.empty()) {
        d.has_base = true;
        d.base_amount = t.base_hi > 100000 ? 1000 * r.between(t.base_lo / 1000, t.base_hi / 1000)
                                           : r.between(t.base_lo, t.base_hi);
    }
    const auto [lo, hi] = tier_yuan(d, d.tier);
    d.fine = lo == hi ? lo : round_fine(r, lo, hi);
    d.kinds = {"罚款"};
    for (auto extra : t.extra_kinds) {
        const bool severe_only = extra == "责令停产停业" || extra == "降低资质等级";
        if ((severe_only && d.tier + 1 == t.tiers.size() && r.chance(400000)) || (!severe_only && r.chance(250000))) {
            d.kinds.push_back(extra);
            if (extra == "没收违法所得") d.confiscated = 100 * r.between(5, 300);
        }
    }
    // Mitigating factors, never the full 首违不罚 trio (that is a defect of its own).
    const uint64_t n = r.below(3);
    for (uint64_t i = 0; i < n; ++i) {
        const auto f = r.chance(700000) ? r.pick<std::string_view>(kTrio) : r.pick<std::string_view>(kOtherFactors);
        if (f == "首次违法" && d.prior > 0) continue;
        if (std::find(d.factors.begin(), d.factors.end(), f) == d.factors.end()) d.factors.push_back(f);
    }
    d.simple = t.code == "CG-003" && d.fine <= 200 && r.chance(700000);
}

void draw_timeline(Rng& r, Draft& d) {
    // Acts from 2023-01-03 to 2025-05-31, so every decision and service (even a late one) falls
    // inside the pack's 2023–2025 working-day calendar.
    const Date first = Date::from_ymd(2023, 1, 3);
    d.act = first.plus_days(r.between(0, Date::from_ymd(2025, 5, 31).serial() - first.serial()));
    if (d.simple) {
        d.discovered = d.filed = d.decided = d.served = d.act;
        d.executed = d.act.plus_days(r.between(0, 10));
        d.closed = d.executed.plus_days(r.between(0, 3));
        return;
    }
    d.discovered = d.act.plus_days(r.between(0, 15));
    d.filed = d.discovered.plus_days(r.between(0, 7));
    d.notice = d.filed.plus_days(r.between(12, 45));
    d.legal_review = d.notice.plus_days(r.between(2, 8));
    d.decided = d.legal_review.plus_days(r.between(1, 8));
    d.served = d.decided.plus_days(r.between(0, 4));
    d.executed = d.served.plus_days(r.between(3, 25));
    d.closed = d.executed.plus_days(r.between(2, 15));
    d.optional_legal_review = r.chance(500000);
    d.notify_anyway = r.chance(300000);
    d.hearing_requested = r.chance(150000);
}

void draw_officers(Rng& r, Draft& d, const std::vector<std::pair<std::string, std::string>>& pool) {
    const size_t a = r.below(pool.size());
    size_t b = r.below(pool.size() - 1);
    if (b >= a) ++b;
    d.officers = {pool[a], pool[b]};
}

bool has_notice(const Draft& d) { return !d.simple && !d.drop_notice; }
bool has_legal_review(const Draft& d) {
    return !d.simple && !d.drop_legal_review && (hearing_level(d) || d.optional_legal_review);
}
bool hearing_notified(const Draft& d) {
    return !d.simple && !d.drop_hearing_notice && (hearing_level(d) || d.notify_anyway);
}
bool collective(const Draft& d) { return !d.simple && !d.drop_collective && hearing_level(d); }

// Documents and evidence from the final timeline and flags.
void assemble(Rng& r, Draft& d) {
    if (d.simple) {
        d.docs = {{"行政处罚决定书", d.decided}, {"罚没款票据", d.executed}};
        d.evidence = {{"现场笔录", d.act}};
        if (r.chance(500000)) d.evidence.emplace_back("视听资料", d.act);
        return;
    }
    const bool notice = has_notice(d);
    d.docs = {{"立案审批表", d.filed}, {"现场检查笔录", d.discovered}, {"询问笔录", d.filed.plus_days(r.between(0, 5))}};
    d.docs.push_back({"案件调查终结报告", notice ? d.notice.plus_days(-r.between(1, 3)) : d.decided.plus_days(-3)});
    if (has_legal_review(d)) d.docs.push_back({"法制审核意见书", d.legal_review});
    if (notice) d.docs.push_back({"行政处罚事先告知书", d.notice});
    if (notice && hearing_notified(d)) d.docs.push_back({"听证告知书", d.notice});
    if (collective(d)) d.docs.push_back({"集体讨论记录", d.decided});
    d.docs.push_back({"行政处罚决定书", d.decided});
    d.docs.push_back({"送达回证", d.served});
    d.docs.push_back({"罚没款票据", d.executed});
    d.docs.push_back({"结案报告", d.closed});
    // Evidence is collected from discovery until the day before the notice (or decision).
    const Date until = notice ? d.notice : d.decided;
    const int64_t span = std::max<int64_t>(0, until.serial() - d.discovered.serial() - 1);
    std::vector<std::string_view> kinds(std::begin(kEvidenceKinds), std::end(kEvidenceKinds));
    const uint64_t n = 2 + r.below(4);
    d.evidence.clear();
    for (uint64_t i = 0; i < n; ++i) {
        const size_t k = r.below(kinds.size());
        d.evidence.emplace_back(kinds[k], d.discovered.plus_days(r.between(0, span)));
        kinds.erase(kinds.begin() + static_cast<std::ptrdiff_t>(k));
    }
    std::stable_sort(d.evidence.begin(), d.evidence.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
}

// ------------------------------------------------------------------- defects

bool applicable(DefectKind k, const Draft& d, bool hearing) {
    const auto& t = *d.t;
    const bool general = !d.simple;
    switch (k) {
        case DefectKind::sez_regulation: return !t.sez.law.empty();
        case DefectKind::repealed_law: return !t.repealed.law.empty();
        case DefectKind::outdated_version: return !t.outdated.law.empty();
        case DefectKind::shenzhen_municipal_norm: return true;
        case DefectKind::fine_outside_tier: return general;
        case DefectKind::fine_over_max: return general;
        case DefectKind::level_mismatch: return general && t.form == TierForm::recurrence;
        case DefectKind::level_missing: return true;
        case DefectKind::base_missing: return t.form == TierForm::rate;
        case DefectKind::first_offense_fined: return d.prior == 0;
        case DefectKind::simple_over_limit: return general && t.code == "CG-003" && d.fine > 200;
        case DefectKind::overdue:
        case DefectKind::date_order:
        case DefectKind::missing_notice:
        case DefectKind::missing_documents:
        case DefectKind::no_evidence: return general;
        case DefectKind::late_service:
        case DefectKind::unsigned_document:
        case DefectKind::one_certified_officer:
        case DefectKind::evidence_after_decision: return true;
        case DefectKind::hearing_not_notified:
        case DefectKind::no_legal_review:
        case DefectKind::no_collective: return general && hearing;
    }
    return false;
}

// Moves the fine strictly outside its tier (into a neighbouring tier, or to another fixed amount).
void move_fine_outside_tier(Rng& r, Draft& d) {
    const auto& t = *d.t;
    const size_t n = t.tiers.size();
    if (t.form == TierForm::recurrence) {
        size_t other = r.below(n - 1);
        if (other >= d.tier) ++other;
        d.fine = t.tiers[other].lo;
        return;
    }
    const auto [lo, hi] = tier_yuan(d, d.tier);
    const bool up = d.tier == 0 || (d.tier + 1 < n && r.chance(500000));
    const auto [nlo, nhi] = tier_yuan(d, up ? d.tier + 1 : d.tier - 1);
    // Strictly above the exact tier maximum, or strictly below its exact minimum.
    d.fine = up ? round_fine(r, hi + 1, std::max(hi + 1, nhi)) : round_fine(r, std::max<int64_t>(nlo, 1), lo - 1);
}

void apply(Rng& r, Draft& d, DefectKind k) {
    const auto& t = *d.t;
    switch (k) {
        case DefectKind::sez_regulation: d.basis[1] = t.sez; return;
        case DefectKind::repealed_law: d.basis[1] = t.repealed; return;
        case DefectKind::outdated_version: d.basis[1] = t.outdated; return;
        case DefectKind::shenzhen_municipal_norm:
            d.basis.push_back({"《深圳市规范行政处罚裁量权若干规定》", r.chance(500000) ? "第十条" : "第十二条", ""});
            return;
        case DefectKind::fine_outside_tier: move_fine_outside_tier(r, d); return;
        case DefectKind::fine_over_max: {
            const int64_t max = statutory_max_yuan(d);
            d.fine = round_fine(r, max + 1, max + std::max<int64_t>(max / 2, 100));
            return;
        }
        case DefectKind::level_mismatch: {
            size_t other = r.below(t.tiers.size() - 1);
            if (other >= d.tier) ++other;
            d.tier = other;
            d.level = t.tiers[other].name;
            d.fine = t.tiers[other].lo;
            return;
        }
        case DefectKind::level_missing: d.level.reset(); return;
        case DefectKind::base_missing: d.has_base = false; return;
        case DefectKind::first_offense_fined:
            d.factors.assign(std::begin(kTrio), std::end(kTrio));
            if (r.chance(300000)) d.factors.push_back(kOtherFactors[0]);
            return;
        case DefectKind::simple_over_limit: d.simple = true; return;
        case DefectKind::overdue: {
            const Date decided = d.filed.plus_days(r.between(91, 120));
            const int64_t shift = decided.serial() - d.decided.serial();
            for (Date* x : {&d.legal_review, &d.decided, &d.served, &d.executed, &d.closed}) *x = x->plus_days(shift);
            d.notice = d.notice.plus_days(shift - r.between(0, 10));
            return;
        }
        case DefectKind::late_service: {
            const int64_t shift = d.decided.serial() + r.between(20, 30) - d.served.serial();
            for (Date* x : {&d.served, &d.executed, &d.closed}) *x = x->plus_days(shift);
            return;
        }
        case DefectKind::date_order: d.discovered = d.filed.plus_days(r.between(1, 3)); return;
        case DefectKind::missing_notice: d.drop_notice = true; return;
        case DefectKind::hearing_not_notified: d.drop_hearing_notice = true; return;
        case DefectKind::no_legal_review: d.drop_legal_review = true; return;
        case DefectKind::no_collective: d.drop_collective = true; return;
        case DefectKind::missing_documents: {
            std::vector<std::string_view> drop = {kRequiredDocs[r.below(5)]};
            if (r.chance(300000)) drop.push_back(kRequiredDocs[r.below(5)]);
            std::erase_if(d.docs, [&](const Doc& doc) {
                return std::find(drop.begin(), drop.end(), doc.type) != drop.end();
            });
            return;
        }
        case DefectKind::unsigned_document: d.docs[r.below(d.docs.size())].signed_ = false; return;
        case DefectKind::one_certified_officer: d.officers[1].second.clear(); return;
        case DefectKind::evidence_after_decision:
            d.evidence.back().second = d.decided.plus_days(r.between(1, 10));
            return;
        case DefectKind::no_evidence: d.evidence.clear(); return;
    }
}

// Applied after the documents and evidence are assembled.
bool after_assembly(DefectKind k) {
    return k == DefectKind::missing_documents || k == DefectKind::unsigned_document ||
           k == DefectKind::one_certified_officer || k == DefectKind::evidence_after_decision ||
           k == DefectKind::no_evidence;
}

std::vector<DefectKind> choose_defects(Rng& r, const Draft& d, size_t count) {
    const bool hearing = hearing_level(d);
    const auto& cat = catalog();
    std::vector<DefectKind> chosen;
    std::vector<int> groups;
    for (size_t n = 0; n < count; ++n) {
        std::vector<size_t> open;
        for (size_t i = 0; i < cat.size(); ++i) {
            const auto k = static_cast<DefectKind>(i);
            const int g = conflict_group(k);
            // Fine and level defects decide the hearing level the hearing defects rely on.
            const bool hearing_dep = k == DefectKind::hearing_not_notified || k == DefectKind::no_legal_review ||
                                     k == DefectKind::no_collective;
            if (!applicable(k, d, hearing) || std::find(chosen.begin(), chosen.end(), k) != chosen.end()) continue;
            // It rebuilds the file as a simple-procedure one, so it comes alone.
            if (k == DefectKind::simple_over_limit && !chosen.empty()) continue;
            if (g && std::find(groups.begin(), groups.end(), g) != groups.end()) continue;
            if ((hearing_dep && std::find(groups.begin(), groups.end(), 2) != groups.end()) ||
                (g == 2 && std::any_of(chosen.begin(), chosen.end(), [](DefectKind c) {
                     return c == DefectKind::hearing_not_notified || c == DefectKind::no_legal_review ||
                            c == DefectKind::no_collective;
                 })))
                continue;
            open.push_back(i);
        }
        if (open.empty()) break;
        const size_t at = r.weighted<size_t>(open, [&](size_t i) { return cat[i].weight; });
        const auto k = static_cast<DefectKind>(open[at]);
        chosen.push_back(k);
        if (conflict_group(k)) groups.push_back(conflict_group(k));
        if (k == DefectKind::simple_over_limit) break;
    }
    std::sort(chosen.begin(), chosen.end());
    return chosen;
}

// ------------------------------------------------------------------ output

void put_date(ojson& dates, const char* key, Date d) { dates[key] = d.to_string(); }

ojson citation_json(const Citation& c, const char* role) {
    ojson j;
    j["role"] = role;
    j["law"] = c.law;
    j["article"] = c.article;
    if (!c.version.empty()) j["version"] = c.version;
    return j;
}

ojson to_json(const Draft& d, const std::string& id) {
    ojson j;
    j["format"] = "case-file/1";
    j["id"] = id;
    j["agency"] = {{"code", d.agency->code}, {"name", d.agency->name}};
    j["territory"] = "shenshan";
    j["procedure"] = d.simple ? "simple" : "general";
    j["cause"] = d.t->cause;
    j["violation"] = d.t->code;
    j["party"] = {{"kind", d.individual ? "individual" : "organization"}, {"name", d.party}};
    ojson dates;
    put_date(dates, "act", d.act);
    put_date(dates, "discovered", d.discovered);
    if (!d.simple) put_date(dates, "filed", d.filed);
    if (has_notice(d)) put_date(dates, "notice", d.notice);
    if (hearing_notified(d) && d.hearing_requested && has_notice(d)) put_date(dates, "hearing", d.notice.plus_days(5));
    if (has_legal_review(d)) put_date(dates, "legal_review", d.legal_review);
    put_date(dates, "decided", d.decided);
    put_date(dates, "served", d.served);
    put_date(dates, "executed", d.executed);
    put_date(dates, "closed", d.closed);
    j["dates"] = std::move(dates);
    j["officers"] = ojson::array();
    for (const auto& [name, cert] : d.officers) j["officers"].push_back({{"name", name}, {"cert", cert}});
    j["basis"] = ojson::array();
    j["basis"].push_back(citation_json(d.basis[0], "violated"));
    for (size_t i = 1; i < d.basis.size(); ++i) j["basis"].push_back(citation_json(d.basis[i], "penalty"));
    ojson circ;
    if (d.level) circ["level"] = *d.level;
    circ["prior_violations_1y"] = d.prior;
    circ["factors"] = ojson::array();
    for (auto f : d.factors) circ["factors"].push_back(f);
    j["circumstance"] = std::move(circ);
    ojson pen;
    pen["kinds"] = ojson::array();
    for (auto k : d.kinds) pen["kinds"].push_back(k);
    pen["fine"] = d.fine;
    if (d.confiscated) pen["confiscated"] = d.confiscated;
    ojson amounts = ojson::object();
    if (d.has_base) amounts[std::string(d.t->base)] = d.base_amount;
    if (d.confiscated) amounts["illegal_gains"] = d.confiscated;
    if (!amounts.empty()) pen["amounts"] = std::move(amounts);
    j["penalty"] = std::move(pen);
    if (!d.simple) {
        j["hearing"] = {{"notified", hearing_notified(d)}, {"requested", hearing_notified(d) && d.hearing_requested}};
        if (collective(d)) j["collective_decision"] = true;
    }
    j["documents"] = ojson::array();
    for (const auto& doc : d.docs)
        j["documents"].push_back({{"type", doc.type}, {"date", doc.date.to_string()}, {"signed", doc.signed_}});
    j["evidence"] = ojson::array();
    for (const auto& [kind, date] : d.evidence) j["evidence"].push_back({{"kind", kind}, {"collected", date.to_string()}});
    return j;
}

}  // namespace

std::span<const Defect> defect_catalog() { return catalog(); }

CaseGenerator::CaseGenerator(const GeneratorOptions& options) : rng_(options.seed), options_(options) {
    Rng r(rng_);
    for (const auto& a : agencies()) {
        std::vector<Officer> pool;
        for (int i = 1; i <= 12; ++i) {
            char cert[16];
            std::snprintf(cert, sizeof cert, "4415%.2s01%03d", a.cert_code.data(), i);
            pool.push_back({person_name(r), cert});
        }
        officers_.push_back(std::move(pool));
        case_numbers_.emplace_back(3, 0);
    }
}

GeneratedCase CaseGenerator::next() {
    Rng r(rng_);
    Draft d;
    const auto ags = agencies();
    const size_t a = r.weighted<Agency>(ags, [](const Agency& x) { return x.weight; });
    d.agency = &ags[a];
    std::vector<const ViolationTemplate*> own;
    for (const auto& t : violation_templates())
        if (t.agency == d.agency->code) own.push_back(&t);
    d.t = own[r.weighted<const ViolationTemplate*>(own, [](const ViolationTemplate* t) { return t->weight; })];
    draw_economics(r, d);
    draw_timeline(r, d);
    std::vector<std::pair<std::string, std::string>> pool;
    for (const auto& o : officers_[a]) pool.emplace_back(o.name, o.cert);
    draw_officers(r, d, pool);
    d.basis = {d.t->violated, d.t->penalty};

    std::vector<DefectKind> defects;
    if (r.chance(options_.defect_per_million)) {
        const uint64_t p = r.below(100);
        defects = choose_defects(r, d, p < 45 ? 1 : p < 75 ? 2 : p < 92 ? 3 : 4);
    }
    for (auto k : defects)
        if (!after_assembly(k)) apply(r, d, k);
    if (d.simple && d.decided != d.act) {  // turned into a simple-procedure file by a defect
        d.discovered = d.filed = d.decided = d.served = d.act;
        d.executed = d.act.plus_days(r.between(0, 10));
        d.closed = d.executed.plus_days(r.between(0, 3));
    }
    assemble(r, d);
    for (auto k : defects)
        if (after_assembly(k)) apply(r, d, k);

    const int year = d.decided.year();
    auto& counter = case_numbers_[a][static_cast<size_t>(std::clamp(year, 2023, 2025) - 2023)];
    GeneratedCase out;
    out.id = std::string(d.agency->id_prefix) + "〔" + std::to_string(year) + "〕" + std::to_string(++counter) + "号";
    out.agency = d.agency->code;
    for (auto k : defects) {
        const auto& def = catalog()[static_cast<size_t>(k)];
        out.defects.push_back(def.name);
        out.rules.insert(out.rules.end(), def.rules.begin(), def.rules.end());
    }
    std::sort(out.rules.begin(), out.rules.end());
    out.rules.erase(std::unique(out.rules.begin(), out.rules.end()), out.rules.end());
    const ojson j = to_json(d, out.id);
    out.json = j.dump();
    if (options_.pretty) out.pretty_json = j.dump(2);
    return out;
}

bool parse_defect_rate(std::string_view text, uint32_t& per_million) {
    uint64_t whole = 0, frac = 0;
    size_t i = 0, digits = 0, decimals = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits) whole = whole * 10 + static_cast<uint64_t>(text[i] - '0');
    if (i < text.size() && text[i] == '.') {
        for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++decimals, ++digits) {
            if (decimals >= 6) return false;
            frac = frac * 10 + static_cast<uint64_t>(text[i] - '0');
        }
    }
    if (i != text.size() || digits == 0 || whole > 1) return false;
    for (; decimals < 6; ++decimals) frac *= 10;
    const uint64_t value = whole * 1000000 + frac;
    if (value > 1000000) return false;
    per_million = static_cast<uint32_t>(value);
    return true;
}

}  // namespace pingcha::gen
