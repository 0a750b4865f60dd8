// Every input a fuzzer once crashed or hung on (tests/fuzz-regressions/<target>/) is fed
// again to the same entry point; under the sanitizer build a regression is a report.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "entries.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kRegressions = fs::path(PINGCHA_SOURCE_DIR) / "tests" / "fuzz-regressions";

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

class FuzzRegression : public ::testing::TestWithParam<std::string> {};

TEST_P(FuzzRegression, EveryRecordedInputRunsCleanly) {
    const auto entry = pingcha::fuzz::entry(GetParam());
    ASSERT_NE(entry, nullptr);
    const fs::path dir = kRegressions / GetParam();
    size_t inputs = 0;
    if (fs::is_directory(dir)) {
        for (const auto& file : fs::directory_iterator(dir)) {
            if (!file.is_regular_file()) continue;
            SCOPED_TRACE(file.path().string());
            const auto start = std::chrono::steady_clock::now();
            entry(read_all(file.path()));
            // A hang found by the fuzzer is a regression too (generous: sanitizers are slow).
            EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
            ++inputs;
        }
    }
    RecordProperty("inputs", static_cast<int>(inputs));
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzRegression,
                         ::testing::Values("rules", "case_reader", "citation", "csv", "law_text"));

// The entry points also take the seed corpora without trouble (a smoke test of the harness).
TEST(FuzzCorpus, SeedsRunCleanly) {
    const fs::path corpus = fs::path(PINGCHA_SOURCE_DIR) / "fuzz" / "corpus";
    size_t seen = 0;
    for (const auto& target : fs::directory_iterator(corpus)) {
        const auto entry = pingcha::fuzz::entry(target.path().filename().string());
        ASSERT_NE(entry, nullptr) << target.path();
        for (const auto& file : fs::directory_iterator(target.path())) {
            entry(read_all(file.path()));
            ++seen;
        }
    }
    EXPECT_GT(seen, 20u);
}

}  // namespace
