// `pingcha gen`: deterministic realistic case files (JSON Lines, or one file per case).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "gen/generator.hpp"

namespace pingcha::cli {
namespace {

struct GenOptions {
    size_t count = 0;
    uint64_t seed = 0;
    std::string out;
    std::string out_dir;
    std::string defect_rate = "0.4";
    std::string manifest;
};

// `case-000042.json`, zero-padded to the width of the count.
std::string file_name(size_t index, size_t count) {
    const int width = static_cast<int>(std::max<size_t>(std::to_string(count).size(), 4));
    char buf[64];
    std::snprintf(buf, sizeof buf, "case-%0*zu.json", width, index);
    return buf;
}

int run_gen(const GenOptions& opt) {
    gen::GeneratorOptions g;
    g.seed = opt.seed;
    g.pretty = !opt.out_dir.empty();
    if (!gen::parse_defect_rate(opt.defect_rate, g.defect_per_million)) {
        std::cerr << "pingcha: --defect-rate 应为 0 到 1 之间的小数（最多 6 位小数），而不是「" << opt.defect_rate << "」\n";
        return 2;
    }
    std::ofstream file, manifest;
    std::ostream* out = &std::cout;
    if (!opt.out_dir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(opt.out_dir, ec);
        if (ec) {
            std::cerr << "pingcha: 无法创建目录 " << opt.out_dir << "：" << ec.message() << "\n";
            return 2;
        }
    } else if (!opt.out.empty() && opt.out != "-") {
        file.open(opt.out, std::ios::binary);
        if (!file) {
            std::cerr << "pingcha: 无法写入 " << opt.out << "\n";
            return 2;
        }
        out = &file;
    }
    if (!opt.manifest.empty()) {
        manifest.open(opt.manifest, std::ios::binary);
        if (!manifest) {
            std::cerr << "pingcha: 无法写入 " << opt.manifest << "\n";
            return 2;
        }
    }
    gen::CaseGenerator generator(g);
    std::map<std::string_view, size_t> defect_counts;
    size_t defective = 0;
    std::string buffer;
    for (size_t i = 1; i <= opt.count; ++i) {
        const auto c = generator.next();
        defective += c.defects.empty() ? 0 : 1;
        for (auto d : c.defects) ++defect_counts[d];
        if (!opt.out_dir.empty()) {
            const auto path = std::filesystem::path(opt.out_dir) / file_name(i, opt.count);
            std::ofstream one(path, std::ios::binary);
            one << c.pretty_json << "\n";
            if (!one) {
                std::cerr << "pingcha: 无法写入 " << path.string() << "\n";
                return 2;
            }
        } else {
            buffer += c.json;
            buffer += '\n';
            if (buffer.size() > (1u << 20)) {
                out->write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
                buffer.clear();
            }
        }
        if (manifest.is_open()) {
            nlohmann::json m = {{"id", c.id}, {"agency", c.agency}, {"defects", c.defects}, {"rules", c.rules}};
            if (!opt.out_dir.empty()) m["file"] = file_name(i, opt.count);
            manifest << m.dump() << "\n";
        }
    }
    out->write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    out->flush();
    if (!*out || (manifest.is_open() && !manifest.flush())) {
        std::cerr << "pingcha: 写入失败\n";
        return 2;
    }
    std::cerr << "生成案卷 " << opt.count << " 件（种子 " << opt.seed << "），其中有问题的 " << defective << " 件\n";
    for (const auto& d : gen::defect_catalog())
        if (defect_counts.count(d.name)) std::cerr << "  " << d.name << "（" << d.description << "）" << defect_counts[d.name] << "\n";
    return 0;
}

}  // namespace

Runner add_gen(CLI::App& app) {
    auto opt = std::make_shared<GenOptions>();
    app.add_option("--n", opt->count, "生成的案卷数")->required()->check(CLI::Range(size_t{1}, size_t{100000000}));
    app.add_option("--seed", opt->seed, "随机种子（同一种子、同一参数得到逐字节相同的输出）")->required();
    auto* out = app.add_option("--out", opt->out, "输出的 JSON Lines 文件（缺省或 - 为标准输出）");
    app.add_option("--out-dir", opt->out_dir, "改为每件案卷写一个 JSON 文件（case-0001.json …）到该目录")->excludes(out);
    app.add_option("--defect-rate", opt->defect_rate, "有问题案卷的比例（0–1，默认 0.4）");
    app.add_option("--manifest", opt->manifest, "另写一份 JSON Lines 清单：每件案卷的 id、单位、植入的问题和应触发的规则");
    return [opt] { return run_gen(*opt); };
}

}  // namespace pingcha::cli
