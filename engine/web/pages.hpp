// The pages of `pingcha serve`, rendered from the store. Every string that comes from a
// case file, a rule pack or a reviewer is HTML-escaped. Read-only: nothing here writes.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "eval/explanation.hpp"
#include "review/adjudication.hpp"

namespace pingcha::web {

// Query parameters of the case list; empty means "any". `grade` matches the adjudicated
// grade (the engine's while nothing is decided).
struct CaseFilter {
    std::string agency, grade, rule;
    int64_t page = 1;
};

inline constexpr int64_t kCasesPerPage = 200;

std::string runs_page(SQLite::Database& db);
// Throws store::StoreError when the run does not exist.
std::string case_list_page(SQLite::Database& db, int64_t run_id, const CaseFilter& filter);

// The score sheet of one case (engine and adjudicated score and grade, each section with its
// findings, citations and messages). The only place a case's sheet is drawn: its input is
// the stored case with its findings and decisions.
std::string score_sheet_html(const review::CaseAudit& audit);

// Why each rule of a case fired, did not fire or did not apply (the case re-evaluated with
// its run's pack), or — when `rules` is null — why that cannot be shown.
struct CaseWhy {
    const std::vector<RuleExplanation>* rules = nullptr;
    std::string unavailable;
};

// The case page: header, score sheet, for each finding the values that decided it, its
// decisions and a form that posts a new one to /adjudicate with `csrf_token`, then every
// rule's explanation. `notice`/`error` are shown on top.
std::string case_page(const review::CaseAudit& audit, const CaseWhy& why, const std::string& csrf_token,
                      const std::string& notice, const std::string& error);

// A page with a title and one message (errors).
std::string message_page(const std::string& title, const std::string& message);

}  // namespace pingcha::web
