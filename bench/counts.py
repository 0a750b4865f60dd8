#!/usr/bin/env python3
"""Turns `pingcha eval --format json` output (JSON Lines on stdin) into the shared benchmark's
report: `records N`, `rejected N`, then one line per check id (CHECKS.md order) with the
number of records it fired on."""
import json
import sys

CHECKS = ["LAW-SEZ", "LAW-NOT-IN-FORCE", "LAW-UNKNOWN", "BASIS-MISSING", "DISC-OUT-OF-RANGE", "DISC-OVER-MAX",
          "DISC-LEVEL-MISSING", "DISC-FIRST-OFFENSE", "PROC-OFFICERS", "PROC-NOTICE", "PROC-DEADLINE-90",
          "PROC-SERVICE-7", "PROC-HEARING", "PROC-LEGAL-REVIEW", "PROC-LIMITATION", "PROC-SIMPLE-LIMIT",
          "PROC-DATE-ORDER", "DOC-MISSING", "DOC-UNSIGNED", "EVIDENCE-NONE"]


def main():
    records = rejected = 0
    counts = dict.fromkeys(CHECKS, 0)
    for line in sys.stdin:
        if not line.strip():
            continue
        result = json.loads(line)
        records += 1
        if "error" in result:
            rejected += 1
            continue
        for rule in {f["rule"] for f in result["findings"]}:
            counts[rule] += 1
    print(f"records {records}")
    print(f"rejected {rejected}")
    for check in CHECKS:
        print(f"{check} {counts[check]}")


if __name__ == "__main__":
    main()
