#!/usr/bin/env bash
# run.sh — differential test of `zhishen rules eval --pairs` against json-logic-js 2.0.5 (npm).
#
#   tests/rules/differential/run.sh --zhishen build/bin/zhishen [--count N] [--seed S] [--workdir DIR]
#   tests/rules/differential/run.sh --self-test [--bug]     # the harness against json-logic-js itself
#
# Installs json-logic-js from package-lock.json (npm ci) when node_modules is missing, then runs
# compare.js (see there for what is compared and how failures are shown). Exit status: 0 equal,
# 1 mismatches, 2 could not run (no node/npm, npm ci failed, the CLI did not answer).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

if ! command -v node >/dev/null 2>&1; then
  echo "differential: node is not installed; run scripts/install-deps.sh (Debian packages nodejs, npm)" >&2
  exit 2
fi
if [ ! -f "$here/node_modules/json-logic-js/logic.js" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "differential: npm is not installed; run scripts/install-deps.sh (Debian package npm)" >&2
    exit 2
  fi
  echo "differential: installing json-logic-js (npm ci --prefix $here)"
  if ! npm ci --prefix "$here" --no-audit --no-fund --loglevel=error; then
    echo "differential: npm ci failed (is the npm registry reachable?)" >&2
    exit 2
  fi
fi

exec node "$here/compare.js" "$@"
