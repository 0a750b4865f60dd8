// The evaluator's one trace hook. EvalContext::trace is null on the normal path, where each
// node evaluation costs one pointer test (Node::value). It is set while a finding's case
// fields are collected (reads only) and while a case is explained (every node's value, the
// laws and discretion tiers the builtins looked up, and why a value came out missing).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/date.hpp"
#include "core/rational.hpp"
#include "core/value.hpp"

namespace pingcha {

class Node;

// A case field read: its path and the value found there. The path points into the Trace
// that recorded it: read it before the trace records or clears anything.
struct FieldRead {
    std::string_view path;
    Value value;
};

// One evaluation of one node while steps are recorded. Values point into the record and the
// evaluation's arena: read them before the next evaluation.
struct TraceStep {
    const Node* node = nullptr;
    Value value;
    uint32_t parent = UINT32_MAX;
    std::string path;           // the case field the node reads, when it reads one
    std::string missing_field;  // a case field the builtin needed and did not find
    std::string because;        // why a builtin gave missing though its arguments were present
};

// A law a builtin looked up, and the version in force on the day that matters.
struct LawLookup {
    std::string cited;  // as the case (or the rule) wrote it
    bool found = false;
    bool by_title = false;  // not declared: kind and territory read from the title
    std::string name, kind, territory;
    std::string territory_name;  // display name of `territory`
    std::string day_source;  // "dates.act" or the expression that gave the day
    std::optional<Date> day;
    bool knowable = true;  // false: repealed at an unknown date, after its last version began
    std::optional<std::string> version;  // label of the version in force on `day`
    std::optional<Date> from, until;     // that version's period
    std::optional<Date> last_until;      // no version in force: when the last one before `day` ended
    std::optional<std::string> last_version;
    std::optional<Date> repealed;
    std::string replaced_by;
    std::string place, place_name;  // applies_in: the territory asked about
    bool applies = false;
    std::optional<std::string> named;  // a version the case named (version_until, version_articles)
    std::optional<Date> named_from, named_until;
    bool named_found = false;
};

// A discretion-benchmark tier a builtin looked up, with its bounds computed for this case.
struct TierLookup {
    std::string code, name;
    bool found = false;
    std::string level;
    bool tier_found = false;
    bool selected = false;   // chosen by its `when` condition (selected_tier), not named by the case
    std::string when_text;   // that condition
    std::string min_text, max_text;               // "1.2% × contract_price", "20000元"
    std::optional<Rational> min_fen, max_fen;     // computed bounds; none when the base is missing
    std::string base;                             // key of penalty.amounts the bounds multiply
    std::optional<Rational> base_fen;
    std::string statutory_min_text, statutory_max_text;
    std::optional<Rational> statutory_min_fen, statutory_max_fen;
    std::string basis_law, basis_article;
};

class Trace {
public:
    // `steps`: record every node evaluation (explanations); otherwise only field reads.
    Trace(bool steps, std::vector<std::string>* slot_paths) : record_steps_(steps), slot_paths_(slot_paths) {}

    bool recording_steps() const { return record_steps_; }
    std::vector<std::string>& slot_paths() { return *slot_paths_; }

    // Records a read of `path` (none if empty); a path read before keeps its first read.
    void read(std::string_view path, const Value& v) {
        const size_t mark = paths_.size();
        paths_ += path;
        read_built(mark, v);
    }
    // To build a path without a string of its own: append it to path_buffer() from `mark`
    // (its size before), then call read_built(mark, v).
    std::string& path_buffer() { return paths_; }
    void read_built(size_t mark, const Value& v);
    uint32_t enter(const Node* node) {
        steps_.push_back({node, Value{}, current_, {}, {}, {}});
        return current_ = static_cast<uint32_t>(steps_.size() - 1);
    }
    void leave(uint32_t step, const Value& v, std::string path) {
        steps_[step].value = v;
        steps_[step].path = std::move(path);
        current_ = steps_[step].parent;
    }
    // Notes on the step being evaluated (a builtin call).
    void missing_field(std::string path) {
        if (current_ != UINT32_MAX) steps_[current_].missing_field = std::move(path);
    }
    void because(std::string why) {
        if (current_ != UINT32_MAX) steps_[current_].because = std::move(why);
    }
    void law(LawLookup l);
    void tier(TierLookup t);

    // The fields read, each once, in the order first read.
    size_t read_count() const { return reads_.size(); }
    FieldRead read_at(size_t k) const { return {read_path(reads_[k]), reads_[k].value}; }
    const std::vector<TraceStep>& steps() const { return steps_; }
    const std::vector<LawLookup>& laws() const { return laws_; }
    const std::vector<TierLookup>& tiers() const { return tiers_; }
    // Forgets everything recorded (keeps the memory).
    void clear();

private:
    bool record_steps_;
    std::vector<std::string>* slot_paths_;
    struct Read {
        uint32_t begin, size;  // the path, in paths_
        Value value;
    };
    std::string_view read_path(const Read& r) const { return std::string_view(paths_).substr(r.begin, r.size); }
    void index_reads(size_t slots);

    std::string paths_;  // the paths read, end to end
    std::vector<Read> reads_;
    std::vector<uint32_t> read_index_;  // open addressing by path hash: index in reads_ + 1, 0 = free
    std::vector<TraceStep> steps_;
    uint32_t current_ = UINT32_MAX;
    std::vector<LawLookup> laws_;
    std::vector<TierLookup> tiers_;
};

}  // namespace pingcha
