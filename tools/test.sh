#!/usr/bin/env bash
# The one test command: installs what is missing, builds with warnings as errors, starts a throw-away
# PostgreSQL on loopback, and runs every test (unit, API on SQLite and PostgreSQL, browser, bench smoke)
# through ctest, whose summary closes the output. Before ctest, on a full run: the sanitizer and fuzzing checks.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${CRENEAU_SKIP_DEPS:-0}" = 1 ] || tools/install-deps.sh
CRENEAU_WERROR=ON tools/build.sh
if [ -f tests/e2e/package.json ]; then
  (cd tests/e2e && { [ -d node_modules ] || npm ci --no-audit --no-fund; })
fi
if [ -f tools/openapi/package.json ]; then
  (cd tools/openapi && { [ -d node_modules ] || npm ci --no-audit --no-fund; })
fi
# The Debian package end to end: build, dpkg -i, start as its systemd unit would, check, purge.
tools/ci-package.sh

# Standing hardening checks on a full run (no ctest arguments; CRENEAU_HARDENING=1 forces them, =0 skips them):
# sanitizer builds with the unit and API tests, then the fuzz targets, then clang-tidy. Any finding fails the run, before
# ctest, so ctest's summary stays the closing lines.
if [ "${CRENEAU_HARDENING:-$([ $# -eq 0 ] && echo 1 || echo 0)}" = 1 ]; then
  tools/ci-sanitizers.sh
  tools/ci-fuzz.sh
  tools/clang-tidy.sh -p build   # the committed .clang-tidy over src/: any finding fails (~3 min on 2 idle cores)
fi

pg_url=$(tools/pg-throwaway.sh)
trap 'tools/pg-throwaway.sh stop "$pg_url" >/dev/null 2>&1 || true' EXIT
export CRENEAU_TEST_PG_URL="$pg_url"

ctest --test-dir build --output-on-failure -j"$(nproc)" --timeout 900 "$@"
