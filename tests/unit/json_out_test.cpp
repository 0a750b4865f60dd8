// The direct JSON writers (append_result_json, ResultJsonWriter, json_out) against nlohmann's rendering
// (result_to_json(...).dump()): byte-identical on every sample, on a generated benchmark
// corpus with broken lines, and on tricky strings and numbers.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <vector>

#include <unistd.h>

#include "command.hpp"
#include "test_scale.hpp"
#include "eval/evaluator.hpp"
#include "plan/compiler.hpp"
#include "record/loader.hpp"
#include "report/case_report.hpp"
#include "core/json_out.hpp"

namespace pingcha {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::unique_ptr<RulePack> load(const fs::path& pack_dir) {
    Diagnostics diags;
    auto pack = load_rule_pack(pack_dir.string(), diags);
    EXPECT_TRUE(pack) << pack_dir;
    return pack;
}

// Evaluates `text` with `pack` and compares both renderings of every result and
// rejection; returns how many lines were compared.
size_t compare_renderings(const std::unique_ptr<RulePack>& pack, const std::string& name, const std::string& text) {
    if (!pack) return 0;
    Evaluator evaluator(*pack);
    const ResultJsonWriter writer(*pack);
    CaseReader reader(pack->keys);
    size_t compared = 0;
    std::string fast, by_pack;
    reader.read(name, text, [&](const Record* record, const RecordRejection* bad) {
        fast.clear();
        std::string reference;
        if (bad) {
            const std::string message = bad->to_string();
            reference = rejection_to_json(bad->case_id, bad->source, message).dump();
            append_rejection_json(fast, bad->case_id, bad->source, message);
        } else {
            const CaseResult result = evaluator.evaluate(*record);
            reference = result_to_json(result, pack->info, record->source).dump();
            append_result_json(fast, result, pack->info, record->source);
            by_pack.clear();
            writer.append(by_pack, result, record->source);
            EXPECT_EQ(by_pack, reference);
        }
        EXPECT_EQ(fast, reference);
        ++compared;
    });
    return compared;
}

TEST(JsonOut, SameBytesAsNlohmannOnEverySample) {
    const fs::path root = fs::path(PINGCHA_SOURCE_DIR);
    size_t files = 0, lines = 0;
    for (const auto& dir : fs::directory_iterator(root / "samples")) {
        const fs::path pack_dir = root / "rules" / dir.path().filename();
        if (!dir.is_directory() || !fs::exists(pack_dir)) continue;
        const auto pack = load(pack_dir);  // once per folder, not once per file
        for (const auto& f : fs::directory_iterator(dir.path())) {
            const auto ext = f.path().extension();
            if (!f.is_regular_file() || (ext != ".json" && ext != ".jsonl")) continue;
            lines += compare_renderings(pack, f.path().string(), slurp(f.path()));
            ++files;
        }
    }
    EXPECT_GT(files, 20u);
    EXPECT_GT(lines, files);
}

TEST(JsonOut, SameBytesAsNlohmannOnGeneratedCorpus) {
    const fs::path root = fs::path(PINGCHA_SOURCE_DIR);
    const fs::path gen = root / ".." / "shared" / "bench" / "gen.py";
    if (!fs::exists(gen)) GTEST_SKIP() << "no " << gen;
    const fs::path corpus = fs::temp_directory_path() / ("pingcha-json-out-" + std::to_string(::getpid()) + ".jsonl");
    const size_t cases = testing::scaled(3000);
    const auto r = testing::run_command("python3 " + testing::shell_quoted(gen) + " --n " + std::to_string(cases) +
                                        " --seed 11 --out " + testing::shell_quoted(corpus));
    ASSERT_EQ(r.status, 0) << r.out;
    std::string text = slurp(corpus);
    fs::remove(corpus);
    text += "{\"format\":\"case-file/1\",\"id\":\"坏\\u0001\\\"\\\\\",\"dates\":{\n[1,2]\nnot json\n";
    EXPECT_EQ(compare_renderings(load(root / "rules" / "bench"), "corpus.jsonl", text), cases + 3);
}

TEST(JsonOut, TrickyValuesMatchDump) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    j["控制\x01\x1f\x7f"] = "引号\"反斜杠\\ \b\t\n\f\r 中文 😀";
    j["numbers"] = {0.1, 1e20, 1e-7, 20000.0, -0.0, 14814.81, 1.0 / 3, std::numeric_limits<double>::infinity(),
                    std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::max()};
    j["ints"] = {std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(), 0, -1};
    j["nested"] = {{"a", nlohmann::ordered_json::array()}, {"b", nlohmann::ordered_json::object()},
                   {"c", nullptr}, {"d", true}, {"e", false}, {"z", {{"y", 1}, {"x", {1, "2", nullptr}}}}};
    std::string out;
    json_out::value(out, j);
    EXPECT_EQ(out, j.dump());
}

TEST(JsonOut, EscapesAtEveryOffsetOfAWord) {
    for (const char special : {'"', '\\', '\n', '\x01', '\x1f', ' ', '\x7f', '/'})
        for (size_t before = 0; before < 20; ++before)
            for (size_t after = 0; after < 10; ++after) {
                const std::string s = std::string(before, 'a') + special + "中文" + std::string(after, 'b');
                std::string out;
                json_out::string(out, s);
                EXPECT_EQ(out, nlohmann::ordered_json(s).dump()) << before << " " << after << " " << int(special);
            }
}

// One or two bytes to escape at every position of texts up to three 16-byte blocks long,
// the last byte included (the last block is read overlapping the one before it).
TEST(JsonOut, EscapesAtEveryOffsetOfABlock) {
    for (size_t length = 1; length <= 48; ++length)
        for (size_t at = 0; at < length; ++at)
            for (const char special : {'"', '\\', '\x1f'}) {
                std::string s(length, 'a');
                s[at] = special;
                for (const size_t second : {at, length - 1, (at * 7) % length}) {
                    std::string t = s;
                    t[second] = '\n';
                    std::string out;
                    json_out::escaped(out, t);
                    ASSERT_EQ(out, nlohmann::ordered_json(t).dump()) << length << " " << at << " " << second;
                }
            }
}

// Every control character, quotes and backslashes alone, in runs and between long runs of
// plain ASCII and multibyte UTF-8, in texts of every length up to a few words: `escaped`
// (no UTF-8 check) and `string` write what dump() writes.
TEST(JsonOut, EscapedMatchesDumpOnMixedRuns) {
    std::vector<std::string> pieces = {"\"", "\\", "\"\"\\\\", "中文", "😀", "é", "\x7f", "/", std::string(40, 'x'),
                                       std::string(1, '\0'), "\x01\x02\x1f"};
    for (int c = 0; c < 0x20; ++c) pieces.push_back(std::string(1, static_cast<char>(c)));
    std::string long_chinese;
    for (int k = 0; k < 30; ++k) long_chinese += "行政处罚";
    pieces.push_back(long_chinese);
    for (const auto& a : pieces)
        for (const auto& b : pieces)
            for (size_t pad = 0; pad < 17; ++pad) {
                const std::string s = a + std::string(pad, 'p') + b;
                const std::string expected = nlohmann::ordered_json(s).dump();
                std::string unchecked = "x", checked;
                json_out::escaped(unchecked, s);
                json_out::string(checked, s);
                EXPECT_EQ(unchecked, "x" + expected);
                EXPECT_EQ(checked, expected);
            }
    std::string empty;
    json_out::escaped(empty, "");
    EXPECT_EQ(empty, "\"\"");
}

TEST(JsonOut, InvalidUtf8ThrowsLikeDump) {
    const std::string bad = "ab\xff";
    std::string out;
    EXPECT_THROW(json_out::string(out, bad), nlohmann::ordered_json::type_error);
    EXPECT_THROW((void)nlohmann::ordered_json(bad).dump(), nlohmann::ordered_json::type_error);
}

}  // namespace
}  // namespace pingcha
