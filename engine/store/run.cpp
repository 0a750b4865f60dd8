#include "store/run.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <limits>
#include <mutex>
#include <thread>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "eval/evaluator.hpp"
#include "record/loader.hpp"
#include "core/json_out.hpp"
#include "record/simd_reader.hpp"
#include "report/case_report.hpp"
#include "store/run_lock.hpp"
#include "store/queue.hpp"
#include "store/store.hpp"

namespace pingcha::store {
namespace {

struct Work {
    int64_t revision_id = 0;
    std::string source;
    std::string record_json;
};

// One finding as it is inserted: every value already rendered, so that the writer thread
// (the one thread that cannot be parallel) only binds and steps.
struct StoredFinding {
    std::string rule, title, section;
    const char* severity = "";
    std::string points;
    double points_value = 0;
    std::string message;
};

struct Stored {
    int64_t revision_id = 0;
    std::string error;  // non-empty: could not be evaluated, nothing is stored
    std::string score;
    double score_value = 0;
    std::string grade;
    bool veto = false;
    std::string result_json;
    std::string deductions;  // results.deductions: JSON array of each section's exact deduction
    std::vector<StoredFinding> findings;
};

std::string exact(Rational r) { return exact_text(r); }

nlohmann::json grading_json(const RulePack& pack) {
    const auto& s = pack.standard;
    nlohmann::json g;
    g["bands"] = nlohmann::json::array();
    for (const auto& b : s.bands) {
        nlohmann::json band = {{"grade", b.grade}};
        if (b.at_least) band["at_least"] = b.at_least->to_double();
        g["bands"].push_back(band);
    }
    g["veto_grade"] = s.veto_grade;
    g["sections"] = nlohmann::json::array();
    for (const auto& sec : s.sections)
        g["sections"].push_back({{"id", sec.id}, {"name", sec.name}, {"max", sec.max.to_double()}});
    return g;
}

// The sections of the run's pack, once per run (results.deductions lists a deduction per
// section in this order). A resumed run has the same pack (same digest), so its sections are
// the same; runs made before schema version 3 got theirs from the migration.
void store_run_sections(SQLite::Database& db, int64_t run_id, const ScoringStandard& standard) {
    SQLite::Statement ins(db, "INSERT OR IGNORE INTO run_sections (run_id, seq, section, name, max) VALUES (?, ?, ?, ?, ?)");
    int seq = 0;
    for (const auto& sec : standard.sections) {
        ins.reset();
        ins.bind(1, run_id);
        ins.bind(2, seq++);
        ins.bind(3, sec.id);
        ins.bind(4, sec.name);
        ins.bind(5, exact(sec.max));
        ins.exec();
    }
}

// One per worker thread: reads a stored record back (it is canonical JSON on one line, so the
// simdjson reader takes it directly; anything it defers goes to CaseReader, which words the
// rejection), evaluates it and renders everything the writer stores, as `eval --format json`
// renders its line.
class CaseEvaluator {
public:
    CaseEvaluator(const RulePack& pack, const Limits& limits)
        : fast_(pack.keys, limits), fallback_(pack.keys, limits), evaluator_(pack), writer_(pack) {}

    Stored evaluate(const Work& item) {
        Stored s;
        s.revision_id = item.revision_id;
        try {
            record_.clear();
            record_.source = item.source;
            switch (fast_.read(item.record_json, record_)) {
                case SimdRecordReader::Outcome::accepted:
                    evaluator_.evaluate(record_, result_);
                    render(item.source, s);
                    break;
                case SimdRecordReader::Outcome::defer: read_slowly(item, s); break;
            }
        } catch (const std::exception& e) {
            s.error = std::string("评查出错：") + e.what();
        }
        return s;
    }

private:
    // Renders `result_` for the writer.
    void render(const std::string& source, Stored& s) {
        s.score = exact(result_.score);
        s.score_value = result_.score.to_double();
        s.grade = result_.grade;
        s.veto = result_.veto;
        writer_.append(s.result_json, result_, source);
        s.deductions += '[';
        for (const auto& sec : result_.sections) {
            if (s.deductions.size() > 1) s.deductions += ',';
            json_out::string(s.deductions, exact(sec.deducted));
        }
        s.deductions += ']';
        s.findings.reserve(result_.findings.size());
        for (const auto& f : result_.findings)
            s.findings.push_back(StoredFinding{f.rule, f.title, f.section, severity_name(f.severity), exact(f.points),
                                               f.points.to_double(), f.message});
    }

    void read_slowly(const Work& item, Stored& s) {
        bool seen = false;
        fallback_.read(item.source, item.record_json, [&](const Record* record, const RecordRejection* bad) {
            if (seen) return;
            seen = true;
            if (bad) {
                s.error = bad->to_string();
                return;
            }
            evaluator_.evaluate(*record, result_);
            render(item.source, s);
        });
        if (!seen) s.error = "存储的记录为空";
    }

    SimdRecordReader fast_;
    CaseReader fallback_;
    Evaluator evaluator_;
    ResultJsonWriter writer_;
    Record record_;
    CaseResult result_;
};

class ResultWriter {
public:
    explicit ResultWriter(SQLite::Database& db, int64_t run_id)
        : db_(db),
          run_id_(run_id),
          result_(db,
                  "INSERT INTO results (run_id, revision_id, score, score_value, grade, veto, result_json, deductions) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
          finding_(db,
                   "INSERT INTO findings (result_id, seq, rule, title, section, severity, points, points_value, "
                   "message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)") {}

    // Another process (an import, another run) may hold the store's write lock for longer
    // than the busy timeout: a busy batch is rolled back and tried again, for up to ten minutes.
    void write(const std::vector<Stored>& batch) {
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(10);
        for (auto pause = std::chrono::milliseconds(50);; pause = std::min(pause * 2, std::chrono::milliseconds(2000))) {
            try {
                write_once(batch);
                return;
            } catch (const SQLite::Exception& e) {
                const int code = e.getErrorCode() & 0xFF;
                if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) || std::chrono::steady_clock::now() > give_up) throw;
            }
            std::this_thread::sleep_for(pause);
        }
    }

private:
    void write_once(const std::vector<Stored>& batch) {
        SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
        for (const auto& s : batch) {
            result_.reset();
            result_.bind(1, run_id_);
            result_.bind(2, s.revision_id);
            result_.bindNoCopy(3, s.score);
            result_.bind(4, s.score_value);
            result_.bindNoCopy(5, s.grade);
            result_.bind(6, s.veto ? 1 : 0);
            result_.bindNoCopy(7, s.result_json);
            result_.bindNoCopy(8, s.deductions);
            result_.exec();
            const int64_t result_id = db_.getLastInsertRowid();
            int seq = 0;
            for (const auto& f : s.findings) {
                finding_.reset();
                finding_.bind(1, result_id);
                finding_.bind(2, seq++);
                finding_.bindNoCopy(3, f.rule);
                finding_.bindNoCopy(4, f.title);
                finding_.bindNoCopy(5, f.section);
                finding_.bindNoCopy(6, f.severity);
                finding_.bindNoCopy(7, f.points);
                finding_.bind(8, f.points_value);
                finding_.bindNoCopy(9, f.message);
                finding_.exec();
            }
        }
        tx.commit();
    }

    SQLite::Database& db_;
    int64_t run_id_;
    SQLite::Statement result_, finding_;
};

}  // namespace

std::string exact_text(Rational r) {
    if (r.exact_decimals() >= 0) return r.to_decimal_string();
    return std::to_string(r.num()) + "/" + std::to_string(r.den());
}

std::optional<Rational> parse_exact(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) return Rational::parse_decimal(text);
    const auto num = Rational::parse_decimal(text.substr(0, slash));
    const auto den = Rational::parse_decimal(text.substr(slash + 1));
    if (!num || !den || !num->is_integer() || !den->is_integer()) return std::nullopt;
    return Rational::make(num->num(), den->num());
}

std::string scoring_json(const ScoringStandard& s) {
    nlohmann::ordered_json j;
    j["sections"] = nlohmann::ordered_json::array();
    for (const auto& sec : s.sections) j["sections"].push_back({{"id", sec.id}, {"name", sec.name}, {"max", exact_text(sec.max)}});
    j["bands"] = nlohmann::ordered_json::array();
    for (const auto& b : s.bands) {
        nlohmann::ordered_json band = {{"grade", b.grade}};
        if (b.at_least) band["at_least"] = exact_text(*b.at_least);
        j["bands"].push_back(band);
    }
    j["veto_grade"] = s.veto_grade;
    j["veto_score"] = s.veto_score ? nlohmann::ordered_json(exact_text(*s.veto_score)) : nlohmann::ordered_json(nullptr);
    return j.dump();
}

ScoringStandard load_scoring(SQLite::Database& db, int64_t run_id) {
    SQLite::Statement q(db, "SELECT scoring FROM runs WHERE id = ?");
    q.bind(1, run_id);
    if (!q.executeStep()) throw StoreError("评查库中没有运行 " + std::to_string(run_id));
    if (q.getColumn(0).isNull())
        throw StoreError("运行 " + std::to_string(run_id) +
                         " 创建于评查库第 2 版之前，没有保存精确的评分标准，无法重算裁定后的得分；请重新运行 pingcha run");
    const auto j = nlohmann::json::parse(q.getColumn(0).getString());
    auto number = [&](const nlohmann::json& v) {
        const auto r = parse_exact(v.get<std::string>());
        if (!r) throw StoreError("运行 " + std::to_string(run_id) + " 的评分标准中有无法识别的数值：" + v.dump());
        return *r;
    };
    ScoringStandard s;
    for (const auto& sec : j.at("sections"))
        s.sections.push_back({sec.at("id").get<std::string>(), sec.at("name").get<std::string>(), number(sec.at("max"))});
    for (const auto& b : j.at("bands")) {
        GradeBand band{b.at("grade").get<std::string>(), std::nullopt};
        if (b.contains("at_least")) band.at_least = number(b.at("at_least"));
        s.bands.push_back(band);
    }
    s.veto_grade = j.at("veto_grade").get<std::string>();
    if (!j.at("veto_score").is_null()) s.veto_score = number(j.at("veto_score"));
    return s;
}

RunInfo load_run(SQLite::Database& db, int64_t run_id) {
    SQLite::Statement q(db,
                        "SELECT r.pack_name, r.pack_version, r.pack_digest, o.name, r.case_count, r.status "
                        "FROM runs r LEFT JOIN rounds o ON o.id = r.round_id WHERE r.id = ?");
    q.bind(1, run_id);
    if (!q.executeStep()) throw StoreError("评查库中没有运行 " + std::to_string(run_id));
    RunInfo info;
    info.id = run_id;
    info.pack_name = q.getColumn(0).getString();
    info.pack_version = q.getColumn(1).getString();
    info.pack_digest = q.getColumn(2).getString();
    if (!q.getColumn(3).isNull()) info.round = q.getColumn(3).getString();
    info.case_count = static_cast<size_t>(q.getColumn(4).getInt64());
    info.status = q.getColumn(5).getString();
    return info;
}

RunInfo create_run(SQLite::Database& db, const RulePack& pack, const std::optional<std::string>& round,
                   const std::string& options) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    std::optional<int64_t> round_id;
    if (round) {
        SQLite::Statement q(db, "SELECT id FROM rounds WHERE name = ?");
        q.bind(1, *round);
        if (!q.executeStep()) throw StoreError("评查库中没有评查轮次「" + *round + "」（先运行 pingcha assign）");
        round_id = q.getColumn(0).getInt64();
    }
    SQLite::Statement ins(db,
                          "INSERT INTO runs (pack_name, pack_version, pack_digest, round_id, options, grading, "
                          "case_count, started_at, status, scoring) VALUES (?, ?, ?, ?, ?, ?, 0, ?, 'running', ?)");
    ins.bind(1, pack.info.name);
    ins.bind(2, pack.info.version);
    ins.bind(3, pack.info.digest);
    if (round_id) ins.bind(4, *round_id);
    else ins.bind(4);
    ins.bind(5, options);
    ins.bind(6, grading_json(pack).dump());
    ins.bind(7, now_utc());
    ins.bind(8, scoring_json(pack.standard));
    ins.exec();
    const int64_t run_id = db.getLastInsertRowid();
    SQLite::Statement cases(db, round_id ? "INSERT INTO run_cases (run_id, revision_id) "
                                           "SELECT ?, cr.id FROM assignments a JOIN cases c ON c.id = a.case_ref "
                                           "JOIN case_revisions cr ON cr.case_ref = c.id AND cr.revision = "
                                           "c.latest_revision WHERE a.round_id = ?"
                                         : "INSERT INTO run_cases (run_id, revision_id) "
                                           "SELECT ?, cr.id FROM cases c JOIN case_revisions cr ON cr.case_ref = "
                                           "c.id AND cr.revision = c.latest_revision");
    cases.bind(1, run_id);
    if (round_id) cases.bind(2, *round_id);
    const int count = cases.exec();
    if (count == 0)
        throw StoreError(round ? "评查轮次「" + *round + "」没有分配任何案卷" : "评查库中还没有案卷（先运行 pingcha import）");
    SQLite::Statement upd(db, "UPDATE runs SET case_count = ? WHERE id = ?");
    upd.bind(1, count);
    upd.bind(2, run_id);
    upd.exec();
    store_run_sections(db, run_id, pack.standard);
    tx.commit();
    return load_run(db, run_id);
}

RunOutcome execute_run(const std::string& db_path, const RunInfo& run, const RulePack& pack, unsigned jobs,
                       const RunProgress& progress, size_t batch, const Limits& limits) {
    const RunLock lock(db_path, run.id);
    RunOutcome outcome;
    outcome.total = run.case_count;
    auto reader_db = open_store(db_path, false);
    {
        SQLite::Transaction tx(*reader_db, SQLite::TransactionBehavior::IMMEDIATE);
        store_run_sections(*reader_db, run.id, pack.standard);
        tx.commit();
    }
    {
        SQLite::Statement q(*reader_db, "SELECT count(*) FROM results WHERE run_id = ?");
        q.bind(1, run.id);
        q.executeStep();
        outcome.already_done = static_cast<size_t>(q.getColumn(0).getInt64());
    }
    if (jobs == 0) jobs = 1;
    // Items travel in small batches so that the threads meet on the queues rarely.
    constexpr size_t kChunk = 32;
    Queue<std::vector<Work>> work(jobs * 4);
    Queue<std::vector<Stored>> done(jobs * 4 + batch / kChunk + 1);

    std::vector<std::thread> workers;
    for (unsigned i = 0; i < jobs; ++i) {
        workers.emplace_back([&] {
            CaseEvaluator evaluator(pack, limits);
            while (auto chunk = work.pop()) {
                std::vector<Stored> results;
                results.reserve(chunk->size());
                for (const Work& item : *chunk) results.push_back(evaluator.evaluate(item));
                done.push(std::move(results));
            }
        });
    }

    std::exception_ptr writer_error;
    std::atomic<bool> writer_failed{false};
    std::thread writer([&] {
        try {
            auto wdb = open_store(db_path, false);
            ResultWriter out(*wdb, run.id);
            std::vector<Stored> pending;
            size_t stored = outcome.already_done;
            auto last_commit = std::chrono::steady_clock::now();
            auto flush = [&] {
                if (!pending.empty()) out.write(pending);
                stored += pending.size();
                outcome.evaluated += pending.size();
                pending.clear();
                last_commit = std::chrono::steady_clock::now();
                if (progress) progress(stored, outcome.total, outcome.already_done);
            };
            for (;;) {
                auto chunk = done.pop(std::chrono::milliseconds(200));
                if (chunk) {
                    for (auto& s : *chunk) {
                        if (!s.error.empty()) outcome.failures.push_back(std::to_string(s.revision_id) + "：" + s.error);
                        else pending.push_back(std::move(s));
                    }
                } else if (done.closed_and_empty()) {
                    break;
                }
                if (pending.size() >= batch ||
                    (!pending.empty() && std::chrono::steady_clock::now() - last_commit > std::chrono::seconds(1)))
                    flush();
            }
            flush();
        } catch (...) {
            writer_error = std::current_exception();
            writer_failed = true;
            // Keep draining so the workers never block on a full queue.
            while (done.pop()) {
            }
        }
    });

    std::exception_ptr reader_error;
    try {
        // Read in slices, each its own short read transaction that ends before the slice is
        // queued: a read transaction open while the reader waits on the queue would pin the WAL,
        // so no checkpoint could restart it and it would grow by every result written
        // (gigabytes for a million cases).
        constexpr size_t kSlice = 2048;
        SQLite::Statement q(*reader_db,
                            "SELECT rc.revision_id, cr.source, cr.record_json FROM run_cases rc "
                            "JOIN case_revisions cr ON cr.id = rc.revision_id WHERE rc.run_id = ? AND "
                            "rc.revision_id > ? AND NOT EXISTS (SELECT 1 FROM results r WHERE r.run_id = rc.run_id "
                            "AND r.revision_id = rc.revision_id) ORDER BY rc.revision_id LIMIT ?");
        int64_t after = std::numeric_limits<int64_t>::min();
        for (size_t read = kSlice; read == kSlice && !writer_failed;) {
            std::vector<Work> slice;
            slice.reserve(kSlice);
            q.reset();
            q.bind(1, run.id);
            q.bind(2, after);
            q.bind(3, static_cast<int64_t>(kSlice));
            while (q.executeStep())
                slice.push_back(Work{q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString()});
            q.reset();  // ends the read transaction
            read = slice.size();
            if (!slice.empty()) after = slice.back().revision_id;
            for (size_t i = 0; i < slice.size() && !writer_failed; i += kChunk) {
                const auto last = slice.begin() + static_cast<std::ptrdiff_t>(std::min(i + kChunk, slice.size()));
                work.push(std::vector<Work>(std::make_move_iterator(slice.begin() + static_cast<std::ptrdiff_t>(i)),
                                            std::make_move_iterator(last)));
            }
        }
    } catch (...) {
        reader_error = std::current_exception();
    }
    work.close();
    for (auto& t : workers) t.join();
    done.close();
    writer.join();
    if (writer_error) std::rethrow_exception(writer_error);
    if (reader_error) std::rethrow_exception(reader_error);

    SQLite::Transaction tx(*reader_db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement fin(*reader_db,
                          "UPDATE runs SET status = 'done', finished_at = ? WHERE id = ? AND "
                          "(SELECT count(*) FROM results WHERE run_id = ?) = case_count");
    fin.bind(1, now_utc());
    fin.bind(2, run.id);
    fin.bind(3, run.id);
    outcome.done = fin.exec() == 1;
    tx.commit();
    return outcome;
}

}  // namespace pingcha::store
