// Lints: problems in a pack that checks, which a reviewer of the rule files should see.
// All are warnings (W04xx); `pingcha check --strict` treats them as errors.
#pragma once
#include "check/checker.hpp"

namespace pingcha {

// W0401 overlapping tiers, W0402 gap between tiers, W0403 tier outside the statutory range,
// W0404 fixed-amount tier conditions that overlap or leave cases unmatched,
// W0411 overlapping or gapped law versions, W0415 a law without versions, W0412 article count missing for a law cited by
// article, W0413 cited article beyond the article count, W0414 repealed law as a benchmark basis,
// W0421 constant condition, W0422 unused declaration, W0423 rule without a test,
// W0431 calendar year needed but missing.
void lint_pack(const CheckedPack& pack, Diagnostics& diags);

}  // namespace pingcha
