#!/usr/bin/env bash
# Installs the Debian packages pingcha needs, skipping those already present.
set -euo pipefail
packages=(
  g++ cmake ninja-build ccache pkg-config
  libboost-dev nlohmann-json3-dev libsqlitecpp-dev libsqlite3-dev libcli11-dev libssl-dev
  libgtest-dev libxlsxwriter-dev libcpp-httplib-dev python3-junitparser python3-openpyxl chromium fonts-wqy-microhei
  clang-14 libclang-rt-14-dev libsimdjson-dev libbenchmark-dev time
)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Pinned validators for the SARIF output (npm registry; versions locked in package-lock.json).
validators="$(dirname "$0")/../tests/validators"
if [ ! -d "$validators/node_modules" ]; then
  echo "setup: installing SARIF validators (npm ci)"
  (cd "$validators" && npm ci --no-audit --no-fund --loglevel=error)
fi

# Browser tests drive Debian's Chromium with playwright-core (its own browser download is off).
browser="$(dirname "$0")/../tests/browser"
if [ ! -d "$browser/node_modules" ]; then
  echo "setup: installing browser-test driver (npm ci)"
  (cd "$browser" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
