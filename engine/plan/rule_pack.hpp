// A compiled rule pack: immutable, shared by every evaluation (and thread).
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/keys.hpp"
#include "law/calendar.hpp"
#include "law/catalog.hpp"
#include "plan/nodes.hpp"
#include "score/score.hpp"
#include "syntax/parser.hpp"

namespace pingcha {

struct PackInfo {
    std::string name;
    std::string version;
    std::string digest;
};

struct FineBound {
    enum class Form { amount, percent, times } form = Form::amount;
    Rational number;
    std::string base;   // key of penalty.amounts, for percent / times
    KeyId base_key = 0;
    std::string describe() const;  // "1.2% × contract_price", "20000元"
};

struct BenchmarkTier {
    std::string level;
    std::optional<FineBound> min;
    std::optional<FineBound> max;
    bool fixed = false;
    NodePtr when = nullptr;
    std::string when_text;
};

struct Benchmark {
    std::string code;
    std::string name;
    std::string basis_law;
    std::string basis_article;  // as written
    std::optional<uint32_t> basis_article_no;
    std::optional<FineBound> statutory_min;
    std::optional<FineBound> statutory_max;
    std::vector<std::string> kinds;
    std::vector<BenchmarkTier> tiers;
    const BenchmarkTier* tier(std::string_view level) const;
};

struct CompiledRule {
    std::string id;
    std::string title;
    std::string section;
    FindingSeverity severity = FindingSeverity::warn;
    Rational points;
    std::vector<Cite> cites;
    std::optional<uint32_t> each_slot;
    NodePtr each_list = nullptr;
    std::string each_var, each_text;  // `for each_var in each_text`, for explanations
    NodePtr when = nullptr;
    NodePtr says = nullptr;
    std::string when_text;  // source text, for explanations
    SourceSpan span;

    // What a finding of this rule deducts: its points when it deducts, else none.
    Rational finding_points() const { return severity == FindingSeverity::deduct ? points : Rational{}; }
};

class RulePack {
public:
    PackInfo info;
    KeyTable keys;
    Territories territories;
    LawCatalog laws;
    WorkCalendar calendar;
    std::map<std::string, Agency, std::less<>> agencies;
    std::map<std::string, Benchmark, std::less<>> benchmarks;
    ScoringStandard standard;
    std::vector<CompiledRule> rules;
    uint32_t slot_count = 0;
    uint32_t memo_count = 0;  // nodes remembered per record (Node::memo)
    std::vector<std::pair<const ParsedFile*, const ast::TestDecl*>> tests;

    // Key ids the evaluator needs directly.
    KeyId key_id = 0, key_penalty = 0, key_amounts = 0;

    const Benchmark* benchmark(std::string_view code) const;
    // A declared law, or one recognised by its title; `scratch` holds a recognised one.
    const Law* law(std::string_view cited, std::optional<Law>& scratch) const;

    // Owners of everything the raw pointers above point to.
    std::vector<std::unique_ptr<Node>> nodes;
    std::shared_ptr<const PackSources> sources;
};

}  // namespace pingcha
