// Interned field names. A KeyTable is built once (schema + every path a rule pack reads)
// and then only read, so loaders and evaluators on many threads can share it.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/value.hpp"

namespace pingcha {

class KeyTable {
public:
    KeyId intern(std::string_view name);  // building phase only
    std::optional<KeyId> find(std::string_view name) const;
    const std::string& name(KeyId id) const { return names_.at(id); }
    size_t size() const { return names_.size(); }

private:
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, KeyId, Hash, std::equal_to<>> ids_;
    std::vector<std::string> names_;
};

}  // namespace pingcha
