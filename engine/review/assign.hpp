// Drawing a review round: K case files per agency at random (all when K is absent), each
// assigned to a reviewing unit other than its own agency, loads balanced (max − min ≤ 1).
//
// Reproducible: cases are ordered by case id (bytes) within each agency, agencies by code,
// and all randomness comes from std::mt19937_64 seeded with the seed (its output sequence is
// fixed by the C++ standard) through our own unbiased draw, not a standard distribution.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

namespace pingcha::review {

// Uniform in [0, n) by rejection sampling; n > 0.
uint64_t uniform_below(std::mt19937_64& rng, uint64_t n);

struct AssignRequest {
    std::string round;
    std::vector<std::string> reviewers;  // unit codes, as compared with agency.code
    std::optional<size_t> per_agency;
    uint64_t seed = 0;
};

struct AssignResult {
    int64_t round_id = 0;
    size_t assigned = 0;
    std::map<std::string, size_t> load;  // reviewer → cases
    std::vector<std::string> notes;      // e.g. an agency with fewer than K files
};

// Pure part: `cases[agency]` are the candidate case keys of each agency (any order);
// returns (case key, reviewer) pairs. Throws review::AssignError when impossible.
struct Draw {
    std::string agency;
    std::string case_key;
    std::string reviewer;
};
std::vector<Draw> draw_assignments(std::map<std::string, std::vector<std::string>> cases,
                                   const std::vector<std::string>& reviewers, std::optional<size_t> per_agency,
                                   uint64_t seed, std::vector<std::string>& notes);

// Draws and stores the round (one transaction). Throws store::StoreError on impossible
// requests (unknown … / duplicate round / one unit that would review only itself).
AssignResult assign_round(SQLite::Database& db, const AssignRequest& req);

}  // namespace pingcha::review
