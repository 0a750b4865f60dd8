// The checker: resolves names, types every expression, validates the law catalog,
// benchmark tables and scoring standard. Everything wrong with a pack is found here,
// never at run time.
#pragma once
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "check/builtins.hpp"
#include "check/types.hpp"
#include "core/diagnostic.hpp"
#include "law/calendar.hpp"
#include "law/catalog.hpp"
#include "score/score.hpp"
#include "syntax/parser.hpp"

namespace pingcha {

// What the checker learned about one expression node.
struct ExprInfo {
    Type type;
    enum class Ref { none, field, variable, def, builtin } ref = Ref::none;
    std::vector<std::string> path;  // field: keys from the case root
    uint32_t slot = 0;              // variable
    const ast::DefDecl* def = nullptr;
    Builtin builtin = Builtin::exists;
};

struct CheckedPack {
    PackSources sources;  // owns the syntax trees everything below points into
    std::string name;
    std::string version;
    std::string digest;  // SHA-256 over the pack's files (sorted by path)

    Territories territories;
    LawCatalog laws;
    WorkCalendar calendar;
    std::map<std::string, Agency> agencies;
    ScoringStandard standard;

    std::set<const ast::LawDecl*> yielded_laws;  // imported declarations a hand-written one overrides
    std::vector<const ast::BenchmarkDecl*> benchmarks;
    std::vector<const ast::RuleDecl*> rules;
    std::vector<const ast::DefDecl*> defs;
    std::vector<std::pair<const ParsedFile*, const ast::TestDecl*>> tests;

    std::unordered_map<const ast::Expr*, ExprInfo> info;
    uint32_t slot_count = 0;
    std::set<std::string> extra_keys;  // object keys the pack reads beyond case-file/1's

    const ExprInfo& at(const ast::Expr& e) const { return info.at(&e); }
};

// Checks the parsed files. Returns the pack even when there are errors (tools such as
// `check` want everything); callers must not compile a pack with errors.
CheckedPack check_pack(PackSources sources, Diagnostics& diags);

// Convenience: load, parse and check a pack folder or file.
CheckedPack load_and_check(const std::string& path, Diagnostics& diags, const Limits& limits = Limits{});

}  // namespace pingcha
