// Compiling a checked pack into its immutable evaluation plan.
#pragma once
#include <memory>

#include "check/checker.hpp"
#include "plan/rule_pack.hpp"

namespace pingcha {

// The pack must have checked without errors. Takes ownership of the syntax trees.
std::unique_ptr<RulePack> compile_pack(CheckedPack&& checked);

// Load, parse, check and compile; nullptr (with diagnostics) when the pack has errors.
std::unique_ptr<RulePack> load_rule_pack(const std::string& path, Diagnostics& diags, const Limits& limits = Limits{});

}  // namespace pingcha
