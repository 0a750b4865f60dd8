#!/usr/bin/env python3
"""Writes rules/bench/catalog.pc from the shared benchmark's catalog.json.

    python3 bench/catalog_to_pack.py ../shared/bench/catalog.json rules/bench/catalog.pc

The bench catalog gives each law an effective date, an optional repeal date (the first day
it is no longer in force) and an SEZ flag; the pack needs a kind: a name that starts with
中华人民共和国 is a 法律, 深圳经济特区… an 经济特区法规 of shenzhen_sez, 广东省… a 地方性法规 of
guangdong, anything else a 行政法规. Each violation becomes a benchmark whose statutory
maximum is `max` and whose rows are tiers named after the 裁量阶次.

A repealed law names its successor (gen.py's SUCCESSION table). A benchmark whose law was
repealed cites the successor as its basis: pingcha requires a benchmark's basis to be in
force (W0414), and none of the 20 checks reads a benchmark's basis.
"""
import json
import sys

SUCCESSION = {
    "中华人民共和国城市规划法": "中华人民共和国城乡规划法",
    "中华人民共和国环境噪声污染防治法": "中华人民共和国噪声污染防治法",
    "深圳经济特区环境保护条例": "深圳经济特区生态环境保护条例",
    "城市房屋拆迁管理条例": "国有土地上房屋征收与补偿条例",
}


def law_kind(name, sez):
    if sez:
        return "经济特区法规", "shenzhen_sez"
    if name.startswith("中华人民共和国"):
        return "法律", None
    if name.startswith("广东省"):
        return "地方性法规", "guangdong"
    return "行政法规", None


def law_decl(law):
    kind, territory = law_kind(law["name"], law["sez"])
    head = f'law "{law["name"]}"'
    for alias in law["aliases"]:
        head += f' alias "{alias}"'
    head += f" kind {kind}"
    if territory:
        head += f" applies_in {territory}"
    lines = [head + " {", f'  version "{law["effective"][:4]}" from {law["effective"]} articles unknown']
    if law["repealed"]:
        lines.append(f'  repealed {law["repealed"]} replaced_by "{SUCCESSION[law["name"]]}"')
    return "\n".join(lines + ["}"])


def benchmark_decl(v):
    lines = [f'benchmark {v["code"]} "{v["cause"]}" {{',
             f'  basis "{SUCCESSION.get(v["law"], v["law"])}" art {v["penalty_article"]}',
             f'  max {v["statutory_max"]}',
             "  kinds 罚款"]
    for row in v["rows"]:
        lines.append(f'  tier {row["level"]} {row["min"]} .. {row["max"]}')
    return "\n".join(lines + ["}"])


def main():
    source, target = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as f:
        catalog = json.load(f)
    parts = ["# 由 bench/catalog_to_pack.py 从 ../shared/bench/catalog.json 生成：法律目录与裁量基准。"]
    parts += [law_decl(law) for law in catalog["laws"]]
    parts += [benchmark_decl(v) for v in catalog["violations"]]
    with open(target, "w", encoding="utf-8") as f:
        f.write("\n\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
