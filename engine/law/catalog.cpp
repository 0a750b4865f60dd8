#include "law/catalog.hpp"

#include <algorithm>

#include "law/citation.hpp"

namespace pingcha {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

void LawCatalog::add(Law law) {
    std::sort(law.versions.begin(), law.versions.end(), [](const LawVersion& a, const LawVersion& b) {
        return a.from.value_or(Date::from_serial(INT32_MIN)) < b.from.value_or(Date::from_serial(INT32_MIN));
    });
    const size_t id = laws_.size();
    index_.emplace(normalize_law_name(law.name), id);
    for (const auto& alias : law.aliases) index_.emplace(normalize_law_name(alias), id);
    laws_.push_back(std::move(law));
}

const Law* LawCatalog::find(std::string_view cited) const {
    auto it = index_.find(law_name_key(cited));
    return it == index_.end() ? nullptr : &laws_[it->second];
}

std::optional<Law> LawCatalog::recognise(std::string_view cited, const Territories& territories) const {
    const std::string title = normalize_law_name(cited);
    const Territory* t = territories.prefix_of(title);
    if (!t) return std::nullopt;
    Law law;
    law.name = title;
    law.territory = t->code;
    law.recognised_by_title = true;
    const bool sez = t->display.find("经济特区") != std::string::npos;
    if (ends_with(title, "条例"))
        law.kind = sez ? "经济特区法规" : "地方性法规";
    else if (ends_with(title, "办法") || ends_with(title, "规定") || ends_with(title, "细则"))
        law.kind = "地方政府规章";
    else
        return std::nullopt;
    return law;
}

const LawVersion* LawCatalog::version_on(const Law& law, Date day) {
    if (law.repealed && day >= *law.repealed) return nullptr;
    for (const auto& v : law.versions)
        if ((!v.from || *v.from <= day) && (!v.until || day <= *v.until)) return &v;
    return nullptr;
}

bool LawCatalog::in_force_known(const Law& law, Date day) {
    if (!law.repeal_date_unknown) return true;
    // Known only before the last version took effect (after that it may have been repealed).
    return !law.versions.empty() && law.versions.back().from && day < *law.versions.back().from;
}

const LawVersion* LawCatalog::version_named(const Law& law, std::string_view label) {
    const auto date = Date::parse(label);
    for (const auto& v : law.versions)
        if (v.label == label || (date && v.adopted && *v.adopted == *date)) return &v;
    return nullptr;
}

}  // namespace pingcha
