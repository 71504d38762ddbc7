#!/usr/bin/env bash
# `npm start`: install what is missing, then run Temporal (unless TEMPORAL_ADDRESS is set), the API and
# the worker pools in one supervised process.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/ensure-tools.sh" start
cd "$root"
exec node_modules/.bin/tsx scripts/dev.ts "$@"
