// The law each cited title names, remembered by the exact text of the citation: a corpus
// cites a few hundred titles again and again, and each look-up by RulePack::law normalises
// the title and may build a law recognised by its title. One per Evaluator (not shared).
#pragma once
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

#include "law/catalog.hpp"
#include "plan/recent_texts.hpp"

namespace pingcha {

class RulePack;

class CitedLaws {
public:
    explicit CitedLaws(const RulePack& pack) : pack_(pack) {}
    CitedLaws(const CitedLaws&) = delete;
    CitedLaws& operator=(const CitedLaws&) = delete;

    // RulePack::law(cited); the law stays valid until the next call.
    const Law* find(std::string_view cited);
    // Texts of one record do not change while it is evaluated, so within a record a text is
    // recognised by its address; call before each record.
    void next_record() { recent_.clear(); }

private:
    RecentTexts<const Law*, 8> recent_;  // a record cites a handful of titles
    const Law* find_by_text(std::string_view cited);

    static constexpr size_t kMost = 4096;  // titles remembered before starting afresh
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    const RulePack& pack_;
    std::unordered_map<std::string, const Law*, Hash, std::equal_to<>> known_;
    std::deque<Law> recognised_;  // laws recognised by their titles, which the pack does not hold
};

}  // namespace pingcha
