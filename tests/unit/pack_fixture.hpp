// Test helpers: build a rule pack from source text and evaluate JSON cases with it.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "check/checker.hpp"
#include "eval/evaluator.hpp"
#include "plan/compiler.hpp"
#include "record/loader.hpp"

namespace pingcha::testing {

// A minimal standard every test pack can import by prepending it.
inline const char* kStandardPrelude = R"(pack t version "1"
territory national "全国"
territory guangdong "广东省" within national
territory shenzhen_sez "深圳经济特区" within guangdong
territory shenzhen "深圳市" within shenzhen_sez
territory shenshan "深汕特别合作区" within guangdong
section 甲 "甲项" max 60
section 乙 "乙项" max 40
grade 优秀 >= 90
grade 合格 >= 60
grade 不合格 otherwise
veto grade 不合格 score 0
)";

struct CheckResult {
    CheckedPack pack;
    Diagnostics diags;
    std::string text() const { return format_diagnostics(diags); }
    // Only "file:line:col: severity[code]: message" lines, for exact comparisons.
    std::vector<std::string> headlines() const {
        std::vector<std::string> out;
        for (const auto& d : diags.items()) {
            const std::string full = format_diagnostic(d);
            out.push_back(full.substr(0, full.find('\n')));
        }
        return out;
    }
};

inline CheckResult check_text(const std::string& text, const std::string& path = "t.pc") {
    CheckResult r;
    PackSources sources;
    auto file = std::make_shared<const SourceFile>(path, text);
    ast::File ast = parse_file(*file, r.diags);
    sources.files.push_back({file, std::move(ast)});
    r.pack = check_pack(std::move(sources), r.diags);
    return r;
}

// Compiles the prelude plus `rules`; fails the test (via exception) on any error.
inline std::unique_ptr<RulePack> compile_text(const std::string& rules, bool with_prelude = true) {
    auto r = check_text((with_prelude ? std::string(kStandardPrelude) : std::string()) + rules);
    if (r.diags.has_errors()) throw std::runtime_error("pack does not check:\n" + r.text());
    return compile_pack(std::move(r.pack));
}

// Evaluates one JSON case; throws if it is rejected.
inline CaseResult eval_case(const RulePack& pack, const std::string& json) {
    CaseReader reader(pack.keys);
    Evaluator evaluator(pack);
    CaseResult result;
    std::string rejected;
    int count = 0;
    reader.read("case.json", json, [&](const Record* rec, const RecordRejection* bad) {
        ++count;
        if (bad) rejected = bad->to_string();
        else result = evaluator.evaluate(*rec);
    });
    if (!rejected.empty()) throw std::runtime_error("rejected: " + rejected);
    if (count != 1) throw std::runtime_error("expected one record");
    return result;
}

// Rule ids of the findings, in order.
inline std::vector<std::string> rule_ids(const CaseResult& r) {
    std::vector<std::string> ids;
    for (const auto& f : r.findings) ids.push_back(f.rule);
    return ids;
}

}  // namespace pingcha::testing
