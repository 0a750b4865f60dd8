// The pingcha subcommands. Each registers its options on the CLI11 app and returns the
// exit status when run; the logic lives in the engine library.
#pragma once
#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

#include "core/limits.hpp"
#include "plan/rule_pack.hpp"

namespace pingcha {
class Diagnostics;
}

namespace pingcha::cli {

using Runner = std::function<int()>;

inline constexpr const char* kVersion = "0.1.0";

Runner add_eval(CLI::App& app);
Runner add_check(CLI::App& app);
Runner add_test(CLI::App& app);
Runner add_laws(CLI::App& app);
Runner add_fmt(CLI::App& app);
Runner add_import(CLI::App& app);
Runner add_run(CLI::App& app);
Runner add_assign(CLI::App& app);
Runner add_report(CLI::App& app);
Runner add_diff(CLI::App& app);
Runner add_adjudicate(CLI::App& app);
Runner add_history(CLI::App& app);
Runner add_serve(CLI::App& app);
Runner add_gen(CLI::App& app);
Runner add_audit(CLI::App& app);

// Shared helpers.
bool stderr_is_terminal();
// Prints errors and warnings (not notes, which are for `check`) to stderr.
void print_problems(const Diagnostics& diags);
// Loads the rule pack a command evaluates with, printing its errors and warnings to stderr;
// null (after saying that no case was evaluated) when it has errors.
std::unique_ptr<RulePack> load_pack_to_evaluate(const std::string& rules, const Limits& limits);
// "输入 x.json 超过 max_input_bytes 限制（N 字节）".
std::string input_too_large(const std::string& path, std::size_t max_bytes);
// The whole file (or standard input for `-`); sets `error` when it cannot be read or is
// larger than `max_bytes` (checked before reading, so a huge input is never loaded).
std::string read_file_or_stdin(const std::string& path, std::string& error,
                               std::size_t max_bytes = Limits{}.max_input_bytes);
// Registers the repeatable `--limit NAME=VALUE` option (docs/limits.md); a bad name or value
// is a usage error (exit status 2) with a Chinese message.
void add_limit_option(CLI::App& app, Limits& limits);
// Writes `text` to `path` (stdout when empty or "-"); false, with a message, when it cannot.
bool write_text(const std::string& path, const std::string& text);

}  // namespace pingcha::cli
