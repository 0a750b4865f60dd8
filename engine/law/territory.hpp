// Territories (where a norm applies) and enforcement agencies (执法主体).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pingcha {

struct Territory {
    std::string code;
    std::string display;              // 深汕特别合作区; also used to recognise law titles
    std::vector<std::string> within;  // direct parents
};

class Territories {
public:
    void add(Territory t);
    const Territory* find(std::string_view code) const;
    // Reflexive and transitive: shenzhen is within shenzhen_sez and guangdong.
    bool within(std::string_view inner, std::string_view outer) const;
    // The declared territory whose display name is the longest prefix of `title`.
    const Territory* prefix_of(std::string_view title) const;
    const std::vector<Territory>& all() const { return list_; }

private:
    std::vector<Territory> list_;
    std::map<std::string, size_t, std::less<>> index_;
};

struct Agency {
    std::string code;
    std::string display;
    std::string territory;
};

}  // namespace pingcha
