// Golden end-to-end tests: run the real `pingcha eval` binary on every file under
// samples/<pack>/ with rules/<pack>/, and compare its JSON Lines output with
// samples/<pack>/expected/<file>.jsonl. PINGCHA_UPDATE_GOLDEN=1 rewrites the expected files.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "command.hpp"

namespace fs = std::filesystem;

namespace {

using Output = pingcha::testing::CommandOutput;
Output run(const std::string& command) { return pingcha::testing::run_command(command); }

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The digest changes with every edit of the pack; its presence and form are checked, its
// value is not part of the golden text.
std::string without_digest(const std::string& s) {
    static const std::regex digest("\"digest\":\"[0-9a-f]{64}\"");
    return std::regex_replace(s, digest, "\"digest\":\"…\"");
}

struct Sample {
    std::string pack;
    fs::path file;
};

void PrintTo(const Sample& s, std::ostream* os) { *os << s.file.filename().string(); }

std::vector<Sample> samples() {
    std::vector<Sample> out;
    const fs::path root = fs::path(PINGCHA_SOURCE_DIR) / "samples";
    for (const auto& dir : fs::directory_iterator(root)) {
        if (!dir.is_directory() || !fs::exists(fs::path(PINGCHA_SOURCE_DIR) / "rules" / dir.path().filename())) continue;
        for (const auto& f : fs::directory_iterator(dir.path())) {
            const auto ext = f.path().extension();
            if (f.is_regular_file() && (ext == ".json" || ext == ".jsonl"))
                out.push_back({dir.path().filename().string(), f.path()});
        }
    }
    std::sort(out.begin(), out.end(), [](const Sample& a, const Sample& b) { return a.file < b.file; });
    return out;
}

class Golden : public ::testing::TestWithParam<Sample> {};

TEST_P(Golden, EvalOutputMatchesExpected) {
    const Sample& s = GetParam();
    const fs::path relative = fs::relative(s.file, PINGCHA_SOURCE_DIR);
    const Output r = run("cd '" + std::string(PINGCHA_SOURCE_DIR) + "' && '" + PINGCHA_BINARY + "' eval --rules rules/" +
                      s.pack + " --format json '" + relative.string() + "' 2>/dev/null");
    const fs::path expected = s.file.parent_path() / "expected" / (s.file.stem().string() + ".jsonl");
    if (std::getenv("PINGCHA_UPDATE_GOLDEN")) {
        fs::create_directories(expected.parent_path());
        std::ofstream(expected, std::ios::binary) << r.out;
    }
    ASSERT_TRUE(fs::exists(expected)) << "no golden file " << expected << " (run with PINGCHA_UPDATE_GOLDEN=1)";
    const std::string want = read(expected);
    EXPECT_EQ(without_digest(r.out), without_digest(want));
    EXPECT_NE(r.out.find("\"digest\":\""), std::string::npos);
    const bool any_rejected = want.find("\"error\":") != std::string::npos;
    EXPECT_EQ(r.status, any_rejected ? 2 : 0);
}

std::string name_of(const ::testing::TestParamInfo<Sample>& info) {
    std::string n = info.param.pack + "_" + info.param.file.filename().string();
    for (char& c : n)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return n;
}

INSTANTIATE_TEST_SUITE_P(Samples, Golden, ::testing::ValuesIn(samples()), name_of);

TEST(Cli, BrokenRulePackExitsTwoWithDiagnostics) {
    const fs::path dir = fs::temp_directory_path() / "pingcha_broken_pack";
    fs::create_directories(dir);
    std::ofstream(dir / "p.pc") << "pack p version \"1\"\nsection 甲 \"甲\" max 10\ngrade 合格 otherwise\n"
                                   "rule R-1 in 甲 warn when dates.decide > 2024-01-01 says \"x\"\n";
    const Output r = run(pingcha::testing::shell_quoted(PINGCHA_BINARY) + " eval --rules " +
                         pingcha::testing::shell_quoted(dir) + " - </dev/null 2>&1");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.out.find("p.pc:4:25: error[E0203]: 未知字段 'dates.decide'（是否想写 'dates.decided'？）"), std::string::npos)
        << r.out;
    fs::remove_all(dir);
}

TEST(Cli, WrongFlagIsAnError) {
    const Output r = run(pingcha::testing::shell_quoted(PINGCHA_BINARY) + " eval --no-such-flag 2>&1");
    EXPECT_NE(r.status, 0);
}

}  // namespace

namespace {

TEST(Cli, StandardInputGivesTheSameResultsAsTheFile) {
    const std::string cd = "cd " + pingcha::testing::shell_quoted(PINGCHA_SOURCE_DIR) + " && ";
    const std::string eval = pingcha::testing::shell_quoted(PINGCHA_BINARY) + " eval --rules rules/demo --format json ";
    const Output from_file = run(cd + eval + "samples/demo/batch.jsonl 2>/dev/null");
    const Output from_stdin = run(cd + eval + "- < samples/demo/batch.jsonl 2>/dev/null");
    EXPECT_EQ(from_stdin.status, 2);  // one record of the batch is rejected on purpose
    EXPECT_EQ(std::regex_replace(from_stdin.out, std::regex("<stdin>"), "samples/demo/batch.jsonl"), from_file.out);
}

}  // namespace
