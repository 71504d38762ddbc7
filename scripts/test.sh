#!/usr/bin/env bash
# `npm test`: install what is missing, type-check, then run jest. The jest global setup starts a Temporal
# dev server on a free port; tests use PostgreSQL when reachable and PGlite always.
# jest's JSON report lands in test-results/jest.json (CI reads the totals from it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/ensure-tools.sh" test
cd "$root"
mkdir -p test-results
node_modules/.bin/tsc --noEmit
exec node_modules/.bin/jest --json --outputFile=test-results/jest.json "$@"
