// The simdjson reader against the reference (nlohmann SAX) reader: the same records and the
// same rejections on every sample, on a generated corpus with broken lines added, and on
// tricky inputs; and the input limits it enforces itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "command.hpp"
#include "test_scale.hpp"
#include "core/keys.hpp"
#include "record/loader.hpp"
#include "record/simd_reader.hpp"

namespace pingcha {
namespace {

namespace fs = std::filesystem;

void describe(const Value& v, const KeyTable& keys, std::string& out) {
    out += std::to_string(static_cast<int>(v.kind));
    switch (v.kind) {
        case ValueKind::boolean: out += v.b ? "t" : "f"; break;
        case ValueKind::integer:
        case ValueKind::days: out += std::to_string(v.i); break;
        case ValueKind::decimal:
        case ValueKind::money: out += std::to_string(v.q.num) + "/" + std::to_string(v.q.den); break;
        case ValueKind::text: out += "\"" + std::string(v.as_text()) + "\""; break;
        case ValueKind::date: out += std::to_string(v.date); break;
        case ValueKind::list:
            out += "[";
            for (const Value& item : v) describe(item, keys, out), out += ",";
            out += "]";
            break;
        case ValueKind::object:
            out += "{";
            for (uint32_t k = 0; k < v.size; ++k) {
                out += keys.name(v.fields[k].key) + ":";
                describe(v.fields[k].value, keys, out);
                out += ",";
            }
            out += "}";
            break;
        case ValueKind::missing: break;
    }
}

// One line per record: its source and content, or the rejection as printed.
std::vector<std::string> read_all(const std::string& text, JsonReader engine, const Limits& limits = {}) {
    static const KeyTable keys = case_file_keys();
    CaseReader reader(keys, limits, engine);
    std::vector<std::string> out;
    reader.read("input.jsonl", text, [&](const Record* record, const RecordRejection* bad) {
        if (bad) {
            out.push_back("拒收 " + bad->to_string());
            return;
        }
        std::string line = record->source + " ";
        describe(record->root, keys, line);
        out.push_back(line);
    });
    return out;
}

void expect_same(const std::string& text, const std::string& what) {
    const auto fast = read_all(text, JsonReader::fast);
    const auto reference = read_all(text, JsonReader::reference);
    ASSERT_EQ(fast.size(), reference.size()) << what;
    for (size_t k = 0; k < fast.size(); ++k) EXPECT_EQ(fast[k], reference[k]) << what << " record " << k;
}

// Each body after `head` read alone, then all of them as one file, lines ended by `line_end`.
void expect_each_and_all(const std::string& head, const std::vector<std::string>& bodies, const std::string& line_end,
                         const std::string& what) {
    std::string lines;
    for (const auto& body : bodies) {
        expect_same(head + body + "\n", body);
        lines += head + body + line_end;
    }
    expect_same(lines, what);
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// `n` records of ../shared/bench/gen.py with `seed`, as JSON Lines (a test failure and
// nothing when it cannot run).
std::string generated_corpus(size_t n, int seed) {
    const fs::path corpus = fs::temp_directory_path() / ("pingcha-simd-reader-" + std::to_string(seed) + ".jsonl");
    const auto gen = testing::run_command("python3 " + std::string(PINGCHA_SOURCE_DIR) + "/../shared/bench/gen.py --n " +
                                          std::to_string(n) + " --seed " + std::to_string(seed) + " --out " +
                                          testing::shell_quoted(corpus));
    EXPECT_EQ(gen.status, 0) << gen.out;
    std::string text = gen.status == 0 ? slurp(corpus) : std::string();
    fs::remove(corpus);
    return text;
}

// The lines of a text whose every line ends in '\n'.
std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    for (size_t at = 0; at < text.size();) {
        const size_t end = text.find('\n', at);
        lines.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    return lines;
}

TEST(SimdReader, SamplesReadAlike) {
    std::vector<fs::path> samples;
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(PINGCHA_SOURCE_DIR) / "samples")) {
        const auto ext = entry.path().extension();
        if (ext == ".json" || ext == ".jsonl") samples.push_back(entry.path());
    }
    std::sort(samples.begin(), samples.end());
    size_t files = 0, generated = 0;
    for (const fs::path& path : samples) {
        // samples/batch/ holds 300 files of one generator: scaled down, a subset of them.
        if (path.parent_path().filename() == "batch" && !testing::nth_is_used(generated++)) continue;
        ++files;
        const std::string text = slurp(path);
        expect_same(text, path.string());
        // Each sample also as one JSON Lines line, where the fast reader is used.
        std::string line;
        for (char c : text)
            if (c != '\n' && c != '\r') line += c;
        if (!line.empty() && line.front() == '{') expect_same(line + "\n" + line + "\n", path.string() + " (one line)");
    }
    EXPECT_GT(files, 10u);
}

TEST(SimdReader, GeneratedCorpusReadsAlike) {
    std::string text = generated_corpus(400, 11);
    // Broken and invalid records between the generated ones.
    text += "{\"format\":\"case-file/1\",\"id\":\"b\",\"extra\":{\"n\":-}}\n";
    text += "{\"format\":\"case-file/1\",\"id\":\"c\",\"penalty\":{\"fine\":-5}}\n";
    text += "not json\n";
    text += "{\"format\":\"case-file/1\",\"id\":\"d\",\"dates\":{\"act\":\"2023-02-30\"}}\n";
    text += "[1,2]\n";
    text += "{\"format\":\"case-file/1\",\"id\":\"e\",\"basis\":[{\"article\":0}]}\n";
    expect_same(text, "gen.py corpus");
    EXPECT_EQ(read_all(text, JsonReader::fast).size(), 406u);
}

// The fast reader checks the JSON grammar itself, token by token after simdjson's first
// stage: every generated record, and each of many copies with a byte changed, inserted or
// removed (at random, with a fixed seed), must read as the reference reads it.
TEST(SimdReader, MutatedRecordsReadAlike) {
    const std::string text = generated_corpus(40, 5);
    const auto lines = lines_of(text);
    ASSERT_EQ(lines.size(), 40u);
    // Bytes that matter to the grammar, to strings and to numbers.
    static constexpr std::string_view kBytes = "{}[]:,\"\\ 0123456789-+.eEtfnul\x01\xe4\xb8\xad/bu";
    uint64_t state = 20251127;
    const auto random = [&](size_t n) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<size_t>((state >> 33) % n);
    };
    std::string mutated;
    const size_t copies = testing::scaled(60, 15);
    for (const std::string_view line : lines) {
        mutated += line;
        mutated += '\n';
        for (size_t k = 0; k < copies; ++k) {
            std::string m(line);
            const size_t at = random(m.size());
            switch (random(3)) {
                case 0: m[at] = kBytes[random(kBytes.size())]; break;
                case 1: m.insert(at, 1, kBytes[random(kBytes.size())]); break;
                default: m.erase(at, 1);
            }
            mutated += m + "\n";
        }
    }
    expect_same(mutated, "mutated records");
}

// The fast reader decides valid records itself (the reference reader is only its fallback):
// every generated line, and texts with escapes.
TEST(SimdReader, AcceptsValidRecordsItself) {
    std::string text = generated_corpus(50, 3);
    text += "{\"format\":\"case-file/1\",\"id\":\"e\",\"cause\":\"a\\n\\u4e2d\\uD83D\\uDE00\\\"\",\"extra\":{\"s\":\"\\/\"}}\n";
    const KeyTable keys = case_file_keys();
    const Limits limits;
    SimdRecordReader fast(keys, limits);
    Record record;
    const auto lines = lines_of(text);
    for (const std::string_view line : lines)
        EXPECT_EQ(fast.read(line, record), SimdRecordReader::Outcome::accepted) << line;
    EXPECT_EQ(lines.size(), 51u);
    EXPECT_EQ(record.root.get(*keys.find("cause")).as_text(), "a\n中😀\"");
}

// Members and elements are read into room sized by the largest of their kind so far, moved
// when it fills: a list of 200, then short ones, then 70 again, all read alike.
TEST(SimdReader, ListsLongerThanTheRoomReadAlike) {
    const auto record = [](size_t items) {
        std::string list;
        for (size_t k = 0; k < items; ++k)
            list += std::string(k ? "," : "") + "{\"kind\":\"书证\",\"collected\":\"2023-01-0" + std::to_string(1 + k % 9) + "\"}";
        return "{\"format\":\"case-file/1\",\"id\":\"l" + std::to_string(items) + "\",\"evidence\":[" + list + "]}\n";
    };
    expect_same(record(3) + record(200) + record(1) + record(0) + record(70) + record(65) + record(2), "long lists");
}

// Escapes in texts are decoded by the fast reader, as by the reference.
TEST(SimdReader, EscapedTextsReadAlike) {
    const std::string head = "{\"format\":\"case-file/1\",\"id\":\"e\",";
    expect_each_and_all(head,
                        {"\"cause\":\"行\\n政\\t\\\"处\\\\罚\\/\\b\\f\\r\"}",
                         "\"cause\":\"\\u4e2d\\u6587 \\u00e9 \\uD83D\\uDE00 \\u0041\"}",
                         "\"cause\":\"\\u0000\"}", "\"cause\":\"\\uDE00\"}", "\"cause\":\"\\uD83D\\u0041\"}",
                         "\"cause\":\"\\x\"}", "\"cause\":\"\\u12\"}", "\"extra\":{\"a\\u0062\":\"\\\"\"}}",
                         "\"territory\":\"shen\\u007ahen\"}", "\"dates\":{\"act\":\"2023\\u002d01-02\"}}",
                         "\"basis\":[{\"article\":\"第\\u4e00条\"}]}"},
                        "\n", "escapes");
}

// A string token usually ends right before the next token; these end before blanks, are
// empty, end in an escaped quote or backslash, or are unclosed at the end of the line.
TEST(SimdReader, StringEndsReadAlike) {
    const std::string head = "{\"format\":\"case-file/1\",\"id\":\"s\",";
    expect_each_and_all(head,
                        {"\"cause\":\"c\" ,\"territory\" : \"shenzhen\"\t}", "\"cause\":\"\",\"territory\":\"\"}",
                         "\"cause\":\"\\\"\",\"extra\":{\"q\":\"\\\\\"}}", "\"cause\":\"a\\\"\" }",
                         "\"cause\" :\"c\"\n ,\"party\":{\"kind\":\"individual\" , \"name\":\"n\"}}",
                         "\"cause\":[\"a\" ,\"b\"]}", "\"extra\":{\"a\":[\"x\" ]}}", "\"cause\":\"c"},
                        "\n", "string ends");
}

TEST(SimdReader, TrickyInputsReadAlike) {
    const std::string head = "{\"format\":\"case-file/1\",\"id\":\"x\",";
    const std::vector<std::string> bodies = {
        "\"id\":\"dup\"}",                                          // duplicate key
        "\"extra\":{\"a\":1,\"a\":2}}",                            // duplicate key outside the schema
        "\"extra\":{\"n\":1e400}}",                                // out of double range
        "\"extra\":{\"n\":-0,\"m\":-0.0,\"k\":0e5}}",              // negative zero
        "\"penalty\":{\"fine\":12345678901234.56}}",               // 16 digits
        "\"penalty\":{\"fine\":0.10000000000000001}}",             // 17 digits, rounds to 0.1 as a double
        "\"penalty\":{\"fine\":123456789012345678}}",              // 18-digit amount
        "\"penalty\":{\"fine\":99999999999999999999}}",            // beyond 64 bits
        "\"penalty\":{\"fine\":1.5e3,\"amounts\":{\"contract_price\":2E+2,\"x\":1}}}",
        "\"circumstance\":{\"prior_violations_1y\":3.0}}",
        "\"circumstance\":{\"prior_violations_1y\":1e2}}",
        "\"circumstance\":{\"prior_violations_1y\":1.5}}",
        "\"extra\":{\"n\":NaN}}",                                  // not JSON
        "\"cause\":\"\xff\xfe\"}",                                 // invalid UTF-8
        "\"cause\":\"\\ud800\"}",                                  // lone surrogate
        "\"cause\":\"a\\\"b\\\\\",\"extra\":{\"q\":\"\\\"1\",\"n\":2.50}}",  // escapes before a number
        "\"extra\":" + std::string(60, '[') + std::string(60, ']') + "}",   // deep nesting
        "\"basis\":[{\"law\":\"建筑法\",\"article\":\"第六十四条第二款\"},{\"article\":7},null]}",
        "\"procedure\":\"other\"}",
        "\"hearing\":{\"notified\":\"yes\"}}",
        "\"id\":\"\"}",
        "\"officers\":{}}",
        "\"dates\":{\"act\":\"2024-02-29\",\"decided\":null}}",
        "\"extra\":{\"big\":18446744073709551615,\"neg\":-9223372036854775808}}",
        "\"territory\":\"shenzhen\"}   ",
        "\"territory\":\"shenzhen\"} {}",
    };
    expect_each_and_all(head, bodies, "\r\n", "all, CRLF");
    expect_same("\xEF\xBB\xBF" + head + "\"cause\":\"bom\"}\n" + head + "\"cause\":\"2\"}", "BOM, no final newline");
}

// The fast reader takes a double's text (which decides the exact amount) from the line, as
// the number token at its position among the number tokens; these put doubles after
// strings holding quotes, digits and minus signs, in lists, among other numbers, in
// exponent forms and between blanks.
TEST(SimdReader, NumberTextsReadAlike) {
    const std::string head = "{\"format\":\"case-file/1\",\"id\":\"x-1\",";
    const std::vector<std::string> bodies = {
        "\"cause\":\"12.5 \\\" -3 \\\\\",\"penalty\":{\"fine\":0.25}}",
        "\"cause\":\"\\\\\",\"extra\":{\"-1\":[1,-2.5,3e2,\"4.5\",[5.25,{\"6\":-0.125}]]},\"penalty\":{\"fine\":7.75}}",
        "\"extra\":{\"a\":[0.5,0.25,1,2,3]},\"penalty\":{\"fine\" : 12.50 ,\"amounts\":{\"contract_price\":\t3.5E+1 }}}",
        "\"penalty\":{\"fine\":1.23e2,\"amounts\":{\"contract_price\":100.0,\"illegal_income\":2.5e-1}}}",
        "\"penalty\":{\"fine\":1.234e2}}",  // 12340 fen: exact
        "\"penalty\":{\"fine\":1.2345e2}}",  // 12345/10 fen: not whole fen
        "\"basis\":[{\"article\":12},{\"article\":\"第3条\"}],\"penalty\":{\"fine\":-1.5}}",
        "\"penalty\":{\"fine\":0.10000000000000001,\"amounts\":{\"contract_price\":0.1}}}",
        "\"extra\":{\"s\":\"\\u0022\\\"1.5\",\"t\":[\"]\",\"}\",\"2\"],\"n\":9.875},\"penalty\":{\"fine\":3.5}}",
        // Amounts with one or two decimals take a shorter way to fen than longer ones.
        "\"penalty\":{\"fine\":0.05}}", "\"penalty\":{\"fine\":12.00}}", "\"penalty\":{\"fine\":1.230}}",
        "\"penalty\":{\"fine\":1.235}}", "\"penalty\":{\"fine\":-0.5}}", "\"penalty\":{\"fine\":-0.00}}",
        "\"penalty\":{\"fine\":92233720368547757.99}}", "\"penalty\":{\"fine\":92233720368547758.07}}",
        "\"penalty\":{\"fine\":92233720368547758.08}}",
        "\"penalty\":{\"fine\":0.1000000000000000000000001}}",
    };
    expect_each_and_all(head, bodies, "\n", "all");
    // A BOM after the first line is no blank: the line is not JSON.
    expect_same(head + "\"cause\":\"1\"}\n\xEF\xBB\xBF" + head + "\"penalty\":{\"fine\":2.5}}\n", "BOM on line 2");
}

// The fast reader remembers the key order of the last object of each shape and trusts a
// name that matches it without a look-up; these records follow each other so that the
// prediction is right, wrong, or right up to a duplicate.
TEST(SimdReader, KeyOrderPredictionReadsAlike) {
    const auto record = [](const std::string& body) { return "{\"format\":\"case-file/1\"," + body + "}\n"; };
    const std::string doc = "{\"type\":\"t\",\"date\":\"2023-01-02\",\"signed\":true}";
    const std::vector<std::string> runs[] = {
        // Keys in another order than the record before, at the top and in list elements.
        {record("\"id\":\"a\",\"cause\":\"c\",\"documents\":[" + doc + "," + doc + "]"),
         record("\"cause\":\"c\",\"id\":\"b\",\"documents\":[{\"date\":\"2023-01-02\",\"type\":\"t\"}," + doc + "]"),
         record("\"id\":\"c\",\"cause\":\"c\",\"documents\":[" + doc + "]")},
        // A duplicate after names that all matched the order, and past its end.
        {record("\"id\":\"d\",\"cause\":\"c\""), record("\"id\":\"d\",\"cause\":\"c\",\"cause\":\"x\""),
         record("\"id\":\"d\",\"id\":\"e\""),
         record("\"id\":\"d\",\"documents\":[" + doc + ",{\"type\":\"t\",\"date\":\"2023-01-02\",\"type\":\"u\"}]")},
        // The order learnt from a shorter object must not vouch for a longer one: a, b, c;
        // then c; then c, b, c (a duplicate of a name the order still lists further on).
        {record("\"id\":\"f\",\"party\":{\"kind\":\"individual\",\"name\":\"n\"},\"cause\":\"c\""),
         record("\"cause\":\"c\""), record("\"cause\":\"c\",\"party\":{},\"cause\":\"c\""),
         record("\"cause\":\"c\",\"id\":\"g\",\"cause\":\"c\"")},
        // A rejected object must not leave a duplicate in the order: b, b twice.
        {record("\"id\":\"h\",\"cause\":\"c\""), record("\"cause\":\"c\",\"cause\":\"c\",\"id\":\"h\""),
         record("\"cause\":\"c\",\"cause\":\"c\",\"id\":\"h\"")},
        // Missing required fields after records that had them.
        {record("\"id\":\"i\",\"cause\":\"c\""), record("\"cause\":\"c\""), record("\"id\":null,\"cause\":\"c\""),
         "{\"id\":\"j\",\"cause\":\"c\"}\n", record("\"id\":\"\",\"cause\":\"c\"")},
        // Names outside the KeyTable, predicted, moved and repeated.
        {record("\"id\":\"k\",\"zz\":1,\"extra\":{\"q\":1,\"r\":[1]},\"dates\":{\"zz\":\"x\",\"act\":\"2023-01-02\"}"),
         record("\"id\":\"k\",\"zz\":1,\"extra\":{\"q\":1,\"r\":[1]},\"dates\":{\"zz\":\"x\",\"act\":\"2023-01-02\"}"),
         record("\"id\":\"k\",\"zz\":1,\"zz\":2"), record("\"zz\":1,\"id\":\"k\",\"extra\":{\"r\":1,\"q\":2,\"q\":3}"),
         record("\"id\":\"k\",\"extra\":{\"q\":1,\"r\":[1],\"r\":2}"),
         record("\"id\":\"k\",\"dates\":{\"zz\":\"x\",\"act\":\"2023-01-02\",\"zz\":\"y\"}")},
    };
    for (const auto& run : runs) {
        std::string text;
        for (const auto& line : run) text += line;
        expect_same(text, text);
        size_t rejected = 0;
        for (const auto& out : read_all(text, JsonReader::fast)) rejected += out.rfind("拒收", 0) == 0;
        EXPECT_EQ(rejected == 0, &run == &runs[0]) << text;  // all but the first have bad records
    }
}

// An optional member absent from one object is passed over: the names after it are still
// predicted (a few entries ahead in the order). Duplicates must still be found, across the
// names passed over too, and the order must never come to list a name twice.
TEST(SimdReader, AbsentMembersKeepThePrediction) {
    const auto record = [](const std::string& dates) {
        return "{\"format\":\"case-file/1\",\"id\":\"d\",\"dates\":{" + dates + "}}\n";
    };
    const auto d = [](const std::string& name, int day) {
        return "\"" + name + "\":\"2023-01-" + (day < 10 ? "0" : "") + std::to_string(day) + "\"";
    };
    const std::string all = d("act", 1) + "," + d("discovered", 2) + "," + d("filed", 3) + "," + d("notice", 4) + "," +
                            d("hearing", 5) + "," + d("legal_review", 6) + "," + d("decided", 7) + "," + d("served", 8);
    const std::vector<std::pair<std::string, bool>> runs[] = {  // (dates, valid), read in turn
        {{all, true},
         {d("act", 1) + "," + d("filed", 3) + "," + d("decided", 7), true},        // passes over one, then two
         {d("act", 1) + "," + d("served", 8), true},                               // six ahead: looked up
         {all, true},
         {d("act", 1) + "," + d("notice", 4) + "," + d("decided", 7) + "," + d("served", 8), true}},
        {{all, true},
         {d("act", 1) + "," + d("filed", 3) + "," + d("discovered", 2), true},     // one passed over comes later
         {d("act", 1) + "," + d("discovered", 2) + "," + d("filed", 3) + "," + d("discovered", 2), false},
         {d("act", 1) + "," + d("filed", 3) + "," + d("filed", 4), false},         // a name found ahead, twice
         {d("act", 1) + "," + d("filed", 3) + "," + d("act", 4), false},           // before the one passed over
         {d("act", 1) + "," + d("filed", 3) + "," + d("discovered", 2) + "," + d("discovered", 2), false},
         {all, true},
         {all + "," + d("act", 9), false},
         {all, true}},
        {{all, true},
         {d("discovered", 2) + "," + d("act", 1) + "," + d("filed", 3), true},
         {d("act", 1) + "," + d("notice", 4) + "," + d("act", 1), false},
         {all, true}},
    };
    for (const auto& run : runs) {
        std::string text;
        for (const auto& [dates, valid] : run) text += record(dates);
        expect_same(text, text);
        const auto out = read_all(text, JsonReader::fast);
        ASSERT_EQ(out.size(), run.size());
        for (size_t k = 0; k < run.size(); ++k) EXPECT_EQ(out[k].rfind("拒收", 0) != 0, run[k].second) << k << " " << out[k];
    }
}

// A predicted name is recognised with its colon in one comparison (names up to 13 bytes) or
// byte by byte (longer ones): both must still see a name that only starts or ends like the
// one learnt, and a missing colon.
TEST(SimdReader, PredictedNamesNeedTheirColon) {
    const auto record = [](const std::string& cause, const std::string& collective) {
        return "{\"format\":\"case-file/1\",\"id\":\"a\"," + cause + "\"c\"," + collective + "true}\n";
    };
    const std::string learnt = record("\"cause\":", "\"collective_decision\":");
    const std::vector<std::pair<std::string, bool>> cases = {  // (record, valid)
        {learnt, true},
        {record("\"cause\" :", "\"collective_decision\" :"), true},
        {record("\"cause\",", "\"collective_decision\":"), false},
        {record("\"cause\":", "\"collective_decision\","), false},
        {record("\"cause\"", "\"collective_decision\":"), false},
        {record("\"caus\":", "\"collective_decisio\":"), true},
        {record("\"causes\":", "\"collective_decisions\":"), true},
        {record("\"cause\\u0020\":", "\"collective\\u005fdecision\":"), true},
    };
    for (const auto& [line, valid] : cases) {
        const std::string text = learnt + line + learnt;
        expect_same(text, line);
        const auto out = read_all(text, JsonReader::fast);
        ASSERT_EQ(out.size(), 3u) << line;
        EXPECT_EQ(out[1].rfind("拒收", 0) != 0, valid) << line << out[1];
        EXPECT_EQ(out[2].rfind("拒收", 0), std::string::npos) << out[2];
    }
}

// The fast reader remembers the dates and article citations it parsed; every text read
// twice, valid or not, must still give what the reference reader gives.
TEST(SimdReader, RepeatedDatesAndArticlesReadAlike) {
    std::string text;
    for (int pass = 0; pass < 2; ++pass) {
        for (int year : {2023, 2024})
            for (int month = 0; month <= 13; ++month)
                for (int day = 0; day <= 32; day += (day < 27 ? 9 : 1)) {
                    char date[40];  // room for any int, as -Wformat-truncation counts
                    std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
                    text += "{\"format\":\"case-file/1\",\"id\":\"d\",\"dates\":{\"act\":\"" + std::string(date) + "\"}}\n";
                }
        for (const char* article : {"第六十四条第二款", "57-1", "第二十条之一", "条", "第〇条", "64"})
            text += "{\"format\":\"case-file/1\",\"id\":\"a\",\"basis\":[{\"article\":\"" + std::string(article) + "\"}]}\n";
    }
    expect_same(text, "dates and articles, twice");
}

TEST(SimdReader, NamesTheFieldOfARejectionDeepInAList) {
    Limits limits;
    limits.max_string_bytes = 12;
    const std::string docs = "{\"type\":\"a\"},{\"type\":\"b\"},{\"type\":\"c\"},{\"type\":\"d\",\"date\":\"2023-01-02T00:00\"}";
    const std::string text = "{\"format\":\"case-file/1\",\"id\":\"p\",\"documents\":[" + docs + "]}\n" +
                             "{\"format\":\"case-file/1\",\"id\":\"q\",\"extra\":{\"a\":[0,{\"b\":[\"1234567890abc\"]}]}}\n";
    const std::vector<std::string> want = {
        "拒收 input.jsonl:1: 案件 p: 字段 documents[3].date: 字符串有 16 字节，超过 max_string_bytes 限制（12 字节）",
        "拒收 input.jsonl:2: 案件 q: 字段 extra.a[1].b[0]: 字符串有 13 字节，超过 max_string_bytes 限制（12 字节）"};
    EXPECT_EQ(read_all(text, JsonReader::fast, limits), want);
    EXPECT_EQ(read_all(text, JsonReader::reference, limits), want);
}

TEST(SimdReader, EnforcesLimitsNamingTheField) {
    // Each case is read by both readers: the same rejection, worded as docs/limits.md says.
    const auto expect = [](const std::string& text, const Limits& limits, const std::vector<std::string>& want) {
        EXPECT_EQ(read_all(text, JsonReader::fast, limits), want);
        EXPECT_EQ(read_all(text, JsonReader::reference, limits), want);
    };
    Limits limits;
    limits.max_json_depth = 4;
    expect("{\"format\":\"case-file/1\",\"id\":\"d\",\"extra\":{\"a\":[[{\"b\":1}]]}}\n", limits,
           {"拒收 input.jsonl:1: 案件 d: 字段 extra.a[0][0]: 嵌套超过 max_json_depth 限制（4 层）"});
    limits = {};
    limits.max_string_bytes = 12;
    expect("{\"format\":\"case-file/1\",\"id\":\"s\",\"cause\":\"1234567890abc\"}\n", limits,
           {"拒收 input.jsonl:1: 案件 s: 字段 cause: 字符串有 13 字节，超过 max_string_bytes 限制（12 字节）"});
    expect("{\"format\":\"case-file/1\",\"id\":\"k\",\"extra\":{\"1234567890abc\":1}}\n", limits,
           read_all("{\"format\":\"case-file/1\",\"id\":\"k\",\"extra\":{\"1234567890abc\":1}}\n",
                    JsonReader::reference, limits));
    limits = {};
    limits.max_list_length = 2;
    expect("{\"format\":\"case-file/1\",\"id\":\"l\",\"evidence\":[{},{},{}]}\n", limits,
           {"拒收 input.jsonl:1: 案件 l: 字段 evidence: 数组超过 max_list_length 限制（2 项）"});
    limits = {};
    limits.max_record_bytes = 10;
    expect("{\"format\":\"case-file/1\",\"id\":\"r\"}\n{}\n", limits,
           {"拒收 input.jsonl:1: 记录有 33 字节，超过 max_record_bytes 限制（10 字节）",
            "拒收 input.jsonl:2: 字段 format: 缺少必填字段"});
}

TEST(SimdReader, LimitsOnTheBadInputsReadAlike) {
    // harden's bad-input corpus, each JSON Lines file under tight limits, both readers alike.
    Limits limits;
    limits.max_json_depth = 3;
    limits.max_string_bytes = 8;
    limits.max_list_length = 1;
    size_t files = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(PINGCHA_SOURCE_DIR) / "tests" / "bad-inputs")) {
        const auto ext = entry.path().extension();
        if (ext != ".json" && ext != ".jsonl") continue;
        ++files;
        std::string line;
        for (char c : slurp(entry.path()))
            if (c != '\n' && c != '\r') line += c;
        const std::string text = line + "\n" + line + "\n";
        EXPECT_EQ(read_all(text, JsonReader::fast, limits), read_all(text, JsonReader::reference, limits))
            << entry.path();
        EXPECT_EQ(read_all(text, JsonReader::fast), read_all(text, JsonReader::reference)) << entry.path();
    }
    EXPECT_GT(files, 10u);
}

}  // namespace
}  // namespace pingcha
