#include "review/diff.hpp"

#include <map>
#include <set>
#include <sstream>

#include "store/run.hpp"

namespace pingcha::review {
namespace {

struct Side {
    std::string case_id, agency;
    int revision = 0;
    std::string score, grade;
    std::set<std::string> rules;
};

std::map<int64_t, Side> load(SQLite::Database& db, int64_t run) {
    store::load_run(db, run);  // throws for an unknown run
    std::map<int64_t, Side> out;
    SQLite::Statement q(db,
                        "SELECT cr.case_ref, c.case_id, cr.agency_code, cr.revision, r.score, r.grade, r.id "
                        "FROM results r JOIN case_revisions cr ON cr.id = r.revision_id JOIN cases c ON "
                        "c.id = cr.case_ref WHERE r.run_id = ?");
    q.bind(1, run);
    std::map<int64_t, int64_t> result_of;
    while (q.executeStep()) {
        Side& s = out[q.getColumn(0).getInt64()];
        s.case_id = q.getColumn(1).getString();
        s.agency = q.getColumn(2).getString();
        s.revision = q.getColumn(3).getInt();
        s.score = q.getColumn(4).getString();
        s.grade = q.getColumn(5).getString();
        result_of[q.getColumn(6).getInt64()] = q.getColumn(0).getInt64();
    }
    SQLite::Statement f(db, "SELECT f.result_id, f.rule FROM findings f JOIN results r ON r.id = f.result_id "
                            "WHERE r.run_id = ?");
    f.bind(1, run);
    while (f.executeStep()) out[result_of.at(f.getColumn(0).getInt64())].rules.insert(f.getColumn(1).getString());
    return out;
}

nlohmann::ordered_json minus(const std::set<std::string>& a, const std::set<std::string>& b) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& x : a)
        if (!b.count(x)) out.push_back(x);
    return out;
}

}  // namespace

nlohmann::ordered_json diff_runs(SQLite::Database& db, int64_t run_a, int64_t run_b) {
    const auto a = load(db, run_a);
    const auto b = load(db, run_b);
    size_t both = 0, only_a = 0;
    std::map<std::pair<std::string, std::string>, int64_t> transitions;
    std::vector<std::pair<std::string, nlohmann::ordered_json>> changed;
    for (const auto& [ref, x] : a) {
        const auto it = b.find(ref);
        if (it == b.end()) {
            ++only_a;
            continue;
        }
        ++both;
        const Side& y = it->second;
        if (x.grade != y.grade) ++transitions[{x.grade, y.grade}];
        if (x.score == y.score && x.grade == y.grade && x.rules == y.rules) continue;
        changed.emplace_back(x.case_id, nlohmann::ordered_json{{"案卷", x.case_id},
                                                               {"单位", y.agency},
                                                               {"修订A", x.revision},
                                                               {"修订B", y.revision},
                                                               {"得分A", x.score},
                                                               {"得分B", y.score},
                                                               {"等级A", x.grade},
                                                               {"等级B", y.grade},
                                                               {"新增规则", minus(y.rules, x.rules)},
                                                               {"消失规则", minus(x.rules, y.rules)}});
    }
    std::sort(changed.begin(), changed.end(), [](const auto& l, const auto& r) { return l.first < r.first; });
    nlohmann::ordered_json out;
    out["运行A"] = run_a;
    out["运行B"] = run_b;
    out["共同案卷"] = both;
    out["仅在A"] = only_a;
    out["仅在B"] = b.size() - both;
    out["等级变化"] = nlohmann::ordered_json::array();
    for (const auto& [k, n] : transitions) out["等级变化"].push_back({{"从", k.first}, {"到", k.second}, {"案卷数", n}});
    out["变化案卷"] = nlohmann::ordered_json::array();
    for (auto& [_, j] : changed) out["变化案卷"].push_back(std::move(j));
    return out;
}

std::string diff_text(const nlohmann::ordered_json& d) {
    std::ostringstream o;
    o << "运行 " << d["运行A"].get<int64_t>() << " → 运行 " << d["运行B"].get<int64_t>() << "：共同案卷 "
      << d["共同案卷"].get<size_t>() << " 件，仅在前者 " << d["仅在A"].get<size_t>() << " 件，仅在后者 "
      << d["仅在B"].get<size_t>() << " 件，结果变化 " << d["变化案卷"].size() << " 件\n";
    if (!d["等级变化"].empty()) {
        o << "等级变化：\n";
        for (const auto& t : d["等级变化"])
            o << "  " << t["从"].get<std::string>() << " → " << t["到"].get<std::string>() << "："
              << t["案卷数"].get<int64_t>() << " 件\n";
    }
    for (const auto& c : d["变化案卷"]) {
        o << c["案卷"].get<std::string>();
        if (c["修订A"] != c["修订B"]) o << "（修订 " << c["修订A"].get<int>() << " → " << c["修订B"].get<int>() << "）";
        o << "：" << c["得分A"].get<std::string>() << " " << c["等级A"].get<std::string>() << " → "
          << c["得分B"].get<std::string>() << " " << c["等级B"].get<std::string>();
        for (const auto& r : c["新增规则"]) o << "  +" << r.get<std::string>();
        for (const auto& r : c["消失规则"]) o << "  -" << r.get<std::string>();
        o << "\n";
    }
    return o.str();
}

}  // namespace pingcha::review
