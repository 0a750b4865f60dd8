# The common start of the test scripts in tests/*/ that drive the binary. Sourced, with the
# script's arguments: `source "$(dirname "$0")/../script_start.sh" "$@"`. Sets strict mode,
# $pingcha (the binary, the first argument), $here (the calling script's folder), $root (the
# source tree, which becomes the working folder) and $out (a temporary folder, removed on exit).
set -euo pipefail
pingcha="$1"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$root"
