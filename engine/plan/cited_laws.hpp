// The law each cited title names, remembered by the exact text of the citation: a corpus
// cites a few hundred titles again and again, and each look-up by RulePack::law normalises
// the title and may build a law recognised by its title. One per Evaluator (not shared).
#pragma once
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

#include "law/catalog.hpp"

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
    void next_record() { recent_count_ = 0; }

private:
    struct Recent {
        const char* data = nullptr;
        size_t size = 0;
        const Law* law = nullptr;
    };
    static constexpr size_t kRecent = 8;  // a record cites a handful of titles
    Recent recent_[kRecent];
    size_t recent_count_ = 0;
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
