// Google Benchmark for the evaluator alone: records parsed once, then evaluated (and
// rendered) over and over, to see rule-logic cost apart from parsing. Not a test.
//   build/bench/pingcha_bench [--benchmark_filter=...]
// Corpus: $PINGCHA_BENCH_CORPUS, default bench/data/corpus-100000-s1.jsonl (see bench/README.md);
// the first $PINGCHA_BENCH_RECORDS (2,000) lines are used.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "eval/evaluator.hpp"
#include "plan/compiler.hpp"
#include "record/loader.hpp"
#include "report/case_report.hpp"

namespace pingcha {
namespace {

// A deep copy of `v` into `arena` (the reader reuses its record's memory).
Value copy_into(const Value& v, Arena& arena) {
    switch (v.kind) {
        case ValueKind::text: return Value::text(arena.copy(v.as_text()));
        case ValueKind::list: {
            Value* items = arena.make_array<Value>(v.size);
            for (uint32_t k = 0; k < v.size; ++k) items[k] = copy_into(v.items[k], arena);
            return Value::list(items, v.size);
        }
        case ValueKind::object: {
            Field* fields = arena.make_array<Field>(v.size);
            for (uint32_t k = 0; k < v.size; ++k) fields[k] = Field{v.fields[k].key, copy_into(v.fields[k].value, arena)};
            return Value::object(fields, v.size);
        }
        default: return v;
    }
}

struct Loaded {
    std::unique_ptr<RulePack> pack;
    std::string text;  // the lines used
    std::vector<std::unique_ptr<Record>> records;
};

const Loaded& loaded() {
    static const Loaded data = [] {
        Loaded d;
        const char* env_corpus = std::getenv("PINGCHA_BENCH_CORPUS");
        const std::string corpus = env_corpus ? env_corpus : PINGCHA_SOURCE_DIR "/bench/data/corpus-100000-s1.jsonl";
        const char* env_n = std::getenv("PINGCHA_BENCH_RECORDS");
        const size_t n = env_n ? std::stoul(env_n) : 2000;
        Diagnostics diags;
        d.pack = load_rule_pack(PINGCHA_SOURCE_DIR "/rules/bench", diags);
        std::ifstream in(corpus, std::ios::binary);
        if (!d.pack || !in) {
            std::cerr << "pingcha_bench: 需要 rules/bench 与语料 " << corpus
                      << "（python3 ../shared/bench/gen.py --n 100000 --seed 1 --out bench/data/corpus-100000-s1.jsonl）\n";
            std::exit(2);
        }
        std::string line;
        for (size_t k = 0; k < n && std::getline(in, line); ++k) d.text += line + "\n";
        CaseReader reader(d.pack->keys);
        reader.read_lines(corpus, d.text, 1, [&](const Record* r, const RecordRejection*) {
            if (!r) return;
            auto copy = std::make_unique<Record>();
            copy->root = copy_into(r->root, copy->arena());
            copy->source = r->source;
            d.records.push_back(std::move(copy));
        });
        return d;
    }();
    return data;
}

void BM_Evaluate(benchmark::State& state) {
    const Loaded& d = loaded();
    Evaluator evaluator(*d.pack);
    CaseResult result;
    for (auto _ : state)
        for (const auto& r : d.records) {
            evaluator.evaluate(*r, result);
            benchmark::DoNotOptimize(result.score);
        }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * d.records.size()));
}
BENCHMARK(BM_Evaluate)->Unit(benchmark::kMillisecond);

void BM_EvaluateAndRender(benchmark::State& state) {
    const Loaded& d = loaded();
    Evaluator evaluator(*d.pack);
    const ResultJsonWriter writer(*d.pack);
    CaseResult result;
    std::string out;
    for (auto _ : state)
        for (const auto& r : d.records) {
            out.clear();
            evaluator.evaluate(*r, result);
            writer.append(out, result, r->source);
            benchmark::DoNotOptimize(out.data());
        }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * d.records.size()));
}
BENCHMARK(BM_EvaluateAndRender)->Unit(benchmark::kMillisecond);

// For comparison: the reader alone (simdjson parse, validation, conversion to Values).
void BM_Read(benchmark::State& state) {
    const Loaded& d = loaded();
    CaseReader reader(d.pack->keys);
    size_t records = 0;
    for (auto _ : state)
        reader.read_lines("bench", d.text, 1, [&](const Record* r, const RecordRejection*) { records += r != nullptr; });
    state.SetItemsProcessed(static_cast<int64_t>(records));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * d.text.size()));
}
BENCHMARK(BM_Read)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace pingcha

BENCHMARK_MAIN();
