#include "store/run.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "eval/evaluator.hpp"
#include "record/loader.hpp"
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

struct Stored {
    int64_t revision_id = 0;
    std::string error;  // non-empty: could not be evaluated, nothing is stored
    std::string score;
    double score_value = 0;
    std::string grade;
    bool veto = false;
    std::string result_json;
    std::vector<SectionScore> sections;
    std::vector<Finding> findings;
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

// Reads one stored record back and evaluates it; `error` says why when it cannot be.
Stored evaluate_one(CaseReader& reader, Evaluator& evaluator, const RulePack& pack, const Work& item) {
    Stored s;
    s.revision_id = item.revision_id;
    bool seen = false;
    try {
        reader.read(item.source, item.record_json, [&](const Record* record, const RecordRejection* bad) {
            if (seen) return;
            seen = true;
            if (bad) {
                s.error = bad->to_string();
                return;
            }
            CaseResult r = evaluator.evaluate(*record);
            s.score = exact(r.score);
            s.score_value = r.score.to_double();
            s.grade = r.grade;
            s.veto = r.veto;
            s.result_json = result_to_json(r, pack.info, item.source).dump();
            s.sections = std::move(r.sections);
            s.findings = std::move(r.findings);
        });
    } catch (const std::exception& e) {
        seen = true;
        s.error = std::string("评查出错：") + e.what();
    }
    if (!seen) s.error = "存储的记录为空";
    return s;
}

class ResultWriter {
public:
    explicit ResultWriter(SQLite::Database& db, int64_t run_id)
        : db_(db),
          run_id_(run_id),
          result_(db,
                  "INSERT INTO results (run_id, revision_id, score, score_value, grade, veto, result_json) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)"),
          section_(db,
                   "INSERT INTO result_sections (result_id, seq, section, name, max, deducted, deducted_value) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)"),
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
            result_.bind(3, s.score);
            result_.bind(4, s.score_value);
            result_.bind(5, s.grade);
            result_.bind(6, s.veto ? 1 : 0);
            result_.bind(7, s.result_json);
            result_.exec();
            const int64_t result_id = db_.getLastInsertRowid();
            int seq = 0;
            for (const auto& sec : s.sections) {
                section_.reset();
                section_.bind(1, result_id);
                section_.bind(2, seq++);
                section_.bind(3, sec.id);
                section_.bind(4, sec.name);
                section_.bind(5, exact(sec.max));
                section_.bind(6, exact(sec.deducted));
                section_.bind(7, sec.deducted.to_double());
                section_.exec();
            }
            seq = 0;
            for (const auto& f : s.findings) {
                finding_.reset();
                finding_.bind(1, result_id);
                finding_.bind(2, seq++);
                finding_.bind(3, f.rule);
                finding_.bind(4, f.title);
                finding_.bind(5, f.section);
                finding_.bind(6, severity_name(f.severity));
                finding_.bind(7, exact(f.points));
                finding_.bind(8, f.points.to_double());
                finding_.bind(9, f.message);
                finding_.exec();
            }
        }
        tx.commit();
    }

    SQLite::Database& db_;
    int64_t run_id_;
    SQLite::Statement result_, section_, finding_;
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
            Evaluator evaluator(pack);
            CaseReader reader(pack.keys, limits);
            while (auto chunk = work.pop()) {
                std::vector<Stored> results;
                results.reserve(chunk->size());
                for (const Work& item : *chunk) results.push_back(evaluate_one(reader, evaluator, pack, item));
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
        SQLite::Statement q(*reader_db,
                            "SELECT rc.revision_id, cr.source, cr.record_json FROM run_cases rc "
                            "JOIN case_revisions cr ON cr.id = rc.revision_id WHERE rc.run_id = ? AND NOT EXISTS "
                            "(SELECT 1 FROM results r WHERE r.run_id = rc.run_id AND r.revision_id = rc.revision_id) "
                            "ORDER BY rc.revision_id");
        q.bind(1, run.id);
        std::vector<Work> chunk;
        while (!writer_failed && q.executeStep()) {
            chunk.push_back(Work{q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString()});
            if (chunk.size() == kChunk) work.push(std::exchange(chunk, {}));
        }
        if (!chunk.empty()) work.push(std::move(chunk));
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
