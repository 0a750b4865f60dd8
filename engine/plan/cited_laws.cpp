#include "plan/cited_laws.hpp"

#include <optional>

#include "plan/rule_pack.hpp"

namespace pingcha {

const Law* CitedLaws::find(std::string_view cited) {
    if (const Law* const* known = recent_.find(nullptr, cited)) return *known;
    const Law* law = find_by_text(cited);
    recent_.remember(nullptr, cited, law);
    return law;
}

const Law* CitedLaws::find_by_text(std::string_view cited) {
    if (const auto it = known_.find(cited); it != known_.end()) return it->second;
    if (known_.size() >= kMost) {
        known_.clear();
        recognised_.clear();
        recent_.clear();
    }
    std::optional<Law> scratch;
    const Law* law = pack_.law(cited, scratch);
    if (scratch) law = &recognised_.emplace_back(std::move(*scratch));
    known_.emplace(cited, law);
    return law;
}

}  // namespace pingcha
