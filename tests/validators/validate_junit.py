"""Reads JUnit XML files with junitparser (Debian python3-junitparser) and checks the counts.

Usage: validate_junit.py FILE:TESTS:FAILURES ...
"""
import sys

from junitparser import JUnitXml


def main(args):
    ok = True
    for arg in args:
        path, tests, failures = arg.rsplit(":", 2)
        xml = JUnitXml.fromfile(path)
        cases = [case for suite in xml for case in suite]
        failed = [case for case in cases if not case.is_passed]
        line = f"{path}: {len(cases)} testcases, {len(failed)} failed"
        if len(cases) != int(tests) or len(failed) != int(failures):
            ok = False
            line += f" (expected {tests} testcases, {failures} failed)"
        print(line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
