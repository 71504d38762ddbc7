#!/usr/bin/env bash
# `npm test`: install what is missing, type-check, lint, then run jest. The jest global setup starts a Temporal
# dev server on a free port; tests use PostgreSQL when reachable and PGlite always.
# jest's JSON report lands in test-results/jest.json (CI reads the totals from it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/ensure-tools.sh" test
cd "$root"
mkdir -p test-results
node_modules/.bin/tsc --noEmit
# Lint (oxlint with its type-aware rules on TypeScript 7's own checker): floating promises anywhere,
# Node built-ins in workflow code, and oxlint's correctness rules (.oxlintrc.json; the dashboard has its own).
node_modules/.bin/oxlint --type-aware --deny-warnings .
(cd web && ../node_modules/.bin/oxlint --type-aware --deny-warnings src)
exec node_modules/.bin/jest --json --outputFile=test-results/jest.json "$@"
