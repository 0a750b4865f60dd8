#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "record/loader.hpp"
#include "record/record.hpp"

namespace {

using pingcha::CaseReader;
using pingcha::KeyTable;
using pingcha::Rational;
using pingcha::Record;
using pingcha::RecordRejection;
using pingcha::Value;
using pingcha::ValueKind;

// The case-file keys plus a few that a rule pack might read under `extra`.
KeyTable test_keys() {
    KeyTable keys = pingcha::case_file_keys();
    for (const char* name : {"inspector", "visits", "ratio", "urgent", "tags", "meta"}) keys.intern(name);
    return keys;
}

// Follows `a.b[1].c` with KeyTable::find and Value::get; missing when any step is absent.
Value at(const KeyTable& keys, Value v, std::string_view path) {
    for (size_t i = 0; i < path.size();) {
        if (path[i] == '.') {
            ++i;
        } else if (path[i] == '[') {
            const size_t close = path.find(']', i);
            const auto n = std::stoul(std::string(path.substr(i + 1, close - i - 1)));
            v = v.kind == ValueKind::list && n < v.size ? v.items[n] : Value{};
            i = close + 1;
        } else {
            const size_t end = std::min(path.find_first_of(".[", i), path.size());
            const auto id = keys.find(path.substr(i, end - i));
            EXPECT_TRUE(id) << "key not in table: " << path.substr(i, end - i);
            v = id ? v.get(*id) : Value{};
            i = end;
        }
    }
    return v;
}

std::string show(const KeyTable& keys, const Value& v) {
    switch (v.kind) {
        case ValueKind::missing: return "missing";
        case ValueKind::boolean: return v.b ? "bool:true" : "bool:false";
        case ValueKind::integer: return "int:" + std::to_string(v.i);
        case ValueKind::days: return "days:" + std::to_string(v.i);
        case ValueKind::decimal:
        case ValueKind::money: {
            std::string out = v.kind == ValueKind::money ? "money:" : "decimal:";
            out += std::to_string(v.q.num);
            return v.q.den == 1 ? out : out + "/" + std::to_string(v.q.den);
        }
        case ValueKind::text: return "text:" + std::string(v.as_text());
        case ValueKind::date: return "date:" + v.as_date().to_string();
        case ValueKind::list: return "list:" + std::to_string(v.size);
        case ValueKind::object: {
            std::string out = "object:";
            for (uint32_t k = 0; k < v.size; ++k) out += (k ? "," : "") + keys.name(v.fields[k].key);
            return out;
        }
    }
    return "?";
}

struct Outcome {
    std::string source;
    std::optional<RecordRejection> rejection;
    std::map<std::string, std::string> values;  // shown values at the requested paths
};

// Reads `text` and keeps, per record, its source or rejection and the values at `paths`.
std::vector<Outcome> load(std::string_view text, const std::vector<std::string>& paths = {},
                          std::string_view file = "t.jsonl") {
    const KeyTable keys = test_keys();
    CaseReader reader(keys);
    std::vector<Outcome> out;
    reader.read(file, text, [&](const Record* record, const RecordRejection* rejection) {
        EXPECT_NE(record == nullptr, rejection == nullptr);
        Outcome o;
        if (rejection) {
            o.source = rejection->source;
            o.rejection = *rejection;
        } else {
            o.source = record->source;
            for (const auto& p : paths) o.values[p] = show(keys, at(keys, record->root, p));
        }
        out.push_back(std::move(o));
    });
    return out;
}

std::string rec(std::string_view id, std::string_view body = {}) {
    std::string s = R"({"format":"case-file/1","id":")";
    s.append(id).append("\"");
    if (!body.empty()) s.append(",").append(body);
    return s.append("}");
}

// The single rejection from loading one line `{format, id:"A1", <body>}`.
RecordRejection reject_one(std::string_view body) {
    const auto out = load(rec("A1", body));
    EXPECT_EQ(out.size(), 1u);
    if (out.empty() || !out[0].rejection) {
        ADD_FAILURE() << "accepted: " << body;
        return {};
    }
    return *out[0].rejection;
}

void expect_rejected(std::string_view body, std::string_view field, std::string_view message) {
    const auto r = reject_one(body);
    EXPECT_EQ(r.field, field) << body;
    EXPECT_EQ(r.message, message) << body;
    EXPECT_EQ(r.source, "t.jsonl:1") << body;
}

// ------------------------------------------------------------------------------- money

TEST(Loader, MoneyIsExactFen) {
    const auto out = load(rec("A1", R"("penalty":{"fine":14814.81,"confiscated":0.29,"amounts":{
        "illegal_gains":0.1,"goods_value":0.2,"contract_price":1e2,"project_cost":12345678901234567.89}})"),
                          {"penalty.fine", "penalty.confiscated", "penalty.amounts.illegal_gains",
                           "penalty.amounts.goods_value", "penalty.amounts.contract_price",
                           "penalty.amounts.project_cost"});
    ASSERT_EQ(out.size(), 1u);
    ASSERT_FALSE(out[0].rejection) << out[0].rejection->to_string();
    EXPECT_EQ(out[0].values.at("penalty.fine"), "money:1481481");
    EXPECT_EQ(out[0].values.at("penalty.confiscated"), "money:29");
    EXPECT_EQ(out[0].values.at("penalty.amounts.illegal_gains"), "money:10");
    EXPECT_EQ(out[0].values.at("penalty.amounts.goods_value"), "money:20");
    EXPECT_EQ(out[0].values.at("penalty.amounts.contract_price"), "money:10000");
    EXPECT_EQ(out[0].values.at("penalty.amounts.project_cost"), "money:1234567890123456789");
}

TEST(Loader, MoneySumsStayExact) {
    const KeyTable keys = test_keys();
    CaseReader reader(keys);
    int records = 0;
    reader.read("t.jsonl", rec("A1", R"("penalty":{"fine":0.1,"confiscated":0.2})"),
                [&](const Record* record, const RecordRejection* rejection) {
                    ASSERT_TRUE(record) << rejection->to_string();
                    ++records;
                    const auto fine = at(keys, record->root, "penalty.fine").rational();
                    const auto confiscated = at(keys, record->root, "penalty.confiscated").rational();
                    EXPECT_EQ(*fine.plus(confiscated), Rational(30));
                });
    EXPECT_EQ(records, 1);
}

TEST(Loader, WholeYuanAndSeventeenDigitAmounts) {
    const auto out = load(rec("A1", R"("penalty":{"fine":5,"confiscated":123456789012345.67})"),
                          {"penalty.fine", "penalty.confiscated"});
    ASSERT_EQ(out.size(), 1u);
    ASSERT_FALSE(out[0].rejection) << out[0].rejection->to_string();
    EXPECT_EQ(out[0].values.at("penalty.fine"), "money:500");
    EXPECT_EQ(out[0].values.at("penalty.confiscated"), "money:12345678901234567");
    // 10^17 yuan does not fit in 64-bit fen: rejected, never rounded.
    expect_rejected(R"("penalty":{"fine":99999999999999999})", "penalty.fine", "金额超出范围：99999999999999999");
}

TEST(Loader, BadMoneyIsRejected) {
    expect_rejected(R"("penalty":{"fine":-5})", "penalty.fine", "金额不能为负数：-5");
    expect_rejected(R"("penalty":{"fine":-0.5})", "penalty.fine", "金额不能为负数：-0.5");
    expect_rejected(R"("penalty":{"fine":1.005})", "penalty.fine", "金额最多保留两位小数：1.005");
    expect_rejected(R"("penalty":{"fine":1e400})", "penalty.fine", "数值超出范围：1e400");
    expect_rejected(R"("penalty":{"fine":"1000"})", "penalty.fine",
                    "类型不符：应为金额（以元为单位的数字），实际为字符串 \"1000\"");
    expect_rejected(R"("penalty":{"fine":true})", "penalty.fine",
                    "类型不符：应为金额（以元为单位的数字），实际为布尔值 true");
    // Keys the rules never read are not kept, but are still checked as money.
    expect_rejected(R"("penalty":{"amounts":{"storage_fee":-1}})", "penalty.amounts.storage_fee",
                    "金额不能为负数：-1");
}

// ------------------------------------------------------------------------------- rejections

TEST(Loader, RejectionNamesFileLineCaseAndField) {
    const std::string text = rec("A1") + "\n\n" +
                             R"({"format":"case-file/1","dates":{"decided":"2024-02-30"},"id":"深汕住建罚〔2024〕12号"})";
    const auto out = load(text, {}, "samples/bad.jsonl");
    ASSERT_EQ(out.size(), 2u);
    EXPECT_FALSE(out[0].rejection);
    ASSERT_TRUE(out[1].rejection);
    EXPECT_EQ(out[1].rejection->case_id, "深汕住建罚〔2024〕12号");
    EXPECT_EQ(out[1].rejection->to_string(),
              "samples/bad.jsonl:3: 案件 深汕住建罚〔2024〕12号: 字段 dates.decided: 不是有效的日期：\"2024-02-30\"");
}

TEST(Loader, ToStringOmitsWhatIsUnknown) {
    EXPECT_EQ((RecordRejection{"f.jsonl:2", std::nullopt, "", "JSON 语法错误"}).to_string(), "f.jsonl:2: JSON 语法错误");
    EXPECT_EQ((RecordRejection{"f.json#0", std::nullopt, "id", "缺少必填字段"}).to_string(),
              "f.json#0: 字段 id: 缺少必填字段");
}

TEST(Loader, BadDatesAndChoices) {
    expect_rejected(R"("dates":{"filed":"2023-13-01"})", "dates.filed", "不是有效的日期：\"2023-13-01\"");
    expect_rejected(R"("dates":{"act":"2024-1-02"})", "dates.act", "不是有效的日期：\"2024-1-02\"");
    expect_rejected(R"("dates":{"act":20240102})", "dates.act",
                    "类型不符：应为日期字符串（YYYY-MM-DD），实际为数字 20240102");
    expect_rejected(R"("documents":[{"type":"立案审批表"},{"type":"送达回证","date":"2024-02-30"}])",
                    "documents[1].date", "不是有效的日期：\"2024-02-30\"");
    expect_rejected(R"("procedure":"fast")", "procedure", "不是允许的取值：\"fast\"（可选：general、simple）");
    expect_rejected(R"("procedure":1)", "procedure", "类型不符：应为字符串，实际为数字 1");
    expect_rejected(R"("party":{"kind":"company"})", "party.kind",
                    "不是允许的取值：\"company\"（可选：individual、organization）");
}

TEST(Loader, RequiredFormatAndId) {
    const auto missing_format = load(R"({"id":"A1","cause":"x"})");
    ASSERT_EQ(missing_format.size(), 1u);
    ASSERT_TRUE(missing_format[0].rejection);
    EXPECT_EQ(missing_format[0].rejection->to_string(), "t.jsonl:1: 案件 A1: 字段 format: 缺少必填字段");

    const auto missing_id = load(R"({"format":"case-file/1"})");
    ASSERT_TRUE(missing_id.at(0).rejection);
    EXPECT_EQ(missing_id[0].rejection->to_string(), "t.jsonl:1: 字段 id: 缺少必填字段");

    const auto wrong_format = load(R"({"format":"case-file/2","id":"A1"})");
    ASSERT_TRUE(wrong_format.at(0).rejection);
    EXPECT_EQ(wrong_format[0].rejection->field, "format");
    EXPECT_EQ(wrong_format[0].rejection->message, "不是允许的取值：\"case-file/2\"（应为 case-file/1）");

    const auto empty_id = load(R"({"format":"case-file/1","id":""})");
    ASSERT_TRUE(empty_id.at(0).rejection);
    EXPECT_EQ(empty_id[0].rejection->to_string(), "t.jsonl:1: 字段 id: 不能为空");

    const auto null_id = load(R"({"format":"case-file/1","id":null})");
    ASSERT_TRUE(null_id.at(0).rejection);
    EXPECT_EQ(null_id[0].rejection->field, "id");
    EXPECT_EQ(null_id[0].rejection->message, "缺少必填字段");

    const auto numeric_id = load(R"({"format":"case-file/1","id":12})");
    ASSERT_TRUE(numeric_id.at(0).rejection);
    EXPECT_EQ(numeric_id[0].rejection->to_string(), "t.jsonl:1: 字段 id: 类型不符：应为字符串，实际为数字 12");
}

TEST(Loader, TypeMismatchesNameTheFieldPath) {
    expect_rejected(R"("basis":[{"law":"行政处罚法","article":57},{"law":5}])", "basis[1].law",
                    "类型不符：应为字符串，实际为数字 5");
    expect_rejected(R"("officers":"张三")", "officers", "类型不符：应为数组，实际为字符串 \"张三\"");
    expect_rejected(R"("dates":[])", "dates", "类型不符：应为对象，实际为数组");
    expect_rejected(R"("agency":{"name":{"zh":"住建局"}})", "agency.name", "类型不符：应为字符串，实际为对象");
    expect_rejected(R"("circumstance":{"factors":["首次违法","及时改正",3]})", "circumstance.factors[2]",
                    "类型不符：应为字符串，实际为数字 3");
    expect_rejected(R"("hearing":{"notified":"yes"})", "hearing.notified",
                    "类型不符：应为布尔值（true 或 false），实际为字符串 \"yes\"");
    expect_rejected(R"("circumstance":{"prior_violations_1y":-1})", "circumstance.prior_violations_1y",
                    "应为非负整数：-1");
    expect_rejected(R"("circumstance":{"prior_violations_1y":1.5})", "circumstance.prior_violations_1y",
                    "应为非负整数：1.5");
    expect_rejected(R"("basis":[{"law":"x","article":0}])", "basis[0].article", "条号应为正整数：0");
    expect_rejected(R"("basis":[{"law":"x","article":57.5}])", "basis[0].article",
                    "类型不符：应为条款（整数或字符串），实际为数字 57.5");
    expect_rejected(R"("basis":[{"law":"x","article":{"no":57}}])", "basis[0].article",
                    "类型不符：应为条款（整数或字符串），实际为对象");
}

TEST(Loader, FirstProblemIsReportedAndIdFoundLater) {
    const auto r = reject_one(R"("penalty":{"fine":-1},"dates":{"filed":"bad"})");
    EXPECT_EQ(r.field, "penalty.fine");
    EXPECT_EQ(r.case_id, "A1");
}

TEST(Loader, RecordThatIsNotAnObject) {
    const auto out = load("[1,2]\n\"x\"\nnull\n5\n");
    ASSERT_EQ(out.size(), 1u);  // a leading `[` makes the whole text an array of records
    const auto lines = load("\"x\"\nnull\n5\n[1]\n");
    ASSERT_EQ(lines.size(), 4u);
    const char* expected[] = {"记录应为 JSON 对象，实际为字符串 \"x\"", "记录应为 JSON 对象，实际为null",
                              "记录应为 JSON 对象，实际为数字 5", "记录应为 JSON 对象，实际为数组"};
    for (size_t k = 0; k < lines.size(); ++k) {
        ASSERT_TRUE(lines[k].rejection) << k;
        EXPECT_EQ(lines[k].source, "t.jsonl:" + std::to_string(k + 1));
        EXPECT_EQ(lines[k].rejection->field, "");
        EXPECT_EQ(lines[k].rejection->message, expected[k]);
    }
}

TEST(Loader, DuplicateKeysAreRejected) {
    const auto root = load(R"({"format":"case-file/1","id":"A1","id":"A2"})");
    ASSERT_TRUE(root.at(0).rejection);
    EXPECT_EQ(root[0].rejection->field, "id");
    EXPECT_EQ(root[0].rejection->message, "重复的键：\"id\"");
    expect_rejected(R"("dates":{"filed":"2024-01-02","filed":"2024-01-03"})", "dates.filed", "重复的键：\"filed\"");
    expect_rejected(R"("basis":[{"law":"a"},{"law":"a","law":"b"}])", "basis[1].law", "重复的键：\"law\"");
    expect_rejected(R"("local_note":1,"local_note":2)", "local_note", "重复的键：\"local_note\"");
}

TEST(Loader, DeepNestingIsRejectedNotFollowed) {
    const std::string deep = "\"extra\":{\"tags\":" + std::string(300, '[') + std::string(300, ']') + "}";
    const auto r = reject_one(deep);
    EXPECT_EQ(r.message, "嵌套超过 64 层");  // Limits::max_json_depth
    EXPECT_TRUE(r.field.starts_with("extra.tags[0][0]")) << r.field;
}

// ------------------------------------------------------------------------------- layouts

TEST(Loader, JsonLinesKeepGoingAfterABadLine) {
    const std::string text = rec("A1", R"("cause":"一")") + "\n" + rec("A2", R"("cause":"二")") + "\n" +
                             R"({"format":"case-file/1","id":"A3",)" + "\n   \n" + rec("A4", R"("cause":"四")") + "\n";
    const auto out = load(text, {"id", "cause"});
    ASSERT_EQ(out.size(), 4u);
    EXPECT_EQ(out[0].source, "t.jsonl:1");
    EXPECT_EQ(out[0].values.at("cause"), "text:一");
    EXPECT_EQ(out[1].source, "t.jsonl:2");
    EXPECT_EQ(out[1].values.at("id"), "text:A2");
    ASSERT_TRUE(out[2].rejection);
    EXPECT_EQ(out[2].rejection->to_string(),
              "t.jsonl:3: 案件 A3: JSON 语法错误：第 3 行第 35 列：syntax error while parsing object key - "
              "unexpected end of input; expected string literal");
    EXPECT_FALSE(out[3].rejection);
    EXPECT_EQ(out[3].source, "t.jsonl:5");
    EXPECT_EQ(out[3].values.at("cause"), "text:四");
}

TEST(Loader, SyntaxErrorColumnCountsCharacters) {
    const auto out = load(R"({"format":"case-file/1","id":"罚〔2024〕1号" "cause":"x"})");
    ASSERT_TRUE(out.at(0).rejection);
    // nlohmann stops at the end of the unexpected token `"cause"`, column 48 in characters (56 in bytes).
    EXPECT_TRUE(out[0].rejection->message.starts_with("JSON 语法错误：第 1 行第 48 列：")) << out[0].rejection->message;
    EXPECT_EQ(out[0].rejection->case_id, "罚〔2024〕1号");
}

TEST(Loader, TrailingGarbageOnALineIsASyntaxError) {
    const auto out = load(rec("A1") + " x");
    ASSERT_EQ(out.size(), 1u);
    ASSERT_TRUE(out[0].rejection);
    EXPECT_TRUE(out[0].rejection->message.starts_with("JSON 语法错误")) << out[0].rejection->message;
}

TEST(Loader, ArrayElementsAreIndexed) {
    const std::string text = "[\n  " + rec("B1") + ",\n  " + rec("B2", R"("procedure":"x")") + ",\n  7,\n  " +
                             rec("B4", R"("cause":"四")") + "\n]\n";
    const auto out = load(text, {"id", "cause"}, "batch.json");
    ASSERT_EQ(out.size(), 4u);
    EXPECT_EQ(out[0].source, "batch.json#0");
    EXPECT_EQ(out[0].values.at("id"), "text:B1");
    ASSERT_TRUE(out[1].rejection);
    EXPECT_EQ(out[1].rejection->to_string(),
              "batch.json#1: 案件 B2: 字段 procedure: 不是允许的取值：\"x\"（可选：general、simple）");
    ASSERT_TRUE(out[2].rejection);
    EXPECT_EQ(out[2].source, "batch.json#2");
    EXPECT_EQ(out[2].rejection->message, "记录应为 JSON 对象，实际为数字 7");
    EXPECT_EQ(out[3].source, "batch.json#3");
    EXPECT_EQ(out[3].values.at("cause"), "text:四");
}

TEST(Loader, SyntacticallyBrokenArrayIsOneRejection) {
    const std::string text = "[\n" + rec("B1") + ",\n{\"format\": }\n]";
    const auto out = load(text, {}, "batch.json");
    ASSERT_EQ(out.size(), 1u);
    ASSERT_TRUE(out[0].rejection);
    EXPECT_EQ(out[0].source, "batch.json:3");
    EXPECT_TRUE(out[0].rejection->message.starts_with("JSON 语法错误：第 3 行第 12 列：")) << out[0].rejection->message;
    EXPECT_EQ(out[0].rejection->field, "");
}

TEST(Loader, EmptyInputsGiveNothing) {
    EXPECT_TRUE(load("").empty());
    EXPECT_TRUE(load("\n  \r\n\t\n").empty());
    EXPECT_TRUE(load("[]").empty());
}

constexpr std::string_view kPretty = R"({
  "format": "case-file/1",
  "id": "深汕住建罚〔2024〕12号",
  "procedure": "general",
  "dates": {
    "filed": "2024-01-02",
    "decided": "2024-03-01"
  },
  "basis": [
    {"role": "penalty", "law": "建设工程质量管理条例", "article": 57}
  ],
  "penalty": {"fine": 14814.81}
}
)";

TEST(Loader, PrettyPrintedObjectIsOneRecord) {
    const auto out = load(kPretty, {"id", "dates.filed", "basis[0].article.no", "penalty.fine"}, "one.json");
    ASSERT_EQ(out.size(), 1u);
    ASSERT_FALSE(out[0].rejection) << out[0].rejection->to_string();
    EXPECT_EQ(out[0].source, "one.json:1");
    EXPECT_EQ(out[0].values.at("id"), "text:深汕住建罚〔2024〕12号");
    EXPECT_EQ(out[0].values.at("dates.filed"), "date:2024-01-02");
    EXPECT_EQ(out[0].values.at("basis[0].article.no"), "int:57");
    EXPECT_EQ(out[0].values.at("penalty.fine"), "money:1481481");
}

TEST(Loader, BrokenPrettyPrintedObjectIsOneRejection) {
    std::string text(kPretty);
    text.replace(text.find("\"general\","), 10, "\"general\"");  // drop a comma
    const auto out = load(text, {}, "one.json");
    ASSERT_EQ(out.size(), 1u);
    ASSERT_TRUE(out[0].rejection);
    EXPECT_EQ(out[0].source, "one.json:1");
    EXPECT_TRUE(out[0].rejection->message.starts_with("JSON 语法错误：第 5 行第 9 列：")) << out[0].rejection->message;
}

TEST(Loader, BomAndCrlfAreTolerated) {
    const std::string lines = "\xEF\xBB\xBF" + rec("A1", R"("cause":"x")") + "\r\n" +
                              rec("A2", R"("dates":{"decided":"2024-02-30"})") + "\r\n" +
                              R"({"format":"case-file/1","id":"A3",)" + "\r\n";
    const auto out = load(lines, {"id", "cause"});
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(out[0].source, "t.jsonl:1");
    EXPECT_EQ(out[0].values.at("id"), "text:A1");
    EXPECT_EQ(out[0].values.at("cause"), "text:x");
    ASSERT_TRUE(out[1].rejection);
    EXPECT_EQ(out[1].rejection->to_string(), "t.jsonl:2: 案件 A2: 字段 dates.decided: 不是有效的日期：\"2024-02-30\"");
    ASSERT_TRUE(out[2].rejection);  // the column ignores the \r, as for a plain \n line
    EXPECT_TRUE(out[2].rejection->message.starts_with("JSON 语法错误：第 3 行第 35 列：")) << out[2].rejection->message;

    std::string pretty = "\xEF\xBB\xBF";
    for (const char c : kPretty) pretty.append(c == '\n' ? "\r\n" : std::string(1, c));
    const auto one = load(pretty, {"dates.decided"}, "one.json");
    ASSERT_EQ(one.size(), 1u);
    ASSERT_FALSE(one[0].rejection) << one[0].rejection->to_string();
    EXPECT_EQ(one[0].values.at("dates.decided"), "date:2024-03-01");

    std::string bracketed = "\xEF\xBB\xBF[";
    bracketed.append(rec("B1")).append("]");
    const auto array = load(bracketed, {"id"}, "b.json");
    ASSERT_EQ(array.size(), 1u);
    EXPECT_EQ(array[0].values.at("id"), "text:B1");
}

TEST(Loader, InvalidUtf8IsRejected) {
    const auto out = load(rec("A1", "\"cause\":\"\xE5\x8F\""));
    ASSERT_EQ(out.size(), 1u);
    ASSERT_TRUE(out[0].rejection);
    const auto& message = out[0].rejection->message;
    EXPECT_TRUE(message.starts_with("JSON 语法错误")) << message;
    EXPECT_NE(message.find("ill-formed UTF-8"), std::string::npos) << message;
    EXPECT_NE(message.find("\\xE5\\x8F"), std::string::npos) << "the bad bytes are shown escaped: " << message;
}

// ------------------------------------------------------------------------------- values

TEST(Loader, ArticlesAreNormalised) {
    const std::string body = R"("basis":[{"law":"a","article":57},{"law":"a","article":"第五十七条第一款第（二）项"},
        {"law":"a","article":"第二十条之一"},{"law":"a","article":"有关规定"},{"law":"a"}])";
    const std::vector<std::string> paths = {
        "basis[0].article",      "basis[0].article.no",   "basis[0].article.text",      "basis[1].article",
        "basis[1].article.no",   "basis[1].article.paragraph", "basis[1].article.item", "basis[1].article.text",
        "basis[2].article",      "basis[2].article.no",   "basis[2].article.sub",       "basis[3].article",
        "basis[3].article.text", "basis[4].article"};
    const auto out = load(rec("A1", body), paths);
    ASSERT_EQ(out.size(), 1u);
    ASSERT_FALSE(out[0].rejection) << out[0].rejection->to_string();
    const auto& v = out[0].values;
    EXPECT_EQ(v.at("basis[0].article"), "object:no,text");
    EXPECT_EQ(v.at("basis[0].article.no"), "int:57");
    EXPECT_EQ(v.at("basis[0].article.text"), "text:57");
    EXPECT_EQ(v.at("basis[1].article"), "object:no,paragraph,item,text");
    EXPECT_EQ(v.at("basis[1].article.no"), "int:57");
    EXPECT_EQ(v.at("basis[1].article.paragraph"), "int:1");
    EXPECT_EQ(v.at("basis[1].article.item"), "int:2");
    EXPECT_EQ(v.at("basis[1].article.text"), "text:第五十七条第一款第（二）项");
    EXPECT_EQ(v.at("basis[2].article"), "object:no,sub,text");
    EXPECT_EQ(v.at("basis[2].article.no"), "int:20");
    EXPECT_EQ(v.at("basis[2].article.sub"), "int:1");
    EXPECT_EQ(v.at("basis[3].article"), "object:text");
    EXPECT_EQ(v.at("basis[3].article.text"), "text:有关规定");
    EXPECT_EQ(v.at("basis[4].article"), "missing");
}

TEST(Loader, ConvertsEveryFieldType) {
    const std::string body = R"("procedure":"simple","party":{"kind":"individual","name":"张三"},
        "dates":{"act":"2024-02-29"},"officers":[{"name":"李四","cert":""}],
        "circumstance":{"prior_violations_1y":2,"factors":["首次违法"]},"hearing":{"notified":false},
        "collective_decision":true,"documents":[{"type":"送达回证","signed":true}])";
    const std::vector<std::string> paths = {"procedure", "party.kind", "dates.act", "officers", "officers[0].cert",
                                            "circumstance.prior_violations_1y", "circumstance.factors[0]",
                                            "hearing.notified", "collective_decision", "documents[0].signed",
                                            "format"};
    const auto out = load(rec("A1", body), paths);
    ASSERT_EQ(out.size(), 1u);
    ASSERT_FALSE(out[0].rejection) << out[0].rejection->to_string();
    const auto& v = out[0].values;
    EXPECT_EQ(v.at("procedure"), "text:simple");
    EXPECT_EQ(v.at("party.kind"), "text:individual");
    EXPECT_EQ(v.at("dates.act"), "date:2024-02-29");
    EXPECT_EQ(v.at("officers"), "list:1");
    EXPECT_EQ(v.at("officers[0].cert"), "text:");
    EXPECT_EQ(v.at("circumstance.prior_violations_1y"), "int:2");
    EXPECT_EQ(v.at("circumstance.factors[0]"), "text:首次违法");
    EXPECT_EQ(v.at("hearing.notified"), "bool:false");
    EXPECT_EQ(v.at("collective_decision"), "bool:true");
    EXPECT_EQ(v.at("documents[0].signed"), "bool:true");
    EXPECT_EQ(v.at("format"), "text:case-file/1");
}

TEST(Loader, ObjectFieldsKeepInputOrder) {
    const auto out = load(R"({"id":"A1","cause":"c","format":"case-file/1","dates":{"decided":"2024-03-01","filed":"2024-01-02"}})",
                          {"", "dates"});
    ASSERT_EQ(out.size(), 1u);
    ASSERT_FALSE(out[0].rejection) << out[0].rejection->to_string();
    EXPECT_EQ(out[0].values.at(""), "object:id,cause,format,dates");
    EXPECT_EQ(out[0].values.at("dates"), "object:decided,filed");
}

TEST(Loader, DynamicExtraValues) {
    const std::string body = R"("extra":{"inspector":"王五","visits":-3,"ratio":0.5,"urgent":true,
        "tags":[1,null,"y",2.50,1.5e3],"meta":{"visits":2,"private":{"a":[1e-50]}},"unread":1e-50})";
    const auto out = load(rec("A1", body), {"extra", "extra.inspector", "extra.visits", "extra.ratio", "extra.urgent",
                                            "extra.tags", "extra.tags[0]", "extra.tags[1]", "extra.tags[2]",
                                            "extra.tags[3]", "extra.tags[4]", "extra.meta"});
    ASSERT_EQ(out.size(), 1u);
    ASSERT_FALSE(out[0].rejection) << out[0].rejection->to_string();
    const auto& v = out[0].values;
    EXPECT_EQ(v.at("extra"), "object:inspector,visits,ratio,urgent,tags,meta");
    EXPECT_EQ(v.at("extra.inspector"), "text:王五");
    EXPECT_EQ(v.at("extra.visits"), "int:-3");
    EXPECT_EQ(v.at("extra.ratio"), "decimal:1/2");
    EXPECT_EQ(v.at("extra.urgent"), "bool:true");
    EXPECT_EQ(v.at("extra.tags"), "list:5");
    EXPECT_EQ(v.at("extra.tags[0]"), "int:1");
    EXPECT_EQ(v.at("extra.tags[1]"), "missing");
    EXPECT_EQ(v.at("extra.tags[2]"), "text:y");
    EXPECT_EQ(v.at("extra.tags[3]"), "decimal:5/2");
    EXPECT_EQ(v.at("extra.tags[4]"), "decimal:1500");
    EXPECT_EQ(v.at("extra.meta"), "object:visits");
}

TEST(Loader, DynamicNumbersOutOfRangeAreRejected) {
    expect_rejected(R"("extra":{"ratio":1e-50})", "extra.ratio", "数值超出范围：1e-50");
    expect_rejected(R"("extra":{"visits":18446744073709551615})", "extra.visits", "数值超出范围：18446744073709551615");
}

TEST(Loader, FieldsOutsideTheSchemaAreKeptOnlyWhenKnown) {
    const std::string body = R"("agency":{"code":"SS-ZJ","inspector":"赵六","zone":{"a":[1,2]}},"local_note":"x")";
    const auto out = load(rec("A1", body), {"agency", "agency.inspector", ""});
    ASSERT_EQ(out.size(), 1u);
    ASSERT_FALSE(out[0].rejection) << out[0].rejection->to_string();
    EXPECT_EQ(out[0].values.at("agency"), "object:code,inspector");
    EXPECT_EQ(out[0].values.at("agency.inspector"), "text:赵六");
    EXPECT_EQ(out[0].values.at(""), "object:format,id,agency");
}

TEST(Loader, NullMeansMissing) {
    const std::string body = R"("cause":null,"dates":{"filed":null,"decided":"2024-03-01"},
        "penalty":{"fine":null,"kinds":["罚款",null]},"extra":{"inspector":null})";
    const auto out = load(rec("A1", body), {"cause", "dates", "penalty", "penalty.kinds", "penalty.kinds[1]",
                                            "extra"});
    ASSERT_EQ(out.size(), 1u);
    ASSERT_FALSE(out[0].rejection) << out[0].rejection->to_string();
    const auto& v = out[0].values;
    EXPECT_EQ(v.at("cause"), "missing");
    EXPECT_EQ(v.at("dates"), "object:decided");
    EXPECT_EQ(v.at("penalty"), "object:kinds");
    EXPECT_EQ(v.at("penalty.kinds"), "list:2");
    EXPECT_EQ(v.at("penalty.kinds[1]"), "missing");
    EXPECT_EQ(v.at("extra"), "object:");
}

TEST(Loader, RecordIsReusedWithoutLeakingValues) {
    const std::string text = rec("A1", R"("cause":"第一件","penalty":{"fine":1})") + "\n" + rec("A2") + "\n";
    const auto out = load(text, {"cause", "penalty.fine"});
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].values.at("cause"), "text:第一件");
    EXPECT_EQ(out[1].values.at("cause"), "missing");
    EXPECT_EQ(out[1].values.at("penalty.fine"), "missing");
}

TEST(Loader, CaseFileKeysCoverSchemaArticleAndBases) {
    const KeyTable keys = pingcha::case_file_keys();
    for (const char* name : {"format", "id", "agency", "code", "decided", "closed", "officers", "cert", "basis",
                             "article", "version", "prior_violations_1y", "factors", "amounts", "signed",
                             "collected", "extra", "no", "sub", "paragraph", "item", "text", "illegal_gains",
                             "goods_value", "contract_price", "project_cost"})
        EXPECT_TRUE(keys.find(name)) << name;
    EXPECT_FALSE(keys.find("inspector"));
}

}  // namespace
