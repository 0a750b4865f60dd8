// `pingcha eval` reads JSON Lines in blocks and, with --jobs, on several threads: its output
// must equal reading the whole input at once (same results, same sources and line numbers,
// same rejections in the same order), whatever the block boundaries and the thread count.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "command.hpp"
#include "eval/evaluator.hpp"
#include "plan/compiler.hpp"
#include "record/input_blocks.hpp"
#include "record/loader.hpp"
#include "report/case_report.hpp"
#include "test_scale.hpp"

namespace pingcha {
namespace {

namespace fs = std::filesystem;
using testing::run_command;
using testing::shell_quoted;

fs::path temp_path(const std::string& name) {
    std::string file = "pingcha-stream-";
    file += std::to_string(::getpid());
    file += '-';
    file += name;
    return fs::temp_directory_path() / file;
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// What eval --format json prints for `text` read whole, in process.
std::string reference_output(const std::string& path, const std::string& text) {
    Diagnostics diags;
    auto pack = load_rule_pack(std::string(PINGCHA_SOURCE_DIR) + "/rules/bench", diags);
    Evaluator evaluator(*pack);
    CaseReader reader(pack->keys);
    std::string out;
    reader.read(path, text, [&](const Record* record, const RecordRejection* bad) {
        if (bad) append_rejection_json(out, bad->case_id, bad->source, bad->to_string());
        else append_result_json(out, evaluator.evaluate(*record), pack->info, record->source);
        out += '\n';
    });
    return out;
}

// A gen.py corpus larger than two input blocks, with broken lines at the start, in the
// middle and at the end (no line end after the last).
class EvalStream : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        const fs::path gen = fs::path(PINGCHA_SOURCE_DIR) / ".." / "shared" / "bench" / "gen.py";
        if (!fs::exists(gen)) return;
        const fs::path raw = temp_path("raw.jsonl");
        const auto r = run_command("python3 " + shell_quoted(gen) + " --n 4500 --seed 13 --out " + shell_quoted(raw));
        ASSERT_EQ(r.status, 0) << r.out;
        std::ifstream in(raw, std::ios::binary);
        std::string line;
        std::ostringstream s;
        s << "\xEF\xBB\xBF{\"format\":\"case-file/1\",\"id\":\"甲\"}\n";
        for (int k = 0; std::getline(in, line); ++k) {
            s << line << "\n";
            if (k % 1000 == 999) s << "\n{\"format\":\"case-file/1\",\"id\":\"坏" << k << "\",\n  \r\n";
        }
        s << "{\"id\": \"最后\", \"dates\": ";
        corpus_ = new std::string(s.str());
        fs::remove(raw);
    }
    static void TearDownTestSuite() { delete corpus_; }
    void SetUp() override {
        if (!corpus_) GTEST_SKIP() << "no ../shared/bench/gen.py";
        ASSERT_GT(corpus_->size(), 2 * InputBlocks::kBlock);
    }
    static std::string* corpus_;
};
std::string* EvalStream::corpus_ = nullptr;

TEST_F(EvalStream, BlocksAndJobsGiveTheWholeInputOutput) {
    const fs::path file = temp_path("corpus.jsonl");
    write(file, *corpus_);
    const std::string expected = reference_output(file.string(), *corpus_);
    const std::string eval = shell_quoted(PINGCHA_BINARY) + " eval --rules " +
                             shell_quoted(fs::path(PINGCHA_SOURCE_DIR) / "rules" / "bench") + " --format json ";
    std::string first_stderr;
    // Scaled down (the sanitizer suite), three threads add no code path to two.
    const std::vector<const char*> job_counts =
        testing::scaled_down() ? std::vector<const char*>{"1", "2"} : std::vector<const char*>{"1", "2", "3"};
    for (const char* jobs : job_counts) {
        const fs::path err = temp_path("err.txt");
        const auto r = run_command(eval + "--jobs " + jobs + " " + shell_quoted(file) + " 2>" + shell_quoted(err));
        EXPECT_EQ(r.status, 2) << "rejected records make the exit status 2";
        EXPECT_TRUE(r.out == expected) << "--jobs " << jobs << ": output differs from reading the input whole";
        std::ifstream e(err);
        std::ostringstream es;
        es << e.rdbuf();
        if (first_stderr.empty()) first_stderr = es.str();
        EXPECT_EQ(es.str(), first_stderr) << "--jobs " << jobs;
        fs::remove(err);
    }
    size_t rejections = 0;
    for (size_t at = 0; (at = first_stderr.find("拒收记录", at)) != std::string::npos; ++at) ++rejections;
    EXPECT_EQ(rejections, 5u) << first_stderr;
    const auto piped = run_command(eval + "--jobs 2 - < " + shell_quoted(file) + " 2>/dev/null");
    std::string from_stdin = expected;
    for (size_t at; (at = from_stdin.find(file.string())) != std::string::npos;)
        from_stdin.replace(at, file.string().size(), "<stdin>");
    EXPECT_TRUE(piped.out == from_stdin);
    fs::remove(file);
}

// A JSON array larger than a block (4 MiB) is read whole, not block by block. Its 400 cases
// carry 12 KB of padding each under `extra`: as many bytes as 3,000 plain ones, for a seventh
// of the evaluation (36 s of the sanitizer suite before).
TEST_F(EvalStream, LargeArrayIsReadWhole) {
    std::string array = "[";
    std::istringstream in(*corpus_);
    std::string line;
    bool first = true;
    const std::string padded_extra = "\"extra\":{\"pad\":\"" + std::string(12000, 'x') + "\",";
    for (int k = 0; std::getline(in, line) && k < 400; ++k) {
        if (!line.starts_with("{\"format\":\"case-file/1\",\"id\":\"深")) continue;
        if (const size_t at = line.find("\"extra\":{"); at != std::string::npos) line.replace(at, 9, padded_extra);
        if (!first) array += ",\n";
        array += line;
        first = false;
    }
    array += "]\n";
    ASSERT_GT(array.size(), InputBlocks::kBlock);
    const fs::path file = temp_path("array.json");
    write(file, array);
    const auto r = run_command(shell_quoted(PINGCHA_BINARY) + " eval --jobs 2 --rules " +
                               shell_quoted(fs::path(PINGCHA_SOURCE_DIR) / "rules" / "bench") + " --format json " +
                               shell_quoted(file) + " 2>/dev/null");
    EXPECT_EQ(r.status, 0);
    EXPECT_TRUE(r.out == reference_output(file.string(), array));
    fs::remove(file);
}

// Before the first read the buffer has no storage at all (a null pointer, which memchr and
// memcpy must not be given: the sanitizer build checks).
TEST(InputBlocks, EmptyInputGivesNoBlock) {
    EXPECT_EQ(count_lines(std::string_view()), 0u);
    const fs::path file = temp_path("empty.txt");
    write(file, "");
    std::FILE* in = std::fopen(file.c_str(), "rb");
    ASSERT_TRUE(in);
    InputBlocks blocks(in, 4);
    std::string_view block;
    EXPECT_FALSE(blocks.next(block));
    EXPECT_EQ(blocks.read_through(), 0u);
    EXPECT_EQ(blocks.rest(100), "");
    std::fclose(in);
    fs::remove(file);
}

TEST(InputBlocks, WholeLinesAndNothingLost) {
    const std::string text = "a\nbb\n\nccccccccccccccccccccccccccccccc\nd\r\ne";
    {
        const fs::path file = temp_path("rest.txt");
        write(file, text);
        std::FILE* in = std::fopen(file.c_str(), "rb");
        InputBlocks blocks(in, 4);
        std::string_view block;
        ASSERT_TRUE(blocks.next(block));
        EXPECT_EQ(blocks.rest(1000), text) << "rest() starts at the last block returned";
        std::fclose(in);
        in = std::fopen(file.c_str(), "rb");
        InputBlocks bounded(in, 4);
        ASSERT_TRUE(bounded.next(block));
        EXPECT_LE(bounded.rest(10).size(), 10u + (1u << 16)) << "reading stops once past max_bytes";
        std::fclose(in);
        fs::remove(file);
    }
    const fs::path file = temp_path("blocks.txt");
    write(file, text);
    std::FILE* in = std::fopen(file.c_str(), "rb");
    ASSERT_TRUE(in);
    InputBlocks blocks(in, 4);
    std::string joined;
    size_t blocks_read = 0;
    std::string_view block;
    while (blocks.next(block)) {
        joined += block;
        ++blocks_read;
        EXPECT_EQ(blocks.read_through(), joined.size());
        EXPECT_TRUE(block.ends_with('\n') || joined.size() == text.size()) << block;
    }
    std::fclose(in);
    fs::remove(file);
    EXPECT_EQ(joined, text);
    EXPECT_GE(blocks_read, 3u);
}

// Lines are numbered by the reader of each block, which returns how many line ends it
// passed; the next block's numbers start from there. Over four of one thread's blocks, with
// CRLF line ends, blank lines and lines of blanks, every result and rejection must name its
// exact line, with one thread and with two (whose parts of a block are numbered before they
// are read; over several of their larger blocks: EvalStream). Small, for the sanitizer suite.
TEST(EvalLineNumbers, ExactAcrossBlocksWithCrlfAndBlankLines) {
    const std::string note(2000, 'x');
    std::string text;
    std::string sources;   // the line of each record, in output order
    std::string rejected;  // what stderr must say, trimmed as below
    size_t line = 1;
    for (size_t k = 0; text.size() < 3 * InputBlocks::kCachedBlock + 50000; ++k, ++line) {
        if (k % 11 == 5) {
            text += "\r\n";
            continue;
        }
        if (k % 13 == 7) {
            text += "   \n";
            continue;
        }
        const std::string id = std::to_string(k);
        if (k % 17 == 0) {
            text += R"({"format":"case-file/1","id":"坏)" + id + R"(","dates":{"filed":"2024-13-01"}})";
            rejected += ":" + std::to_string(line) + ": 案件 坏" + id + ": 字段 dates.filed\n";
        } else {
            text += R"({"format":"case-file/1","id":")" + id + R"(","extra":{"note":")" + note + R"("}})";
        }
        text += k % 2 ? "\r\n" : "\n";
        sources += std::to_string(line) + "\n";
    }
    text += R"({"format":"case-file/1","id":"最后"})";  // no line end
    sources += std::to_string(line) + "\n";
    const fs::path file = temp_path("lines.jsonl"), err = temp_path("lines.err");
    write(file, text);
    for (const char* jobs : {"1", "2"}) {
        const auto out = run_command(shell_quoted(PINGCHA_BINARY) + " eval --jobs " + jobs + " --rules " +
                                     shell_quoted(fs::path(PINGCHA_SOURCE_DIR) / "rules" / "bench") + " --format json " +
                                     shell_quoted(file) + " 2>" + shell_quoted(err) + " | " +
                                     "grep -o '\"source\":\"[^\"]*:[0-9]*\"' | grep -o '[0-9]*\"$' | tr -d '\"'");
        EXPECT_TRUE(out.out == sources) << "--jobs " << jobs;
        const auto stderr_lines = run_command(
            "sed -E 's/^pingcha: 拒收记录：[^:]*(:[0-9]+: 案件 [^:]*: 字段 [a-z.]*).*/\\1/' " + shell_quoted(err));
        EXPECT_TRUE(stderr_lines.out == rejected) << "--jobs " << jobs << ":\n" << stderr_lines.out.substr(0, 2000);
    }
    fs::remove(file);
    fs::remove(err);
}

TEST(EvalInputLimit, JsonLinesBeyondMaxInputBytesAreCutOff) {
    const std::string src = PINGCHA_SOURCE_DIR;
    const std::string eval = std::string(PINGCHA_BINARY) + " eval --rules " + shell_quoted(src + "/rules/demo") +
                             " --limit max_input_bytes=1K";
    auto r = run_command("cat " + shell_quoted(src + "/samples/demo/batch.jsonl") + " | " + eval + " - 2>&1");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.out.find("输入 <stdin> 超过 max_input_bytes 限制（1024 字节）"), std::string::npos) << r.out;
    r = run_command(eval + " " + shell_quoted(src + "/samples/demo/batch.jsonl") + " 2>&1");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.out.find("超过 max_input_bytes 限制（1024 字节）：文件有 "), std::string::npos) << r.out;
}

}  // namespace
}  // namespace pingcha
