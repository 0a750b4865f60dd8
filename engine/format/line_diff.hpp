// A unified line diff (as `diff -u` prints it), for `pingcha fmt --diff`.
#pragma once
#include <string>

namespace pingcha::format {

// Empty when the texts are equal. Hunks carry `context` unchanged lines around each change.
std::string unified_diff(const std::string& before, const std::string& after, const std::string& before_name,
                         const std::string& after_name, int context = 3);

}  // namespace pingcha::format
