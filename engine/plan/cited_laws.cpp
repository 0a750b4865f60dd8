#include "plan/cited_laws.hpp"

#include <optional>

#include "plan/rule_pack.hpp"

namespace pingcha {

const Law* CitedLaws::find(std::string_view cited) {
    for (size_t k = 0; k < recent_count_; ++k)
        if (recent_[k].data == cited.data() && recent_[k].size == cited.size()) return recent_[k].law;
    const Law* law = find_by_text(cited);
    if (recent_count_ < kRecent) recent_[recent_count_++] = Recent{cited.data(), cited.size(), law};
    return law;
}

const Law* CitedLaws::find_by_text(std::string_view cited) {
    if (const auto it = known_.find(cited); it != known_.end()) return it->second;
    if (known_.size() >= kMost) {
        known_.clear();
        recognised_.clear();
        recent_count_ = 0;
    }
    std::optional<Law> scratch;
    const Law* law = pack_.law(cited, scratch);
    if (scratch) law = &recognised_.emplace_back(std::move(*scratch));
    known_.emplace(cited, law);
    return law;
}

}  // namespace pingcha
