// Running the real binary (or any shell command) from tests.
#pragma once
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace pingcha::testing {

struct CommandOutput {
    std::string out;  // standard output (add 2>&1 to the command for standard error too)
    int status = -1;  // exit status, or -signal when killed
};

inline CommandOutput run_command(const std::string& command) {
    CommandOutput r;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return r;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
    const int status = pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? -WTERMSIG(status) : -1000;
    return r;
}

// A path quoted for the shell.
inline std::string shell_quoted(const std::filesystem::path& p) {
    std::string s(1, '\'');  // appended piecewise: GCC 12 warns wrongly (-Wrestrict) on "'" + s + "'"
    s += p.string();
    s += '\'';
    return s;
}

}  // namespace pingcha::testing
