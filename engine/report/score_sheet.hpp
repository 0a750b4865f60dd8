// The score sheet (案卷评查表) of one case: header, every section of the standard with its
// items (rules) and deductions, findings with their legal citations, total, grade, veto,
// and lines for the reviewers' joint signature (一卷一表、联合署名). Printable HTML (A4,
// self-contained, every string escaped) and Markdown.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/html_escape.hpp"
#include "eval/explanation.hpp"
#include "plan/rule_pack.hpp"
#include "record/record.hpp"
#include "score/score.hpp"

namespace pingcha {

struct SheetHeader {
    std::string case_id;        // 案号
    std::string agency;         // 执法主体: name (code)
    std::string cause;          // 案由
    std::string party;          // 当事人
    std::optional<Date> act, decided;
    std::string reviewer_unit;  // 评查单位 (the round's assignment); empty when unknown
    std::string round;          // 评查轮次; empty when none
    std::string run;            // 运行编号; empty for `eval`
    PackInfo pack;
    std::string source;         // where the record came from
};

// The header fields a record and a pack give; `reviewer` is an agency code (or a name).
SheetHeader sheet_header(const Record& record, const RulePack& pack, const std::string& reviewer = {});

// `explanations` may be empty (then items show only findings); otherwise one per rule, in pack order.
std::string score_sheet_html(const RulePack& pack, const CaseResult& result,
                             const std::vector<RuleExplanation>& explanations, const SheetHeader& header);
std::string score_sheet_markdown(const RulePack& pack, const CaseResult& result,
                                 const std::vector<RuleExplanation>& explanations, const SheetHeader& header);

// `format` "html" or "md".
std::string render_score_sheet(std::string_view format, const RulePack& pack, const CaseResult& result,
                               const std::vector<RuleExplanation>& explanations, const SheetHeader& header);

// 《中华人民共和国行政处罚法》（2021 年版）第 38 条: the declared law's full name and the
// version in force on `day` (the decision date), else as the rule wrote it.
std::string citation_text(const RulePack& pack, const Cite& cite, std::optional<Date> day);

}  // namespace pingcha
