#include "format/line_diff.hpp"

#include <string_view>
#include <vector>

namespace pingcha::format {
namespace {

// Lines keep their `\n`, so a last line without one differs from the same text with one.
std::vector<std::string_view> split(const std::string& s) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < s.size()) {
        size_t j = s.find('\n', i);
        j = j == std::string::npos ? s.size() : j + 1;
        out.push_back(std::string_view(s).substr(i, j - i));
        i = j;
    }
    return out;
}

enum class Op { keep, del, add };

// Myers' O(ND) shortest edit script, on the lines between a common prefix and suffix.
std::vector<Op> edit_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
    size_t pre = 0;
    while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
    size_t suf = 0;
    while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) ++suf;
    const int n = static_cast<int>(a.size() - pre - suf), m = static_cast<int>(b.size() - pre - suf);
    auto A = [&](int i) { return a[pre + static_cast<size_t>(i)]; };
    auto B = [&](int j) { return b[pre + static_cast<size_t>(j)]; };
    const int off = n + m + 1;
    std::vector<int> v(static_cast<size_t>(2 * off + 1), 0);
    std::vector<std::vector<int>> trace;
    int found = -1;
    for (int d = 0; d <= n + m && found < 0; ++d) {
        trace.push_back(v);
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[k - 1 + off] < v[k + 1 + off])) ? v[k + 1 + off] : v[k - 1 + off] + 1;
            int y = x - k;
            while (x < n && y < m && A(x) == B(y)) ++x, ++y;
            v[k + off] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
    }
    std::vector<Op> middle;
    int x = n, y = m;
    for (int d = found; d > 0; --d) {
        const auto& pv = trace[static_cast<size_t>(d)];
        const int k = x - y;
        const int pk = (k == -d || (k != d && pv[k - 1 + off] < pv[k + 1 + off])) ? k + 1 : k - 1;
        const int px = pv[pk + off], py = px - pk;
        while (x > px && y > py) {
            middle.push_back(Op::keep);
            --x, --y;
        }
        middle.push_back(x == px ? Op::add : Op::del);
        x = px, y = py;
    }
    while (x > 0 && y > 0) {
        middle.push_back(Op::keep);
        --x, --y;
    }
    std::vector<Op> ops(pre, Op::keep);
    ops.insert(ops.end(), middle.rbegin(), middle.rend());
    ops.insert(ops.end(), suf, Op::keep);
    return ops;
}

std::string range(size_t start, size_t len) {
    // 1-based first line; an empty range names the line before it.
    const size_t first = len == 0 ? start : start + 1;
    return len == 1 ? std::to_string(first) : std::to_string(first) + "," + std::to_string(len);
}

}  // namespace

std::string unified_diff(const std::string& before, const std::string& after, const std::string& before_name,
                         const std::string& after_name, int context) {
    if (before == after) return {};
    const auto a = split(before), b = split(after);
    const std::vector<Op> ops = edit_script(a, b);
    // Positions of every op in both files.
    std::vector<size_t> ai(ops.size() + 1), bi(ops.size() + 1);
    for (size_t k = 0; k < ops.size(); ++k) {
        ai[k + 1] = ai[k] + (ops[k] != Op::add);
        bi[k + 1] = bi[k] + (ops[k] != Op::del);
    }
    std::string out = "--- " + before_name + "\n+++ " + after_name + "\n";
    const size_t ctx = static_cast<size_t>(context);
    size_t k = 0;
    while (k < ops.size()) {
        if (ops[k] == Op::keep) {
            ++k;
            continue;
        }
        // A hunk: from `context` lines before this change to `context` after the last change
        // that lies within 2 * context unchanged lines of the previous one.
        const size_t start = k > ctx ? k - ctx : 0;
        size_t end = k;
        while (true) {
            while (end < ops.size() && ops[end] != Op::keep) ++end;
            size_t next = end;
            while (next < ops.size() && ops[next] == Op::keep) ++next;
            if (next < ops.size() && next - end <= 2 * ctx) {
                end = next;
                continue;
            }
            end = std::min(ops.size(), end + ctx);
            break;
        }
        out += "@@ -" + range(ai[start], ai[end] - ai[start]) + " +" + range(bi[start], bi[end] - bi[start]) + " @@\n";
        for (size_t i = start; i < end; ++i) {
            const auto& line = ops[i] != Op::add ? a[ai[i]] : b[bi[i]];
            out += ops[i] == Op::keep ? ' ' : ops[i] == Op::del ? '-' : '+';
            out += line;
            if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
        }
        k = end;
    }
    return out;
}

}  // namespace pingcha::format
