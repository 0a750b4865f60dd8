// The discretion benchmark a record's violation code names, and the tier its circumstance
// level names, remembered for the record: several rules ask the same (tier_known, tier_min,
// tier_max, statutory_max…), each a look-up by text. One per Evaluator (not shared).
#pragma once
#include <string_view>

#include "plan/recent_texts.hpp"
#include "plan/rule_pack.hpp"

namespace pingcha {

class CitedBenchmarks {
public:
    explicit CitedBenchmarks(const RulePack& pack) : pack_(pack) {}

    // RulePack::benchmark(code).
    const Benchmark* find(std::string_view code);
    // benchmark.tier(level).
    const BenchmarkTier* tier(const Benchmark& benchmark, std::string_view level);
    // Call before each record (the record's texts are recognised by their addresses).
    void next_record() {
        codes_.clear();
        levels_.clear();
    }

private:
    const RulePack& pack_;
    RecentTexts<const Benchmark*, 4> codes_;
    RecentTexts<const BenchmarkTier*, 4> levels_;
};

}  // namespace pingcha
