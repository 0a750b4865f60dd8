// `pingcha gen`: a deterministic generator of realistic case-file/1 records for the six
// Shenshan agencies. Most files are clean; the rest carry one to four defects the Shenshan
// pack checks (SEZ-regulation citations, repealed laws and outdated versions, fines outside
// their benchmark tier, missing notice or hearing rights, missing legal review, overdue
// deadlines, missing documents …), each listed with the rules it must trigger.
//
// Reproducible everywhere: every draw comes from std::mt19937_64 (its output sequence is
// fixed by the C++ standard) through integer arithmetic of our own; no standard
// distribution and no floating point is involved, so a seed gives byte-identical output
// with any compiler and standard library.
#pragma once
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pingcha::gen {

struct Defect {
    std::string_view name;         // e.g. `sez-regulation`
    std::string_view description;  // Chinese
    unsigned weight;               // relative frequency among defects
    std::vector<std::string_view> rules;  // the Shenshan rule ids it triggers
};

// Every defect the generator can plant, in a fixed order.
std::span<const Defect> defect_catalog();

struct GeneratedCase {
    std::string id;
    std::string agency;                         // code
    std::vector<std::string_view> defects;      // names, from defect_catalog()
    std::vector<std::string_view> rules;        // sorted, unique: the rules the defects trigger
    std::string json;                           // the record: one line of JSON, no newline
    std::string pretty_json;                    // the same record indented by 2 (filled on request)
};

struct GeneratorOptions {
    uint64_t seed = 1;
    // Share of files with at least one defect, in millionths (0 … 1,000,000).
    uint32_t defect_per_million = 400000;
    bool pretty = false;  // also fill GeneratedCase::pretty_json
};

class CaseGenerator {
public:
    explicit CaseGenerator(const GeneratorOptions& options);
    GeneratedCase next();

private:
    struct Officer {
        std::string name, cert;
    };
    std::mt19937_64 rng_;
    GeneratorOptions options_;
    std::vector<std::vector<Officer>> officers_;      // per agency
    std::vector<std::vector<uint32_t>> case_numbers_;  // per agency, per year from 2023
};

// Parses a defect rate written as a decimal fraction ("0.4", "0.25", "1") into millionths
// without floating point; false when it is not in [0, 1] or has more than 6 decimals.
bool parse_defect_rate(std::string_view text, uint32_t& per_million);

}  // namespace pingcha::gen
