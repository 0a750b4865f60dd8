// The law catalog: which norms exist, their kinds and territories, and which version was
// in force on a date. Answers "was this citation valid on this date in this territory?".
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.hpp"
#include "law/territory.hpp"

namespace pingcha {

struct LawVersion {
    std::string label;             // "2021"
    std::optional<Date> adopted;   // the revision's adoption date (citations may name it)
    std::optional<Date> from;      // first day in force (open: since always)
    std::optional<Date> until;     // last day in force, inclusive (open: still in force)
    std::optional<uint32_t> articles;
};

struct Law {
    std::string name;                  // full title as declared
    std::vector<std::string> aliases;
    std::string kind;                  // 法律, 行政法规, 地方性法规, 经济特区法规, 部门规章, 地方政府规章
    std::string territory;             // empty: national
    std::vector<LawVersion> versions;  // sorted by `from`
    std::optional<Date> repealed;      // first day no longer in force
    bool repeal_date_unknown = false;  // repealed, but since when is not known
    std::string replaced_by;
    bool recognised_by_title = false;  // not declared; kind and territory read from the title
};

class LawCatalog {
public:
    void add(Law law);
    size_t size() const { return laws_.size(); }
    const std::vector<Law>& laws() const { return laws_; }

    // A declared law by any cited form: with or without 《》, with or without the
    // 中华人民共和国 prefix, or by a declared alias.
    const Law* find(std::string_view cited) const;

    // A title the catalog lacks but whose territory prefix is declared: 深圳经济特区…条例 is an
    // SEZ regulation of shenzhen_sez, 深圳市…条例 a Shenzhen local regulation. Assumption
    // (documented in the language reference): 条例 of an SEZ → 经济特区法规; other 条例 →
    // 地方性法规; 办法, 规定, 细则 → 地方政府规章.
    std::optional<Law> recognise(std::string_view cited, const Territories& territories) const;

    // The version in force on `day`; null when none is. For a law repealed at an unknown
    // date the answer after its last version began is unknowable: see `in_force_known`.
    static const LawVersion* version_on(const Law& law, Date day);
    // Whether `version_on` can be trusted for `day`.
    static bool in_force_known(const Law& law, Date day);
    static const LawVersion* version_named(const Law& law, std::string_view label_or_adoption_date);
    static bool in_force(const Law& law, Date day) { return version_on(law, day) != nullptr; }

private:
    std::vector<Law> laws_;
    struct NameHash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, size_t, NameHash, std::equal_to<>> index_;  // normalised name or alias → law
};

}  // namespace pingcha
