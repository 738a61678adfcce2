#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test. Exits non-zero on any failure.
#   stage 1: the `ci` preset (release, warnings as errors) in build/, every ctest label
#   stage 2: the `asan-ubsan` preset in build/asan/, the unit tests under the sanitizers
# ZHISHEN_SKIP_SANITIZERS=1 skips stage 2 (for a quick local run; CI always runs it).
set -euo pipefail
cd "$(dirname "$0")"

./scripts/install-deps.sh

jobs="$(nproc)"
start=$(date +%s)

echo "== ci build"
cmake --preset ci
cmake --build --preset ci -j "$jobs"
# The integration tests' private MariaDB (scripts/mariadb-test.sh), stopped on exit even when a
# test fails. A ZHISHEN_TEST_MYSQL_URL already set (an external test server) is used as it is.
if [ -z "${ZHISHEN_TEST_MYSQL_URL:-}" ]; then
  echo "== private MariaDB for the integration tests"
  trap './scripts/mariadb-test.sh stop' EXIT
  ZHISHEN_TEST_MYSQL_URL="$(./scripts/mariadb-test.sh start)"
  export ZHISHEN_TEST_MYSQL_URL
fi
echo "== ci tests (all labels)"
ctest --preset ci -j "$jobs"

if [ "${ZHISHEN_SKIP_SANITIZERS:-0}" != "1" ]; then
  echo "== asan-ubsan build"
  cmake --preset asan-ubsan
  cmake --build --preset asan-ubsan -j "$jobs"
  echo "== asan-ubsan tests (unit)"
  ctest --preset asan-ubsan -j "$jobs" -L unit
fi

echo "== all tests passed in $(( $(date +%s) - start )) s"
