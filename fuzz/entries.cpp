#include "entries.hpp"

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "check/checker.hpp"
#include "law/citation.hpp"
#include "lawimport/law_text.hpp"
#include "plan/compiler.hpp"
#include "plan/value_format.hpp"
#include "record/loader.hpp"
#include "record/record.hpp"
#include "store/canonical_json.hpp"
#include "store/csv_input.hpp"
#include "syntax/parser.hpp"

namespace pingcha::fuzz {
namespace {

// Small limits, so that the fuzzer reaches them with the short inputs it makes.
Limits small_limits() {
    Limits limits;
    limits.max_json_depth = 16;
    limits.max_string_bytes = 512;
    limits.max_list_length = 64;
    limits.max_record_bytes = 4096;
    limits.max_expr_depth = 40;
    return limits;
}

// Every record and rejection of `text` read as the file `name`, in order: its source and its
// value as JSON, or the rejection.
std::vector<std::string> read_all(const Limits& limits, JsonReader json_reader, std::string_view name,
                                  std::string_view text) {
    static const KeyTable keys = case_file_keys();
    CaseReader reader(keys, limits, json_reader);
    std::vector<std::string> out;
    reader.read(name, text, [&](const Record* record, const RecordRejection* rejection) {
        if (rejection) return out.push_back(rejection->to_string());
        std::string line = record->source + " ";
        append_value_json(line, record->root, keys, false);
        out.push_back(std::move(line));
    });
    return out;
}

// The fast reader hands whatever it does not accept to the reference reader, so the two
// must read every input alike; a difference is a bug, reported as a crash.
void read_alike(const Limits& limits, std::string_view text) {
    if (read_all(limits, JsonReader::fast, "fuzz.json", text) != read_all(limits, JsonReader::reference, "fuzz.json", text))
        std::abort();
}

}  // namespace

void rules(std::string_view text) {
    const Limits limits = small_limits();
    Diagnostics diags;
    auto source = std::make_shared<const SourceFile>("fuzz.pc", std::string(text));
    PackSources sources;
    sources.root = ".";
    sources.files.push_back({source, parse_file(*source, diags, limits)});
    CheckedPack checked = check_pack(std::move(sources), diags);
    (void)format_diagnostics(diags, false);
    if (!diags.has_errors()) (void)compile_pack(std::move(checked));
}

void case_reader(std::string_view text) {
    read_alike(small_limits(), text);
    read_alike(Limits{}, text);
}

void citation(std::string_view text) {
    (void)normalize_law_name(text);
    (void)parse_article_ref(text);
    (void)parse_chinese_number(text);
}

void csv(std::string_view text) {
    const Limits limits = small_limits();
    std::string error;
    const auto rows = store::csv_to_records(text, error, limits);
    if (!rows) return;
    for (const auto& row : *rows) {
        if (!row.error.empty()) continue;
        (void)read_all(limits, JsonReader::fast, "fuzz.csv", row.json);
        std::string e;
        if (const auto node = store::parse_json_node(row.json, e, limits.max_json_depth))
            (void)store::canonical_text(*node);
    }
}

void law_text(std::string_view text) {
    const auto law = lawimport::parse_law_text(text, Date::parse("2020-01-01"));
    (void)law.revisions();
    (void)law.latest_revision();
    (void)law.clause_revision();
}

Entry entry(std::string_view target) {
    if (target == "rules") return rules;
    if (target == "case_reader") return case_reader;
    if (target == "citation") return citation;
    if (target == "csv") return csv;
    if (target == "law_text") return law_text;
    return nullptr;
}

}  // namespace pingcha::fuzz
