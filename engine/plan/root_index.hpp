// The fields of one record's root object by key: the first step of every field path
// (`dates.decided`, `penalty.fine`) without searching the root's twenty-odd fields.
#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/value.hpp"

namespace pingcha {

class RootIndex {
public:
    explicit RootIndex(size_t key_count) : at_(key_count) {}

    // Indexes `root` (an object; anything else has no fields), forgetting the last one.
    void index(const Value& root) {
        if (++serial_ == 0) {  // wrapped: forget every stamp
            std::fill(at_.begin(), at_.end(), Entry{});
            serial_ = 1;
        }
        root_ = root;
        if (root.kind != ValueKind::object) return;
        for (uint32_t k = 0; k < root.size; ++k) {
            const KeyId key = root.fields[k].key;
            if (key < at_.size()) at_[key] = Entry{serial_, k};
        }
    }
    // root.find(key) for the root indexed last.
    const Value* find(KeyId key) const {
        if (key >= at_.size()) return root_.find(key);
        const Entry e = at_[key];
        return e.serial == serial_ ? &root_.fields[e.position].value : nullptr;
    }

private:
    struct Entry {
        uint32_t serial = 0;
        uint32_t position = 0;
    };
    std::vector<Entry> at_;  // by KeyId
    uint32_t serial_ = 0;
    Value root_;
};

}  // namespace pingcha
