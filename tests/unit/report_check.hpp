// Checking a `pingcha report --format json` against per-case results: every number of the
// report (per agency: cases, mean score, grade distribution, pass rate, vetoes; per section
// deductions; defects ranked by frequency with the agencies they hit) recomputed from
// `pingcha eval --format json` lines of the same files.
#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

namespace pingcha::testing {

// case id → result, from eval's JSON Lines output (rejected records, which have no score, are skipped).
inline std::map<std::string, nlohmann::json> eval_results(const std::string& json_lines) {
    std::map<std::string, nlohmann::json> out;
    std::istringstream lines(json_lines);
    for (std::string line; std::getline(lines, line);) {
        auto j = nlohmann::json::parse(line);
        if (!j.contains("error")) out[j["case"].get<std::string>()] = j;
    }
    return out;
}

// `evals`: case id → eval result; `agency_of`: case id → agency code; `ids`: the run's cases.
// Recomputes the report's numbers from eval's per-case results for `ids` and compares.
inline void expect_report_matches(const nlohmann::json& rep, const std::set<std::string>& ids,
                                  const std::map<std::string, nlohmann::json>& evals,
                                  const std::map<std::string, std::string>& agency_of) {
    struct Agg {
        int64_t cases = 0, vetoes = 0, passed = 0;
        double sum = 0;
        std::map<std::string, int64_t> grades;
    };
    std::map<std::string, Agg> per;
    std::map<std::string, std::pair<int64_t, double>> sections;  // id → cases deducted, total
    std::map<std::string, std::pair<std::set<std::string>, int64_t>> rules;  // rule → cases, findings
    for (const auto& id : ids) {
        const nlohmann::json& e = evals.at(id);
        Agg& a = per[agency_of.at(id)];
        ++a.cases;
        a.sum += e["score"].get<double>();
        a.vetoes += e["veto"].get<bool>() ? 1 : 0;
        ++a.grades[e["grade"].get<std::string>()];
        if (e["grade"] != "不合格") ++a.passed;
        for (const auto& s : e["sections"]) {
            auto& x = sections[s["id"].get<std::string>()];
            if (s["deducted"].get<double>() > 0) ++x.first;
            x.second += s["deducted"].get<double>();
        }
        for (const auto& f : e["findings"]) {
            auto& r = rules[f["rule"].get<std::string>()];
            r.first.insert(id);
            ++r.second;
        }
    }
    ASSERT_EQ(rep["各单位"].size(), per.size());
    int64_t total = 0;
    for (const auto& row : rep["各单位"]) {
        const Agg& a = per.at(row["单位"].get<std::string>());
        total += a.cases;
        EXPECT_EQ(row["案卷数"], a.cases);
        EXPECT_NEAR(row["平均分"].get<double>(), a.sum / static_cast<double>(a.cases), 0.005);
        EXPECT_EQ(row["否决数"], a.vetoes);
        EXPECT_EQ(row["合格数"], a.passed);
        EXPECT_DOUBLE_EQ(row["合格率"].get<double>(), static_cast<double>(a.passed) / static_cast<double>(a.cases));
        for (const auto& [g, n] : a.grades) EXPECT_EQ(row["等级分布"][g], n) << g;
    }
    EXPECT_EQ(rep["合计"]["案卷数"], total);
    EXPECT_EQ(rep["各部分扣分"].size(), sections.size());
    for (const auto& s : rep["各部分扣分"]) {
        const auto& x = sections.at(s["部分"].get<std::string>());
        EXPECT_EQ(s["扣分案卷数"], x.first);
        EXPECT_NEAR(s["扣分合计"].get<double>(), x.second, 0.005);
    }
    ASSERT_EQ(rep["问题排行"].size(), rules.size());
    int64_t prev = INT64_MAX;
    for (const auto& d : rep["问题排行"]) {
        const auto& r = rules.at(d["规则"].get<std::string>());
        EXPECT_EQ(d["案卷数"], static_cast<int64_t>(r.first.size()));
        EXPECT_EQ(d["问题数"], r.second);
        EXPECT_LE(d["案卷数"].get<int64_t>(), prev);  // ranked by frequency
        prev = d["案卷数"].get<int64_t>();
        std::map<std::string, int64_t> units;
        for (const auto& id : r.first) ++units[agency_of.at(id)];
        std::map<std::string, int64_t> got;
        for (const auto& u : d["涉及单位"]) got[u["单位"].get<std::string>()] = u["案卷数"].get<int64_t>();
        EXPECT_EQ(got, units) << d["规则"];
    }
}

}  // namespace pingcha::testing
