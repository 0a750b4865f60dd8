// Internal to the checker: names and types of expressions.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "check/checker.hpp"

namespace pingcha {

class ExprChecker {
public:
    ExprChecker(CheckedPack& pack, Diagnostics& diags, const std::map<std::string, const ast::DefDecl*>& defs);

    Type check(const ast::Expr& e);
    // Checks and requires a boolean; `what` names the place (e.g. "规则条件").
    void check_condition(const ast::Expr& e, const std::string& what);
    // Binds a `for` variable over `list` for the duration of a rule; returns its slot.
    uint32_t bind_each(const ast::Name& var, const ast::Expr& list);
    void unbind() { scopes_.pop_back(); }
    Type def_type(const ast::DefDecl& def);

private:
    struct Variable {
        std::string name;
        Type type;
        uint32_t slot;
    };

    Type visit(const ast::Expr& e);
    Type note(const ast::Expr& e, Type t, ExprInfo info = {});
    Type name(const ast::Expr& e);
    Type member(const ast::Expr& e);
    Type member_of_shape(const ast::Expr& e, const Type& operand, const std::string& shown_path);
    Type call(const ast::Expr& e);
    Type builtin_call(const ast::Expr& e, const BuiltinInfo& b);
    Type list_call(const ast::Expr& e, Builtin id, const Type& list);
    Type lambda(const ast::Expr& lambda, const Type& element);
    Type unary(const ast::Expr& e);
    Type binary(const ast::Expr& e);
    Type arithmetic(const ast::Expr& e, const Type& a, const Type& b);
    Type list_literal(const ast::Expr& e);
    Type duration(const ast::Expr& e);

    bool expect(const ast::Expr& e, const Type& actual, TypeKind wanted, const std::string& what);
    void check_literal_reference(const ast::Expr& arg, Builtin id, size_t position);
    void type_error(const ast::Expr& e, const std::string& message);
    std::string field_path(const ast::Expr& e) const;

    CheckedPack& pack_;
    Diagnostics& diags_;
    const std::map<std::string, const ast::DefDecl*>& defs_;
    std::map<const ast::DefDecl*, Type> def_types_;
    std::vector<const ast::DefDecl*> def_stack_;
    std::vector<Variable> scopes_;
};

// The closest candidate within a small edit distance, for "did you mean" hints.
std::string closest_name(const std::string& wanted, const std::vector<std::string>& candidates);

}  // namespace pingcha
