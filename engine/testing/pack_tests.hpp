// Running the `test` blocks written beside the rules.
#pragma once
#include <regex>
#include <string>
#include <vector>

#include "plan/rule_pack.hpp"
#include "score/score.hpp"

namespace pingcha {

struct TestOutcome {
    std::string name;
    std::string location;               // file:line of the test
    bool passed = false;
    std::vector<std::string> failures;  // one line per unmet expectation, with actual values
    CaseResult result;                  // what the engine produced (empty if the case did not load)
};

// Runs every test whose name matches `filter` (all when empty).
std::vector<TestOutcome> run_pack_tests(const RulePack& pack, const std::string& filter = {});

}  // namespace pingcha
