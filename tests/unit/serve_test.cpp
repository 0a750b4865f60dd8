// `pingcha serve` started for real on a free port and driven over HTTP: escaping of case
// text, CSRF and cross-site refusals, size caps, loopback binding, and an adjudication
// posted through the form path.
#include <gtest/gtest.h>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "command.hpp"
#include "serve_process.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using pingcha::testing::ServeProcess;

namespace {

const fs::path kSrc = PINGCHA_SOURCE_DIR;
const std::string kXss = "<script>alert(1)</script>";

std::string q(const fs::path& p) { return pingcha::testing::shell_quoted(p); }

std::string attribute_after(const std::string& html, const std::string& marker) {
    const auto at = html.find(marker);
    if (at == std::string::npos) return {};
    const auto start = at + marker.size();
    return html.substr(start, html.find('"', start) - start);
}

class Serve : public ::testing::Test {
protected:
    void SetUp() override {
        dir = fs::temp_directory_path() / ("pingcha-serve-" + std::to_string(::getpid()) + "-" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir);
        fs::create_directories(dir);
        db = dir / "review.db";
        json record = json::parse(std::ifstream(kSrc / "samples/shenshan/law-unknown-national-regulation-not-in-catalog-warns.json"));
        record["id"] = "XSS-" + kXss;
        record["basis"][0]["law"] = "《" + kXss + "》";
        std::ofstream(dir / "xss.json") << record.dump();
        const std::string bin = PINGCHA_BINARY;
        ASSERT_EQ(pingcha::testing::run_command(bin + " import --db " + q(db) + " " + q(dir / "xss.json") + " " +
                                                q(kSrc / "samples/shenshan/proc-deadline-90-fires.json") + " 2>/dev/null")
                      .status,
                  0);
        ASSERT_EQ(pingcha::testing::run_command(bin + " run --db " + q(db) + " --rules " + q(kSrc / "rules/shenshan") +
                                                " --jobs 1 2>/dev/null")
                      .status,
                  0);
        server = std::make_unique<ServeProcess>(db, dir / "serve.log");
        ASSERT_GT(server->port, 0) << "serve did not print its URL";
        client = std::make_unique<httplib::Client>("127.0.0.1", server->port);
    }
    void TearDown() override {
        client.reset();
        server.reset();
        fs::remove_all(dir);
    }
    int64_t rows() {
        SQLite::Database d(db.string());
        return d.execAndGet("SELECT count(*) FROM adjudications").getInt64();
    }
    // Opens the case page: its CSRF cookie value and the page.
    std::pair<std::string, std::string> open_case(const std::string& id) {
        const auto res = client->Get(("/case?run=1&id=" + httplib::detail::encode_query_param(id)).c_str());
        EXPECT_TRUE(res && res->status == 200);
        if (!res) return {};
        const std::string cookie = res->get_header_value("Set-Cookie");
        EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
        EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
        const std::string token = cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
        EXPECT_EQ(attribute_after(res->body, "name=\"csrf\" value=\""), token);
        return {token, res->body};
    }
    std::string form(const std::string& token) {
        return "csrf=" + token + "&run=1&case=" + httplib::detail::encode_query_param(case_id) +
               "&rule=PROC-DEADLINE-90&path=&decision=dismiss&reason=%E5%B7%B2%E6%A0%B8%E5%AE%9E&reviewer=%E7%94%B2";
    }

    fs::path dir, db;
    std::unique_ptr<ServeProcess> server;
    std::unique_ptr<httplib::Client> client;
    const std::string case_id = "深汕住建罚〔2024〕24号";  // proc-deadline-90-fires: one finding, 3 points
};

TEST_F(Serve, CaseTextIsEscapedEverywhere) {
    for (const std::string path : {"/", "/cases?run=1", "/cases?run=1&rule=LAW-UNKNOWN"}) {
        const auto res = client->Get(path.c_str());
        ASSERT_TRUE(res && res->status == 200) << path;
        EXPECT_EQ(res->body.find("<script"), std::string::npos) << path;
        EXPECT_EQ(res->get_header_value("Content-Security-Policy").find("script-src"), std::string::npos);
    }
    const auto list = client->Get("/cases?run=1");
    EXPECT_NE(list->body.find("XSS-&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    const auto [token, page] = open_case("XSS-" + kXss);
    EXPECT_EQ(page.find("<script"), std::string::npos);
    EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(page.find("《&lt;script&gt;alert(1)&lt;/script&gt;》"), std::string::npos) << "finding message";
    EXPECT_NE(page.find("value=\"XSS-&lt;script&gt;alert(1)&lt;/script&gt;\""), std::string::npos) << "hidden field";
}

TEST_F(Serve, PostsNeedTheSessionTokenAndTheSameOrigin) {
    const auto [token, page] = open_case(case_id);
    ASSERT_FALSE(token.empty());
    const httplib::Headers cookie = {{"Cookie", "pingcha_csrf=" + token}};
    const char* type = "application/x-www-form-urlencoded";

    auto post = [&](const httplib::Headers& headers, const std::string& body) {
        const auto res = client->Post("/adjudicate", headers, body, type);
        return res ? res->status : -1;
    };
    EXPECT_EQ(post({}, form(token)), 403) << "no cookie";
    EXPECT_EQ(post(cookie, form("")), 403) << "no field";
    std::string wrong = token;
    wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
    EXPECT_EQ(post(cookie, form(wrong)), 403) << "field differs";
    EXPECT_EQ(post({{"Cookie", "pingcha_csrf=" + wrong}}, form(wrong)), 403) << "token not issued by the server";
    auto with = [&](std::string name, std::string value) {
        httplib::Headers h = cookie;
        h.emplace(std::move(name), std::move(value));
        return h;
    };
    EXPECT_EQ(post(with("Origin", "http://evil.example"), form(token)), 403);
    EXPECT_EQ(post(with("Origin", "null"), form(token)), 403);
    EXPECT_EQ(post(with("Sec-Fetch-Site", "cross-site"), form(token)), 403);
    EXPECT_EQ(post(with("Host", "evil.example:" + std::to_string(server->port)), form(token)), 403) << "rebinding";
    EXPECT_EQ(rows(), 0);

    // The same form from the same origin is recorded, and the page shows the new score.
    httplib::Headers good = with("Origin", "http://127.0.0.1:" + std::to_string(server->port));
    good.emplace("Sec-Fetch-Site", "same-origin");
    const auto res = client->Post("/adjudicate", good, form(token), type);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 303);
    EXPECT_EQ(rows(), 1);
    const auto after = client->Get(res->get_header_value("Location").c_str());
    ASSERT_TRUE(after && after->status == 200);
    EXPECT_NE(after->body.find("id=\"adjudicated-score\"><b>100</b> 分，优秀"), std::string::npos);
    EXPECT_NE(after->body.find("id=\"engine-score\"><b>97</b> 分，优秀"), std::string::npos);
    EXPECT_NE(after->body.find("裁定 #1 已记录"), std::string::npos);

    // A refused decision (bad points) shows the reason and stores nothing.
    std::string bad = form(token);
    bad.replace(bad.find("decision=dismiss"), 16, "decision=adjust&points=99");
    const auto refused = client->Post("/adjudicate", good, bad, type);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400);
    EXPECT_NE(refused->body.find("超过问题所在部分"), std::string::npos);
    EXPECT_EQ(rows(), 1);
}

// The case page re-evaluates the stored case with the run's pack (the path the run recorded)
// and shows, escaped, the values that decided each finding and why each rule did not apply.
TEST_F(Serve, CasePageExplainsFindingsAndRules) {
    const auto [token, page] = open_case(case_id);
    EXPECT_EQ(page.find("explain-unavailable"), std::string::npos);
    const auto finding = page.find("<section class=\"finding\"");
    ASSERT_NE(finding, std::string::npos);
    const std::string deciding = "days(dates.filed, dates.decided) = 91 &gt; 90 → 真";
    const auto why = page.find("<pre class=\"why\">判定：procedure = &quot;general&quot; == &quot;general&quot;", finding);
    ASSERT_NE(why, std::string::npos) << "the finding's deciding values";
    EXPECT_LT(why, page.find("</section>", finding));
    EXPECT_NE(page.find(deciding, why), std::string::npos);
    EXPECT_NE(page.find("读取：procedure = &quot;general&quot;，dates.filed = 2024-03-08，dates.decided = 2024-06-07", why),
              std::string::npos);
    const auto rules = page.find("id=\"explanations\"");
    ASSERT_NE(rules, std::string::npos);
    EXPECT_NE(page.find("<tr class=\"fired\"><td><b>PROC-DEADLINE-90</b>", rules), std::string::npos);
    EXPECT_NE(page.find("缺失：law_territory(b.law) 无法求值（《中华人民共和国建筑法》是全国适用的规范，没有适用地域）", rules),
              std::string::npos)
        << "a not-applicable reason";

    // Values read from the case are escaped inside the explanation too.
    const auto [token2, xss] = open_case("XSS-" + kXss);
    EXPECT_EQ(xss.find("<script"), std::string::npos);
    const auto xss_rules = xss.find("id=\"explanations\"");
    ASSERT_NE(xss_rules, std::string::npos);
    EXPECT_NE(xss.find("basis[0].law = &quot;《&lt;script&gt;alert(1)&lt;/script&gt;》&quot;", xss_rules), std::string::npos);
}

// With a pack that is not the run's, the page says so and still shows the stored findings.
TEST_F(Serve, CasePageSaysWhenThePackDoesNotMatch) {
    ServeProcess other(db, dir / "other.log", {"--rules", (kSrc / "rules/demo").string()});
    ASSERT_GT(other.port, 0);
    httplib::Client c("127.0.0.1", other.port);
    const auto res = c.Get(("/case?run=1&id=" + httplib::detail::encode_query_param(case_id)).c_str());
    ASSERT_TRUE(res && res->status == 200);
    const auto note = res->body.find("id=\"explain-unavailable\"");
    ASSERT_NE(note, std::string::npos);
    EXPECT_NE(res->body.find("规则包不一致，拒绝解释：运行 1 使用的是", note), std::string::npos);
    EXPECT_EQ(res->body.find("id=\"explanations\""), std::string::npos);
    EXPECT_EQ(res->body.find("<pre class=\"why\">"), std::string::npos);
    EXPECT_NE(res->body.find("<b>PROC-DEADLINE-90</b>"), std::string::npos) << "the stored finding";
    EXPECT_NE(res->body.find("id=\"engine-score\"><b>97</b> 分，优秀"), std::string::npos);

    ServeProcess missing(db, dir / "missing.log", {"--rules", (dir / "no-such-pack").string()});
    ASSERT_GT(missing.port, 0);
    httplib::Client m("127.0.0.1", missing.port);
    const auto gone = m.Get(("/case?run=1&id=" + httplib::detail::encode_query_param(case_id)).c_str());
    ASSERT_TRUE(gone && gone->status == 200);
    EXPECT_NE(gone->body.find("无法加载"), std::string::npos);
    EXPECT_NE(gone->body.find("<b>PROC-DEADLINE-90</b>"), std::string::npos);
}

TEST_F(Serve, OversizedRequestsAreRefused) {
    const auto [token, page] = open_case(case_id);
    std::string body = form(token) + "&pad=" + std::string(100 * 1024, 'x');
    const auto res = client->Post("/adjudicate", {{"Cookie", "pingcha_csrf=" + token}}, body,
                                  "application/x-www-form-urlencoded");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 413);
    const auto plain = client->Post("/adjudicate", {{"Cookie", "pingcha_csrf=" + token}}, std::string(100 * 1024, 'x'),
                                    "text/plain");  // not form-encoded: only the server's own cap applies
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->status, 413);
    const auto small_plain = client->Post("/adjudicate", {{"Cookie", "pingcha_csrf=" + token}}, "x", "text/plain");
    ASSERT_TRUE(small_plain);
    EXPECT_EQ(small_plain->status, 415);
    httplib::Headers many;
    for (int i = 0; i < 40; ++i) many.emplace("X-Pad-" + std::to_string(i), std::string(1000, 'y'));
    const auto headers = client->Get("/", many);
    ASSERT_TRUE(headers);
    EXPECT_EQ(headers->status, 431);
    EXPECT_EQ(rows(), 0);
}

TEST_F(Serve, BindsLoopbackByDefaultAndStopsOnSigterm) {
    EXPECT_EQ(server->url, "http://127.0.0.1:" + std::to_string(server->port) + "/");
    std::ifstream tcp("/proc/net/tcp");
    std::string line;
    char port_hex[8];
    std::snprintf(port_hex, sizeof port_hex, ":%04X", server->port);
    bool found = false;
    while (std::getline(tcp, line)) {
        std::istringstream in(line);
        std::string sl, local, remote, state;
        in >> sl >> local >> remote >> state;
        if (state == "0A" && local.size() > 5 && local.substr(local.size() - 5) == port_hex) {
            found = true;
            EXPECT_EQ(local, std::string("0100007F") + port_hex) << "listens on " << local;
        }
    }
    EXPECT_TRUE(found);
    client.reset();
    EXPECT_EQ(server->stop(), 0);
}

}  // namespace
