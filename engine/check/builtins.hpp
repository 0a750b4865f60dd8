// The functions rule expressions may call. The checker types calls by this table; the
// plan implements each id.
#pragma once
#include <optional>
#include <string_view>

namespace pingcha {

enum class Builtin {
    exists, missing, coalesce, if_,
    count, any, all, sum, filter, map,
    contains, starts_with, text_of, in_order,
    days, working_days, year,
    law_known, law_recognised, law_name, law_kind, law_territory, applies_in, within, in_force, law_version,
    law_articles, version_known, version_until, version_articles, repealed_on, replaced_by,
    benchmark_known, tier_known, tier_names, selected_tier, tier_min, tier_max, tier_base, statutory_min,
    statutory_max, allowed_kinds, benchmark_law, benchmark_article,
    agency_known, agency_name, agency_territory, territory_known, territory_name,
};

struct BuiltinInfo {
    Builtin id;
    const char* name;
    int min_args;
    int max_args;
    const char* summary;  // 中文说明, shown in docs and "did you mean" hints
};

std::optional<BuiltinInfo> find_builtin(std::string_view name);
const BuiltinInfo* builtin_table(size_t& count);

}  // namespace pingcha
