// Hostile and awkward input through the real binary: the committed corpus in
// tests/bad-inputs/ (manifest.tsv gives each file's expected exit status and message), and
// inputs too large to commit, generated here: a 100 MB JSON Lines line, 100,000 nested
// parentheses and a 100,000-term operator chain in a rule file. Also the `--limit` option.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "command.hpp"
#include "core/limits.hpp"
#include "test_scale.hpp"

namespace {

namespace fs = std::filesystem;
using pingcha::testing::run_command;
using pingcha::testing::shell_quoted;

const fs::path kSource = PINGCHA_SOURCE_DIR;
const fs::path kCorpus = kSource / "tests" / "bad-inputs";

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct Case {
    std::string command, file;
    int status = 0;
    std::string expect;
};

std::vector<Case> manifest() {
    std::ifstream in(kCorpus / "manifest.tsv");
    std::vector<Case> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        Case c;
        std::string status;
        std::getline(fields, c.command, '\t');
        std::getline(fields, c.file, '\t');
        std::getline(fields, status, '\t');
        std::getline(fields, c.expect);
        c.status = std::stoi(status);
        out.push_back(c);
    }
    return out;
}

class BadInputs : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("pingcha-bad-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string pingcha(const std::string& args) {
        return "cd " + shell_quoted(kSource) + " && " + shell_quoted(PINGCHA_BINARY) + " " + args + " 2>&1";
    }
    std::string eval(const fs::path& file, const std::string& extra = "") {
        return pingcha("eval --rules rules/demo --format json " + extra + " " + shell_quoted(file));
    }
    fs::path dir_;
};

TEST_F(BadInputs, Manifest) {
    const auto cases = manifest();
    ASSERT_GE(cases.size(), 20u);
    int db = 0;
    for (const auto& c : cases) {
        SCOPED_TRACE(c.command + " " + c.file);
        const fs::path file = kCorpus / c.file;
        ASSERT_TRUE(fs::exists(file));
        std::string command;
        if (c.command == "eval") command = eval(file);
        else if (c.command == "import") command = pingcha("import --db " + shell_quoted(dir_ / (std::to_string(++db) + ".db")) + " " + shell_quoted(file));
        else if (c.command == "check") command = pingcha("check " + shell_quoted(file));
        else if (c.command == "fmt") command = pingcha("fmt " + shell_quoted(file));
        else if (c.command == "laws")
            command = pingcha("laws import " + shell_quoted(file) + " --out " + shell_quoted(dir_ / (std::to_string(++db) + ".pc")));
        else FAIL() << "unknown command " << c.command;
        const auto r = run_command(command);
        EXPECT_EQ(r.status, c.status) << r.out;
        EXPECT_NE(r.out.find(c.expect), std::string::npos) << "expected: " << c.expect << "\ngot:\n" << r.out.substr(0, 4000);
    }
}

// A 100 MB line is rejected by its size without being parsed; the records around it are kept.
TEST_F(BadInputs, HundredMegabyteLine) {
    std::ifstream clean(kSource / "samples" / "demo" / "clean.json");
    std::stringstream ss;
    ss << clean.rdbuf();
    std::string record = ss.str();
    std::erase(record, '\n');
    const fs::path file = dir_ / "huge.jsonl";
    {
        std::ofstream out(file, std::ios::binary);
        out << record << "\n{\"format\":\"case-file/1\",\"id\":\"大\",\"note\":\"" << std::string(100u << 20, 'x') << "\"}\n";
        std::string second = record;
        second.replace(second.find("3号"), 4, "9号");
        out << second << "\n";
    }
    const auto r = run_command(eval(file));
    EXPECT_EQ(r.status, 2) << r.out.substr(0, 2000);
    EXPECT_NE(r.out.find("huge.jsonl:2: 记录有 104857645 字节，超过 max_record_bytes 限制（67108864 字节）"),
              std::string::npos) << r.out.substr(0, 2000);
    EXPECT_NE(r.out.find("\"case\":\"深汕住建罚〔2024〕3号\""), std::string::npos);
    EXPECT_NE(r.out.find("\"case\":\"深汕住建罚〔2024〕9号\""), std::string::npos);

    const auto imported = run_command(pingcha("import --db " + shell_quoted(dir_ / "r.db") + " " + shell_quoted(file)));
    EXPECT_EQ(imported.status, 0) << imported.out.substr(0, 2000);
    EXPECT_NE(imported.out.find("新增案卷 2，新修订 0，未变 0，拒收 1"), std::string::npos) << imported.out.substr(0, 2000);
    EXPECT_NE(imported.out.find("max_record_bytes"), std::string::npos);
}

// The same file is accepted or refused according to --limit.
TEST_F(BadInputs, LimitsAreConfigurable) {
    const fs::path deep = kCorpus / "deep-array.json";
    auto r = run_command(eval(kSource / "samples" / "demo" / "clean.json", "--limit max_json_depth=2"));
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_NE(r.out.find("嵌套超过 max_json_depth 限制（2 层）"), std::string::npos) << r.out;
    r = run_command(eval(deep, "--limit max_json_depth=20000"));
    EXPECT_EQ(r.status, 0) << r.out.substr(0, 2000);

    r = run_command(eval(kSource / "samples" / "demo" / "clean.json", "--limit max_string_bytes=20"));
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.out.find("字段 id: 字符串有 29 字节，超过 max_string_bytes 限制（20 字节）"), std::string::npos) << r.out;
    r = run_command(eval(kSource / "samples" / "demo" / "clean.json", "--limit max_list_length=1"));
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.out.find("字段 basis: 数组超过 max_list_length 限制（1 项）"), std::string::npos) << r.out;
    r = run_command(eval(kSource / "samples" / "demo" / "clean.json", "--limit max_input_bytes=1K"));
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.out.find("超过 max_input_bytes 限制（1024 字节）"), std::string::npos) << r.out;
    r = run_command("cat " + shell_quoted(kSource / "samples" / "demo" / "clean.json") + " | (" +
                    eval("-", "--limit max_input_bytes=1K") + ")");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.out.find("<stdin> 超过 max_input_bytes 限制（1024 字节）"), std::string::npos) << r.out;
    r = run_command(eval(kSource / "samples" / "demo" / "array.json", "--limit max_record_bytes=200"));
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.out.find("array.json#0: 案件 深汕住建罚〔2024〕41号: 记录有 265 字节，超过 max_record_bytes 限制（200 字节）"),
              std::string::npos) << r.out;

    r = run_command(pingcha("check --limit max_rule_file_bytes=100 rules/demo"));
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_NE(r.out.find("超过 max_rule_file_bytes 限制（100 字节）"), std::string::npos) << r.out;
    r = run_command(pingcha("check --limit max_pack_files=2 rules/demo"));
    EXPECT_NE(r.out.find("error[E0005]"), std::string::npos) << r.out;
}

TEST_F(BadInputs, BadLimitOptionsAreUsageErrors) {
    auto r = run_command(pingcha("check --limit max_depth=3 rules/demo"));
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.out.find("未知的限制「max_depth」（可用：max_input_bytes、"), std::string::npos) << r.out;
    r = run_command(pingcha("check --limit max_expr_depth=0 rules/demo"));
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.out.find("限制 max_expr_depth 的值应为正整数"), std::string::npos) << r.out;
    r = run_command(pingcha("check --limit max_expr_depth rules/demo"));
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.out.find("名称=值"), std::string::npos) << r.out;
    r = run_command(pingcha("check --limit max_expr_depth=99999999999999999999999 rules/demo"));
    EXPECT_EQ(r.status, 2);
}

fs::path write_rule_file(const fs::path& dir, const std::string& name, const std::string& expr) {
    const fs::path file = dir / name;
    std::ofstream(file, std::ios::binary) << "pack deep version \"1\"\nsection A \"甲\" max 10\n\ndef x = " << expr
                                          << "\n";
    return file;
}

// 100,000 nested parentheses: a diagnostic at the point where the expression goes too deep
// (line 4, column 9 + 200), never a stack overflow; the same for a 100,000-term chain.
TEST_F(BadInputs, DeepExpressionsAreDiagnosed) {
    const size_t n = 100000;
    const fs::path parens = write_rule_file(dir_, "parens.pc", std::string(n, '(') + "1" + std::string(n, ')'));
    auto r = run_command(pingcha("check " + shell_quoted(parens)));
    EXPECT_EQ(r.status, 1) << r.out.substr(0, 2000);
    EXPECT_NE(r.out.find("parens.pc:4:209: error[E0106]: 表达式嵌套过深：超过 max_expr_depth 限制（200 层）"),
              std::string::npos) << r.out.substr(0, 2000);

    std::string chain = "1";
    for (size_t k = 0; k < n; ++k) chain += " + 1";
    const fs::path sum = write_rule_file(dir_, "chain.pc", chain);
    r = run_command(pingcha("check " + shell_quoted(sum)));
    EXPECT_EQ(r.status, 1) << r.out.substr(0, 2000);
    EXPECT_NE(r.out.find("chain.pc:4:"), std::string::npos) << r.out.substr(0, 2000);
    EXPECT_NE(r.out.find("error[E0106]"), std::string::npos) << r.out.substr(0, 2000);

    std::string nots;
    for (size_t k = 0; k < n; ++k) nots += "not ";
    r = run_command(pingcha("check " + shell_quoted(write_rule_file(dir_, "not.pc", nots + "true"))));
    EXPECT_NE(r.out.find("error[E0106]"), std::string::npos) << r.out.substr(0, 2000);
    r = run_command(pingcha("check " + shell_quoted(write_rule_file(dir_, "neg.pc", std::string(n, '-') + "1"))));
    EXPECT_NE(r.out.find("error[E0106]"), std::string::npos) << r.out.substr(0, 2000);
    r = run_command(pingcha("check " + shell_quoted(write_rule_file(dir_, "list.pc", std::string(n, '[') + std::string(n, ']')))));
    EXPECT_NE(r.out.find("error[E0106]"), std::string::npos) << r.out.substr(0, 2000);
    std::string members = "a";
    for (size_t k = 0; k < n; ++k) members += ".b";
    r = run_command(pingcha("check " + shell_quoted(write_rule_file(dir_, "member.pc", members))));
    EXPECT_NE(r.out.find("error[E0106]"), std::string::npos) << r.out.substr(0, 2000);

    // Within the limit the same shape is fine, and the limit can be raised.
    r = run_command(pingcha("check " + shell_quoted(write_rule_file(dir_, "ok.pc", std::string(150, '(') + "1" + std::string(150, ')')))));
    EXPECT_EQ(r.out.find("E0106"), std::string::npos) << r.out.substr(0, 2000);
    r = run_command(pingcha("check --limit max_expr_depth=20 " + shell_quoted(dir_ / "ok.pc")));
    EXPECT_NE(r.out.find("ok.pc:4:29: error[E0106]: 表达式嵌套过深：超过 max_expr_depth 限制（20 层）"), std::string::npos)
        << r.out.substr(0, 2000);
}

// `fmt` parses with the same limits as `check`, including `--limit`, for its first parse and
// for the parse that verifies its output.
TEST_F(BadInputs, FmtAppliesTheParserLimits) {
    const fs::path ok = write_rule_file(dir_, "ok.pc", std::string(150, '(') + "1" + std::string(150, ')'));
    auto r = run_command(pingcha("fmt " + shell_quoted(ok)));
    EXPECT_EQ(r.status, 0) << r.out.substr(0, 2000);
    for (const std::string command : {"check", "fmt"}) {
        r = run_command(pingcha(command + " --limit max_expr_depth=20 " + shell_quoted(ok)));
        EXPECT_NE(r.status, 0) << command;
        EXPECT_NE(r.out.find("ok.pc:4:29: error[E0106]: 表达式嵌套过深：超过 max_expr_depth 限制（20 层）"), std::string::npos)
            << command << "\n" << r.out.substr(0, 2000);
    }
    const fs::path deeper = write_rule_file(dir_, "deeper.pc", std::string(250, '(') + "1" + std::string(250, ')'));
    r = run_command(pingcha("fmt " + shell_quoted(deeper)));
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.out.find("deeper.pc:4:209: error[E0106]"), std::string::npos) << r.out.substr(0, 2000);
    r = run_command(pingcha("fmt --limit max_expr_depth=300 " + shell_quoted(deeper)));
    EXPECT_EQ(r.status, 0) << r.out.substr(0, 2000);

    const fs::path parens = write_rule_file(dir_, "parens.pc", std::string(100000, '(') + "1" + std::string(100000, ')'));
    r = run_command(pingcha("fmt --check " + shell_quoted(parens)));
    EXPECT_EQ(r.status, 2) << r.out.substr(0, 2000);
    EXPECT_NE(r.out.find("parens.pc:4:209: error[E0106]"), std::string::npos) << r.out.substr(0, 2000);
}

// `laws import` reads no law text over max_law_text_bytes (it names the file and writes
// nothing), skips what is not a regular file, reads hostile texts within the limit in linear
// time, and refuses to write a catalog that the rule-pack loader would refuse.
TEST_F(BadInputs, LawTextLimits) {
    const fs::path laws = dir_ / "laws";
    fs::create_directories(laws / "行政法");
    const std::string header = "2020年1月1日第十三届全国人民代表大会常务委员会第十五次会议通过\n<!-- INFO END -->\n";
    std::ofstream(laws / "行政法" / "小法.md") << "# 小法\n" << header << "第一条 本法自2020年3月1日起施行。\n";
    auto import = [&](const std::string& extra) {
        return run_command(pingcha("laws import " + shell_quoted(laws) + " --out " + shell_quoted(dir_ / "laws.pc") +
                                   " " + extra));
    };
    auto r = import("--limit max_law_text_bytes=100");
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_NE(r.out.find("laws/行政法/小法.md: 错误：文件有 165 字节，超过 max_law_text_bytes 限制（100 字节），未读取"),
              std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(dir_ / "laws.pc"));
    r = import("--limit max_rule_file_bytes=100");
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_NE(r.out.find("超过 max_rule_file_bytes 限制（100 字节），规则包将无法加载它；未写出"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(dir_ / "laws.pc"));

    // Within the limit, shapes that used to take quadratic time: a 12 MB line of clause
    // candidates, a title of a million full-width spaces, a month of a million ○. Scaled
    // down (test_scale.hpp), the texts and the limit they are measured against shrink alike.
    const size_t scale = pingcha::testing::test_scale();
    const size_t limit = pingcha::Limits{}.max_law_text_bytes / scale;
    const std::string limit_option = scale > 1 ? "--limit max_law_text_bytes=" + std::to_string(limit) : "";
    std::string candidates;
    for (size_t k = 0; k < 1300000 / scale; ++k) candidates += "本法自";
    std::ofstream(laws / "行政法" / "长行法.md") << "# 长行法\n" << header << "第一条 " << candidates << "\n";
    std::string spaces;
    for (size_t k = 0; k < 1000000 / scale; ++k) spaces += "\u3000";
    std::ofstream(laws / "行政法" / "宽标题法.md") << "# 宽" << spaces << "标题法\n" << header;
    std::string zeros;
    for (size_t k = 0; k < 1000000 / scale; ++k) zeros += "○";
    std::ofstream(laws / "行政法" / "零法.md") << "# 零法\n2020年" << zeros << "月1日通过\n" << header;
    ASSERT_EQ(::mkfifo((laws / "行政法" / "管道.md").c_str(), 0600), 0);
    r = import(limit_option);
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("文本 5 个，导入 4 部法规，跳过 1 个文件"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("跳过 行政法/管道.md：不是普通文件（如管道或设备），未读取"), std::string::npos) << r.out;
    EXPECT_NE(read_text(dir_ / "laws.pc").find("law \"宽标题法\""), std::string::npos);

    // A text that grows past the default limit (16 MiB; scaled down, the same fraction of it)
    // is refused the same way.
    const fs::path big = laws / "行政法" / "大法.md";
    std::ofstream(big) << "# 大法\n" << header << candidates << candidates;
    ASSERT_GT(fs::file_size(big), limit);
    r = import(limit_option);
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_NE(r.out.find("laws/行政法/大法.md: 错误：文件有 " + std::to_string(fs::file_size(big)) + " 字节"),
              std::string::npos) << r.out;
    EXPECT_NE(r.out.find("超过 max_law_text_bytes 限制（" + std::to_string(limit) + " 字节），未读取"), std::string::npos)
        << r.out;
    r = import("--limit max_law_text_bytes=" + std::to_string(2 * limit));
    EXPECT_EQ(r.status, 0) << r.out;
}

// A pack may not reach outside its folder through a symbolic link either.
TEST_F(BadInputs, PackImportsStayInsideThePack) {
    fs::create_directories(dir_ / "pack");
    std::ofstream(dir_ / "secret.pc") << "# not part of the pack\n";
    fs::create_symlink(dir_ / "secret.pc", dir_ / "pack" / "linked.pc");
    std::ofstream(dir_ / "pack" / "pack.pc") << "pack p version \"1\"\n";
    auto r = run_command(pingcha("check " + shell_quoted(dir_ / "pack")));
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("error[E0004]"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("linked.pc"), std::string::npos) << r.out;

    fs::remove(dir_ / "pack" / "linked.pc");
    std::ofstream(dir_ / "pack" / "pack.pc") << "pack p version \"1\"\nimport \"sub/../../secret.pc\"\n";
    r = run_command(pingcha("check " + shell_quoted(dir_ / "pack")));
    EXPECT_NE(r.out.find("error[E0004]"), std::string::npos) << r.out;

    // Inside the folder, subfolders are fine.
    fs::create_directories(dir_ / "pack" / "sub");
    std::ofstream(dir_ / "pack" / "sub" / "more.pc") << "section A \"甲\" max 10\n";
    std::ofstream(dir_ / "pack" / "pack.pc") << "pack p version \"1\"\nimport \"sub/more.pc\"\n";
    r = run_command(pingcha("check " + shell_quoted(dir_ / "pack")));
    EXPECT_EQ(r.out.find("E0004"), std::string::npos) << r.out;
}

// CSV input meets the same limits, named per row and column.
TEST_F(BadInputs, CsvLimits) {
    const fs::path csv = dir_ / "cases.csv";
    std::ofstream(csv, std::ios::binary) << "format,id,penalty.kinds[],extra.deep:json\n"
                                         << "case-file/1,A1,罚款;警告;没收,\n"
                                         << "case-file/1,A2,罚款," << "\"" << std::string(40, '[') << std::string(40, ']')
                                         << "\"\n"
                                         << "case-file/1," << std::string(300, 'x') << ",,\n";
    const auto r = run_command(pingcha("import --db " + shell_quoted(dir_ / "c.db") +
                                       " --limit max_list_length=2 --limit max_json_depth=10 --limit max_string_bytes=200 " +
                                       shell_quoted(csv)));
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("cases.csv:2: 字段 penalty.kinds[]: 列表超过 max_list_length 限制（2 项）"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("cases.csv:3: 字段 extra.deep:json:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("max_json_depth 限制（10 层）"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("cases.csv:4: 字段 id: 单元格有 300 字节，超过 max_string_bytes 限制（200 字节）"), std::string::npos) << r.out;
}

}  // namespace
