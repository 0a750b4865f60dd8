#!/usr/bin/env python3
"""The side-by-side table of a bench/run.sh results folder (markdown on stdout).

    python3 bench/table.py RESULTS CORPUS N

Per implementation (median over its runs): wall seconds, CPU seconds (user+sys), records/s
and MB/s by wall and by CPU, peak RSS, pingcha ÷ it (records/s, by wall and by CPU), whether
its per-check counts equal the first implementation's, and when it was measured (rows that
`ONLY` left out of the last run keep their earlier results). Then issue 8's two figures for
each pingcha build: the validating DOM floor's speed over pingcha's, round by round (the
median of the per-round ratios, which the machine's drift moves less than a ratio of
medians), against the target of at least 0.5; and pingcha over each peer engine, against at
least 60. Exits 1 if any count differs.
"""
import datetime
import os
import statistics
import sys

FLOOR = "cpp-simdjson-dom"
PEERS = ("json-rules-engine", "zen-16-in-flight")


def time_v(path):
    t = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            key, _, val = line.rpartition(": ")
            if key == "Elapsed (wall clock) time (h:mm:ss or m:ss)":
                secs = 0.0
                for part in val.split(":"):
                    secs = secs * 60 + float(part)
                t["wall"] = secs
            elif key == "User time (seconds)":
                t["user"] = float(val)
            elif key == "System time (seconds)":
                t["sys"] = float(val)
            elif key == "Maximum resident set size (kbytes)":
                t["rss"] = int(val)
            elif key == "Exit status":
                t["status"] = int(val)
            elif line.startswith("Command terminated by signal"):
                t["status"] = -1
    return t


def report(path):
    counts = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                key, _, val = line.strip().partition(" ")
                if key:
                    counts[key] = int(val)
    return counts


def main():
    results, corpus, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    mb = os.path.getsize(corpus) / 1e6
    rows = []
    rounds = {}  # name -> {round: wall seconds}
    with open(os.path.join(results, "index.tsv"), encoding="utf-8") as f:
        for line in f:
            name = line.split("\t", 1)[0]
            files = [p for p in os.listdir(results)
                     if p.startswith(name + ".") and p.endswith(".time") and p[len(name) + 1:-5].isdigit()]
            runs = {int(p[len(name) + 1:-5]): time_v(os.path.join(results, p)) for p in files}
            # pingcha exits 2 when it rejected records; the others exit 0
            runs = {k: r for k, r in runs.items() if "wall" in r and r.get("status", 0) in (0, 2) and r["wall"] > 0}
            if not runs:
                print(f"{name}: failed (see {results}/{name}.*.err)", file=sys.stderr)
                continue
            wall = statistics.median(r["wall"] for r in runs.values())
            cpu = statistics.median(r["user"] + r["sys"] for r in runs.values())
            rss = statistics.median(r["rss"] for r in runs.values())
            measured = max(os.path.getmtime(os.path.join(results, p)) for p in files)
            rounds[name] = {k: r["wall"] for k, r in runs.items()}
            rows.append((name, wall, cpu, rss, report(os.path.join(results, name + ".report")), measured))
    if not rows:
        print("no results")
        return 1
    rows.sort(key=lambda r: not r[0].startswith("pingcha"))  # pingcha first, then as run
    reference = rows[0][4]
    pingcha = {r[0]: r for r in rows if r[0].startswith("pingcha")}
    base = pingcha.get("pingcha") or rows[0]
    pgo = pingcha.get("pingcha-pgo")  # the profile-guided build, when scripts/build-pgo.sh made one
    print("| implementation | wall s | CPU s | records/s (wall) | records/s (CPU) | MB/s (wall) | peak RSS MiB "
          "| pingcha ÷ it (wall) | pingcha ÷ it (CPU) |" + (" pingcha-pgo ÷ it (wall) |" if pgo else "")
          + " counts | measured (UTC) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" if pgo else "") + "---|---|")
    agree_all = True
    for name, wall, cpu, rss, counts, measured in rows:
        agree = bool(counts) and counts == reference
        agree_all = agree_all and agree
        when = datetime.datetime.fromtimestamp(measured, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {n / wall:,.0f} | {n / cpu:,.0f} | {mb / wall:.1f} | {rss / 1024:.0f} "
              f"| {wall / base[1]:.2f} | {cpu / base[2]:.2f} |" + (f" {wall / pgo[1]:.2f} |" if pgo else "")
              + f" {'agree' if agree else 'DIFFER' if counts else 'none'} | {when} |")
    print()
    print(f"pingcha ÷ it: how many times faster single-threaded `pingcha` is (its records/s over the other's); "
          f"counts compared with {rows[0][0]} ({reference.get('records', '?')} records, "
          f"{reference.get('rejected', '?')} rejected, {len(reference) - 2} checks).")
    walls = {r[0]: r[1] for r in rows}
    for build in ("pingcha", "pingcha-pgo"):
        if build in rounds:
            print()
            print(issue8_figures(build, rounds, walls))
    return 0 if agree_all else 1


def issue8_figures(build, rounds, walls):
    """Issue 8's single-threaded figures for one pingcha build, as lines of text."""
    lines = []
    shared = sorted(set(rounds[build]) & set(rounds.get(FLOOR, {})))
    if shared:
        ratios = [rounds[FLOOR][k] / rounds[build][k] for k in shared]
        median = statistics.median(ratios)
        lines.append(f"{build}: {FLOOR} ÷ {build} per round " + " ".join(f"{r:.2f}" for r in ratios)
                     + f"; median {median:.2f} (target ≥ 0.50: {'met' if median >= 0.5 else 'NOT met'})")
    for peer in PEERS:
        if peer in walls:
            times = walls[peer] / walls[build]
            lines.append(f"{build}: {times:.1f} × {peer} (target ≥ 60: {'met' if times >= 60 else 'NOT met'})")
    return "\n".join(lines) if lines else f"{build}: no {FLOOR} or peer rows to compare with"


if __name__ == "__main__":
    sys.exit(main())
