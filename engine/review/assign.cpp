#include "review/assign.hpp"

#include <algorithm>
#include <deque>
#include <limits>
#include <set>

#include <nlohmann/json.hpp>

#include "store/store.hpp"

namespace pingcha::review {
namespace {

using store::StoreError;

// Max flow on a small dense graph (Edmonds–Karp); enough for agencies × reviewers.
class Flow {
public:
    explicit Flow(size_t n) : cap_(n, std::vector<int64_t>(n, 0)) {}
    void set(size_t a, size_t b, int64_t c) { cap_[a][b] = c; }
    int64_t cap(size_t a, size_t b) const { return cap_[a][b]; }
    int64_t run(size_t s, size_t t) {
        int64_t total = 0;
        const size_t n = cap_.size();
        for (;;) {
            std::vector<size_t> prev(n, n);
            prev[s] = s;
            std::deque<size_t> q{s};
            while (!q.empty() && prev[t] == n) {
                const size_t u = q.front();
                q.pop_front();
                for (size_t v = 0; v < n; ++v)
                    if (prev[v] == n && cap_[u][v] > 0) prev[v] = u, q.push_back(v);
            }
            if (prev[t] == n) return total;
            int64_t push = std::numeric_limits<int64_t>::max();
            for (size_t v = t; v != s; v = prev[v]) push = std::min(push, cap_[prev[v]][v]);
            for (size_t v = t; v != s; v = prev[v]) cap_[prev[v]][v] -= push, cap_[v][prev[v]] += push;
            total += push;
        }
    }

private:
    std::vector<std::vector<int64_t>> cap_;
};

template <class T>
void shuffle(std::vector<T>& v, std::mt19937_64& rng) {  // Fisher–Yates
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[uniform_below(rng, i)]);
}

}  // namespace

uint64_t uniform_below(std::mt19937_64& rng, uint64_t n) {
    const uint64_t limit = std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % n;
    for (;;) {
        const uint64_t x = rng();
        if (x < limit) return x % n;
    }
}

std::vector<Draw> draw_assignments(std::map<std::string, std::vector<std::string>> cases,
                                   const std::vector<std::string>& reviewers, std::optional<size_t> per_agency,
                                   uint64_t seed, std::vector<std::string>& notes) {
    if (reviewers.empty()) throw StoreError("至少需要一个评查单位");
    if (std::set<std::string>(reviewers.begin(), reviewers.end()).size() != reviewers.size())
        throw StoreError("评查单位代码重复");
    std::mt19937_64 rng(seed);
    // 1. Sample per agency (agencies in code order, cases in id order before shuffling).
    std::vector<std::pair<std::string, std::vector<std::string>>> sample;
    for (auto& [agency, ids] : cases) {
        std::sort(ids.begin(), ids.end());
        shuffle(ids, rng);
        if (per_agency && ids.size() < *per_agency)
            notes.push_back("单位 " + (agency.empty() ? std::string("（未注明）") : agency) + " 只有 " +
                            std::to_string(ids.size()) + " 件，少于每单位 " + std::to_string(*per_agency) + " 件，全部抽取");
        if (per_agency && ids.size() > *per_agency) ids.resize(*per_agency);
        std::sort(ids.begin(), ids.end());  // the sample is a set; the order below is drawn again
        sample.emplace_back(agency, ids);
    }
    // 2. How many files each agency sends to each reviewer: a flow where every reviewer
    //    takes ⌊T/R⌋ or ⌈T/R⌉ and never its own agency's files. First fill every reviewer
    //    to ⌊T/R⌋, then raise the capacities by one and push the rest; augmenting paths
    //    never lower a reviewer's load, so feasibility of both steps is exact.
    const size_t A = sample.size(), R = reviewers.size();
    size_t total = 0;
    for (const auto& [_, ids] : sample) total += ids.size();
    if (total == 0) throw StoreError("没有可抽取的案卷");
    const size_t src = 0, sink = 1 + A + R;
    Flow flow(A + R + 2);
    for (size_t a = 0; a < A; ++a) {
        flow.set(src, 1 + a, static_cast<int64_t>(sample[a].second.size()));
        for (size_t r = 0; r < R; ++r)
            if (reviewers[r] != sample[a].first) flow.set(1 + a, 1 + A + r, static_cast<int64_t>(total));
    }
    const int64_t low = static_cast<int64_t>(total / R);
    for (size_t r = 0; r < R; ++r) flow.set(1 + A + r, sink, low);
    int64_t pushed = flow.run(src, sink);
    const bool low_ok = pushed == low * static_cast<int64_t>(R);
    if (low_ok && total % R) {
        for (size_t r = 0; r < R; ++r) flow.set(1 + A + r, sink, flow.cap(1 + A + r, sink) + 1);
        pushed += flow.run(src, sink);
    }
    if (!low_ok || pushed != static_cast<int64_t>(total)) {
        std::string msg = "无法分配：" + std::to_string(total) + " 件案卷分给 " + std::to_string(R) +
                          " 个评查单位时，无法既不评查本单位案卷又使各单位件数相差不超过 1";
        if (R == 1) msg += "（只有一个评查单位 " + reviewers[0] + "，而它自己的案卷也在抽样中）";
        throw StoreError(msg);
    }
    // 3. Deal each agency's sampled files, in random order, to its reviewers by those counts.
    std::vector<Draw> out;
    for (size_t a = 0; a < A; ++a) {
        auto ids = sample[a].second;
        shuffle(ids, rng);
        size_t next = 0;
        for (size_t r = 0; r < R; ++r) {
            const int64_t n = flow.cap(1 + A + r, 1 + a);  // residual back-capacity = flow on a → r
            for (int64_t i = 0; i < n; ++i) out.push_back({sample[a].first, ids[next++], reviewers[r]});
        }
    }
    return out;
}

AssignResult assign_round(SQLite::Database& db, const AssignRequest& req) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    {
        SQLite::Statement q(db, "SELECT 1 FROM rounds WHERE name = ?");
        q.bind(1, req.round);
        if (q.executeStep()) throw StoreError("评查轮次「" + req.round + "」已存在；轮次一经抽取不再改动，请换一个名称");
    }
    std::map<std::string, std::vector<std::string>> cases;
    std::map<std::string, int64_t> ref_of;
    {
        SQLite::Statement q(db, "SELECT id, case_id, agency_code FROM cases");
        while (q.executeStep()) {
            cases[q.getColumn(2).getString()].push_back(q.getColumn(1).getString());
            ref_of[q.getColumn(1).getString()] = q.getColumn(0).getInt64();
        }
    }
    AssignResult result;
    const auto draws = draw_assignments(cases, req.reviewers, req.per_agency, req.seed, result.notes);
    nlohmann::json reviewers = req.reviewers;
    SQLite::Statement ins(db,
                          "INSERT INTO rounds (name, seed, per_agency, reviewers, created_at) VALUES (?, ?, ?, ?, ?)");
    ins.bind(1, req.round);
    ins.bind(2, static_cast<int64_t>(req.seed));
    if (req.per_agency) ins.bind(3, static_cast<int64_t>(*req.per_agency));
    else ins.bind(3);
    ins.bind(4, reviewers.dump());
    ins.bind(5, store::now_utc());
    ins.exec();
    result.round_id = db.getLastInsertRowid();
    SQLite::Statement add(db, "INSERT INTO assignments (round_id, case_ref, reviewer) VALUES (?, ?, ?)");
    for (const auto& d : draws) {
        add.reset();
        add.bind(1, result.round_id);
        add.bind(2, ref_of.at(d.case_key));
        add.bind(3, d.reviewer);
        add.exec();
        ++result.load[d.reviewer];
    }
    for (const auto& r : req.reviewers) result.load.try_emplace(r, 0);
    result.assigned = draws.size();
    tx.commit();
    return result;
}

}  // namespace pingcha::review
