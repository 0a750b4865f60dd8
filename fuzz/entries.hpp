// The fuzzing entry points: each feeds one input to a reader of untrusted text the way the
// `pingcha` commands do. The libFuzzer targets (fuzz_*.cpp) call them, and so does the
// regression test that replays every input in tests/fuzz-regressions/<target>/ (fuzz_test.cpp).
// An entry returns normally for every input; a crash, a hang or a sanitizer report is a bug.
#pragma once
#include <string_view>

namespace pingcha::fuzz {

void rules(std::string_view text);        // rules language: parse, check, compile
void case_reader(std::string_view text);  // case-file/1 JSON through CaseReader, both readers alike
void citation(std::string_view text);     // law names and article references
void csv(std::string_view text);          // CSV import: rows to records, then CaseReader
void law_text(std::string_view text);     // law-text importer

// The target of that name (the folder name under fuzz/corpus and tests/fuzz-regressions).
using Entry = void (*)(std::string_view);
Entry entry(std::string_view target);

}  // namespace pingcha::fuzz
