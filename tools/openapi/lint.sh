#!/usr/bin/env bash
# Lints docs/openapi.json (the document the server serves at /api/openapi.json) with Redocly's CLI.
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null
exec npx --no-install redocly lint --config redocly.yaml --format=stylish ../../docs/openapi.json
