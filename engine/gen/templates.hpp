// The violations the generator draws from: one per discretion benchmark of the Shenshan
// pack (rules/shenshan/benchmarks.pc), with the agency that enforces it, the provisions a
// real file cites, the benchmark's tiers and the base amount it multiplies, and the wrong
// citations reviewers actually find (an SEZ regulation, a repealed law, an outdated version).
#pragma once
#include <cstdint>
#include <span>
#include <string_view>

namespace pingcha::gen {

struct Agency {
    std::string_view code, name;
    std::string_view id_prefix;   // 案号 prefix, e.g. 深汕住建罚
    std::string_view cert_code;   // two digits inside 执法证号
    unsigned weight;              // share of the generated files
};

struct Citation {
    std::string_view law;      // as written in the file (with or without 《》)
    std::string_view article;  // Chinese form
    std::string_view version;  // empty: none named
};

// How a tier's fine range is stated.
enum class TierForm {
    amount,      // lo .. hi yuan
    rate,        // lo .. hi ten-thousandths of the base amount (1% = 100, 10 times = 100000)
    recurrence,  // fixed lo yuan, chosen by circumstance.prior_violations_1y (tier i: i prior, last: ≥ i)
};

struct Tier {
    std::string_view name;
    int64_t lo, hi;
};

enum class PartyKind { organization, individual, either };

struct ViolationTemplate {
    std::string_view agency;  // code
    std::string_view code;    // benchmark
    std::string_view cause;
    Citation violated, penalty;
    PartyKind party;
    TierForm form;
    std::string_view base;           // key under penalty.amounts ("" for none)
    int64_t base_lo, base_hi;        // yuan, when there is a base
    std::span<const Tier> tiers;
    int64_t statutory_max;           // yuan, or ten-thousandths of the base for `rate`
    std::span<const std::string_view> extra_kinds;  // allowed besides 罚款
    Citation sez;         // an SEZ regulation wrongly cited instead of `penalty` (law empty: none)
    Citation repealed;    // a repealed law wrongly cited instead of `penalty`
    Citation outdated;    // `penalty` with a version that ended before the act
    std::string_view party_business;  // what kind of company is fined (for names)
    unsigned weight;      // within the agency
};

std::span<const Agency> agencies();
std::span<const ViolationTemplate> violation_templates();

}  // namespace pingcha::gen
