// One loaded case file, independent of any JSON library: a tree of Values in an arena.
#pragma once
#include <string>

#include "core/keys.hpp"
#include "core/value.hpp"

namespace pingcha {

class Record {
public:
    Record() = default;
    Record(const Record&) = delete;
    Record& operator=(const Record&) = delete;

    Value root;          // an object value
    std::string source;  // where it came from: `file:line` (JSON Lines) or `file#index`

    Arena& arena() { return arena_; }
    void clear() { root = Value{}; source.clear(); arena_.reset(); }

private:
    Arena arena_;
};

// Keys of every case-file/1 field (and of the normalised article object and the usual
// `penalty.amounts` bases); a rule pack adds the extra keys its rules read.
KeyTable case_file_keys();

}  // namespace pingcha
