// `pingcha serve`: the local web view of a review store (cpp-httplib from Debian). Binds
// 127.0.0.1 unless told otherwise. Only POST /adjudicate writes; it needs the session's
// CSRF token (a SameSite=Strict HttpOnly cookie and the same value in a hidden form field,
// compared in constant time), a same-origin request (Origin / Sec-Fetch-Site) and a Host
// naming this server. The case page explains each rule with the run's pack (loaded once
// per run, see review/case_explanation.hpp), or says why it cannot. Bodies over Limits::max_http_body_bytes get 413, headers over
// Limits::max_http_header_bytes 431.
#pragma once
#include <functional>
#include <string>

#include "core/limits.hpp"

namespace pingcha::web {

struct ServeOptions {
    std::string db;
    std::string host = "127.0.0.1";
    int port = 8080;  // 0: any free port
    std::string rules;  // the rule pack to explain cases with; "" = the path each run recorded
    Limits limits;
};

// Serves until SIGINT or SIGTERM. `on_listening` gets the base URL (`http://127.0.0.1:8080/`)
// once the socket is bound. Returns the process exit status; throws store::StoreError when
// the store cannot be opened and std::runtime_error when the address cannot be bound.
int serve(const ServeOptions& options, const std::function<void(const std::string& url)>& on_listening);

}  // namespace pingcha::web
