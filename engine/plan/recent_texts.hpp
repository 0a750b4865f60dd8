// Look-ups remembered by the address of a record's text, for the record being evaluated:
// its texts do not move while it is evaluated, and a rule pack asks about the same field
// again and again (each rule that cites it, each element of a lambda).
#pragma once
#include <cstddef>
#include <string_view>

namespace pingcha {

template <typename T, size_t N>
class RecentTexts {
public:
    // The answer remembered for `text` (asked of `owner`, which may be null), or null.
    const T* find(const void* owner, std::string_view text) const {
        for (size_t k = 0; k < count_; ++k)
            if (items_[k].data == text.data() && items_[k].size == text.size() && items_[k].owner == owner)
                return &items_[k].answer;
        return nullptr;
    }
    // Beyond N texts a record's look-ups are no longer remembered.
    void remember(const void* owner, std::string_view text, T answer) {
        if (count_ < N) items_[count_++] = Item{owner, text.data(), text.size(), answer};
    }
    void clear() { count_ = 0; }

private:
    struct Item {
        const void* owner = nullptr;
        const char* data = nullptr;
        size_t size = 0;
        T answer{};
    };
    Item items_[N];
    size_t count_ = 0;
};

}  // namespace pingcha
