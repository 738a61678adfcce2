#!/usr/bin/env bash
# Storage benchmark, one command: starts a private MariaDB (scripts/mariadb-test.sh, its own data
# directory and a 1 GiB buffer pool), builds the release benchmark, runs it, stops the server.
#   bench/store/run.sh [--cases N] [--seconds S] [--threads T]      (defaults: 1,000,000 / 20 / 4)
# Also runs the insert comparison on SQLite (a file in the same directory) for reference.
set -euo pipefail
cd "$(dirname "$0")/../.."
export ZHISHEN_TEST_DB_DIR="${ZHISHEN_BENCH_DB_DIR:-build/bench-mariadb}"
export ZHISHEN_TEST_DB_EXTRA_ARGS="--innodb-buffer-pool-size=1G"

./scripts/install-deps.sh >/dev/null
[ -f build/CMakeCache.txt ] || cmake --preset release >/dev/null
cmake --build build --target zhishen_store_bench >/dev/null

trap './scripts/mariadb-test.sh stop >/dev/null 2>&1 || true' EXIT
url="$(./scripts/mariadb-test.sh start)"
echo "== MariaDB $(mariadbd --version | awk '{print $3}')"
build/bin/zhishen_store_bench --db "$url" "$@"
echo "== SQLite (inserts and queries on a file; load kept small)"
rm -f "$ZHISHEN_TEST_DB_DIR/bench.db"*
build/bin/zhishen_store_bench --db "sqlite:$ZHISHEN_TEST_DB_DIR/bench.db" --cases 100000 --seconds 10
