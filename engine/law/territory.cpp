#include "law/territory.hpp"

namespace pingcha {

void Territories::add(Territory t) {
    index_[t.code] = list_.size();
    list_.push_back(std::move(t));
}

const Territory* Territories::find(std::string_view code) const {
    auto it = index_.find(code);
    return it == index_.end() ? nullptr : &list_[it->second];
}

bool Territories::within(std::string_view inner, std::string_view outer) const {
    if (inner == outer) return true;
    // Depth-bounded walk: declarations are checked acyclic, the bound guards anyway.
    std::vector<std::string_view> frontier{inner};
    for (size_t depth = 0; depth < list_.size() && !frontier.empty(); ++depth) {
        std::vector<std::string_view> next;
        for (auto code : frontier) {
            const Territory* t = find(code);
            if (!t) continue;
            for (const auto& parent : t->within) {
                if (parent == outer) return true;
                next.push_back(parent);
            }
        }
        frontier = std::move(next);
    }
    return false;
}

const Territory* Territories::prefix_of(std::string_view title) const {
    const Territory* best = nullptr;
    for (const auto& t : list_)
        if (!t.display.empty() && title.substr(0, t.display.size()) == t.display &&
            (!best || t.display.size() > best->display.size()))
            best = &t;
    return best;
}

}  // namespace pingcha
