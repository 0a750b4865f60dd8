#!/usr/bin/env bash
# Validates pingcha's machine outputs with real consumers: SARIF against the official SARIF
# 2.1.0 schema (ajv), JUnit XML with junitparser. Usage: run.sh PINGCHA_BINARY
source "$(dirname "$0")/../script_start.sh" "$@"
packs=(tests/fixtures/packs/lint tests/fixtures/packs/broken rules/demo)

# check: exit 1 because the broken pack has an error
set +e
"$pingcha" check --format sarif "${packs[@]}" >"$out/check.sarif" 2>/dev/null; s1=$?
"$pingcha" check --format junit "${packs[@]}" >"$out/check.xml" 2>/dev/null; s2=$?
"$pingcha" check --strict --format junit tests/fixtures/packs/lint rules/demo >"$out/strict.xml" 2>/dev/null; s3=$?
"$pingcha" test --format sarif tests/fixtures/packs/failing >"$out/test.sarif" 2>/dev/null; s4=$?
"$pingcha" test --format junit tests/fixtures/packs/failing >"$out/test.xml" 2>/dev/null; s5=$?
"$pingcha" test --format junit rules/demo >"$out/demo.xml" 2>/dev/null; s6=$?
set -e
[ "$s1$s2$s3$s4$s5$s6" = "111110" ] || { echo "unexpected exit codes: $s1 $s2 $s3 $s4 $s5 $s6"; exit 1; }

node "$here/validate_sarif.js" "$out/check.sarif" "$out/test.sarif"
demo_tests=$(grep -c '^test ' rules/demo/*.pc | awk -F: '{n += $2} END {print n}')
/usr/bin/python3 "$here/validate_junit.py" "$out/check.xml:3:1" "$out/strict.xml:2:1" "$out/test.xml:2:1" \
  "$out/demo.xml:$demo_tests:0"

# the validators must be able to fail
echo '{"version": "2.1.0", "runs": [{"results": []}]}' >"$out/bad.sarif"
if node "$here/validate_sarif.js" "$out/bad.sarif" >/dev/null 2>&1; then echo "schema accepted an invalid log"; exit 1; fi
echo "formats: all outputs valid"
