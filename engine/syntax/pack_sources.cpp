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

std::optional<std::string> read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Loads files depth-first so that an import cycle is seen as a path back to a file still
// being loaded.
class PackLoader {
public:
    PackLoader(PackSources& out, Diagnostics& diags) : out_(out), diags_(diags) {}

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
        auto text = read_text(path);
        if (!text) {
            diags_.add({Severity::error, "E0002", "无法读取规则文件：" + path.string(), imported_at, path.string()});
            return;
        }
        auto source = std::make_shared<const SourceFile>(path.lexically_normal().string(), std::move(*text));
        ast::File file = parse_file(*source, diags_);
        loading_.insert(key);
        for (const auto& imp : file.imports) load(path.parent_path() / imp.path, imp.span);
        loading_.erase(key);
        out_.files.push_back({std::move(source), std::move(file)});
    }

private:
    PackSources& out_;
    Diagnostics& diags_;
    std::set<std::string> loading_;
    std::set<std::string> done_;
};

}  // namespace

PackSources load_pack_sources(const std::string& path, Diagnostics& diags) {
    PackSources out;
    PackLoader loader(out, diags);
    std::error_code ec;
    out.root = fs::is_directory(path, ec) ? path : fs::path(path).parent_path().string();
    if (fs::is_directory(path, ec)) {
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
