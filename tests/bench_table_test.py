#!/usr/bin/env python3
"""bench/table.py on a made-up results folder: the side-by-side rows, when each was measured,
and issue 8's figures (the floor over pingcha round by round, pingcha over each peer) with
their verdicts; a count that differs makes it exit 1.

    python3 tests/bench_table_test.py PROJECT_SOURCE_DIR
"""
import os
import subprocess
import sys
import tempfile
import unittest

SOURCE = sys.argv.pop(1) if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(SOURCE, "bench", "table.py")
COUNTS = "records 1000\nrejected 0\nLAW-SEZ 12\nDOC-MISSING 7\n"


def time_v(wall, rss_kb=12000):
    minutes, seconds = divmod(wall, 60)
    return (f"\tUser time (seconds): {wall:.2f}\n\tSystem time (seconds): 0.00\n"
            f"\tElapsed (wall clock) time (h:mm:ss or m:ss): {int(minutes)}:{seconds:05.2f}\n"
            f"\tMaximum resident set size (kbytes): {rss_kb}\n\tExit status: 0\n")


class TableTest(unittest.TestCase):
    def results(self, walls, counts=None):
        """A results folder: `walls` maps a name to its per-round wall seconds."""
        folder = tempfile.mkdtemp(prefix="pingcha-bench-table-")
        corpus = os.path.join(folder, "corpus.jsonl")
        with open(corpus, "w") as f:
            f.write("x" * 2_000_000)
        with open(os.path.join(folder, "index.tsv"), "w") as f:
            for name in walls:
                f.write(f"{name}\tcommand of {name}\n")
        for name, rounds in walls.items():
            for k, wall in enumerate(rounds, 1):
                with open(os.path.join(folder, f"{name}.{k}.time"), "w") as f:
                    f.write(time_v(wall))
            with open(os.path.join(folder, f"{name}.report"), "w") as f:
                f.write((counts or {}).get(name, COUNTS))
        return folder, corpus

    def run_table(self, folder, corpus):
        return subprocess.run([sys.executable, TABLE, folder, corpus, "1000"], capture_output=True, text=True)

    def test_figures_round_by_round_with_verdicts(self):
        folder, corpus = self.results({
            "pingcha": [1.0, 2.0, 1.0],
            "cpp-simdjson-dom": [0.6, 0.5, 0.4],
            "json-rules-engine": [70.0],
            "zen-16-in-flight": [50.0],
        })
        # The peers were measured earlier, in a run that ONLY has since left out.
        for k in (1,):
            os.utime(os.path.join(folder, f"json-rules-engine.{k}.time"), (1_700_000_000, 1_700_000_000))
        out = self.run_table(folder, corpus)
        self.assertEqual(out.returncode, 0, out.stderr)
        # Per round 0.60 0.25 0.40: the median of the ratios (0.40), not the ratio of the medians (0.50).
        self.assertIn("cpp-simdjson-dom ÷ pingcha per round 0.60 0.25 0.40; median 0.40 (target ≥ 0.50: NOT met)",
                      out.stdout)
        self.assertIn("pingcha: 70.0 × json-rules-engine (target ≥ 60: met)", out.stdout)
        self.assertIn("pingcha: 50.0 × zen-16-in-flight (target ≥ 60: NOT met)", out.stdout)
        row = next(line for line in out.stdout.splitlines() if line.startswith("| json-rules-engine |"))
        self.assertTrue(row.endswith("| agree | 2023-11-14 22:13 |"), row)
        self.assertNotIn("pingcha-pgo:", out.stdout)

    def test_a_second_build_gets_its_own_figures(self):
        folder, corpus = self.results({
            "pingcha": [1.0, 1.0],
            "pingcha-pgo": [0.8, 0.7],
            "cpp-simdjson-dom": [0.5, 0.4],
        })
        out = self.run_table(folder, corpus)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("pingcha: cpp-simdjson-dom ÷ pingcha per round 0.50 0.40; median 0.45 (target ≥ 0.50: NOT met)",
                      out.stdout)
        self.assertIn("pingcha-pgo: cpp-simdjson-dom ÷ pingcha-pgo per round 0.62 0.57; median 0.60 "
                      "(target ≥ 0.50: met)", out.stdout)

    def test_counts_that_differ_fail(self):
        folder, corpus = self.results({"pingcha": [1.0], "cpp-simdjson-dom": [0.5]},
                                      counts={"cpp-simdjson-dom": COUNTS.replace("LAW-SEZ 12", "LAW-SEZ 13")})
        out = self.run_table(folder, corpus)
        self.assertEqual(out.returncode, 1)
        self.assertIn("| DIFFER |", out.stdout)


if __name__ == "__main__":
    unittest.main()
