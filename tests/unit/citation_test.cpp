#include <gtest/gtest.h>

#include "law/citation.hpp"

using pingcha::ArticleRef;
using pingcha::normalize_law_name;
using pingcha::parse_article_ref;
using pingcha::parse_chinese_number;

TEST(Citation, NormalizesLawNames) {
    EXPECT_EQ(normalize_law_name("《中华人民共和国行政处罚法》"), "行政处罚法");
    EXPECT_EQ(normalize_law_name("行政处罚法"), "行政处罚法");
    EXPECT_EQ(normalize_law_name("中华人民共和国行政处罚法"), "行政处罚法");
    EXPECT_EQ(normalize_law_name(" 《建设工程质量管理条例》 "), "建设工程质量管理条例");
    EXPECT_EQ(normalize_law_name("深圳经济特区市容和环境卫生管理条例"),
              "深圳经济特区市容和环境卫生管理条例");
    // Full-width spaces outside and inside the brackets, tabs and newlines.
    EXPECT_EQ(normalize_law_name("\u3000《\u3000中华人民共和国食品安全法 》\t\n"), "食品安全法");
    EXPECT_EQ(normalize_law_name("〈中华人民共和国行政许可法〉"), "行政许可法");
    EXPECT_EQ(normalize_law_name("<中华人民共和国广告法>"), "广告法");
    EXPECT_EQ(normalize_law_name("  <  道路交通安全法 >  "), "道路交通安全法");
}

TEST(Citation, NormalizeRemovesOnlyOneMatchedBracketPair) {
    EXPECT_EQ(normalize_law_name("《《行政处罚法》》"), "《行政处罚法》");
    // Unmatched or mismatched brackets are left alone.
    EXPECT_EQ(normalize_law_name("《行政处罚法"), "《行政处罚法");
    EXPECT_EQ(normalize_law_name("行政处罚法》"), "行政处罚法》");
    EXPECT_EQ(normalize_law_name("《行政处罚法〉"), "《行政处罚法〉");
    // The prefix is dropped only at the start.
    EXPECT_EQ(normalize_law_name("关于中华人民共和国的决定"), "关于中华人民共和国的决定");
    EXPECT_EQ(normalize_law_name("中华人民共和国中华人民共和国国旗法"), "中华人民共和国国旗法");
    EXPECT_EQ(normalize_law_name(""), "");
    EXPECT_EQ(normalize_law_name(" \u3000 "), "");
    EXPECT_EQ(normalize_law_name("《》"), "");
    EXPECT_EQ(normalize_law_name("<>"), "");
}

TEST(Citation, ParsesChineseNumbers) {
    EXPECT_EQ(parse_chinese_number("零"), 0u);
    EXPECT_EQ(parse_chinese_number("〇"), 0u);
    EXPECT_EQ(parse_chinese_number("一"), 1u);
    EXPECT_EQ(parse_chinese_number("九"), 9u);
    EXPECT_EQ(parse_chinese_number("两"), 2u);
    EXPECT_EQ(parse_chinese_number("十"), 10u);
    EXPECT_EQ(parse_chinese_number("十五"), 15u);
    EXPECT_EQ(parse_chinese_number("一十五"), 15u);
    EXPECT_EQ(parse_chinese_number("二十"), 20u);
    EXPECT_EQ(parse_chinese_number("五十七"), 57u);
    EXPECT_EQ(parse_chinese_number("一百"), 100u);
    EXPECT_EQ(parse_chinese_number("一百零二"), 102u);
    EXPECT_EQ(parse_chinese_number("一百〇二"), 102u);
    EXPECT_EQ(parse_chinese_number("一百一十"), 110u);
    EXPECT_EQ(parse_chinese_number("一百一十五"), 115u);
    EXPECT_EQ(parse_chinese_number("两百"), 200u);
    EXPECT_EQ(parse_chinese_number("一千"), 1000u);
    EXPECT_EQ(parse_chinese_number("一千零一"), 1001u);
    EXPECT_EQ(parse_chinese_number("一千零五"), 1005u);
    EXPECT_EQ(parse_chinese_number("一千零一十"), 1010u);
    EXPECT_EQ(parse_chinese_number("一千零五十"), 1050u);
    EXPECT_EQ(parse_chinese_number("一千二百"), 1200u);
    EXPECT_EQ(parse_chinese_number("一千二百零三"), 1203u);
    EXPECT_EQ(parse_chinese_number("两千"), 2000u);
    EXPECT_EQ(parse_chinese_number("两千零二十四"), 2024u);
    EXPECT_EQ(parse_chinese_number("九千九百九十九"), 9999u);
}

TEST(Citation, ParsesArabicNumbers) {
    EXPECT_EQ(parse_chinese_number("57"), 57u);
    EXPECT_EQ(parse_chinese_number("0"), 0u);
    EXPECT_EQ(parse_chinese_number("007"), 7u);
    EXPECT_EQ(parse_chinese_number("５７"), 57u);
    EXPECT_EQ(parse_chinese_number("１０２"), 102u);
    EXPECT_EQ(parse_chinese_number("4294967295"), 4294967295u);
    EXPECT_FALSE(parse_chinese_number("4294967296"));
    EXPECT_FALSE(parse_chinese_number("99999999999999999999999"));
}

TEST(Citation, RejectsInvalidNumbers) {
    for (const char* bad : {"", " ", " 57", "57 ", "-5", "5.0", "abc", "一二", "十十", "百", "千",
                            "一百十", "一百五", "一百零", "零五", "一零", "十零五", "二十零",
                            "一百零零二", "一千零十", "一千零五百", "二十百", "一十百", "十一百",
                            "五十七条", "5十", "十5", "一百0二", "万", "一万", "\xE4\xB8", "\xFF"}) {
        EXPECT_FALSE(parse_chinese_number(bad)) << '"' << bad << '"';
    }
}

TEST(Citation, ParsesArticleRefs) {
    EXPECT_EQ(parse_article_ref("第一百零二条第一款第（二）项"), (ArticleRef{102, 0, 1, 2}));
    EXPECT_EQ(parse_article_ref("第二十条之一"), (ArticleRef{20, 1, 0, 0}));
    EXPECT_EQ(parse_article_ref("第二十条之二"), (ArticleRef{20, 2, 0, 0}));
    EXPECT_EQ(parse_article_ref("第五十七条"), (ArticleRef{57, 0, 0, 0}));
    EXPECT_EQ(parse_article_ref("第一百条"), (ArticleRef{100, 0, 0, 0}));
    EXPECT_EQ(parse_article_ref("第一千零一条"), (ArticleRef{1001, 0, 0, 0}));
    EXPECT_EQ(parse_article_ref("第十条"), (ArticleRef{10, 0, 0, 0}));
    EXPECT_EQ(parse_article_ref("第57条第2款"), (ArticleRef{57, 0, 2, 0}));
    EXPECT_EQ(parse_article_ref("第５７条第２款"), (ArticleRef{57, 0, 2, 0}));
    EXPECT_EQ(parse_article_ref("第五十七条第（二）项"), (ArticleRef{57, 0, 0, 2}));
    EXPECT_EQ(parse_article_ref("第五十七条第(二)项"), (ArticleRef{57, 0, 0, 2}));
    EXPECT_EQ(parse_article_ref("第五十七条第二项"), (ArticleRef{57, 0, 0, 2}));
    EXPECT_EQ(parse_article_ref("第五十七条第一款（三）"), (ArticleRef{57, 0, 1, 3}));
    EXPECT_EQ(parse_article_ref("第五十七条第一款(3)"), (ArticleRef{57, 0, 1, 3}));
    EXPECT_EQ(parse_article_ref("第五十七条第一款第十二项"), (ArticleRef{57, 0, 1, 12}));
    EXPECT_EQ(parse_article_ref("第二十条之一第二款第（三）项"), (ArticleRef{20, 1, 2, 3}));
    EXPECT_EQ(parse_article_ref("第57条第2款第3项"), (ArticleRef{57, 0, 2, 3}));
}

TEST(Citation, ParsesPlainArticleNumbers) {
    EXPECT_EQ(parse_article_ref("57"), (ArticleRef{57, 0, 0, 0}));
    EXPECT_EQ(parse_article_ref("57-1"), (ArticleRef{57, 1, 0, 0}));
    EXPECT_EQ(parse_article_ref("５７"), (ArticleRef{57, 0, 0, 0}));
    EXPECT_EQ(parse_article_ref("57－2"), (ArticleRef{57, 2, 0, 0}));
}

TEST(Citation, ArticleRefToleratesWhitespace) {
    EXPECT_EQ(parse_article_ref("  第五十七条\t"), (ArticleRef{57, 0, 0, 0}));
    EXPECT_EQ(parse_article_ref("\u3000第五十七条第一款\u3000"), (ArticleRef{57, 0, 1, 0}));
    EXPECT_EQ(parse_article_ref(" 57-1 \n"), (ArticleRef{57, 1, 0, 0}));
    EXPECT_EQ(parse_article_ref("第 57 条 第 2 款"), (ArticleRef{57, 0, 2, 0}));
}

TEST(Citation, RejectsNonReferences) {
    for (const char* bad : {"", "   ", "第条", "abc", "第五十七条xyz", "第五十七", "五十七条",
                            "第（二）项", "（二）", "第一款", "第零条", "第0条", "0", "57-",
                            "57-0", "-1", "57-1-2", "57a", "57条", "第五十七条之", "第五十七条之零",
                            "第五十七条第", "第五十七条第一", "第五十七条第一款第一款",
                            "第五十七条第（二）项第一款", "第五十七条（二）（三）",
                            "第五十七条第（二项", "第五十七条第（）项", "第五十七条项",
                            "第一百十条", "第57十条", "《行政处罚法》第五十七条",
                            "第五十七条的规定", "第五十七条\xFF"}) {
        EXPECT_FALSE(parse_article_ref(bad)) << '"' << bad << '"';
    }
}
