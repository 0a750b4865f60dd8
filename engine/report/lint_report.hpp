// Diagnostics and pack-test results in machine formats for CI: JSON, SARIF 2.1.0, JUnit XML.
#pragma once
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "testing/pack_tests.hpp"

namespace pingcha {

struct CheckedFile {
    std::string path;         // a pack folder or file as named on the command line
    Diagnostics diagnostics;  // everything found in it
};

std::string diagnostics_to_json(const std::vector<CheckedFile>& files);
std::string diagnostics_to_sarif(const std::vector<CheckedFile>& files, const std::string& tool_version);
std::string diagnostics_to_junit(const std::vector<CheckedFile>& files, bool strict);

std::string tests_to_json(const std::vector<TestOutcome>& outcomes);
std::string tests_to_sarif(const std::vector<TestOutcome>& outcomes, const std::string& tool_version);
std::string tests_to_junit(const std::vector<TestOutcome>& outcomes, const std::string& suite);

// XML text escaping (also drops characters XML 1.0 forbids).
std::string xml_escape(const std::string& s);

}  // namespace pingcha
