#!/usr/bin/env bash
# Builds the server (and the web UI when present) into build/. CRENEAU_WERROR=ON makes warnings errors.
# Arguments go to `cmake --build`: `tools/build.sh --target creneau` builds the server alone (no tests, no benchmarks).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" \
  -DCRENEAU_WERROR="${CRENEAU_WERROR:-OFF}" >/dev/null
cmake --build build -j"$(nproc)" "$@"
if [ -f web/package.json ]; then
  (cd web && { [ -d node_modules ] && [ node_modules -nt package-lock.json ] || npm ci --no-audit --no-fund; } && npm run build)
fi
