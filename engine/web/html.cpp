#include "web/html.hpp"

namespace pingcha::web {

std::string url_component(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '_' || c == '.' || c == '~';
        if (unreserved) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string link(std::string_view path, const std::vector<std::pair<std::string, std::string>>& query) {
    std::string out(path);
    char sep = '?';
    for (const auto& [key, value] : query) {
        if (value.empty()) continue;
        out += sep;
        out += url_component(key) + "=" + url_component(value);
        sep = '&';
    }
    return out;
}

std::string page(std::string_view title, const std::string& body) {
    return R"(<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>)" + h(title) + R"( · pingcha 评查</title>
<style>
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:0;color:#1d2733;background:#f6f7f9}
header{background:#1f3a5f;color:#fff;padding:.6em 1.2em}header a{color:#fff;text-decoration:none;font-weight:bold}
main{max-width:1100px;margin:1em auto;padding:0 1em}
table{border-collapse:collapse;width:100%;background:#fff;margin:.5em 0 1em}
th,td{border:1px solid #d5dae1;padding:.35em .5em;text-align:left;vertical-align:top}
th{background:#eef1f5}td.n{text-align:right;font-variant-numeric:tabular-nums}
.veto{color:#b00020;font-weight:bold}.muted{color:#66707c}.superseded{color:#66707c;text-decoration:line-through}
.notice{background:#e7f5ea;border:1px solid #8cc79a;padding:.5em 1em}.error{background:#fdecee;border:1px solid #e59aa5;padding:.5em 1em}
.decided{color:#1f6f3a;font-weight:bold}.finding{background:#fff;border:1px solid #d5dae1;padding:.6em 1em;margin:.6em 0}
form.filter label,form.adjudicate label{margin-right:1em}
form.adjudicate textarea{width:100%;min-height:3em}
.scores td{font-size:1.1em}
pre.why{white-space:pre-wrap;margin:.3em 0;padding:.3em .5em;background:#f6f7f9;font-size:.9em}
</style></head><body><header><a href="/">pingcha 评查</a></header><main>
)" + body + "\n</main></body></html>\n";
}

}  // namespace pingcha::web
