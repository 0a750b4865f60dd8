#include "check/checker.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "check/expr_checker.hpp"

namespace pingcha {
namespace {

const std::set<std::string> kLawKinds = {"法律", "行政法规", "地方性法规", "经济特区法规", "部门规章", "地方政府规章"};

// Over (path relative to the pack root, length, text) of each file in path order, so the
// digest does not depend on where the pack was checked out or how it was named.
std::string sha256_hex(const std::vector<std::pair<std::string, const SourceFile*>>& files) {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
    for (const auto& [relative, f] : files) {
        const std::string header = relative + '\0' + std::to_string(f->text().size()) + '\0';
        EVP_DigestUpdate(ctx, header.data(), header.size());
        EVP_DigestUpdate(ctx, f->text().data(), f->text().size());
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx, md, &len);
    EVP_MD_CTX_free(ctx);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < len; ++i) {
        out += hex[md[i] >> 4];
        out += hex[md[i] & 15];
    }
    return out;
}

class PackChecker {
public:
    PackChecker(CheckedPack& pack, Diagnostics& diags) : pack_(pack), diags_(diags) {}

    void run() {
        header();
        territories();
        laws();
        calendars();
        agencies();
        collect_defs();
        ExprChecker exprs(pack_, diags_, defs_);
        benchmarks(exprs);
        standard();
        for (const auto* def : pack_.defs) exprs.def_type(*def);
        rules(exprs);
        tests();
        digest();
    }

private:
    template <typename F>
    void each_file(F f) {
        for (auto& file : pack_.sources.files) f(file);
    }

    void header() {
        const ast::PackDecl* found = nullptr;
        each_file([&](ParsedFile& file) {
            if (!file.ast.pack) return;
            if (found) {
                diags_.error("E0011", file.ast.pack->span, "规则包只能有一个 pack 声明（另一个在 " +
                                                               found->span.file->path() + "）");
                return;
            }
            found = &*file.ast.pack;
        });
        if (!found) {
            if (!pack_.sources.files.empty())
                diags_.add({Severity::error, "E0010", "规则包缺少 pack 声明（pack 名称 version \"版本\"）", {},
                            pack_.sources.files.front().source->path()});
            return;
        }
        pack_.name = found->name.text;
        pack_.version = found->version;
    }

    void territories() {
        std::vector<const ast::TerritoryDecl*> all;
        each_file([&](ParsedFile& f) {
            for (const auto& t : f.ast.territories) {
                if (pack_.territories.find(t.code.text)) {
                    diags_.error("E0312", t.code.span, "重复声明的地域 '" + t.code.text + "'");
                    continue;
                }
                Territory territory{t.code.text, t.display, {}};
                for (const auto& w : t.within) territory.within.push_back(w.text);
                pack_.territories.add(std::move(territory));
                all.push_back(&t);
            }
        });
        for (const auto* t : all)
            for (const auto& w : t->within) {
                if (!pack_.territories.find(w.text))
                    diags_.error("E0303", w.span, "未声明的地域 '" + w.text + "'");
                else if (pack_.territories.within(w.text, t->code.text))
                    diags_.error("E0313", w.span, "地域包含关系成环：'" + w.text + "' 已位于 '" + t->code.text + "' 之内");
            }
    }

    Law law_of(const ast::LawDecl& d) {
        Law law;
        law.name = d.name.text;
        for (const auto& a : d.aliases) law.aliases.push_back(a.text);
        law.kind = d.kind.text;
        law.territory = d.territory ? d.territory->text : "";
        for (const auto& v : d.versions) law.versions.push_back({v.label.text, v.adopted, v.from, v.until, v.articles});
        law.repealed = d.repealed;
        law.repeal_date_unknown = d.repeal_date_unknown;
        law.replaced_by = d.replaced_by ? d.replaced_by->text : "";
        return law;
    }

    void validate_law(const ast::LawDecl& d) {
        if (!kLawKinds.count(d.kind.text))
            diags_.error("E0310", d.kind.span,
                         "未知的法规类别 '" + d.kind.text + "'（应为 法律、行政法规、地方性法规、经济特区法规、部门规章 或 地方政府规章）");
        if (d.territory && !pack_.territories.find(d.territory->text))
            diags_.error("E0303", d.territory->span, "未声明的地域 '" + d.territory->text + "'");
        for (const auto& v : d.versions)
            if (v.from && v.until && *v.until < *v.from)
                diags_.error("E0314", v.span, "版本 '" + v.label.text + "' 的施行日期晚于失效日期");
    }

    void add_law(const ast::LawDecl& d) {
        validate_law(d);
        if (pack_.laws.find(d.name.text)) {
            diags_.error("E0307", d.name.span, "法规 '" + d.name.text + "' 重复声明（名称或别名已被使用）");
            return;
        }
        for (const auto& a : d.aliases)
            if (pack_.laws.find(a.text)) diags_.error("E0307", a.span, "别名 '" + a.text + "' 已被另一部法规使用");
        pack_.laws.add(law_of(d));
    }

    // An imported law that a hand-written entry already declares yields to it; where the two
    // disagree, the disagreement is reported so the catalog maintainer can look.
    void merge_imported_law(const ast::LawDecl& d) {
        const Law* hand = pack_.laws.find(d.name.text);
        for (size_t k = 0; !hand && k < d.aliases.size(); ++k) hand = pack_.laws.find(d.aliases[k].text);
        if (!hand) {
            add_law(d);
            return;
        }
        pack_.yielded_laws.insert(&d);
        const Law imported = law_of(d);
        for (const auto& difference : law_differences(*hand, imported))
            diags_.add({Severity::note, "N0340", "导入条目与手写条目不一致（以手写为准）：" + difference, d.name.span, {}, {}});
    }

    static std::vector<std::string> law_differences(const Law& hand, const Law& imported) {
        std::vector<std::string> out;
        if (hand.kind != imported.kind) out.push_back("类别 " + imported.kind + " ≠ " + hand.kind);
        if (hand.territory != imported.territory)
            out.push_back("地域 " + imported.territory + " ≠ " + hand.territory);
        if (hand.repealed != imported.repealed)
            out.push_back("废止日期 " + (imported.repealed ? imported.repealed->to_string() : "无") + " ≠ " +
                          (hand.repealed ? hand.repealed->to_string() : "无"));
        for (const auto& v : imported.versions) {
            const LawVersion* mine = nullptr;
            for (const auto& h : hand.versions)
                if (h.label == v.label || (v.adopted && h.adopted == v.adopted)) mine = &h;
            if (!mine) {
                out.push_back("手写条目缺少版本 " + v.label);
                continue;
            }
            if (v.articles && mine->articles && *v.articles != *mine->articles)
                out.push_back("版本 " + v.label + " 条文数 " + std::to_string(*v.articles) + " ≠ " +
                              std::to_string(*mine->articles));
            if (v.from && mine->from && *v.from != *mine->from)
                out.push_back("版本 " + v.label + " 施行日期 " + v.from->to_string() + " ≠ " + mine->from->to_string());
        }
        return out;
    }

    void laws() {
        each_file([&](ParsedFile& f) {
            if (!f.ast.imported)
                for (const auto& d : f.ast.laws) add_law(d);
        });
        each_file([&](ParsedFile& f) {
            if (f.ast.imported)
                for (const auto& d : f.ast.laws) merge_imported_law(d);
        });
        each_file([&](ParsedFile& f) {
            for (const auto& d : f.ast.laws)
                if (d.replaced_by && !pack_.laws.find(d.replaced_by->text))
                    diags_.warning("W0311", d.replaced_by->span, "取代者 '" + d.replaced_by->text + "' 不在法规库中");
        });
    }

    void calendars() {
        std::set<int> years;
        each_file([&](ParsedFile& f) {
            for (const auto& c : f.ast.calendars) {
                if (!years.insert(c.year).second) {
                    diags_.error("E0315", c.span, "重复声明 " + std::to_string(c.year) + " 年的工作日历");
                    continue;
                }
                pack_.calendar.add_year(c.year, expand(c, c.rest, true), expand(c, c.work, false));
            }
        });
    }

    std::vector<Date> expand(const ast::CalendarDecl& c, const std::vector<ast::DateRange>& ranges, bool rest) {
        std::vector<Date> days;
        for (const auto& r : ranges) {
            if (r.last < r.first) {
                diags_.error("E0316", r.span, "日期区间的结束早于开始");
                continue;
            }
            // Rest days may spill into the neighbouring years, make-up work days may not. A range
            // that leaves those years is one error at its first date outside them, not one per
            // day (a mistyped 0023-01-21..2023-01-27 is two thousand years of days).
            const int lowest = rest ? c.year - 1 : c.year, highest = rest ? c.year + 1 : c.year;
            if (r.first.year() < lowest || r.last.year() > highest) {
                const Date outside = r.first.year() < lowest ? r.first : Date::from_ymd(highest + 1, 1, 1);
                diags_.error("E0317", r.span, "日期 " + outside.to_string() + " 不属于 " + std::to_string(c.year) + " 年的日历");
                continue;
            }
            for (Date d = r.first; d <= r.last; d = d.plus_days(1)) {
                if (!rest && d.weekday() != 0 && d.weekday() != 6)
                    diags_.warning("W0318", r.span, "调休上班日 " + d.to_string() + " 不是周末");
                days.push_back(d);
            }
        }
        return days;
    }

    void agencies() {
        each_file([&](ParsedFile& f) {
            for (const auto& a : f.ast.agencies) {
                if (pack_.agencies.count(a.code.text)) {
                    diags_.error("E0319", a.code.span, "重复声明的执法主体 '" + a.code.text + "'");
                    continue;
                }
                if (!pack_.territories.find(a.territory.text))
                    diags_.error("E0303", a.territory.span, "未声明的地域 '" + a.territory.text + "'");
                pack_.agencies[a.code.text] = {a.code.text, a.display, a.territory.text};
            }
        });
    }

    void collect_defs() {
        each_file([&](ParsedFile& f) {
            for (const auto& d : f.ast.defs) {
                if (defs_.count(d.name.text) || case_file_shape().find(d.name.text)) {
                    diags_.error("E0320", d.name.span, "名称 '" + d.name.text + "' 已被使用（def 或案卷字段）");
                    continue;
                }
                defs_[d.name.text] = &d;
                pack_.defs.push_back(&d);
            }
        });
    }

    void bound_base(const ast::Bound& b) {
        if (b.form != ast::Bound::Form::amount && !b.base)
            diags_.error("E0321", b.span, "百分比或倍数需要指明基数（of contract_price 等）");
        if (b.base) pack_.extra_keys.insert(b.base->text);
    }

    // Both ends in the same form and base can be ordered at check time.
    void range_order(const ast::Bound& lo, const ast::Bound& hi, const SourceSpan& where) {
        const bool same = lo.form == hi.form && (lo.base ? lo.base->text : "") == (hi.base ? hi.base->text : "");
        if (same && hi.number < lo.number) diags_.error("E0322", where, "罚款下限大于上限");
    }

    void benchmark(const ast::BenchmarkDecl& b, ExprChecker& exprs) {
        // No basis at all is E0323 alone: there is no law text (nor a place) to name.
        if (b.basis_law.text.empty()) diags_.error("E0323", b.code.span, "裁量基准缺少处罚依据（basis）");
        else if (!pack_.laws.find(b.basis_law.text) && !pack_.laws.recognise(b.basis_law.text, pack_.territories))
            diags_.error("E0301", b.basis_law.span, "法规库中没有 '" + b.basis_law.text + "'");
        if (!b.statutory_max) diags_.error("E0324", b.code.span, "裁量基准缺少法定幅度（range 或 max）");
        for (const auto* bound : {&b.statutory_min, &b.statutory_max})
            if (*bound) bound_base(**bound);
        if (b.statutory_min && b.statutory_max) range_order(*b.statutory_min, *b.statutory_max, b.statutory_min->span);
        std::set<std::string> levels;
        for (const auto& t : b.tiers) {
            if (!levels.insert(t.level.text).second)
                diags_.error("E0325", t.level.span, "重复的裁量阶次 '" + t.level.text + "'");
            bound_base(*t.min);
            if (!t.fixed) bound_base(*t.max);
            range_order(*t.min, *t.max, t.span);
            if (t.when) exprs.check_condition(*t.when, "阶次条件");
        }
    }

    void benchmarks(ExprChecker& exprs) {
        std::set<std::string> codes;
        each_file([&](ParsedFile& f) {
            for (const auto& b : f.ast.benchmarks) {
                if (!codes.insert(b.code.text).second) {
                    diags_.error("E0308", b.code.span, "重复声明的裁量基准 '" + b.code.text + "'");
                    continue;
                }
                pack_.benchmarks.push_back(&b);
            }
        });
        for (const auto* b : pack_.benchmarks) benchmark(*b, exprs);
    }

    void standard() {
        auto& s = pack_.standard;
        std::set<std::string> sections;
        const ast::GradeDecl* catch_all = nullptr;
        std::vector<const ast::GradeDecl*> bands;
        const ast::VetoDecl* veto = nullptr;
        each_file([&](ParsedFile& f) {
            for (const auto& d : f.ast.sections) {
                if (!sections.insert(d.id.text).second) {
                    diags_.error("E0326", d.id.span, "重复声明的评查项目 '" + d.id.text + "'");
                    continue;
                }
                s.sections.push_back({d.id.text, d.display, d.max});
            }
            for (const auto& g : f.ast.grades) {
                if (g.at_least) {
                    bands.push_back(&g);
                } else if (catch_all) {
                    diags_.error("E0327", g.span, "只能有一个 otherwise 等次");
                } else {
                    catch_all = &g;
                }
            }
            for (const auto& v : f.ast.vetoes) {
                if (veto) diags_.error("E0328", v.span, "只能有一个 veto 声明");
                veto = &v;
            }
        });
        std::stable_sort(bands.begin(), bands.end(),
                         [](const ast::GradeDecl* a, const ast::GradeDecl* b) { return *a->at_least > *b->at_least; });
        for (const auto* g : bands) s.bands.push_back({g->grade.text, g->at_least});
        if (catch_all) s.bands.push_back({catch_all->grade.text, std::nullopt});
        if (s.sections.empty() && !pack_.sources.files.empty())
            diags_.add({Severity::error, "E0329", "规则包没有声明任何评查项目（section）", {}, pack_.sources.files.front().source->path()});
        if (!catch_all && !pack_.sources.files.empty())
            diags_.add({Severity::error, "E0327", "缺少兜底等次（grade 名称 otherwise）", {}, pack_.sources.files.front().source->path()});
        if (veto) {
            s.veto_grade = veto->grade.text;
            s.veto_score = veto->score;
            if (std::none_of(s.bands.begin(), s.bands.end(), [&](const GradeBand& b) { return b.grade == veto->grade.text; }))
                diags_.error("E0305", veto->grade.span, "未声明的等次 '" + veto->grade.text + "'");
        } else if (catch_all) {
            s.veto_grade = catch_all->grade.text;  // a veto falls to the catch-all grade
        }
    }

    void rule(const ast::RuleDecl& r, ExprChecker& exprs) {
        if (std::none_of(pack_.standard.sections.begin(), pack_.standard.sections.end(),
                         [&](const Section& s) { return s.id == r.section.text; }))
            diags_.error("E0304", r.section.span, "未声明的评查项目 '" + r.section.text + "'");
        for (const auto& c : r.cites)
            if (!pack_.laws.find(c.law.text) && !pack_.laws.recognise(c.law.text, pack_.territories))
                diags_.error("E0301", c.law.span, "法规库中没有 '" + c.law.text + "'");
        if (r.severity == ast::SeverityKind::deduct && r.points <= Rational(0))
            diags_.error("E0331", r.severity_span, "扣分必须大于 0");
        if (r.each_var) exprs.bind_each(*r.each_var, *r.each_list);
        exprs.check_condition(*r.when, "规则条件");
        exprs.check(*r.says);
        if (r.each_var) exprs.unbind();
    }

    void rules(ExprChecker& exprs) {
        std::map<std::string, const ast::RuleDecl*> ids;
        each_file([&](ParsedFile& f) {
            for (const auto& r : f.ast.rules) {
                if (auto [it, fresh] = ids.emplace(r.id.text, &r); !fresh) {
                    diags_.error("E0306", r.id.span, "规则编号 '" + r.id.text + "' 重复（首次声明于 " +
                                                          it->second->span.file->path() + ":" +
                                                          std::to_string(it->second->span.file->line_col(it->second->span.begin).line) + "）");
                    continue;
                }
                pack_.rules.push_back(&r);
            }
        });
        for (const auto* r : pack_.rules) rule(*r, exprs);
        rule_ids_ = std::move(ids);
    }

    void tests() {
        each_file([&](ParsedFile& f) {
            for (const auto& t : f.ast.tests) {
                for (const auto& e : t.expects) {
                    const bool names_rule = e.kind == ast::Expectation::Kind::finding ||
                                            e.kind == ast::Expectation::Kind::no_finding;
                    if (names_rule && !rule_ids_.count(e.rule.text))
                        diags_.error("E0330", e.rule.span, "测试引用了未声明的规则 '" + e.rule.text + "'");
                    if (e.kind == ast::Expectation::Kind::grade &&
                        std::none_of(pack_.standard.bands.begin(), pack_.standard.bands.end(),
                                     [&](const GradeBand& b) { return b.grade == e.grade.text; }))
                        diags_.error("E0305", e.grade.span, "未声明的等次 '" + e.grade.text + "'");
                }
                pack_.tests.push_back({&f, &t});
            }
        });
    }

    void digest() {
        std::vector<std::pair<std::string, const SourceFile*>> files;
        for (const auto& f : pack_.sources.files)
            files.emplace_back(std::filesystem::path(f.source->path()).lexically_relative(pack_.sources.root).generic_string(),
                               f.source.get());
        std::sort(files.begin(), files.end());
        pack_.digest = sha256_hex(files);
    }

    CheckedPack& pack_;
    Diagnostics& diags_;
    std::map<std::string, const ast::DefDecl*> defs_;
    std::map<std::string, const ast::RuleDecl*> rule_ids_;
};

}  // namespace

CheckedPack check_pack(PackSources sources, Diagnostics& diags) {
    CheckedPack pack;
    pack.sources = std::move(sources);
    PackChecker(pack, diags).run();
    diags.sort();
    return pack;
}

CheckedPack load_and_check(const std::string& path, Diagnostics& diags, const Limits& limits) {
    return check_pack(load_pack_sources(path, diags, limits), diags);
}

}  // namespace pingcha
