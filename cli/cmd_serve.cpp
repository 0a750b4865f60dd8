// `pingcha serve`: the local web view of a review store.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "store_guard.hpp"
#include "web/server.hpp"

namespace pingcha::cli {

Runner add_serve(CLI::App& app) {
    auto opt = std::make_shared<web::ServeOptions>();
    app.add_option("--db", opt->db, "评查库")->required();
    app.add_option("--port", opt->port, "端口（默认 8080；0 为任一空闲端口）")->check(CLI::Range(0, 65535));
    app.add_option("--rules", opt->rules, "解释案卷所用的规则包（缺省为各运行记录的路径；摘要须与运行一致）");
    app.add_option("--host", opt->host, "监听地址（默认 127.0.0.1，只允许本机访问）");
    return [opt] {
        return store_guarded([&] {
            return web::serve(*opt, [&](const std::string& url) {
                // The URL alone on stdout (for scripts); the rest on stderr.
                std::cout << url << std::endl;
                std::cerr << "pingcha serve：" << url << "（Ctrl+C 停止）\n";
                if (opt->host != "127.0.0.1" && opt->host != "localhost" && opt->host != "::1")
                    std::cerr << "pingcha: 注意：监听 " << opt->host << "，其他机器也可能访问本服务\n";
            });
        });
    };
}

}  // namespace pingcha::cli
