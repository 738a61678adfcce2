#!/usr/bin/env bash
# The ctest OpenApi.Lint: starts zhishen-server on a free loopback port with a temporary
# configuration (SQLite, self-signed certificate, all in a temporary directory), fetches
# GET /api/v1/openapi.json, validates it with lint.mjs (the pinned npm validator, installed with
# `npm ci` into WORK_DIR when missing or out of date), stops the server with SIGTERM and checks that
# it shut down cleanly. Exit status non-zero on any error.
#   run-lint.sh SERVER_BINARY SOURCE_DIR WORK_DIR
set -euo pipefail
server="$1"
src="$2"
work="$3"
here="$(cd "$(dirname "$0")" && pwd)"

command -v node >/dev/null || { echo "openapi-lint: node is not installed (scripts/install-deps.sh)" >&2; exit 1; }
command -v npm >/dev/null || { echo "openapi-lint: npm is not installed (scripts/install-deps.sh)" >&2; exit 1; }

# The validator, pinned by package-lock.json, installed on demand.
mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$here/lint.mjs" "$work/"
if ! cmp -s "$here/package-lock.json" "$work/node_modules/.zhishen-lock" 2>/dev/null; then
  echo "openapi-lint: npm ci in $work"
  npm ci --prefix "$work" --no-audit --no-fund --loglevel=error
  cp "$here/package-lock.json" "$work/node_modules/.zhishen-lock"
fi

tmp="$(mktemp -d /tmp/zhishen-openapi-lint.XXXXXX)"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# shellcheck source=../../../scripts/test-server.sh
source "$src/scripts/test-server.sh"
TEST_SERVER_PROPS="timer.interval_seconds = 3600" start_test_server "$tmp" "$server" "$src"
pid="$TEST_SERVER_PID"
port="$TEST_SERVER_PORT"

curl -sS --fail -k "https://127.0.0.1:$port/api/v1/openapi.json" -o "$tmp/openapi.json"
(cd "$work" && node lint.mjs "$tmp/openapi.json")

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=""
if [ "$status" -ne 0 ]; then
  echo "openapi-lint: the server exited with status $status on SIGTERM" >&2
  tail -n 20 "$tmp/stdout" "$tmp/stderr" >&2
  exit 1
fi
echo "openapi-lint: the server stopped cleanly on SIGTERM"
