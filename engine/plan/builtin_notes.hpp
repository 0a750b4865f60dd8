// What the law and benchmark builtins looked up, written to the trace while a case is
// explained (never on the normal path).
#pragma once
#include <string>
#include <string_view>

#include "plan/rule_pack.hpp"

namespace pingcha {

// True while the trace records steps (explanations).
inline bool explaining(const EvalContext& ctx) { return ctx.trace && ctx.trace->recording_steps(); }

// The fen value of one end of a fine range for this case; missing when the base amount is
// (and then, while explaining, the base's field is noted as the missing field).
Value bound_value(EvalContext& ctx, const FineBound& bound);

// A law lookup: `second` is the builtin's second argument (a date, a version label, a
// territory) and `second_text` its source. Without a date, the day is the case's dates.act.
void note_law(EvalContext& ctx, std::string_view cited, const Law* law, const Value& second,
              const std::string& second_text, bool second_is_version, bool second_is_place = false);

// A benchmark lookup, with the tier `level` (empty: the statutory range only).
void note_tier(EvalContext& ctx, std::string_view code, const Benchmark* benchmark, std::string_view level,
               const BenchmarkTier* tier, bool selected);

}  // namespace pingcha
