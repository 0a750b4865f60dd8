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

struct RuleCoverageLine {
    std::string rule;
    bool fired = false;       // produced a finding in some test
    bool seen_true = false;   // its condition was true for some case (or list element)
    bool seen_false = false;  // … and false for some
};

struct PackTestRun {
    std::vector<TestOutcome> outcomes;
    std::vector<RuleCoverageLine> coverage;  // one per rule, in pack order
    size_t passed() const;
    double covered_percent() const;  // rules that fired in some test, of all rules
};

// Runs every test whose name matches `filter` (all when empty).
PackTestRun run_pack_tests(const RulePack& pack, const std::string& filter = {});

}  // namespace pingcha
