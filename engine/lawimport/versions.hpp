// The versions of one law, from its texts in the collection (usually one; several when the
// collection keeps superseded texts, e.g. 立法法(2015-03-15).md and 立法法(2023-03-13).md, or
// splits a code into parts, e.g. the books of 民法典).
//
// Rules (also in engine/lawimport/README.md):
// - Every text gives the version of its latest revision: label = its year, `adopted` = its date,
//   `articles` = its highest 第…条, and `from` =
//     1. a 施行 event of the history on or after that date, else
//     2. the 施行 clause when it is not earlier than that date (an original or revised text), else
//     3. the index's valid_from when it is not earlier, else
//     4. the revision date itself (an amended text keeps its original clause; amendments by
//        decision take effect on promulgation unless the history says otherwise).
// - Earlier revisions listed in the history become versions without an article count only
//   where their first day in force is stated — a 施行 event between it and the next revision, or
//   the text's clause when that is older than the latest revision (it then belongs to the last
//   通过/修订 before it) — and the next version's `from` is known too.
// - `until` is the day before the next version's `from`. A superseded text whose successor's
//   `from` is unknown ends the day before the successor's adoption (flagged).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "lawimport/law_text.hpp"

namespace pingcha::lawimport {

struct ImportedVersion {
    std::string label;  // the year of `adopted`; its date when two versions share a year
    std::optional<Date> adopted;
    std::optional<Date> from;
    std::optional<Date> until;
    std::optional<uint32_t> articles;
};

// One text of the law with what the index says about it.
struct TextOfLaw {
    const LawText* text = nullptr;
    std::optional<Date> index_valid_from;
    std::string path;  // for messages
};

struct VersionPlan {
    std::vector<ImportedVersion> versions;  // ascending; the last is the current one
    std::vector<std::string> flags;         // for review, in Chinese
    std::vector<std::string> notes;         // how a date was read, in Chinese
};

VersionPlan plan_versions(const std::vector<TextOfLaw>& texts);

}  // namespace pingcha::lawimport
