// The evaluation plan's instruction set: a tree of immutable nodes, each evaluating to a
// Value. Field paths are resolved to key ids at compile time; nothing here allocates on
// the heap during evaluation (temporaries go to the context's arena).
#pragma once
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "check/builtins.hpp"
#include "core/diagnostic.hpp"
#include "core/value.hpp"
#include "plan/trace.hpp"

namespace pingcha {

class RulePack;
class CitedLaws;
struct Law;
class CitedBenchmarks;
class RootIndex;

// One remembered value of a node that does not depend on any rule variable, valid while
// `epoch` equals the context's (one record).
struct MemoCell {
    uint32_t epoch = 0;
    Value value;
};

struct EvalContext {
    const RulePack& pack;
    Value root;
    Value* slots;
    Arena& scratch;
    std::vector<std::string>* warnings = nullptr;  // per-case warnings (uncovered calendar years)
    Trace* trace = nullptr;  // the trace hook: null except while collecting fields or explaining
    MemoCell* memo = nullptr;  // RulePack::memo_count cells, or null: evaluate every time
    uint32_t epoch = 0;
    CitedLaws* laws = nullptr;  // remembered law look-ups, or null: RulePack::law every time
    CitedBenchmarks* benchmarks = nullptr;  // remembered benchmark look-ups, or null: RulePack::benchmark
    const RootIndex* root_index = nullptr;   // `root` indexed by key, or null: searched
};

class Node {
public:
    virtual ~Node() = default;
    static constexpr uint32_t kNoMemo = UINT32_MAX;
    // Evaluates the node; the only entry point (it is where the trace hook and the memo sit).
    // A traced evaluation bypasses the memo, so it sees every read.
    Value value(EvalContext& ctx) const {
        if (ctx.trace) return traced(ctx);
        if (memo == kNoMemo || !ctx.memo) return eval(ctx);
        MemoCell& cell = ctx.memo[memo];
        if (cell.epoch != ctx.epoch) {
            cell.value = eval(ctx);
            cell.epoch = ctx.epoch;
        }
        return cell.value;
    }
    // Appends the case-field path this node reads ("basis[1].law") to `out`, if it reads
    // one; false (and nothing appended) if not. Only called while tracing.
    virtual bool append_origin(EvalContext&, std::string&) const { return false; }
    std::string origin(EvalContext& ctx) const {
        std::string out;
        append_origin(ctx, out);
        return out;
    }
    // A constant or a list of constants: its elements are not case fields, so a traced
    // `for`/lambda over it does not search the record for them.
    virtual bool literal() const { return false; }
    // The case-field path of element `index` of this list node's value, whose own path is
    // `list_path` ("" for an element of a literal list, which is no case field).
    std::string element_origin(const EvalContext& ctx, const std::string& list_path, uint32_t index,
                               const Value& element) const;
    SourceSpan span;
    // Set by the compiler on a node shared by several uses that reads no rule variable: its
    // value is computed once per record (a MemoCell index).
    uint32_t memo = kNoMemo;

protected:
    virtual Value eval(EvalContext& ctx) const = 0;

private:
    Value traced(EvalContext& ctx) const;
};

// The source text of a span on one line (runs of white space become one space).
std::string source_text(const SourceSpan& span);

using NodePtr = const Node*;

class ConstNode final : public Node {
public:
    explicit ConstNode(Value v) : value_(v) {}
    ConstNode(std::string text) : text_(std::move(text)) { value_ = Value::text(text_); }  // NOLINT
    Value eval(EvalContext&) const override { return value_; }
    bool literal() const override { return true; }
    const Value& constant() const { return value_; }

private:
    std::string text_;
    Value value_;
};

class FieldNode final : public Node {
public:
    FieldNode(std::vector<KeyId> keys, std::string path) : keys_(std::move(keys)), path_(std::move(path)) {}
    Value eval(EvalContext& ctx) const override;
    bool append_origin(EvalContext&, std::string& out) const override {
        out += path_;
        return !path_.empty();
    }

private:
    std::vector<KeyId> keys_;
    std::string path_;
};

class VarNode final : public Node {
public:
    explicit VarNode(uint32_t slot) : slot_(slot) {}
    Value eval(EvalContext& ctx) const override { return ctx.slots[slot_]; }
    uint32_t slot() const { return slot_; }
    bool append_origin(EvalContext& ctx, std::string& out) const override;

private:
    uint32_t slot_;
};

class MemberNode final : public Node {
public:
    MemberNode(NodePtr operand, KeyId key, std::string name);
    Value eval(EvalContext& ctx) const override;
    bool append_origin(EvalContext& ctx, std::string& out) const override;
    KeyId key() const { return key_; }

private:
    NodePtr operand_;
    KeyId key_;
    std::string name_;
    const VarNode* variable_;  // the operand when it is a variable (`b.law`), read in place
};

// list[*].name: the member of each element.
class ProjectNode final : public Node {
public:
    ProjectNode(NodePtr list, KeyId key) : list_(list), key_(key) {}
    Value eval(EvalContext& ctx) const override;

private:
    NodePtr list_;
    KeyId key_;
};

class IndexNode final : public Node {
public:
    IndexNode(NodePtr list, uint32_t index) : list_(list), index_(index) {}
    Value eval(EvalContext& ctx) const override;
    bool append_origin(EvalContext& ctx, std::string& out) const override;

private:
    NodePtr list_;
    uint32_t index_;
};

class ListNode final : public Node {
public:
    explicit ListNode(std::vector<NodePtr> items);
    Value eval(EvalContext& ctx) const override;
    bool literal() const override { return literal_; }
    // A literal list's value, built once (its items are the pack's own); missing otherwise.
    const Value& constant() const { return constant_; }

private:
    std::vector<NodePtr> items_;
    bool literal_;
    std::vector<Value> constant_items_;
    Value constant_;
};

enum class Op { and_, or_, not_, neg, eq, ne, lt, le, gt, ge, in, not_in, add, sub, mul, div, add_months, sub_months };

class UnaryNode final : public Node {
public:
    UnaryNode(Op op, NodePtr operand) : op_(op), operand_(operand) {}
    Value eval(EvalContext& ctx) const override;
    Op op() const { return op_; }

private:
    Op op_;
    NodePtr operand_;
};

class BinaryNode final : public Node {
public:
    BinaryNode(Op op, NodePtr lhs, NodePtr rhs) : op_(op), lhs_(lhs), rhs_(rhs) {}
    Value eval(EvalContext& ctx) const override;
    Op op() const { return op_; }
    NodePtr lhs() const { return lhs_; }
    NodePtr rhs() const { return rhs_; }

private:
    Op op_;
    NodePtr lhs_, rhs_;
};

// `N days` → days; `N months` / `N years` → a whole number of months.
class DurationNode final : public Node {
public:
    DurationNode(NodePtr count, int months_per_unit) : count_(count), months_(months_per_unit) {}
    Value eval(EvalContext& ctx) const override;

private:
    NodePtr count_;
    int months_;  // 0: days
};

// A list function's lambda `x => x.name == e` (or `!=`, either way round) whose `e` does
// not read `x`: each element's member is compared with `e`, evaluated once per call,
// without binding `x` or evaluating the lambda's nodes.
struct MemberTest {
    KeyId key = 0;
    bool negated = false;       // !=
    bool member_first = false;  // x.name is the left operand
    NodePtr other = nullptr;
};

class CallNode final : public Node {
public:
    CallNode(Builtin id, std::vector<NodePtr> args, uint32_t slot, std::optional<MemberTest> test = std::nullopt)
        : id_(id), args_(std::move(args)), slot_(slot), test_(test) {}
    Value eval(EvalContext& ctx) const override;

private:
    Value list_op(EvalContext& ctx) const;
    Value list_total(const Value& list, EvalContext& ctx) const;
    Value member_test_op(const Value& list, EvalContext& ctx) const;
    Value scalar_member_test(const Value& list, const Value& other) const;
    Value law_op(EvalContext& ctx) const;
    Value law_value(EvalContext& ctx, std::string_view name, const Law* law) const;
    Value benchmark_op(EvalContext& ctx) const;
    Value other_op(EvalContext& ctx) const;

    Builtin id_;
    std::vector<NodePtr> args_;  // for list functions: the list and the lambda body
    uint32_t slot_;              // the lambda's variable
    std::optional<MemberTest> test_;  // the lambda body's shape, when it is a member test
};

// `a + b` with the language's rules (dates, days, exact money), for sum().
Value add_values(const Value& a, const Value& b, Arena& arena);

class TemplateNode final : public Node {
public:
    explicit TemplateNode(std::vector<NodePtr> parts) : parts_(std::move(parts)) {}
    Value eval(EvalContext& ctx) const override;

private:
    std::vector<NodePtr> parts_;
};

}  // namespace pingcha
