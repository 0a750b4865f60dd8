// `pingcha laws import DIR... [--index db.sqlite3] --out FILE.pc`: the law catalog from a
// collection of law texts. The work is in engine/lawimport; this file handles arguments,
// the summary on stderr and the output file.
#include <fstream>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "lawimport/importer.hpp"

namespace pingcha::cli {

namespace {

struct ImportArgs {
    std::vector<std::string> folders;
    std::vector<std::string> indexes;
    std::string out;
    Limits limits;
};

std::string joined_flags(const std::vector<std::string>& flags) {
    std::string out;
    for (const auto& f : flags) out += (out.empty() ? "" : "；") + f;
    return out;
}

void print_summary(std::ostream& err, const lawimport::ImportResult& result) {
    err << "pingcha laws import：文本 " << result.texts << " 个，导入 " << result.laws.size() << " 部法规，跳过 "
        << result.skipped.size() << " 个文件，待核 " << result.flagged() << " 部\n";
    for (const auto& s : result.skipped) err << "跳过 " << s.path << "：" << s.reason << "\n";
    for (const auto& law : result.laws)
        if (!law.flags.empty()) err << "待核 " << law.name << "：" << joined_flags(law.flags) << "\n";
    for (const auto& r : result.refused) err << r.path << ": 错误：" << r.reason << "\n";
}

bool write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    return static_cast<bool>(out);
}

int run_import(const ImportArgs& args) {
    lawimport::ImportOptions options;
    options.folders.assign(args.folders.begin(), args.folders.end());
    options.indexes.assign(args.indexes.begin(), args.indexes.end());
    options.limits = args.limits;
    lawimport::ImportResult result;
    try {
        result = lawimport::import_laws(options);
    } catch (const lawimport::IndexError& e) {
        std::cerr << "pingcha laws import：" << e.what() << "\n";
        return 2;
    }
    print_summary(std::cerr, result);
    if (!result.refused.empty()) {
        std::cerr << result.refused.size() << " 个文件超过输入限制（可用 --limit 放宽，见 docs/limits.md），未写出 "
                  << args.out << "\n";
        return 2;
    }
    if (result.laws.empty()) {
        std::cerr << "没有可导入的法规，未写出 " << args.out << "\n";
        return 2;
    }
    const std::string catalog = lawimport::write_catalog(result);
    if (catalog.size() > args.limits.max_rule_file_bytes) {
        std::cerr << "生成的法规库有 " << catalog.size() << " 字节，超过 max_rule_file_bytes 限制（"
                  << args.limits.max_rule_file_bytes << " 字节），规则包将无法加载它；未写出 " << args.out << "\n";
        return 2;
    }
    if (!write_file(args.out, catalog)) {
        std::cerr << "无法写入 " << args.out << "\n";
        return 2;
    }
    std::cerr << "已写入 " << args.out << "\n";
    return 0;
}

}  // namespace

Runner add_laws(CLI::App& app) {
    app.require_subcommand(1);
    auto args = std::make_shared<ImportArgs>();
    auto* import = app.add_subcommand("import", "从法规文本目录（LawRefBook 格式）生成法规库 .pc 文件");
    import->add_option("folders", args->folders, "法规文本目录（递归读取其中的 .md 文件）")
        ->required()
        ->check(CLI::ExistingDirectory);
    import->add_option("--index", args->indexes, "法规集合自带的索引 db.sqlite3，用于识别已失效的文本（可多次给出）")
        ->allow_extra_args(false)
        ->check(CLI::ExistingFile);
    import->add_option("--out", args->out, "写出的 .pc 文件")->required();
    add_limit_option(*import, args->limits);
    return [import, args] { return import->parsed() ? run_import(*args) : 2; };
}

}  // namespace pingcha::cli
