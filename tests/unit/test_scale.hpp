// The size of the heavy tests' workloads. PINGCHA_TEST_SCALE=N (default 1) divides them by N:
// scripts/asan.sh sets 10, because the sanitized binary is 10-100 times slower than the
// Release one and the whole suite must fit CI's time. A scaled test runs the same commands
// and code paths and checks the same properties on less data (fewer cases, shorter lines with
// a proportionally lower limit, a deterministic subset of files); the Release suite
// (scripts/test.sh, no variable) runs every test at full size.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdlib>

namespace pingcha::testing {

inline std::size_t test_scale() {
    const char* v = std::getenv("PINGCHA_TEST_SCALE");
    const unsigned long long n = v && *v ? std::strtoull(v, nullptr, 10) : 1;
    return n > 1 ? static_cast<std::size_t>(n) : 1;
}

inline bool scaled_down() { return test_scale() > 1; }

// `full` divided by the scale, but no less than `at_least` (nor than `full` itself when smaller).
inline std::size_t scaled(std::size_t full, std::size_t at_least = 1) {
    return std::max(std::min(full, at_least), full / test_scale());
}

// Whether the `k`-th (0-based) of many files of one kind is used: all of them at full size,
// every scale-th one when scaled down (deterministic, and the first one always).
inline bool nth_is_used(std::size_t k) { return k % test_scale() == 0; }

}  // namespace pingcha::testing
