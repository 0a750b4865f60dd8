// write_catalog: the imported laws in the rules language (see importer.hpp).
#include <map>
#include <set>
#include <sstream>

#include "lawimport/importer.hpp"
#include "lawimport/placement.hpp"

namespace pingcha::lawimport {

namespace {

constexpr const char* kKinds[] = {"法律", "行政法规", "部门规章", "地方性法规", "经济特区法规", "地方政府规章"};

std::string pc_string(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
    return out;
}

std::string kind_counts(const ImportResult& result) {
    std::map<std::string, size_t> count;
    for (const auto& law : result.laws) ++count[law.kind];
    std::vector<std::string> parts;
    for (const char* kind : kKinds)
        if (count.count(kind)) parts.push_back(std::string(kind) + " " + std::to_string(count[kind]) + " 部");
    return joined(parts, "、");
}

std::string territories_used(const ImportResult& result) {
    std::set<std::string> codes;
    for (const auto& law : result.laws)
        if (!law.territory.empty()) codes.insert(law.territory);
    std::vector<std::string> parts;
    for (const auto& code : codes) {
        const KnownTerritory* t = territory_by_code(code);
        std::string part = code;
        if (t) part.append(" ").append(t->display);
        parts.push_back(std::move(part));
    }
    return joined(parts, "、");
}

void write_header(std::ostream& out, const ImportResult& result) {
    out << "origin imported\n"
        << "# 法规库（导入）：由 pingcha laws import 从法规文本生成，请勿手工修改。\n"
        << "# 规则包中同名的手写条目优先于这里的条目；需要更正时写在手写条目中。\n"
        << "# 来源目录：" << joined(result.folders, "、") << "\n";
    if (!result.indexes.empty()) out << "# 索引：" << joined(result.indexes, "、") << "\n";
    out << "# 文本 " << result.texts << " 个；导入法规 " << result.laws.size() << " 部（" << kind_counts(result)
        << "）；跳过文件 " << result.skipped.size() << " 个；待核 " << result.flagged() << " 部\n";
    const std::string territories = territories_used(result);
    if (!territories.empty()) out << "# 用到的地域代码（规则包须声明）：" << territories << "\n";
}

std::string inserted_articles(const std::vector<ArticleRef>& inserted) {
    std::vector<std::string> refs;
    for (const auto& r : inserted) refs.push_back(std::to_string(r.article) + "-" + std::to_string(r.sub));
    return joined(refs, "、");
}

void write_comments(std::ostream& out, const ImportedLaw& law) {
    for (const auto& source : law.sources)
        out << "# 来源：" << source.path << " sha256:" << source.sha256.substr(0, 16) << "\n";
    if (!law.inserted.empty())
        out << "# 插入条文 " << law.inserted.size() << " 条：" << inserted_articles(law.inserted) << "\n";
    for (const auto& note : law.notes) out << "# 注：" << note << "\n";
    for (const auto& flag : law.flags) out << "# 待核：" << flag << "\n";
}

void write_version(std::ostream& out, const ImportedVersion& v) {
    out << "  version " << pc_string(v.label);
    if (v.adopted) out << " adopted " << v.adopted->to_string();
    if (v.from) out << " from " << v.from->to_string();
    if (v.until) out << " until " << v.until->to_string();
    if (v.articles) out << " articles " << *v.articles;
    out << "\n";
}

void write_law(std::ostream& out, const ImportedLaw& law) {
    out << "\n";
    write_comments(out, law);
    out << "law " << pc_string(law.name);
    if (!law.alias.empty()) out << " alias " << pc_string(law.alias);
    out << " kind " << law.kind;
    if (!law.territory.empty()) out << " applies_in " << law.territory;
    out << " {\n";
    for (const auto& v : law.versions) write_version(out, v);
    if (law.repeal_date_unknown) out << "  repealed unknown\n";
    if (law.repealed) {
        out << "  repealed " << law.repealed->to_string();
        if (!law.replaced_by.empty()) out << " replaced_by " << pc_string(law.replaced_by);
        out << "\n";
    }
    out << "}\n";
}

}  // namespace

std::string write_catalog(const ImportResult& result) {
    std::ostringstream out;
    write_header(out, result);
    for (const auto& law : result.laws) write_law(out, law);
    return out.str();
}

}  // namespace pingcha::lawimport
