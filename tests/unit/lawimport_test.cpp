// `pingcha laws import`: one law text, the versions of a law, the hand-made fixtures under
// tests/fixtures/laws, the real collection under shared/laws (skipped when absent), and the
// command through the real binary.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "check/checker.hpp"
#include "lawimport/importer.hpp"
#include "lawimport/law_text.hpp"
#include "lawimport/placement.hpp"
#include "lawimport/text_scan.hpp"

#include "command.hpp"
#include "test_scale.hpp"

namespace fs = std::filesystem;
using namespace pingcha;
using namespace pingcha::lawimport;

namespace {

// ------------------------------------------------------------------------------ helpers

Date day(const char* iso) { return *Date::parse(iso); }

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "pingcha_lawimport_XXXXXX").string();
        path_ = mkdtemp(pattern.data());
    }
    ~TempDir() { fs::remove_all(path_); }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

fs::path fixtures() { return fs::path(PINGCHA_SOURCE_DIR) / "tests" / "fixtures" / "laws"; }

std::optional<fs::path> shared_laws() {
    const char* env = std::getenv("PINGCHA_SHARED_DIR");
    const fs::path dir = (env ? fs::path(env) : fs::path(PINGCHA_SOURCE_DIR) / ".." / "shared") / "laws";
    if (!fs::is_directory(dir)) return std::nullopt;
    return dir;
}

const ImportedLaw* law_named(const ImportResult& result, std::string_view name) {
    for (const auto& law : result.laws)
        if (law.name == name) return &law;
    return nullptr;
}

bool has_flag(const ImportedLaw& law, std::string_view words) {
    for (const auto& f : law.flags)
        if (f.find(words) != std::string::npos) return true;
    return false;
}

// A minimal pack declaring every territory the importer can assign, one section and a grade.
std::string minimal_pack() {
    std::string pack = "pack t version \"1\"\nterritory national \"全国\"\n";
    pack += "territory guangdong \"广东省\" within national\n";
    for (const auto& t : known_territories())
        if (t.code != "guangdong")
            pack += "territory " + std::string(t.code) + " \"" + std::string(t.display) + "\" within guangdong\n";
    return pack + "section 甲 \"甲项\" max 100\ngrade 合格 otherwise\n";
}

// Checks the catalog beside the minimal pack, in a folder of its own.
Diagnostics check_catalog(const std::string& catalog) {
    TempDir dir;
    write(dir.path() / "pack.pc", minimal_pack());
    write(dir.path() / "laws.pc", catalog);
    Diagnostics diags;
    load_and_check(dir.path().string(), diags);
    return diags;
}

std::string errors_of(const Diagnostics& diags) {
    std::string out;
    for (const auto& d : diags.items())
        if (d.severity == Severity::error) out += format_diagnostic(d) + "\n";
    return out;
}

struct IndexRow {
    std::string folder;  // category folder
    std::string name;
    std::string publish;
    int expired = 0;
    std::string valid_from;  // empty: NULL
};

// An index in the LawRefBook schema.
void make_index(const fs::path& db_path, const std::vector<IndexRow>& rows) {
    SQLite::Database db(db_path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE category (id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, folder TEXT NOT NULL, "
            "isSubFolder INTEGER NOT NULL, \"group\" TEXT, \"order\" INTEGER)");
    db.exec("CREATE TABLE law (id TEXT NOT NULL PRIMARY KEY, level TEXT NOT NULL, name TEXT NOT NULL, filename TEXT, "
            "publish DATE, expired INTEGER NOT NULL, \"order\" INTEGER, subtitle TEXT, valid_from DATE, ver INTEGER, "
            "tags TEXT, category_id TEXT NOT NULL)");
    int id = 0;
    for (const auto& r : rows) {
        const std::string n = std::to_string(++id);
        SQLite::Statement cat(db, "INSERT OR IGNORE INTO category VALUES (?, ?, ?, 0, NULL, 0)");
        cat.bind(1, r.folder), cat.bind(2, r.folder), cat.bind(3, r.folder);
        cat.exec();
        SQLite::Statement law(db, "INSERT INTO law VALUES (?, '法律', ?, NULL, ?, ?, 0, NULL, ?, 1, NULL, ?)");
        law.bind(1, n), law.bind(2, r.name), law.bind(3, r.publish), law.bind(4, r.expired);
        if (r.valid_from.empty()) law.bind(5);
        else law.bind(5, r.valid_from);
        law.bind(6, r.folder);
        law.exec();
    }
}

using Output = pingcha::testing::CommandOutput;
Output run(const std::string& command) { return pingcha::testing::run_command(command); }

std::string quoted(const fs::path& p) { return pingcha::testing::shell_quoted(p); }

std::string binary() { return quoted(PINGCHA_BINARY); }

std::vector<std::string> kinds_of(const std::vector<HistoryEvent>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) out.push_back(e.date.to_string() + " " + std::string(event_word(e.kind)));
    return out;
}

// ------------------------------------------------------------------------------ one text

TEST(LawImportText, TitleWithoutFullWidthSpacesAndSubtitle) {
    const LawText t = parse_law_text("# 　深圳市示范　条例　\n\n# 总则\n\n2022年10月28日 通过\n");
    EXPECT_EQ(t.title, "深圳市示范条例");
    EXPECT_EQ(t.subtitle, "总则");
    EXPECT_TRUE(t.usable()) << t.unusable;
}

TEST(LawImportText, HistoryLineShapes) {
    const LawText t = parse_law_text(
        "# 中华人民共和国示范法\n\n"
        "1996年3月17日 第八届全国人民代表大会第四次会议通过\n\n"
        "2002年6月29日  第九届全国人民代表大会常务委员会第二十八次会议修订\n\n"          // two spaces
        "2009年8月27日第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第一次修正\n\n"  // none
        "2015年8月29日 第十二届全国人民代表大会常务委员会第十六次会议《关于修改<中华人民共和国甲法>、\n\n"
        "<中华人民共和国乙法>的决定》第二次修正\n\n"                                        // split line
        "（2016年1月1日某市人民代表大会常务委员会通过　2016年2月2日广东省人民代表大会常务委员会批准）\n\n"
        "2017年9月1日 中华人民共和国主席令第十号公布施行\n\n"
        "<!-- INFO END -->\n\n第一条 示范。\n");
    EXPECT_EQ(kinds_of(t.history),
              (std::vector<std::string>{"1996-03-17 通过", "2002-06-29 修订", "2009-08-27 修正", "2015-08-29 修正",
                                        "2016-01-01 通过", "2016-02-02 批准", "2017-09-01 公布", "2017-09-01 施行"}));
}

TEST(LawImportText, PublicationOnTheNextLineTakesEffect) {
    const LawText t = parse_law_text("# 国务院关于示范的规定\n\n1985年9月18日 国务院发布\n\n发布之日施行\n\n<!-- INFO END -->\n");
    EXPECT_EQ(kinds_of(t.history), (std::vector<std::string>{"1985-09-18 发布", "1985-09-18 施行"}));
}

TEST(LawImportText, WithoutTheInfoEndMarkerTheHistoryEndsAtTheFirstArticle) {
    const LawText t = parse_law_text(
        "# 示范条例\n\n2001年1月1日 通过\n\n第一条 本条例于2005年1月1日修订通过的部分不算历史。\n\n"
        "第二条 本条例自2001年3月1日起施行。\n");
    EXPECT_EQ(kinds_of(t.history), (std::vector<std::string>{"2001-01-01 通过"}));
    EXPECT_EQ(t.articles, 2u);
    EXPECT_EQ(t.effective, day("2001-03-01"));
}

TEST(LawImportText, EffectiveClauseForms) {
    const auto effective = [](const std::string& body, std::optional<Date> file_date = std::nullopt) {
        return parse_law_text("# 示范法\n\n2020年4月29日 通过\n\n<!-- INFO END -->\n\n" + body, file_date).effective;
    };
    EXPECT_EQ(effective("第九条 本法自2020年9月1日起施行。\n"), day("2020-09-01"));
    EXPECT_EQ(effective("第九条 本条例自２０１３年１月１日起施行。\n"), day("2013-01-01"));
    EXPECT_EQ(effective("第九条 本规定自二〇二三年三月一日起施行。\n"), day("2023-03-01"));
    EXPECT_EQ(effective("第九条 本条例自一九九三年十一月十五日起实施。\n"), day("1993-11-15"));
    EXPECT_EQ(effective("第九条 本规则自2001年8月1日零时起施行。\n"), day("2001-08-01"));
    EXPECT_EQ(effective("第九条 本办法自2009年1月1 日起执行。\n"), day("2009-01-01"));
    // 自公布之日起施行: the date of the adoption (no 公布 line), else the file name's date.
    EXPECT_EQ(effective("第九条 本法自公布之日起施行。\n"), day("2020-04-29"));
    EXPECT_EQ(effective("第九条 本法自公布之日起施行。\n", day("2020-05-06")), day("2020-05-06"));
    // Deadlines elsewhere are not the clause.
    EXPECT_EQ(effective("第九条 当事人自收到决定书之日起十五日内申请复议。\n"), std::nullopt);
}

TEST(LawImportText, PublicationAndApprovalClausesUseTheirEvents) {
    const LawText published = parse_law_text(
        "# 示范条例\n\n2001年10月10日 国务院第45次常务会议通过\n\n2001年10月25日 国务院令第320号公布\n\n"
        "<!-- INFO END -->\n\n第一条 本条例自公布之日起施行。\n");
    EXPECT_EQ(published.effective, day("2001-10-25"));
    const LawText approved = parse_law_text(
        "# 示范规定\n\n1980年5月1日 通过\n\n1980年5月9日 国务院批准\n\n<!-- INFO END -->\n\n第一条 本规定自国务院批准之日起施行。\n");
    EXPECT_EQ(approved.effective, day("1980-05-09"));
    // A local regulation published some days after approval: the day is not known.
    const LawText local = parse_law_text(
        "# 某市示范条例\n\n2022年10月28日 某市人民代表大会常务委员会通过\n\n2022年11月30日 广东省人民代表大会常务委员会批准\n\n"
        "<!-- INFO END -->\n\n第一条 本条例自公布之日起施行。\n");
    EXPECT_EQ(local.effective, std::nullopt);
}

TEST(LawImportText, AnAmendedTextKeepsTheClauseOfItsEnactment) {
    const LawText t = parse_law_text(
        "# 示范法\n\n1996年10月29日 通过\n\n2018年12月29日 《关于修改〈劳动法〉等七部法律的决定》修正\n\n"
        "<!-- INFO END -->\n\n第一条 本法自1997年3月1日起施行。\n");
    EXPECT_EQ(t.latest_revision(), day("2018-12-29"));
    EXPECT_EQ(t.clause_revision(), day("1996-10-29"));
    EXPECT_EQ(t.effective, day("1997-03-01"));
}

TEST(LawImportText, ArticlesUpToOneHundredNinetyNineAndInsertedOnes) {
    const LawText t = parse_law_text(
        "# 示范法\n\n2020年1月1日 通过\n\n<!-- INFO END -->\n\n## 第一章　总则\n\n第一条 甲。\n\n第二十条之一 乙。\n\n"
        "第一百零二条 丙。\n\n第一百二十条之二 丁。\n\n第一百九十九条 戊。\n\n"
        "依照本法第二百条规定的，不是条文。\n\n第二百零一条规定的情形，也不是。\n");
    EXPECT_EQ(t.articles, 199u);
    EXPECT_EQ(t.article_numbers, (std::vector<uint32_t>{1, 102, 199}));
    ASSERT_EQ(t.inserted.size(), 2u);
    EXPECT_EQ(t.inserted[0], (ArticleRef{20, 1, 0, 0}));
    EXPECT_EQ(t.inserted[1], (ArticleRef{120, 2, 0, 0}));
}

TEST(LawImportText, SlipsOfTheCollectionStillCountAsArticles) {
    const LawText t = parse_law_text(
        "# 示范法\n\n2020年1月1日 通过\n\n<!-- INFO END -->\n\n第一条 甲。\n\n笫二条 乙。\n\n第三 条丙。\n\n"
        "第四条 丁。 第五条 戊。 第六条 本规则自2020年2月1日零时起施行。\n");
    EXPECT_EQ(t.article_numbers, (std::vector<uint32_t>{1, 2, 3, 4, 5, 6}));
    EXPECT_EQ(t.effective, day("2020-02-01"));
}

TEST(LawImportText, RepealsAfterTheClause) {
    const LawText t = parse_law_text(
        "# 中华人民共和国示范噪声法\n\n2021年12月24日 通过\n\n<!-- INFO END -->\n\n"
        "第九十条 本法自2022年6月5日起施行。《中华人民共和国示范环境噪声法》、《示范条例》同时废止。\n");
    ASSERT_TRUE(t.clause);
    EXPECT_EQ(t.clause->repeals, (std::vector<std::string>{"中华人民共和国示范环境噪声法", "示范条例"}));
}

TEST(LawImportText, UnusableFiles) {
    EXPECT_NE(parse_law_text("# 示范法\n\n2020年1月1日 通过\n\xC1\xFA\n").unusable.find("UTF-8"), std::string::npos);
    EXPECT_NE(parse_law_text("2020年1月1日 通过\n\n第一条 甲。\n").unusable.find("缺少标题"), std::string::npos);
    EXPECT_NE(parse_law_text("# 示范法\n\n第一条 甲。\n").unusable.find("缺少日期"), std::string::npos);
    EXPECT_TRUE(parse_law_text("# 示范法\n\n第一条 甲。\n", day("2020-01-01")).usable());
}

TEST(LawImportText, AFileDateFarAfterTheHistoryIsAnUnlistedRevision) {
    const std::string text =
        "# 示范条例\n\n2004年4月30日 国务院令第406号公布\n\n2016年2月6日 《国务院关于修改部分行政法规的决定》第二次修订\n\n"
        "<!-- INFO END -->\n\n第一条 本条例自2004年7月1日起施行。\n";
    const auto stale = parse_law_text(text, day("2019-03-02")).revisions();
    ASSERT_EQ(stale.size(), 3u);
    EXPECT_EQ(stale.back().date, day("2019-03-02"));
    EXPECT_FALSE(stale.back().listed);
    // A few weeks later it is the publication date.
    EXPECT_EQ(parse_law_text(text, day("2016-03-01")).latest_revision(), day("2016-02-06"));
}

TEST(LawImportText, ChineseDates) {
    size_t consumed = 0;
    EXPECT_EQ(parse_chinese_date("二○○一年十二月三十一日起", &consumed), day("2001-12-31"));
    EXPECT_EQ(consumed, std::string("二○○一年十二月三十一日").size());
    EXPECT_EQ(parse_chinese_date("2024年2月30日"), std::nullopt);
    EXPECT_EQ(parse_chinese_date("20240年2月3日"), std::nullopt);
    EXPECT_EQ(date_in_file_name("行政处罚法(2021-01-22).md"), day("2021-01-22"));
    EXPECT_EQ(date_in_file_name("刑法.md"), std::nullopt);
}

// ------------------------------------------------------------------------------ versions

TEST(LawImportVersions, SupersededTextsGiveVersionsWithArticleCounts) {
    const LawText old_text = parse_law_text(
        "# 示范法\n\n2000年3月15日 通过\n\n2015年3月15日 《关于修改〈示范法〉的决定》修正\n\n<!-- INFO END -->\n\n"
        "第一条 甲。\n\n第二条 本法自2000年7月1日起施行。\n");
    const LawText new_text = parse_law_text(
        "# 示范法\n\n2000年3月15日 通过\n\n2015年3月15日 《关于修改〈示范法〉的决定》修正\n\n"
        "2023年3月13日 《关于修改〈示范法〉的决定》修正\n\n<!-- INFO END -->\n\n第一条 甲。\n\n第二条 乙。\n\n"
        "第三条 本法自2000年7月1日起施行。\n");
    const VersionPlan plan = plan_versions({{&old_text, std::nullopt, "a"}, {&new_text, day("2023-03-15"), "b"}});
    ASSERT_EQ(plan.versions.size(), 3u) << (plan.flags.empty() ? "" : plan.flags.front());
    const auto& [v2000, v2015, v2023] = std::tie(plan.versions[0], plan.versions[1], plan.versions[2]);
    EXPECT_EQ(v2000.label, "2000");
    EXPECT_EQ(v2000.from, day("2000-07-01"));
    EXPECT_EQ(v2000.until, day("2015-03-14"));
    EXPECT_EQ(v2000.articles, std::nullopt);
    EXPECT_EQ(v2015.from, day("2015-03-15"));
    EXPECT_EQ(v2015.until, day("2023-03-14"));
    EXPECT_EQ(v2015.articles, 2u);
    EXPECT_EQ(v2023.from, day("2023-03-15"));  // the index's valid_from
    EXPECT_EQ(v2023.until, std::nullopt);
    EXPECT_EQ(v2023.articles, 3u);
}

// A revision does not interrupt a law's force: revisions whose start is unknown merge into the
// version before them, and an enactment of unknown start begins on its adoption date, so the
// law is in force without gaps from its enactment on.
TEST(LawImportVersions, RevisionsWithoutAKnownStartMergeIntoTheVersionBefore) {
    const LawText t = parse_law_text(
        "# 示范法\n\n1995年10月30日 通过\n\n2004年12月29日 修订\n\n2016年11月7日 《关于修改…的决定》修正\n\n"
        "2020年4月29日 第二次修订\n\n<!-- INFO END -->\n\n第一条 本法自2020年9月1日起施行。\n");
    const VersionPlan plan = plan_versions({{&t, std::nullopt, "a"}});
    ASSERT_EQ(plan.versions.size(), 2u);
    EXPECT_EQ(plan.versions[0].label, "1995");
    EXPECT_EQ(plan.versions[0].from, day("1995-10-30"));
    EXPECT_EQ(plan.versions[0].until, day("2020-08-31"));
    EXPECT_EQ(plan.versions[0].articles, std::nullopt);
    EXPECT_EQ(plan.versions[1].adopted, day("2020-04-29"));
    EXPECT_EQ(plan.versions[1].from, day("2020-09-01"));
    ASSERT_EQ(plan.flags.size(), 3u);
    EXPECT_NE(plan.flags[0].find("首个版本 1995-10-30 的施行日期不详，按通过日期推定"), std::string::npos) << plan.flags[0];
    EXPECT_NE(plan.flags[1].find("修改 2004-12-29 的施行日期不详，并入前一版本"), std::string::npos) << plan.flags[1];
}

TEST(LawImportVersions, TwoVersionsInOneYearAreLabelledByDate) {
    const LawText t = parse_law_text(
        "# 示范法\n\n2018年1月1日 通过\n\n2018年12月29日 修正\n\n<!-- INFO END -->\n\n第一条 本法自2018年3月1日起施行。\n");
    const VersionPlan plan = plan_versions({{&t, std::nullopt, "a"}});
    ASSERT_EQ(plan.versions.size(), 2u);
    EXPECT_EQ(plan.versions[0].label, "2018-01-01");
    EXPECT_EQ(plan.versions[1].label, "2018-12-29");
}

// ------------------------------------------------------------------------------ fixtures

ImportResult import_fixtures() { return import_laws({{fixtures()}, {}}); }

TEST(LawImportFixtures, ImportsTheTextsAndReportsTheBadFiles) {
    const ImportResult r = import_fixtures();
    EXPECT_EQ(r.texts, 15u);  // README.md and _index.md are not texts
    EXPECT_EQ(r.laws.size(), 11u);
    ASSERT_EQ(r.skipped.size(), 3u);
    EXPECT_EQ(r.skipped[0].path, "行政法/无日期示范法.md");
    EXPECT_NE(r.skipped[0].reason.find("缺少日期"), std::string::npos);
    EXPECT_EQ(r.skipped[1].path, "行政法/无标题示范法(2020-01-01).md");
    EXPECT_NE(r.skipped[1].reason.find("缺少标题"), std::string::npos);
    EXPECT_EQ(r.skipped[2].path, "行政法/编码错误示范法(2020-01-01).md");
    EXPECT_NE(r.skipped[2].reason.find("UTF-8"), std::string::npos);
}

TEST(LawImportFixtures, KindsAndTerritories) {
    const ImportResult r = import_fixtures();
    const auto placed = [&](std::string_view name) {
        const ImportedLaw* law = law_named(r, name);
        return law ? law->kind + "/" + law->territory : std::string("(missing)");
    };
    EXPECT_EQ(placed("中华人民共和国示范处罚法"), "法律/");
    EXPECT_EQ(placed("示范管理条例"), "行政法规/");
    EXPECT_EQ(placed("深圳经济特区示范条例"), "经济特区法规/shenzhen_sez");
    EXPECT_EQ(placed("深圳市示范条例"), "地方性法规/shenzhen");
    EXPECT_EQ(placed("汕头经济特区示范条例"), "经济特区法规/shantou_sez");
    EXPECT_EQ(placed("汕尾市示范条例"), "地方性法规/shanwei");
    EXPECT_EQ(placed("广东省示范条例"), "地方性法规/guangdong");
    EXPECT_EQ(placed("广州市示范条例"), "地方性法规/guangzhou");
}

TEST(LawImportFixtures, NamesVersionsAndProvenance) {
    const ImportResult r = import_fixtures();
    const ImportedLaw* law = law_named(r, "中华人民共和国示范处罚法");
    ASSERT_NE(law, nullptr);
    EXPECT_EQ(law->alias, "示范处罚法");
    ASSERT_EQ(law->versions.size(), 2u);  // the enactment (with its revisions merged) and 2021
    EXPECT_EQ(law->versions[0].until, day("2021-07-14"));
    EXPECT_EQ(law->versions[1].label, "2021");
    EXPECT_EQ(law->versions[1].adopted, day("2021-01-22"));
    EXPECT_EQ(law->versions[1].from, day("2021-07-15"));
    EXPECT_EQ(law->versions[1].articles, 4u);
    ASSERT_EQ(law->inserted.size(), 1u);
    EXPECT_EQ(law->inserted[0], (ArticleRef{2, 1, 0, 0}));
    ASSERT_EQ(law->sources.size(), 1u);
    EXPECT_EQ(law->sources[0].path, "行政法/示范处罚法(2021-01-22).md");
    EXPECT_EQ(law->sources[0].sha256, sha256_hex(read(fixtures() / law->sources[0].path)));

    const ImportedLaw* shenzhen = law_named(r, "深圳市示范条例");  // 自公布之日起施行, published on the file date
    ASSERT_NE(shenzhen, nullptr);
    EXPECT_EQ(shenzhen->versions.back().from, day("2022-12-08"));
    const ImportedLaw* permit = law_named(r, "中华人民共和国示范许可条例");  // two texts
    ASSERT_NE(permit, nullptr);
    ASSERT_EQ(permit->versions.size(), 3u);  // 2004 (with the 2012 revision merged), 2016, 2019
    EXPECT_EQ(permit->versions[0].from, day("2004-07-01"));  // its 施行 clause
    EXPECT_EQ(permit->versions[0].articles, std::nullopt);
    EXPECT_EQ(permit->versions[1].until, day("2019-03-01"));
    EXPECT_EQ(permit->versions[1].articles, 3u);
    EXPECT_EQ(permit->versions[2].articles, 4u);
}

TEST(LawImportFixtures, ARepealStatedInTheSuccessorsText) {
    const ImportResult r = import_fixtures();
    const ImportedLaw* old_law = law_named(r, "中华人民共和国示范环境噪声法");
    ASSERT_NE(old_law, nullptr);
    EXPECT_EQ(old_law->repealed, day("2022-06-05"));
    EXPECT_EQ(old_law->replaced_by, "中华人民共和国示范噪声法");
    ASSERT_EQ(old_law->versions.size(), 2u);  // the 1996 text took effect 1997-03-01 (its clause)
    EXPECT_EQ(old_law->versions[0].from, day("1997-03-01"));
    EXPECT_EQ(old_law->versions[0].until, day("2018-12-28"));
}

TEST(LawImportFixtures, TheIndexMarksRepealedAndSupersededTexts) {
    TempDir dir;
    fs::copy(fixtures(), dir.path() / "laws", fs::copy_options::recursive);
    make_index(dir.path() / "laws" / "db.sqlite3",
               {{"行政法", "示范环境噪声法", "2018-12-29", 1, "2018-12-29"},
                {"行政法规", "示范管理条例", "1985-09-18", 1, ""},
                {"行政法规", "示范许可条例", "2016-02-06", 1, ""},
                {"行政法规", "示范许可条例", "2019-03-02", 0, "2019-04-01"}});
    const ImportResult r = import_laws({{dir.path() / "laws"}, {dir.path() / "laws" / "db.sqlite3"}});
    const ImportedLaw* unknown = law_named(r, "示范管理条例");
    ASSERT_NE(unknown, nullptr);
    EXPECT_TRUE(unknown->repeal_date_unknown);
    EXPECT_TRUE(has_flag(*unknown, "废止日期不详"));
    const ImportedLaw* dated = law_named(r, "中华人民共和国示范环境噪声法");
    ASSERT_NE(dated, nullptr);
    EXPECT_EQ(dated->repealed, day("2022-06-05"));
    EXPECT_TRUE(dated->flags.empty());
    const ImportedLaw* superseded = law_named(r, "中华人民共和国示范许可条例");
    ASSERT_NE(superseded, nullptr);
    EXPECT_FALSE(superseded->repealed || superseded->repeal_date_unknown);
    EXPECT_EQ(superseded->versions.back().from, day("2019-04-01"));  // valid_from
    EXPECT_EQ(r.flagged(), 3u);  // the unknown repeal date, and two laws with revisions of unknown start
}

TEST(LawImportFixtures, TheOutputIsDeterministicAndIndependentOfWhereTheCollectionLies) {
    const std::string first = write_catalog(import_fixtures());
    EXPECT_EQ(first, write_catalog(import_fixtures()));
    TempDir dir;
    fs::copy(fixtures(), dir.path() / "laws", fs::copy_options::recursive);
    EXPECT_EQ(first, write_catalog(import_laws({{dir.path() / "laws"}, {}})));
    EXPECT_TRUE(first.starts_with("origin imported\n"));
    EXPECT_NE(first.find("# 来源：行政法/示范处罚法(2021-01-22).md sha256:"), std::string::npos);
    EXPECT_NE(first.find("law \"中华人民共和国示范处罚法\" alias \"示范处罚法\" kind 法律 {\n"
                         "  version \"1996\" adopted 1996-03-17 from 1996-03-17 until 2021-07-14\n"
                         "  version \"2021\" adopted 2021-01-22 from 2021-07-15 articles 4\n}\n"),
              std::string::npos)
        << first;
}

TEST(LawImportFixtures, TheCatalogChecksInAPack) {
    const Diagnostics diags = check_catalog(write_catalog(import_fixtures()));
    EXPECT_EQ(diags.error_count(), 0u) << errors_of(diags);
}

TEST(LawImportFixtures, QuotesAndBackslashesInTitlesAreEscaped) {
    TempDir dir;
    write(dir.path() / "行政法规" / "示范(2020-01-01).md",
          "# 关于\"引号\"和\\的示范规定\n\n2020年1月1日 国务院发布\n\n<!-- INFO END -->\n\n第一条 本规定自发布之日起施行。\n");
    const std::string catalog = write_catalog(import_laws({{dir.path()}, {}}));
    EXPECT_NE(catalog.find("law \"关于\\\"引号\\\"和\\\\的示范规定\" kind 行政法规"), std::string::npos) << catalog;
    const Diagnostics diags = check_catalog(catalog);
    EXPECT_EQ(diags.error_count(), 0u) << errors_of(diags);
}

TEST(LawImportFixtures, AnUnreadableFileIsReportedAndTheRestImported) {
    TempDir dir;
    fs::copy(fixtures() / "行政法", dir.path() / "行政法", fs::copy_options::recursive);
    fs::create_symlink(dir.path() / "nowhere", dir.path() / "行政法" / "断链示范法(2020-01-01).md");
    const ImportResult r = import_laws({{dir.path()}, {}});
    bool reported = false;
    for (const auto& s : r.skipped) reported |= s.path == "行政法/断链示范法(2020-01-01).md" && s.reason == "无法读取文件";
    EXPECT_TRUE(reported);
    EXPECT_NE(law_named(r, "中华人民共和国示范处罚法"), nullptr);
    EXPECT_NE(law_named(r, "中华人民共和国示范噪声法"), nullptr);
}

TEST(LawImportFixtures, AnUnknownFolderIsSkippedWithTheReason) {
    TempDir dir;
    write(dir.path() / "杂项" / "示范(2020-01-01).md", "# 示范办法\n\n2020年1月1日 发布\n");
    const ImportResult r = import_laws({{dir.path()}, {}});
    ASSERT_EQ(r.skipped.size(), 1u);
    EXPECT_NE(r.skipped[0].reason.find("无法判断法规类别"), std::string::npos);
}

// ------------------------------------------------------------------------------ the real collection

class LawImportReal : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        const auto dir = shared_laws();
        if (!dir) return;
        result_ = new ImportResult(import_laws(
            {{*dir}, {*dir / "db.sqlite3", *dir / "DLC" / "广东地方法规" / "db.sqlite3"}}));
    }
    static void TearDownTestSuite() {
        delete result_;
        result_ = nullptr;
    }
    void SetUp() override {
        if (!result_) GTEST_SKIP() << "shared/laws not found (set PINGCHA_SHARED_DIR)";
    }
    static const ImportedLaw& law(std::string_view name) {
        const ImportedLaw* found = law_named(*result_, name);
        if (!found) throw std::runtime_error("no law " + std::string(name));
        return *found;
    }
    static LawText text(const std::string& relative) {
        const fs::path p = *shared_laws() / relative;
        return parse_law_text(read(p), date_in_file_name(p.filename().string()));
    }
    static ImportResult* result_;
};

ImportResult* LawImportReal::result_ = nullptr;

TEST_F(LawImportReal, CountsOfTheCollection) {
    EXPECT_EQ(result_->texts, 1159u);
    EXPECT_EQ(result_->skipped.size(), 0u);
    EXPECT_EQ(result_->laws.size(), 1081u);
    std::map<std::string, size_t> kinds;
    size_t repealed = 0, unknown = 0;
    for (const auto& l : result_->laws) {
        ++kinds[l.kind];
        repealed += l.repealed.has_value();
        unknown += l.repeal_date_unknown;
    }
    EXPECT_EQ(kinds["法律"], 315u);
    EXPECT_EQ(kinds["行政法规"], 649u);
    EXPECT_EQ(kinds["部门规章"], 29u);
    EXPECT_EQ(kinds["地方性法规"], 70u);
    EXPECT_EQ(kinds["经济特区法规"], 18u);
    EXPECT_EQ(repealed, 30u);  // dated by a successor's 《…》同时废止
    EXPECT_EQ(unknown, 18u);   // expired in the index, no date anywhere
}

TEST_F(LawImportReal, AdministrativePenaltyLaw) {
    const ImportedLaw& l = law("中华人民共和国行政处罚法");
    EXPECT_EQ(l.alias, "行政处罚法");
    EXPECT_EQ(l.kind, "法律");
    EXPECT_EQ(l.territory, "");
    const ImportedVersion& v = l.versions.back();
    EXPECT_EQ(v.label, "2021");
    EXPECT_EQ(v.adopted, day("2021-01-22"));
    EXPECT_EQ(v.from, day("2021-07-15"));
    EXPECT_EQ(v.articles, 86u);
}

TEST_F(LawImportReal, SolidWasteLaw) {
    const ImportedVersion& v = law("中华人民共和国固体废物污染环境防治法").versions.back();
    EXPECT_EQ(v.articles, 126u);
    EXPECT_EQ(v.from, day("2020-09-01"));
}

TEST_F(LawImportReal, NoiseLawsOldRepealedNewInForce) {
    const ImportedLaw& old_law = law("中华人民共和国环境噪声污染防治法");
    EXPECT_EQ(old_law.repealed, day("2022-06-05"));
    EXPECT_EQ(old_law.replaced_by, "中华人民共和国噪声污染防治法");
    const ImportedLaw& new_law = law("中华人民共和国噪声污染防治法");
    EXPECT_FALSE(new_law.repealed || new_law.repeal_date_unknown);
    EXPECT_EQ(new_law.versions.back().articles, 90u);
    EXPECT_EQ(new_law.versions.back().from, day("2022-06-05"));
}

TEST_F(LawImportReal, LocalRegulations) {
    const ImportedLaw& data = law("深圳经济特区数据条例");
    EXPECT_EQ(data.kind, "经济特区法规");
    EXPECT_EQ(data.territory, "shenzhen_sez");
    EXPECT_EQ(data.versions.back().from, day("2022-01-01"));
    const ImportedLaw& appointments = law("深圳市人民代表大会常务委员会任免国家机关工作人员条例");
    EXPECT_EQ(appointments.kind, "地方性法规");
    EXPECT_EQ(appointments.territory, "shenzhen");
    EXPECT_EQ(law("汕头经济特区消防条例").territory, "shantou_sez");
    EXPECT_EQ(law("汕尾市农村建房条例").territory, "shanwei");
    EXPECT_EQ(law("广东省大气污染防治条例").territory, "guangdong");
    EXPECT_EQ(law("东莞市文明行为促进条例").territory, "dongguan");
    const ImportedLaw& hengqin = law("横琴粤澳深度合作区发展促进条例");
    EXPECT_EQ(hengqin.territory, "guangdong");
    EXPECT_TRUE(has_flag(hengqin, "按制定机关"));
}

TEST_F(LawImportReal, InsertedArticlesAndCodes) {
    const ImportedLaw& criminal = law("中华人民共和国刑法");
    EXPECT_EQ(criminal.versions.back().articles, 452u);
    EXPECT_NE(std::find(criminal.inserted.begin(), criminal.inserted.end(), ArticleRef{133, 1, 0, 0}),
              criminal.inserted.end());
    EXPECT_NE(std::find(criminal.inserted.begin(), criminal.inserted.end(), ArticleRef{120, 6, 0, 0}),
              criminal.inserted.end());
    const ImportedLaw& civil = law("中华人民共和国民法典");  // eight books, one version
    EXPECT_EQ(civil.sources.size(), 8u);
    ASSERT_EQ(civil.versions.size(), 1u);
    EXPECT_EQ(civil.versions[0].articles, 1260u);
    EXPECT_EQ(civil.versions[0].from, day("2021-01-01"));
}

TEST_F(LawImportReal, SupersededTextsAreVersionsNotRepeals) {
    const ImportedLaw& legislation = law("中华人民共和国立法法");
    EXPECT_FALSE(legislation.repealed || legislation.repeal_date_unknown);
    ASSERT_EQ(legislation.versions.size(), 3u);
    EXPECT_EQ(legislation.versions[0].from, day("2000-07-01"));
    EXPECT_EQ(legislation.versions[1].articles, 105u);
    EXPECT_EQ(legislation.versions[1].until, day("2023-03-12"));
    EXPECT_EQ(legislation.versions[2].articles, 120u);
}

TEST_F(LawImportReal, ExpiredWithoutADateIsFlagged) {
    const ImportedLaw& l = law("信访条例");
    EXPECT_TRUE(l.repeal_date_unknown);
    EXPECT_TRUE(has_flag(l, "废止日期不详"));
}

TEST_F(LawImportReal, HistoryShapesOfRealFiles) {
    // Two spaces and none after the date.
    EXPECT_EQ(kinds_of(text("社会法/安全生产法(2021-06-10).md").history).front(), "2002-06-29 通过");
    EXPECT_EQ(kinds_of(text("社会法/安全生产法(2021-06-10).md").history)[1], "2009-08-27 修正");
    // In parentheses.
    EXPECT_EQ(kinds_of(text("行政法/反间谍法(2014-11-01).md").history), (std::vector<std::string>{"2014-11-01 通过"}));
    // The event word on the line after the date.
    EXPECT_EQ(kinds_of(text("宪法相关法/全国人民代表大会和地方各级人民代表大会代表法(2015-08-29).md").history).back(),
              "2015-08-29 修正");
    // 公布施行; 发布之日施行 on its own line.
    EXPECT_EQ(kinds_of(text("宪法/宪法.md").history)[1], "1982-12-04 公布");
    EXPECT_EQ(kinds_of(text("宪法/宪法.md").history)[2], "1982-12-04 施行");
    EXPECT_EQ(kinds_of(text("行政法规/国务院关于口岸开放的若干规定(1985-09-18).md").history),
              (std::vector<std::string>{"1985-09-18 发布", "1985-09-18 施行"}));
    // Several events on one line, with approvals.
    const auto guangzhou = kinds_of(text("DLC/广东地方法规/地方性法规/广东/广州市社会急救医疗管理条例(2023-02-01).md").history);
    EXPECT_EQ(guangzhou[0], "1995-11-29 通过");
    EXPECT_EQ(guangzhou[1], "1996-06-01 批准");
    EXPECT_EQ(guangzhou[2], "2010-10-29 修订");
    // Subtitle of a book of the civil code.
    EXPECT_EQ(text("民法典/总则.md").subtitle, "总则");
}

TEST_F(LawImportReal, ClauseFormsOfRealFiles) {
    EXPECT_EQ(text("行政法规/中药品种保护条例(2018-09-18).md").effective, day("1993-01-01"));  // Chinese numerals
    EXPECT_EQ(text("部门规章/公安部/公安机关办理行政案件程序规定(2019-04-27).md").effective, day("2013-01-01"));
    const LawText flight = text("行政法规/飞行基本规则(2007-10-18).md");  // 零时; articles run on in paragraphs
    EXPECT_EQ(flight.effective, day("2001-08-01"));
    EXPECT_EQ(flight.articles, 124u);
    EXPECT_EQ(flight.article_numbers.size(), 124u);
    EXPECT_EQ(text("行政法规/价格管理条例(1987-09-10).md").effective, day("1987-09-10"));  // 自发布之日, file date
    const LawText cooperative = text("民法商法/农民专业合作社法(2017-12-27).md");  // 笫五十四条
    EXPECT_EQ(cooperative.article_numbers.size(), cooperative.articles);
}

TEST_F(LawImportReal, DeterministicAndChecksInAPack) {
    const std::string catalog = write_catalog(*result_);
    const auto dir = *shared_laws();
    // The second import runs no code the first did not; the sanitizer suite (scaled down) leaves
    // the comparison to the Release suite and saves ≈ 20 s.
    if (!pingcha::testing::scaled_down()) {
        EXPECT_EQ(catalog,
                  write_catalog(import_laws({{dir}, {dir / "db.sqlite3", dir / "DLC" / "广东地方法规" / "db.sqlite3"}})));
    }
    const Diagnostics diags = check_catalog(catalog);
    EXPECT_EQ(diags.error_count(), 0u) << errors_of(diags).substr(0, 4000);
}

// ------------------------------------------------------------------------------ the command

TEST(LawImportCli, ImportsTheFixturesAndSummarises) {
    TempDir dir;
    const fs::path out = dir.path() / "laws.pc";
    const Output r = run(binary() + " laws import " + quoted(fixtures()) + " --out " + quoted(out) + " 2>&1");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("pingcha laws import：文本 15 个，导入 11 部法规，跳过 3 个文件，待核 2 部\n"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("跳过 行政法/无标题示范法(2020-01-01).md：缺少标题"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("跳过 行政法/编码错误示范法(2020-01-01).md：不是有效的 UTF-8 文本"), std::string::npos) << r.out;
    EXPECT_EQ(read(out), write_catalog(import_fixtures()));
}

TEST(LawImportCli, FlaggedLawsAreListedWithTheReason) {
    TempDir dir;
    fs::copy(fixtures(), dir.path() / "laws", fs::copy_options::recursive);
    make_index(dir.path() / "db.sqlite3", {{"laws/行政法规", "示范管理条例", "1985-09-18", 1, ""}});
    const Output r = run(binary() + " laws import " + quoted(dir.path() / "laws") + " --index " +
                         quoted(dir.path() / "db.sqlite3") + " --out " + quoted(dir.path() / "out.pc") + " 2>&1");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("待核 3 部"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("待核 示范管理条例：废止日期不详"), std::string::npos) << r.out;
}

TEST(LawImportCli, BadArgumentsAndNothingToImportExitTwo) {
    TempDir dir;
    const fs::path out = dir.path() / "out.pc";
    EXPECT_EQ(run(binary() + " laws import " + quoted(fixtures()) + " 2>&1").status, 2);  // no --out
    EXPECT_EQ(run(binary() + " laws import " + quoted(dir.path() / "none") + " --out " + quoted(out) + " 2>&1").status, 2);
    EXPECT_EQ(run(binary() + " laws 2>&1").status, 2);  // no subcommand
    write(dir.path() / "bad" / "行政法" / "无标题(2020-01-01).md", "没有标题\n");
    const Output nothing = run(binary() + " laws import " + quoted(dir.path() / "bad") + " --out " + quoted(out) + " 2>&1");
    EXPECT_EQ(nothing.status, 2);
    EXPECT_NE(nothing.out.find("没有可导入的法规"), std::string::npos) << nothing.out;
    EXPECT_FALSE(fs::exists(out));
    write(dir.path() / "not.sqlite3", "not a database");
    const Output bad_index = run(binary() + " laws import " + quoted(fixtures()) + " --index " +
                                 quoted(dir.path() / "not.sqlite3") + " --out " + quoted(out) + " 2>&1");
    EXPECT_EQ(bad_index.status, 2);
    EXPECT_NE(bad_index.out.find("无法读取法规索引"), std::string::npos) << bad_index.out;
}

}  // namespace
