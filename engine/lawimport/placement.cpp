#include "lawimport/placement.hpp"

#include <algorithm>

namespace pingcha::lawimport {

namespace {

bool has_folder(const std::vector<std::string>& folders, std::string_view name) {
    return std::find(folders.begin(), folders.end(), name) != folders.end();
}

const KnownTerritory* territory_of_prefix(std::string_view text) {
    for (const auto& t : known_territories())
        if (text.starts_with(t.display)) return &t;
    return nullptr;
}

// The body that adopted the text, from the first event that names one: `广东省第十三届…通过`.
const KnownTerritory* territory_of_adopting_body(const LawText& text) {
    for (const auto& e : text.history)
        if (const auto* t = territory_of_prefix(e.words)) return t;
    return nullptr;
}

std::optional<Placement> place_local(std::string base_kind, const LawText& text, std::string& why_not) {
    if (const auto* t = territory_of_prefix(text.title)) {
        const bool sez_regulation = t->special_zone && base_kind == "地方性法规";
        return Placement{sez_regulation ? "经济特区法规" : std::move(base_kind), std::string(t->code), ""};
    }
    if (const auto* t = territory_of_adopting_body(text)) {
        const std::string note = "标题未载明地域，按制定机关归入 " + std::string(t->code) + "（" +
                                 std::string(t->display) + "）";
        return Placement{std::move(base_kind), std::string(t->code), note};
    }
    why_not = "无法判断适用地域：标题和制定机关都不是已知的广东省地域";
    return std::nullopt;
}

bool in_national_category(const std::vector<std::string>& folders) {
    static const std::vector<std::string_view> kCategories = {
        "宪法", "宪法相关法", "民法典", "民法商法", "行政法", "经济法", "社会法", "刑法", "诉讼与非诉讼程序法"};
    return std::any_of(kCategories.begin(), kCategories.end(), [&](std::string_view c) { return has_folder(folders, c); });
}

}  // namespace

const std::vector<KnownTerritory>& known_territories() {
    static const std::vector<KnownTerritory> kTerritories = {
        {"shenzhen_sez", "深圳经济特区", true}, {"zhuhai_sez", "珠海经济特区", true},
        {"shantou_sez", "汕头经济特区", true},  {"guangdong", "广东省", false},
        {"guangzhou", "广州市", false},         {"shenzhen", "深圳市", false},
        {"zhuhai", "珠海市", false},            {"shantou", "汕头市", false},
        {"foshan", "佛山市", false},            {"shaoguan", "韶关市", false},
        {"zhanjiang", "湛江市", false},         {"zhaoqing", "肇庆市", false},
        {"jiangmen", "江门市", false},          {"maoming", "茂名市", false},
        {"huizhou", "惠州市", false},           {"meizhou", "梅州市", false},
        {"shanwei", "汕尾市", false},           {"heyuan", "河源市", false},
        {"yangjiang", "阳江市", false},         {"qingyuan", "清远市", false},
        {"dongguan", "东莞市", false},          {"zhongshan", "中山市", false},
        {"chaozhou", "潮州市", false},          {"jieyang", "揭阳市", false},
        {"yunfu", "云浮市", false},
    };
    return kTerritories;
}

const KnownTerritory* territory_by_code(std::string_view code) {
    for (const auto& t : known_territories())
        if (t.code == code) return &t;
    return nullptr;
}

std::optional<Placement> place(const std::vector<std::string>& folders, const LawText& text, std::string& why_not) {
    if (has_folder(folders, "地方性法规")) return place_local("地方性法规", text, why_not);
    if (has_folder(folders, "地方政府规章")) return place_local("地方政府规章", text, why_not);
    if (has_folder(folders, "行政法规")) return Placement{"行政法规", "", ""};
    if (has_folder(folders, "部门规章")) return Placement{"部门规章", "", ""};
    if (in_national_category(folders)) return Placement{"法律", "", ""};
    why_not = "无法判断法规类别：不在行政法规/、部门规章/、地方性法规/ 或法律分类目录（行政法/、经济法/ 等）中";
    return std::nullopt;
}

}  // namespace pingcha::lawimport
