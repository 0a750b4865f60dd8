// What changed between two runs (e.g. after a rule-pack revision or a re-import): grade
// transitions, and each case whose score, grade or set of fired rules changed. Cases are
// matched by case id; a case may have been evaluated at different revisions in the two runs.
#pragma once
#include <cstdint>
#include <string>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

namespace pingcha::review {

// {"运行A", "运行B", "共同案卷", "仅在A", "仅在B", "等级变化": [{"从","到","案卷数"}],
//  "变化案卷": [{"案卷","单位","修订A","修订B","得分A","得分B","等级A","等级B","新增规则","消失规则"}]}
nlohmann::ordered_json diff_runs(SQLite::Database& db, int64_t run_a, int64_t run_b);
std::string diff_text(const nlohmann::ordered_json& diff);

}  // namespace pingcha::review
