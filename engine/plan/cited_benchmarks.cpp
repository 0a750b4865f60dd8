#include "plan/cited_benchmarks.hpp"

namespace pingcha {

const Benchmark* CitedBenchmarks::find(std::string_view code) {
    if (const Benchmark* const* known = codes_.find(nullptr, code)) return *known;
    const Benchmark* benchmark = pack_.benchmark(code);
    codes_.remember(nullptr, code, benchmark);
    return benchmark;
}

const BenchmarkTier* CitedBenchmarks::tier(const Benchmark& benchmark, std::string_view level) {
    if (const BenchmarkTier* const* known = levels_.find(&benchmark, level)) return *known;
    const BenchmarkTier* tier = benchmark.tier(level);
    levels_.remember(&benchmark, level, tier);
    return tier;
}

}  // namespace pingcha
