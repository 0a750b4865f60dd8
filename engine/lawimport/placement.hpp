// Where a law text belongs: its kind (法律, 行政法规, …) from the collection folder it lies in,
// and for local regulations its territory from the title.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lawimport/law_text.hpp"

namespace pingcha::lawimport {

struct Placement {
    std::string kind;       // 法律, 行政法规, 部门规章, 地方性法规, 经济特区法规, 地方政府规章
    std::string territory;  // territory code; empty: national
    std::string note;       // how the territory was found when the title does not say (for review)
};

// A territory the importer can assign, with the display name a pack should declare for it.
struct KnownTerritory {
    std::string_view code;     // shenzhen_sez
    std::string_view display;  // 深圳经济特区
    bool special_zone;         // an 经济特区: its 条例 are 经济特区法规
};

// Guangdong, its three special economic zones and its 21 prefecture-level cities, most specific
// title prefix first (深圳经济特区 before 深圳市).
const std::vector<KnownTerritory>& known_territories();
const KnownTerritory* territory_by_code(std::string_view code);

// `folders`: the folder names from the imported folder down to the file, e.g.
// {"laws", "DLC", "广东地方法规", "地方性法规", "广东"}. Returns nullopt and sets `why_not`
// when the kind or territory cannot be told.
//
// - a folder 地方性法规 / 地方政府规章: local; the territory from the title prefix (深圳经济特区…,
//   广东省…, 广州市…), else from the body that adopted it (`广东省第十三届人民代表大会…通过`);
//   a 地方性法规 of a special economic zone is an 经济特区法规;
// - a folder 行政法规 → 行政法规; 部门规章 → 部门规章;
// - a national category folder (宪法, 宪法相关法, 民法典, 民法商法, 行政法, 经济法, 社会法, 刑法,
//   诉讼与非诉讼程序法) → 法律.
std::optional<Placement> place(const std::vector<std::string>& folders, const LawText& text, std::string& why_not);

}  // namespace pingcha::lawimport
