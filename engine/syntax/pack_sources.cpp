#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "syntax/parser.hpp"

namespace pingcha {
namespace {

namespace fs = std::filesystem;

// The file's text, or an error message (unreadable, or larger than `max_bytes`: checked
// before reading, so a huge file is never loaded).
std::optional<std::string> read_text(const fs::path& path, size_t max_bytes, std::string& error) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (!ec && size > max_bytes) {
        error = "规则文件 " + path.string() + " 有 " + std::to_string(size) + " 字节，超过 max_rule_file_bytes 限制（" +
                std::to_string(max_bytes) + " 字节）";
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "无法读取规则文件：" + path.string();
        return std::nullopt;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool is_within(const fs::path& inner, const fs::path& root) {
    const auto [r, i] = std::mismatch(root.begin(), root.end(), inner.begin(), inner.end());
    return r == root.end();
}

// Loads files depth-first so that an import cycle is seen as a path back to a file still
// being loaded. Every file must resolve (after `..` and symbolic links) inside the pack's
// folder: a pack is a self-contained folder that can be reviewed and hashed as one.
class PackLoader {
public:
    PackLoader(PackSources& out, Diagnostics& diags, const Limits& limits, fs::path root)
        : out_(out), diags_(diags), limits_(limits), root_(std::move(root)) {}

    void load(const fs::path& path, const SourceSpan& imported_at) {
        std::error_code ec;
        const fs::path canonical = fs::weakly_canonical(path, ec);
        const std::string key = (ec ? path : canonical).string();
        if (loading_.count(key)) {
            diags_.add({Severity::error, "E0003", "循环导入：" + path.string() + " 已在导入链中", imported_at,
                        path.string()});
            return;
        }
        if (!done_.insert(key).second) return;
        if (!ec && !root_.empty() && !is_within(canonical, root_)) {
            diags_.add({Severity::error, "E0004",
                        "导入的文件 " + path.string() + " 在规则包目录 " + root_.string() +
                            " 之外（经由 .. 或符号链接）；规则包只能导入自己目录内的文件",
                        imported_at, path.string()});
            return;
        }
        if (done_.size() > limits_.max_pack_files) {
            if (done_.size() == limits_.max_pack_files + 1)
                diags_.add({Severity::error, "E0005",
                            "规则包的文件超过 max_pack_files 限制（" + std::to_string(limits_.max_pack_files) +
                                " 个）：" + path.string() + " 未加载",
                            imported_at, path.string()});
            return;
        }
        std::string error;
        auto text = read_text(path, limits_.max_rule_file_bytes, error);
        if (!text) {
            diags_.add({Severity::error, "E0002", error, imported_at, path.string()});
            return;
        }
        auto source = std::make_shared<const SourceFile>(path.lexically_normal().string(), std::move(*text));
        ast::File file = parse_file(*source, diags_, limits_);
        loading_.insert(key);
        for (const auto& imp : file.imports) load(path.parent_path() / imp.path, imp.span);
        loading_.erase(key);
        out_.files.push_back({std::move(source), std::move(file)});
    }

private:
    PackSources& out_;
    Diagnostics& diags_;
    const Limits& limits_;
    fs::path root_;  // canonical; empty when it cannot be resolved
    std::set<std::string> loading_;
    std::set<std::string> done_;
};

}  // namespace

PackSources load_pack_sources(const std::string& path, Diagnostics& diags, const Limits& limits) {
    PackSources out;
    std::error_code ec;
    const bool is_dir = fs::is_directory(path, ec);
    out.root = is_dir ? path : fs::path(path).parent_path().string();
    // A single file given by name may be a link; its pack is the folder it really lives in.
    fs::path root = is_dir ? fs::weakly_canonical(path, ec) : fs::weakly_canonical(path, ec).parent_path();
    if (ec) root.clear();
    if (!root.empty() && !root.has_filename()) root = root.parent_path();  // `rules/demo/`
    PackLoader loader(out, diags, limits, root);
    if (is_dir) {
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(path, ec))
            if (entry.is_regular_file() && entry.path().extension() == ".pc") files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        if (files.empty()) diags.add({Severity::error, "E0001", "目录中没有 .pc 规则文件", {}, path});
        for (const auto& f : files) loader.load(f, {});
    } else {
        loader.load(path, {});
    }
    return out;
}

}  // namespace pingcha
