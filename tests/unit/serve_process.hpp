// `pingcha serve` started for real on a free port (loopback), for tests that drive it over HTTP.
#pragma once
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace pingcha::testing {

// `pingcha serve --db DB --port 0 [extra…]`, stopped with SIGTERM on destruction. `url` and
// `port` are what the server printed (empty and 0 when it did not start within 30 s).
class ServeProcess {
public:
    ServeProcess(const std::filesystem::path& db, const std::filesystem::path& log, std::vector<std::string> extra = {}) {
        int fds[2];
        if (pipe(fds) != 0) return;
        pid_ = fork();
        if (pid_ == 0) {
            dup2(fds[1], STDOUT_FILENO);
            const int err = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            dup2(err, STDERR_FILENO);
            close(fds[0]);
            std::vector<std::string> args = {PINGCHA_BINARY, "serve", "--db", db.string(), "--port", "0"};
            args.insert(args.end(), extra.begin(), extra.end());
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            execv(argv[0], argv.data());
            _exit(127);
        }
        close(fds[1]);
        std::string line;
        pollfd p{fds[0], POLLIN, 0};
        char c;
        while (line.find('\n') == std::string::npos && poll(&p, 1, 30000) > 0 && read(fds[0], &c, 1) == 1) line += c;
        close(fds[0]);
        url = line.substr(0, line.find('\n'));
        const auto colon = url.rfind(':');
        if (colon != std::string::npos) port = std::atoi(url.c_str() + colon + 1);
    }
    ServeProcess(const ServeProcess&) = delete;
    ServeProcess& operator=(const ServeProcess&) = delete;
    ~ServeProcess() { stop(); }
    // Stops the server; its exit status (-1 when it was not running or did not exit normally).
    int stop() {
        if (pid_ <= 0) return -1;
        kill(pid_, SIGTERM);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::string url;
    int port = 0;

private:
    pid_t pid_ = -1;
};

}  // namespace pingcha::testing
