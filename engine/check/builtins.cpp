#include "check/builtins.hpp"

namespace pingcha {
namespace {

constexpr BuiltinInfo kBuiltins[] = {
    {Builtin::exists, "exists", 1, 1, "字段或值是否存在"},
    {Builtin::missing, "missing", 1, 1, "字段或值是否缺失"},
    {Builtin::coalesce, "coalesce", 2, 2, "第一个不缺失的值"},
    {Builtin::if_, "if", 3, 3, "条件为真取第二个参数，为假取第三个（条件缺失则缺失）"},
    {Builtin::count, "count", 1, 2, "列表长度，或满足条件的元素个数"},
    {Builtin::any, "any", 2, 2, "是否有元素满足条件"},
    {Builtin::all, "all", 2, 2, "是否所有元素都满足条件"},
    {Builtin::sum, "sum", 1, 2, "元素（或其映射值）之和"},
    {Builtin::filter, "filter", 2, 2, "满足条件的元素"},
    {Builtin::map, "map", 2, 2, "逐个映射后的列表"},
    {Builtin::in_order, "in_order", 1, 1, "列表中存在的值是否按非递减顺序排列（缺失值忽略）"},
    {Builtin::contains, "contains", 2, 2, "文本是否包含另一文本"},
    {Builtin::starts_with, "starts_with", 2, 2, "文本是否以另一文本开头"},
    {Builtin::text_of, "text", 1, 1, "值的文本形式"},
    {Builtin::days, "days", 2, 2, "两个日期相差的日历天数（后者减前者）"},
    {Builtin::working_days, "working_days", 2, 2, "两个日期之间的工作日数（按规则包的工作日历）"},
    {Builtin::year, "year", 1, 1, "日期的年份"},
    {Builtin::law_known, "law_known", 1, 1, "法律名称是否在法规库中"},
    {Builtin::law_recognised, "law_recognised", 1, 1, "法规库中有或可由标题识别"},
    {Builtin::law_name, "law_name", 1, 1, "法规的规范全称"},
    {Builtin::law_kind, "law_kind", 1, 1, "法规的效力层级（法律、行政法规、经济特区法规……）"},
    {Builtin::law_territory, "law_territory", 1, 1, "法规适用的地域代码（全国性法规为缺失）"},
    {Builtin::applies_in, "applies_in", 2, 2, "法规是否适用于某地域"},
    {Builtin::within, "within", 2, 2, "地域是否位于另一地域之内"},
    {Builtin::in_force, "in_force", 2, 2, "法规在某日是否有效"},
    {Builtin::law_version, "law_version", 2, 2, "某日有效的版本标签"},
    {Builtin::law_articles, "law_articles", 2, 2, "某日有效版本的条文数"},
    {Builtin::version_known, "version_known", 2, 2, "法规是否有该版本（标签或通过日期）"},
    {Builtin::version_until, "version_until", 2, 2, "该版本有效期的最后一日"},
    {Builtin::version_articles, "version_articles", 2, 2, "该版本的条文数"},
    {Builtin::repealed_on, "repealed_on", 1, 1, "法规废止之日"},
    {Builtin::replaced_by, "replaced_by", 1, 1, "取代该法规的法规"},
    {Builtin::benchmark_known, "benchmark_known", 1, 1, "裁量基准条目是否存在"},
    {Builtin::tier_known, "tier_known", 2, 2, "裁量阶次是否属于该基准"},
    {Builtin::tier_names, "tier_names", 1, 1, "基准的全部阶次"},
    {Builtin::selected_tier, "selected_tier", 1, 1, "案情（按阶次条件）选中的阶次"},
    {Builtin::tier_min, "tier_min", 2, 2, "阶次罚款下限（精确）"},
    {Builtin::tier_max, "tier_max", 2, 2, "阶次罚款上限（精确）"},
    {Builtin::tier_base, "tier_base", 2, 2, "阶次按比例计算时所用的基数名称"},
    {Builtin::statutory_min, "statutory_min", 1, 1, "法定罚款下限"},
    {Builtin::statutory_max, "statutory_max", 1, 1, "法定罚款上限"},
    {Builtin::allowed_kinds, "allowed_kinds", 1, 1, "基准允许的处罚种类"},
    {Builtin::benchmark_law, "benchmark_law", 1, 1, "基准的处罚依据（法规名称）"},
    {Builtin::benchmark_article, "benchmark_article", 1, 1, "基准的处罚依据条文号"},
    {Builtin::agency_known, "agency_known", 1, 1, "执法主体是否已声明"},
    {Builtin::agency_name, "agency_name", 1, 1, "执法主体名称"},
    {Builtin::agency_territory, "agency_territory", 1, 1, "执法主体所在地域"},
    {Builtin::territory_known, "territory_known", 1, 1, "地域代码是否已声明"},
    {Builtin::territory_name, "territory_name", 1, 1, "地域的名称（如 深圳经济特区）"},
};

}  // namespace

std::optional<BuiltinInfo> find_builtin(std::string_view name) {
    for (const auto& b : kBuiltins)
        if (name == b.name) return b;
    return std::nullopt;
}

const BuiltinInfo* builtin_table(size_t& count) {
    count = sizeof kBuiltins / sizeof kBuiltins[0];
    return kBuiltins;
}

}  // namespace pingcha
