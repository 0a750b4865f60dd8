// Normalisers for how real case files cite law.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pingcha {

// Canonical form of a cited law name, for lookup: trims ASCII and full-width spaces,
// removes one pair of 《》 (also 〈〉 and ASCII <>), and drops a leading `中华人民共和国`.
// `《中华人民共和国行政处罚法》` and `行政处罚法` both give `行政处罚法`.
std::string normalize_law_name(std::string_view cited);
// The same, as a part of `cited` (no copy).
std::string_view law_name_key(std::string_view cited);

// A reference to a provision: 第一百零二条第一款第（二）项 → {102, 0, 1, 2};
// 第二十条之一 → {20, 1, 0, 0}. Zero means "not given".
struct ArticleRef {
    uint32_t article = 0;
    uint32_t sub = 0;        // 之一 → 1, 之二 → 2
    uint32_t paragraph = 0;  // 款
    uint32_t item = 0;       // 项, written （二） or (二) or 2
    friend bool operator==(const ArticleRef&, const ArticleRef&) = default;
};

// Accepts Chinese numerals (一 … 九千九百九十九, with 零 and 两), Arabic digits, full-width
// digits, and the plain integer forms "57" or "57-1". nullopt when it is not a reference.
std::optional<ArticleRef> parse_article_ref(std::string_view text);

// 一百零二 → 102, 二十 → 20, 十五 → 15, 两千 → 2000; also Arabic and full-width digits.
std::optional<uint32_t> parse_chinese_number(std::string_view text);

}  // namespace pingcha
