#include "web/server.hpp"

#include <openssl/crypto.h>
#include <pthread.h>
#include <signal.h>

#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include <httplib.h>

#include "review/adjudication.hpp"
#include "review/case_explanation.hpp"
#include "store/store.hpp"
#include "web/html.hpp"
#include "web/pages.hpp"

namespace pingcha::web {
namespace {

constexpr const char* kCookie = "pingcha_csrf";
constexpr size_t kMaxSessions = 4096;

std::string random_token() {
    unsigned char bytes[32];
    std::ifstream in("/dev/urandom", std::ios::binary);
    if (!in.read(reinterpret_cast<char*>(bytes), sizeof bytes)) throw std::runtime_error("无法读取 /dev/urandom");
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        out += hex[b >> 4];
        out += hex[b & 15];
    }
    return out;
}

bool same_secret(const std::string& a, const std::string& b) {
    return a.size() == b.size() && !a.empty() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

// Tokens this server issued (kept as SHA-256, so a lookup reveals nothing about a token);
// the oldest are forgotten beyond kMaxSessions.
class Sessions {
public:
    std::string issue() {
        std::string token = random_token();
        std::lock_guard lock(mutex_);
        order_.push_back(store::sha256_hex(token));
        known_.insert(order_.back());
        if (order_.size() > kMaxSessions) {
            known_.erase(order_.front());
            order_.pop_front();
        }
        return token;
    }
    bool known(const std::string& token) const {
        if (token.empty()) return false;
        const std::string digest = store::sha256_hex(token);
        std::lock_guard lock(mutex_);
        return known_.count(digest) > 0;
    }

private:
    mutable std::mutex mutex_;
    std::deque<std::string> order_;
    std::set<std::string> known_;
};

std::string cookie_value(const httplib::Request& req, const std::string& name) {
    const std::string header = req.get_header_value("Cookie");
    size_t pos = 0;
    while (pos < header.size()) {
        size_t end = header.find(';', pos);
        if (end == std::string::npos) end = header.size();
        std::string pair = header.substr(pos, end - pos);
        const auto first = pair.find_first_not_of(' ');
        pair = first == std::string::npos ? "" : pair.substr(first);
        if (pair.size() > name.size() && pair.compare(0, name.size(), name) == 0 && pair[name.size()] == '=')
            return pair.substr(name.size() + 1);
        pos = end + 1;
    }
    return {};
}

bool is_loopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

std::optional<int64_t> positive_int(const std::string& text) {
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    const int64_t v = std::stoll(text);
    return v > 0 ? std::optional<int64_t>(v) : std::nullopt;
}

class Site {
public:
    Site(const ServeOptions& options) : options_(options), db_(store::open_store(options.db, false)) {}

    void install(httplib::Server& server) {
        server.set_payload_max_length(options_.limits.max_http_body_bytes);
        server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
            secure_headers(res);
            return screen(req, res) ? httplib::Server::HandlerResponse::Unhandled
                                    : httplib::Server::HandlerResponse::Handled;
        });
        server.Get("/", [this](const httplib::Request& req, httplib::Response& res) {
            respond(req, res, [&] { return runs_page(*db_); });
        });
        server.Get("/cases", [this](const httplib::Request& req, httplib::Response& res) {
            respond(req, res, [&] {
                CaseFilter f{req.get_param_value("agency"), req.get_param_value("grade"), req.get_param_value("rule"),
                             positive_int(req.get_param_value("page")).value_or(1)};
                return case_list_page(*db_, run_param(req), f);
            });
        });
        server.Get("/case", [this](const httplib::Request& req, httplib::Response& res) {
            respond(req, res, [&] {
                const auto audit = review::load_case_audit(*db_, run_param(req), req.get_param_value("id"));
                const auto done = positive_int(req.get_param_value("done"));
                const std::string notice = done ? "裁定 #" + std::to_string(*done) + " 已记录" : "";
                return render_case(audit, session(req, res), notice, "");
            });
        });
        server.Post("/adjudicate", [this](const httplib::Request& req, httplib::Response& res) { adjudicate(req, res); });
        server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty()) return;
            const std::string title = res.status == 404 ? "页面不存在" : res.status == 413 ? "请求过大" : "请求无法处理";
            res.set_content(message_page(title, "HTTP " + std::to_string(res.status)), "text/html; charset=utf-8");
        });
    }

    void allow_hosts(const std::string& host, int port) {
        if (host == "0.0.0.0" || host == "::" || host.empty()) return;  // any name reaches a wildcard bind
        std::string p = ":";
        p += std::to_string(port);
        hosts_.insert((host.find(':') != std::string::npos ? "[" + host + "]" : host) + p);
        if (is_loopback(host))
            for (const char* name : {"127.0.0.1", "localhost", "[::1]"}) hosts_.insert(name + p);
    }

private:
    static void secure_headers(httplib::Response& res) {
        res.set_header("Content-Security-Policy",
                       "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; "
                       "base-uri 'none'");
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("X-Frame-Options", "DENY");
        res.set_header("Referrer-Policy", "same-origin");  // keeps Origin on same-origin POSTs
        res.set_header("Cache-Control", "no-store");
    }

    static void fail(httplib::Response& res, int status, const std::string& title, const std::string& message) {
        res.status = status;
        res.set_content(message_page(title, message), "text/html; charset=utf-8");
    }

    // Checks that need only the headers; false (with the response set) to refuse.
    bool screen(const httplib::Request& req, httplib::Response& res) const {
        size_t header_bytes = req.target.size();
        for (const auto& [name, value] : req.headers) header_bytes += name.size() + value.size() + 4;
        if (header_bytes > options_.limits.max_http_header_bytes) {
            fail(res, 431, "请求头过大", "请求头超过 " + std::to_string(options_.limits.max_http_header_bytes) + " 字节");
            return false;
        }
        const std::string host = req.get_header_value("Host");
        if (!hosts_.empty() && !hosts_.count(host)) {
            fail(res, 403, "拒绝访问", "Host「" + host + "」不是本服务的地址");
            return false;
        }
        if (req.method != "GET" && req.method != "HEAD") {
            const std::string origin = req.get_header_value("Origin");
            if (req.has_header("Origin") && origin != "http://" + host) {
                fail(res, 403, "拒绝跨站请求", "来源「" + origin + "」与本服务不同");
                return false;
            }
            const std::string site = req.get_header_value("Sec-Fetch-Site");
            if (req.has_header("Sec-Fetch-Site") && site != "same-origin" && site != "none") {
                fail(res, 403, "拒绝跨站请求", "Sec-Fetch-Site 为「" + site + "」");
                return false;
            }
        }
        return true;
    }

    // The session's CSRF token: the cookie's when this server issued it, else a new one.
    std::string session(const httplib::Request& req, httplib::Response& res) {
        std::string token = cookie_value(req, kCookie);
        if (sessions_.known(token)) return token;
        token = sessions_.issue();
        res.set_header("Set-Cookie", std::string(kCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
        return token;
    }

    static int64_t run_param(const httplib::Request& req) {
        const auto run = positive_int(req.get_param_value("run"));
        if (!run) throw store::StoreError("缺少或无效的运行编号（run）");
        return *run;
    }

    template <class F>
    void respond(const httplib::Request&, httplib::Response& res, F&& render) {
        try {
            std::lock_guard lock(db_mutex_);
            res.set_content(render(), "text/html; charset=utf-8");
        } catch (const store::StoreError& e) {
            fail(res, 404, "找不到", e.what());
        } catch (const std::exception& e) {
            fail(res, 500, "服务出错", e.what());
        }
    }

    // The run's pack, loaded on first use and kept (with why it is missing, if it is).
    const review::RunPack& run_pack(const store::StoredCase& stored) {
        auto it = packs_.find(stored.run.id);
        if (it == packs_.end())
            it = packs_.emplace(stored.run.id, review::load_run_pack(stored.run, stored.rules_path, options_.rules)).first;
        return it->second;
    }

    // The case page with its explanations; needs db_mutex_ held.
    std::string render_case(const review::CaseAudit& audit, const std::string& csrf, const std::string& notice,
                            const std::string& error) {
        const auto stored = store::load_stored_case(*db_, audit.case_id, audit.run.id);
        const auto& loaded = run_pack(stored);
        if (!loaded.pack) return case_page(audit, {nullptr, loaded.problem}, csrf, notice, error);
        const auto explained = review::explain_stored_case(*loaded.pack, stored);
        if (!explained.result) return case_page(audit, {nullptr, explained.problem}, csrf, notice, error);
        return case_page(audit, {&explained.explanations, ""}, csrf, notice, error);
    }

    void adjudicate(const httplib::Request& req, httplib::Response& res) {
        if (req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) != 0)
            return fail(res, 415, "请求格式不支持", "裁定表单须以 application/x-www-form-urlencoded 提交");
        const std::string cookie = cookie_value(req, kCookie), field = req.get_param_value("csrf");
        if (!sessions_.known(cookie) || !same_secret(cookie, field))
            return fail(res, 403, "拒绝请求", "缺少或无效的表单令牌（CSRF），请重新打开案卷页后再提交");
        review::AdjudicationRequest a;
        const auto run = positive_int(req.get_param_value("run"));
        const auto decision = review::parse_decision(req.get_param_value("decision"));
        a.run_id = run.value_or(0);
        a.case_id = req.get_param_value("case");
        a.rule = req.get_param_value("rule");
        a.path = req.get_param_value("path");
        a.decision = decision.value_or(review::Decision::confirm);
        const std::string points = req.get_param_value("points");
        if (!points.empty()) a.points = points;
        a.reason = req.get_param_value("reason");
        a.reviewer = req.get_param_value("reviewer");
        std::lock_guard lock(db_mutex_);
        try {
            if (!run) throw store::StoreError("缺少或无效的运行编号（run）");
            if (!decision) throw store::StoreError("请选择裁定：确认、撤销或调整扣分");
            const auto out = review::adjudicate(*db_, a);
            res.set_redirect(link("/case", {{"run", std::to_string(a.run_id)}, {"id", a.case_id},
                                            {"done", std::to_string(out.id)}}),
                             303);
        } catch (const store::StoreError& e) {
            try {
                const auto audit = review::load_case_audit(*db_, a.run_id, a.case_id);
                res.status = 400;
                res.set_content(render_case(audit, cookie, "", e.what()), "text/html; charset=utf-8");
            } catch (const std::exception&) {
                fail(res, 400, "裁定未记录", e.what());
            }
        } catch (const std::exception& e) {
            fail(res, 500, "裁定未记录", e.what());
        }
    }

    ServeOptions options_;
    std::unique_ptr<SQLite::Database> db_;
    std::mutex db_mutex_;
    std::map<int64_t, review::RunPack> packs_;  // by run id; guarded by db_mutex_
    Sessions sessions_;
    std::set<std::string> hosts_;
};

}  // namespace

int serve(const ServeOptions& options, const std::function<void(const std::string&)>& on_listening) {
    Site site(options);
    httplib::Server server;
    site.install(server);
    // SIGINT / SIGTERM are taken by a waiting thread (signal-safe), which stops the server.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    int port = options.port;
    if (port == 0) {
        port = server.bind_to_any_port(options.host);
        if (port < 0) throw std::runtime_error("无法在 " + options.host + " 上监听");
    } else if (!server.bind_to_port(options.host, port)) {
        throw std::runtime_error("无法监听 " + options.host + ":" + std::to_string(port) + "（端口已被占用？）");
    }
    site.allow_hosts(options.host, port);
    const std::string shown = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
    on_listening("http://" + shown + ":" + std::to_string(port) + "/");
    std::thread stopper([&] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        server.stop();
    });
    const bool stopped_cleanly = server.listen_after_bind();
    pthread_kill(stopper.native_handle(), SIGTERM);  // wakes the stopper if listening failed
    stopper.join();
    return stopped_cleanly ? 0 : 2;
}

}  // namespace pingcha::web
