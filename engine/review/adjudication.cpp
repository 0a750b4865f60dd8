#include "review/adjudication.hpp"

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "store/store.hpp"

namespace pingcha::review {
namespace {

using store::StoreError;

Rational exact_or_throw(const std::string& text) {
    const auto r = store::parse_exact(text);
    if (!r) throw StoreError("评查库中有无法识别的数值：" + text);
    return *r;
}

FindingSeverity severity_of(const std::string& name) {
    if (name == "veto") return FindingSeverity::veto;
    if (name == "deduct") return FindingSeverity::deduct;
    return FindingSeverity::warn;
}

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// `#n` (built with +=: GCC 12 warns falsely on "literal" + std::string&&)
std::string ordinal(size_t n) {
    std::string s = "#";
    s += std::to_string(n);
    return s;
}

// `documents[2].type` → `documents[2]`; nothing when the key has no numeric index.
std::optional<std::string> indexed_element(const std::string& key) {
    const auto open = key.find('[');
    if (open == std::string::npos) return std::nullopt;
    const auto close = key.find(']', open);
    if (close == std::string::npos || close == open + 1) return std::nullopt;
    for (auto i = open + 1; i < close; ++i)
        if (key[i] < '0' || key[i] > '9') return std::nullopt;
    return key.substr(0, close + 1);
}

void load_findings(SQLite::Database& db, CaseAudit& a, const nlohmann::json& result_json) {
    SQLite::Statement q(db,
                        "SELECT id, seq, rule, title, section, severity, points, message FROM findings "
                        "WHERE result_id = ? ORDER BY seq");
    q.bind(1, a.result_id);
    const auto& stored = result_json.at("findings");
    while (q.executeStep()) {
        StoredFinding s;
        s.id = q.getColumn(0).getInt64();
        s.seq = q.getColumn(1).getInt64();
        Finding& f = s.finding;
        f.rule = q.getColumn(2).getString();
        f.title = q.getColumn(3).getString();
        f.section = q.getColumn(4).getString();
        f.severity = severity_of(q.getColumn(5).getString());
        f.points = exact_or_throw(q.getColumn(6).getString());
        f.message = q.getColumn(7).getString();
        if (static_cast<size_t>(s.seq) < stored.size()) {
            const auto& j = stored[static_cast<size_t>(s.seq)];
            for (const auto& c : j.value("cites", nlohmann::json::array()))
                f.cites.push_back({c.value("law", ""), c.value("article", "")});
            if (j.contains("fields")) f.fields_json = j["fields"].dump();
        }
        a.findings.push_back(std::move(s));
    }
    std::vector<Finding> plain;
    for (const auto& s : a.findings) plain.push_back(s.finding);
    const auto paths = finding_paths(plain);
    for (size_t i = 0; i < a.findings.size(); ++i) a.findings[i].path = paths[i];
    a.engine.findings = std::move(plain);
}

void load_adjudications(SQLite::Database& db, CaseAudit& a) {
    SQLite::Statement q(db,
                        "SELECT id, finding_id, rule, path, decision, points, reason, reviewer, decided_at, supersedes "
                        "FROM adjudications WHERE result_id = ? ORDER BY id");
    q.bind(1, a.result_id);
    std::map<int64_t, size_t> by_id;
    while (q.executeStep()) {
        AdjudicationRecord r;
        r.id = q.getColumn(0).getInt64();
        r.finding_id = q.getColumn(1).getInt64();
        r.rule = q.getColumn(2).getString();
        r.path = q.getColumn(3).getString();
        r.decision = parse_decision(q.getColumn(4).getString()).value_or(Decision::confirm);
        if (!q.getColumn(5).isNull()) r.points = exact_or_throw(q.getColumn(5).getString());
        r.reason = q.getColumn(6).getString();
        r.reviewer = q.getColumn(7).getString();
        r.decided_at = q.getColumn(8).getString();
        if (!q.getColumn(9).isNull()) r.supersedes = q.getColumn(9).getInt64();
        by_id[r.id] = a.adjudications.size();
        a.adjudications.push_back(std::move(r));
    }
    for (const auto& r : a.adjudications)
        if (r.supersedes && by_id.count(*r.supersedes)) a.adjudications[by_id[*r.supersedes]].superseded_by = r.id;
}

// The engine's findings with the decision in force on each, scored by the run's standard.
CaseResult rescore(SQLite::Database& db, const CaseAudit& a) {
    const ScoringStandard standard = store::load_scoring(db, a.run.id);
    std::vector<Finding> effective;
    for (const auto& s : a.findings) {
        const AdjudicationRecord* d = a.latest(s.id);
        if (d && d->decision == Decision::dismiss) continue;
        Finding f = s.finding;
        if (d && d->decision == Decision::adjust) {
            f.severity = FindingSeverity::deduct;
            f.points = *d->points;
        }
        effective.push_back(std::move(f));
    }
    return score_case(standard, a.case_id, std::move(effective), a.engine.warnings);
}

int64_t result_for_case(SQLite::Database& db, int64_t run_id, const std::string& case_id) {
    store::load_run(db, run_id);
    SQLite::Statement q(db,
                        "SELECT r.id FROM run_cases rc JOIN case_revisions cr ON cr.id = rc.revision_id "
                        "JOIN cases c ON c.id = cr.case_ref LEFT JOIN results r ON r.run_id = rc.run_id AND "
                        "r.revision_id = rc.revision_id WHERE rc.run_id = ? AND c.case_id = ?");
    q.bind(1, run_id);
    q.bind(2, case_id);
    if (!q.executeStep())
        throw StoreError("运行 " + std::to_string(run_id) + " 中没有案卷「" + case_id + "」");
    if (q.getColumn(0).isNull())
        throw StoreError("运行 " + std::to_string(run_id) + " 尚未评查案卷「" + case_id + "」（可用 --resume 续跑）");
    return q.getColumn(0).getInt64();
}

std::string choices(const CaseAudit& a, const std::string& rule) {
    std::string out;
    for (const auto& s : a.findings) {
        if (s.finding.rule != rule) continue;
        out += "\n  --path " + (s.path.empty() ? std::string("''") : s.path) + "　" + s.finding.message;
    }
    return out;
}

const StoredFinding& find_target(const CaseAudit& a, const AdjudicationRequest& req) {
    std::vector<const StoredFinding*> of_rule;
    for (const auto& s : a.findings)
        if (s.finding.rule == req.rule) of_rule.push_back(&s);
    const std::string where = "运行 " + std::to_string(a.run.id) + " 中案卷「" + a.case_id + "」";
    if (of_rule.empty()) {
        std::set<std::string> rules;
        for (const auto& s : a.findings) rules.insert(s.finding.rule);
        std::string list;
        for (const auto& r : rules) list += (list.empty() ? "" : "、") + r;
        throw StoreError(where + "没有规则 " + req.rule + " 的问题" +
                         (list.empty() ? "（该案卷没有任何问题）" : "（该案卷的问题：" + list + "）"));
    }
    if (!req.path) {
        if (of_rule.size() == 1) return *of_rule.front();
        throw StoreError(where + "规则 " + req.rule + " 有 " + std::to_string(of_rule.size()) +
                         " 条问题，请用 --path 指明是哪一条：" + choices(a, req.rule));
    }
    for (size_t i = 0; i < of_rule.size(); ++i)
        if (of_rule[i]->path == *req.path || ordinal(i + 1) == *req.path) return *of_rule[i];
    throw StoreError(where + "规则 " + req.rule + " 没有 --path 为「" + *req.path + "」的问题，可选：" +
                     choices(a, req.rule));
}

// A decided points value: exact, 0 <= N <= the max of the finding's section.
Rational checked_points(const CaseAudit& a, const StoredFinding& target, const std::string& text) {
    const auto n = Rational::parse_decimal(trimmed(text));
    if (!n) throw StoreError("--points「" + text + "」不是数值（写作 2 或 0.5）");
    if (n->is_negative()) throw StoreError("--points 不能为负数：" + text);
    for (const auto& sec : a.engine.sections) {
        if (sec.id != target.finding.section) continue;
        if (*n > sec.max)
            throw StoreError("--points " + text + " 超过问题所在部分「" + sec.name + "」的满分 " +
                             store::exact_text(sec.max));
        return *n;
    }
    throw StoreError("问题所在的部分「" + target.finding.section + "」不在该结果的评分表中");
}

}  // namespace

std::optional<Decision> parse_decision(std::string_view name) {
    if (name == "confirm") return Decision::confirm;
    if (name == "dismiss") return Decision::dismiss;
    if (name == "adjust") return Decision::adjust;
    return std::nullopt;
}

const char* decision_name(Decision d) {
    switch (d) {
        case Decision::confirm: return "confirm";
        case Decision::dismiss: return "dismiss";
        case Decision::adjust: return "adjust";
    }
    return "confirm";
}

const char* decision_label(Decision d) {
    switch (d) {
        case Decision::confirm: return "确认";
        case Decision::dismiss: return "撤销";
        case Decision::adjust: return "调整";
    }
    return "";
}

const AdjudicationRecord* CaseAudit::latest(int64_t finding_id) const {
    const AdjudicationRecord* out = nullptr;
    for (const auto& r : adjudications)
        if (r.finding_id == finding_id && !r.superseded_by) out = &r;
    return out;
}

std::vector<std::string> finding_paths(const std::vector<Finding>& findings) {
    std::vector<std::string> paths(findings.size());
    std::map<std::string, std::vector<size_t>> by_rule;
    for (size_t i = 0; i < findings.size(); ++i) {
        std::set<std::string> elements;
        const auto fields = findings[i].fields();
        for (const auto& [key, value] : fields.items())
            if (auto e = indexed_element(key)) elements.insert(*e);
        if (elements.size() == 1) paths[i] = *elements.begin();
        by_rule[findings[i].rule].push_back(i);
    }
    for (const auto& [rule, indices] : by_rule) {
        std::map<std::string, int> uses;
        for (auto i : indices) ++uses[paths[i]];
        for (size_t n = 0; n < indices.size(); ++n) {
            const size_t i = indices[n];
            if (uses[paths[i]] > 1) paths[i] += ordinal(n + 1);
        }
    }
    return paths;
}

CaseAudit load_case_audit(SQLite::Database& db, int64_t result_id) {
    SQLite::Statement q(db,
                        "SELECT r.run_id, c.case_id, cr.agency_code, cr.revision, cr.source, r.score, r.grade, r.veto, "
                        "r.result_json FROM results r JOIN case_revisions cr ON cr.id = r.revision_id "
                        "JOIN cases c ON c.id = cr.case_ref WHERE r.id = ?");
    q.bind(1, result_id);
    if (!q.executeStep()) throw StoreError("评查库中没有结果 " + std::to_string(result_id));
    CaseAudit a;
    a.run = store::load_run(db, q.getColumn(0).getInt64());
    a.result_id = result_id;
    a.case_id = q.getColumn(1).getString();
    a.agency = q.getColumn(2).getString();
    a.revision = q.getColumn(3).getInt64();
    a.source = q.getColumn(4).getString();
    a.engine.case_id = a.case_id;
    a.engine.score = exact_or_throw(q.getColumn(5).getString());
    a.engine.grade = q.getColumn(6).getString();
    a.engine.veto = q.getColumn(7).getInt() != 0;
    const auto result_json = nlohmann::json::parse(q.getColumn(8).getString());
    for (const auto& w : result_json.value("warnings", nlohmann::json::array()))
        a.engine.warnings.push_back(w.get<std::string>());
    SQLite::Statement s(db, "SELECT section, name, max, deducted FROM result_sections WHERE result_id = ? ORDER BY seq");
    s.bind(1, result_id);
    while (s.executeStep()) {
        SectionScore sec{s.getColumn(0).getString(), s.getColumn(1).getString(),
                         exact_or_throw(s.getColumn(2).getString()), exact_or_throw(s.getColumn(3).getString()), {}};
        sec.score = sec.max.minus(sec.deducted).value_or(Rational{});
        a.engine.sections.push_back(std::move(sec));
    }
    load_findings(db, a, result_json);
    load_adjudications(db, a);
    a.adjudicated = a.adjudications.empty() ? a.engine : rescore(db, a);
    return a;
}

CaseAudit load_case_audit(SQLite::Database& db, int64_t run_id, const std::string& case_id) {
    return load_case_audit(db, result_for_case(db, run_id, case_id));
}

AdjudicationOutcome adjudicate(SQLite::Database& db, const AdjudicationRequest& req) {
    const std::string reason = trimmed(req.reason), reviewer = trimmed(req.reviewer);
    if (reason.empty()) throw StoreError("裁定须写明理由（--reason）");
    if (reviewer.empty()) throw StoreError("裁定须写明裁定人（--reviewer）");
    if (req.decision != Decision::adjust && req.points)
        throw StoreError(std::string("--points 只用于 adjust（调整扣分），") + decision_label(req.decision) + "不带分值");
    if (req.decision == Decision::adjust && !req.points) throw StoreError("adjust（调整扣分）须用 --points 给出扣分");

    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    const CaseAudit before = load_case_audit(db, req.run_id, req.case_id);
    store::load_scoring(db, req.run_id);  // refuses runs that cannot be re-scored, before writing
    const StoredFinding& target = find_target(before, req);
    std::optional<Rational> points;
    if (req.decision == Decision::adjust) points = checked_points(before, target, *req.points);
    const AdjudicationRecord* previous = before.latest(target.id);

    SQLite::Statement ins(db,
                          "INSERT INTO adjudications (run_id, result_id, finding_id, case_id, rule, path, decision, "
                          "points, points_value, reason, reviewer, decided_at, supersedes) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, before.run.id);
    ins.bind(2, before.result_id);
    ins.bind(3, target.id);
    ins.bind(4, before.case_id);
    ins.bind(5, target.finding.rule);
    ins.bind(6, target.path);
    ins.bind(7, decision_name(req.decision));
    if (points) {
        ins.bind(8, store::exact_text(*points));
        ins.bind(9, points->to_double());
    } else {
        ins.bind(8);
        ins.bind(9);
    }
    ins.bind(10, reason);
    ins.bind(11, reviewer);
    ins.bind(12, store::now_utc());
    if (previous) ins.bind(13, previous->id);
    else ins.bind(13);
    ins.exec();
    AdjudicationOutcome out;
    out.id = db.getLastInsertRowid();
    if (previous) out.supersedes = previous->id;
    out.audit = load_case_audit(db, before.result_id);
    tx.commit();
    return out;
}

}  // namespace pingcha::review
