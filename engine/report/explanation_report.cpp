#include "report/explanation_report.hpp"

namespace pingcha {
namespace {

std::string date_text(const std::optional<Date>& d) { return d ? d->to_string() : std::string(); }

std::string period_text(const std::optional<Date>& from, const std::optional<Date>& until) {
    return (from ? from->to_string() + " 起" : std::string("自始")) + "，" +
           (until ? "至 " + until->to_string() + " 止" : std::string("至今"));
}

std::string yuan_or_missing(const std::optional<Rational>& fen) { return fen ? exact_yuan(*fen) : "（缺失）"; }

std::string range_text(const std::string& min, const std::string& max) {
    if (min == max) return "固定 " + min;
    return (min.empty() ? "…" : min) + " ～ " + (max.empty() ? "…" : max);
}

std::string points_text(Rational r) { return r.to_decimal_string(2); }

std::string rule_heading(const CompiledRule& r) {
    std::string kind = r.severity == FindingSeverity::veto     ? "否决"
                       : r.severity == FindingSeverity::deduct ? "扣 " + points_text(r.points) + " 分"
                                                                : "提示";
    return r.id + (r.title.empty() ? "" : " " + r.title) + "（" + r.section + " · " + kind + "）";
}

bool wraps(const Decision& part, const std::string& op) {
    return (part.op == "and" || part.op == "or") && part.op != op;
}

nlohmann::ordered_json decision_json(const Decision& d) {
    nlohmann::ordered_json out = {{"expr", d.expr}, {"value", d.value}, {"shown", d.shown}};
    if (!d.op.empty()) {
        out["op"] = d.op;
        auto& parts = out["parts"] = nlohmann::ordered_json::array();
        for (const auto& p : d.parts) parts.push_back(decision_json(p));
    }
    return out;
}

nlohmann::ordered_json missing_json(const std::vector<MissingCause>& causes) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& c : causes) {
        if (!c.field.empty()) out.push_back({{"field", c.field}});
        else out.push_back({{"expr", c.expr}, {"reason", c.reason}});
    }
    return out;
}

nlohmann::ordered_json optional_date(const std::optional<Date>& d) {
    return d ? nlohmann::ordered_json(d->to_string()) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json optional_yuan(const std::optional<Rational>& fen) {
    return fen ? nlohmann::ordered_json(exact_yuan(*fen)) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json law_json(const LawLookup& l) {
    nlohmann::ordered_json out = {{"cited", l.cited}, {"found", l.found}};
    if (!l.found) return out;
    out["name"] = l.name;
    out["kind"] = l.kind;
    out["territory"] = l.territory.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(l.territory);
    out["recognised_by_title"] = l.by_title;
    out["date_source"] = l.day_source;
    out["date"] = optional_date(l.day);
    out["version"] = l.version ? nlohmann::ordered_json(*l.version) : nlohmann::ordered_json(nullptr);
    out["from"] = optional_date(l.from);
    out["until"] = optional_date(l.until);
    out["knowable"] = l.knowable;
    out["repealed"] = optional_date(l.repealed);
    if (!l.place.empty()) out["applies_in"] = {{"territory", l.place}, {"applies", l.applies}};
    if (l.named) out["named_version"] = {{"label", *l.named}, {"found", l.named_found},
                                         {"from", optional_date(l.named_from)}, {"until", optional_date(l.named_until)}};
    out["reason"] = law_text(l);
    return out;
}

nlohmann::ordered_json tier_json(const TierLookup& t) {
    nlohmann::ordered_json out = {{"benchmark", t.code}, {"found", t.found}};
    if (!t.found) return out;
    out["name"] = t.name;
    out["basis"] = {{"law", t.basis_law}, {"article", t.basis_article}};
    out["statutory"] = {{"min", t.statutory_min_text}, {"max", t.statutory_max_text},
                        {"min_yuan", optional_yuan(t.statutory_min_fen)}, {"max_yuan", optional_yuan(t.statutory_max_fen)}};
    if (!t.level.empty()) {
        out["tier"] = {{"level", t.level}, {"found", t.tier_found}, {"chosen_by", t.selected ? "when" : "case"},
                       {"when", t.when_text}, {"min", t.min_text}, {"max", t.max_text},
                       {"min_yuan", optional_yuan(t.min_fen)}, {"max_yuan", optional_yuan(t.max_fen)}};
        if (!t.base.empty()) out["tier"]["base"] = {{"field", "penalty.amounts." + t.base}, {"yuan", optional_yuan(t.base_fen)}};
    }
    out["text"] = tier_text(t);
    return out;
}

nlohmann::ordered_json element_json(const ElementExplanation& e) {
    nlohmann::ordered_json out;
    if (!e.element.empty()) out["element"] = e.element;
    out["outcome"] = outcome_name(e.outcome);
    out["decided_by"] = decision_text(e.decision);
    out["decision"] = decision_json(e.decision);
    if (e.outcome == RuleOutcome::not_applicable) out["missing"] = missing_json(e.missing);
    out["fields"] = e.fields;
    auto& laws = out["laws"] = nlohmann::ordered_json::array();
    for (const auto& l : e.laws) laws.push_back(law_json(l));
    auto& tiers = out["benchmarks"] = nlohmann::ordered_json::array();
    for (const auto& t : e.tiers) tiers.push_back(tier_json(t));
    if (!e.message.empty()) out["message"] = e.message;
    return out;
}

}  // namespace

std::string decision_text(const Decision& d) {
    const auto operand = [](const Decision& p) { return p.constant ? p.expr : p.expr + " = " + p.shown; };
    if (d.constant) return d.expr;
    if (d.op == "and" || d.op == "or") {
        std::string out;
        for (const auto& p : d.parts) {
            if (!out.empty()) out += " " + d.op + " ";
            const bool wrapped = wraps(p, d.op);
            if (wrapped) out += '(';
            out += decision_text(p);
            if (wrapped) out += ')';
        }
        return out;
    }
    if (d.op == "not" && d.parts.size() == 1) {
        const Decision& p = d.parts[0];
        const std::string inner = p.op.empty() ? operand(p) : "(" + decision_text(p) + ")";
        return "not " + inner + " → " + d.shown;
    }
    if (!d.op.empty() && d.parts.size() == 2)
        return operand(d.parts[0]) + " " + d.op + " " + operand(d.parts[1]) + " → " + d.shown;
    return operand(d);
}

std::string missing_text(const std::vector<MissingCause>& causes) {
    std::string out;
    for (const auto& c : causes) {
        if (!out.empty()) out += "；";
        out += c.field.empty() ? c.expr + " 无法求值（" + c.reason + "）" : c.field;
    }
    return out;
}

std::string law_text(const LawLookup& l) {
    if (!l.found) return "「" + l.cited + "」：法规库中没有，也无法按标题识别其类别和地域";
    std::string out = "「" + l.cited + "」→《" + l.name + "》（" + l.kind;
    out += l.territory.empty() ? "，全国适用" : "，适用地域 " + l.territory_name + "（" + l.territory + "）";
    out += l.by_title ? "，法规库未收录，按标题识别" : "";
    out += "）";
    if (!l.place.empty())
        out += "；案件所在地 " + (l.place_name.empty() ? l.place : l.place_name + "（" + l.place + "）") +
               (l.applies ? "在其适用地域内" : "不在其适用地域内");
    if (l.named) {
        out += "；案卷引用的版本「" + *l.named + "」";
        out += l.named_found ? "施行期 " + period_text(l.named_from, l.named_until) : "不在法规库所列版本之中";
    }
    if (!l.day || l.by_title) {
        if (l.by_title) out += "；未收录版本，无法判断施行期";
        return out;
    }
    const std::string day = l.day_source + " = " + l.day->to_string();
    if (!l.knowable)
        return out + "；已废止但废止日期不明，无法判断 " + day + " 是否在施行期内";
    if (l.version) {
        out += "；" + day + " 施行的版本为「" + *l.version + "」（施行期 " + period_text(l.from, l.until) + "，包含该日）";
    } else {
        out += "；" + day + " 没有施行的版本";
        if (l.last_version) out += "：此前最后的版本「" + *l.last_version + "」施行至 " + date_text(l.last_until);
        else if (!l.last_until) out += "：该日早于最早的版本施行";
    }
    if (l.repealed) out += "；" + l.repealed->to_string() + " 起废止";
    if (!l.replaced_by.empty()) out += "，由《" + l.replaced_by + "》取代";
    return out;
}

std::string tier_text(const TierLookup& t) {
    if (!t.found) return "裁量基准「" + t.code + "」：本规则包没有该基准";
    std::string out = "裁量基准 " + t.code + "「" + t.name + "」（依据《" + t.basis_law + "》" + t.basis_article;
    if (!t.statutory_min_text.empty() || !t.statutory_max_text.empty())
        out += "，法定幅度 " + range_text(t.statutory_min_text, t.statutory_max_text) + "，即 " +
               range_text(t.statutory_min_fen ? exact_yuan(*t.statutory_min_fen) : "", 
                          t.statutory_max_fen ? exact_yuan(*t.statutory_max_fen) : "") + " 元";
    out += "）";
    if (t.level.empty()) return out;
    out += "；" + std::string(t.selected ? "按案情选定的阶次「" : "案卷载明的阶次「") + t.level + "」";
    if (!t.tier_found) return out + "不是该基准的阶次";
    if (t.selected) out += "（适用条件 " + t.when_text + " 成立）";
    out += "：" + range_text(t.min_text, t.max_text);
    if (!t.base.empty()) out += "，penalty.amounts." + t.base + " = " + yuan_or_missing(t.base_fen) + (t.base_fen ? " 元" : "");
    if (t.min_fen || t.max_fen || t.base.empty())
        out += "，即 " + range_text(t.min_fen ? exact_yuan(*t.min_fen) : "", t.max_fen ? exact_yuan(*t.max_fen) : "") + " 元";
    else
        out += "，基数缺失，无法计算幅度";
    return out;
}

std::string element_text(const ElementExplanation& e, const std::string& indent) {
    std::string out = indent + "判定：" + decision_text(e.decision) + "\n";
    if (e.outcome == RuleOutcome::not_applicable) out += indent + "缺失：" + missing_text(e.missing) + "\n";
    if (!e.shown_fields.empty()) {
        out += indent + "读取：";
        bool first = true;
        for (const auto& [path, value] : e.shown_fields) {
            out += (first ? "" : "，") + path + " = " + value;
            first = false;
        }
        out += "\n";
    }
    for (const auto& l : e.laws) out += indent + "法规：" + law_text(l) + "\n";
    for (const auto& t : e.tiers) out += indent + "裁量：" + tier_text(t) + "\n";
    if (!e.message.empty()) out += indent + "问题：" + e.message + "\n";
    return out;
}

std::string rule_explanation_text(const RuleExplanation& x, const std::string& indent) {
    const CompiledRule& r = *x.rule;
    std::string out = indent + "[" + outcome_label(x.outcome) + "] " + rule_heading(r) + "\n";
    const std::string inner = indent + "    ";
    out += inner + "条件：" + (r.each_slot ? "for " + r.each_var + " in " + r.each_text + "：" : "") + r.when_text + "\n";
    if (!r.each_slot) return out + element_text(x.elements.at(0), inner);
    if (!x.list_missing.empty()) return out + inner + "缺失：" + missing_text(x.list_missing) + "（列表缺失，规则不适用）\n";
    if (x.elements.empty()) return out + inner + "列表为空，没有可评查的元素\n";
    for (const auto& e : x.elements) {
        out += inner + r.each_var + " = " + e.element + "：" + outcome_label(e.outcome) + "\n";
        out += element_text(e, inner + "    ");
    }
    return out;
}

std::string explanations_text(const std::vector<RuleExplanation>& rules) {
    std::string out = "逐条说明（触发 / 未触发 / 不适用）：\n";
    for (const auto& x : rules) out += rule_explanation_text(x, "  ");
    return out;
}

nlohmann::ordered_json explanations_json(const std::vector<RuleExplanation>& rules) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& x : rules) {
        const CompiledRule& r = *x.rule;
        nlohmann::ordered_json j = {{"rule", r.id}, {"title", r.title}, {"section", r.section},
                                    {"severity", severity_name(r.severity)}, {"outcome", outcome_name(x.outcome)},
                                    {"condition", r.when_text}};
        if (r.each_slot) {
            j["for"] = {{"variable", r.each_var}, {"list", r.each_text}};
            if (!x.list_missing.empty()) j["missing"] = missing_json(x.list_missing);
        }
        auto& elements = j["elements"] = nlohmann::ordered_json::array();
        for (const auto& e : x.elements) elements.push_back(element_json(e));
        out.push_back(std::move(j));
    }
    return out;
}

}  // namespace pingcha
