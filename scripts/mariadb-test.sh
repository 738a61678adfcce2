#!/usr/bin/env bash
# A private, throw-away MariaDB for the integration tests: its own data directory, socket and
# loopback port, no systemd, no /etc configuration (--no-defaults everywhere).
#
#   scripts/mariadb-test.sh start            fresh server; prints the URL (also in <dir>/url)
#   scripts/mariadb-test.sh stop             shuts it down and removes <dir>
#   scripts/mariadb-test.sh restart [--crash] stops the server process (cleanly, or SIGKILL with
#                                            --crash) and starts it again on the same port, data kept
#   scripts/mariadb-test.sh url              prints the saved URL
#
# <dir> is ${ZHISHEN_TEST_DB_DIR:-build/test-mariadb} (relative to the repository root).
# ZHISHEN_TEST_DB_EXTRA_ARGS adds mariadbd options (the storage benchmark gives it a bigger buffer pool).
# `start`
# first stops a server left behind in <dir> by an interrupted run. The URL names database
# zhishen_test and user zhishen (random password), who may also create and drop databases named
# zhishen_test* (one per test suite). Works as root (the server then runs with --user=root).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
dir="${ZHISHEN_TEST_DB_DIR:-build/test-mariadb}"
case "$dir" in /*) ;; *) dir="$repo/$dir" ;; esac
marker="$dir/.zhishen-test-mariadb"
data="$dir/data"

die() { echo "mariadb-test: $*" >&2; exit 1; }

server_pid() {
  local p
  [ -f "$dir/mysqld.pid" ] || return 1
  p="$(cat "$dir/mysqld.pid" 2>/dev/null)" || return 1
  [ -n "$p" ] && kill -0 "$p" 2>/dev/null && echo "$p"
}

socket_path() { cat "$dir/socket"; }

as_root() {  # runs the mariadb client as the server's root account, over the socket
  mariadb --no-defaults --protocol=socket --socket="$(socket_path)" -uroot "$@"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
    2>/dev/null || echo $(( 20000 + RANDOM % 30000 ))
}

launch() {  # starts mariadbd on the saved port and socket and waits until it answers
  local port sock user_opt=() pid i
  port="$(cat "$dir/port")"
  sock="$(socket_path)"
  if [ "$(id -u)" -eq 0 ]; then user_opt=(--user=root); fi
  rm -f "$dir/mysqld.pid"
  mariadbd --no-defaults --datadir="$data" --socket="$sock" --port="$port" \
    --bind-address=127.0.0.1 --skip-networking=0 --skip-name-resolve \
    --pid-file="$dir/mysqld.pid" --log-error="$dir/error.log" \
    --innodb-flush-log-at-trx-commit=1 --innodb-buffer-pool-size=64M \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_bin \
    --max-connections=300 "${user_opt[@]}" ${ZHISHEN_TEST_DB_EXTRA_ARGS:-} </dev/null >>"$dir/error.log" 2>&1 &
  pid=$!
  for i in $(seq 1 60); do
    if mariadb-admin --no-defaults --protocol=socket --socket="$sock" -uroot \
         --connect-timeout=1 ping >/dev/null 2>&1; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$dir/error.log" >&2 || true
      die "mariadbd exited during start-up (log: $dir/error.log)"
    fi
    sleep 0.5
  done
  tail -n 30 "$dir/error.log" >&2 || true
  die "mariadbd did not answer within 30 s (log: $dir/error.log)"
}

halt() {  # stops the server process; $1 = crash to SIGKILL it instead of a clean shutdown
  local pid i
  pid="$(server_pid)" || return 0
  if [ "${1:-}" = crash ]; then
    kill -KILL "$pid" 2>/dev/null || true
  else
    mariadb-admin --no-defaults --protocol=socket --socket="$(socket_path)" -uroot \
      --connect-timeout=2 shutdown >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
  fi
  for i in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  echo "mariadb-test: mariadbd ($pid) did not stop in 30 s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
  sleep 0.5
}

cmd_stop() {
  [ -d "$dir" ] || return 0
  [ -f "$marker" ] || die "$dir is not a test database directory (no marker file); not touching it"
  halt
  local sock_dir
  sock_dir="$(dirname "$(socket_path 2>/dev/null || echo "$dir/x")")"
  case "$sock_dir" in /tmp/zhishen-mariadb.*) rm -rf "$sock_dir" ;; esac
  rm -rf "$dir"
}

cmd_start() {
  command -v mariadbd >/dev/null || die "mariadbd not found: run scripts/install-deps.sh"
  cmd_stop
  mkdir -p "$dir"
  touch "$marker"
  # A Unix socket path is limited to 107 bytes: fall back to /tmp for a deep checkout.
  local sock="$dir/mysqld.sock"
  if [ ${#sock} -gt 100 ]; then sock="$(mktemp -d /tmp/zhishen-mariadb.XXXXXX)/mysqld.sock"; fi
  echo "$sock" >"$dir/socket"
  free_port >"$dir/port"

  local user_opt=()
  if [ "$(id -u)" -eq 0 ]; then user_opt=(--user=root); fi
  mariadb-install-db --no-defaults --datadir="$data" --auth-root-authentication-method=normal \
    --skip-test-db --skip-name-resolve "${user_opt[@]}" >"$dir/install.log" 2>&1 \
    || { tail -n 30 "$dir/install.log" >&2; die "mariadb-install-db failed (log: $dir/install.log)"; }
  launch

  local password port url
  password="$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)"
  port="$(cat "$dir/port")"
  as_root <<SQL
CREATE DATABASE zhishen_test CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER 'zhishen'@'127.0.0.1' IDENTIFIED BY '$password';
CREATE USER 'zhishen'@'localhost' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON \`zhishen_test\`.* TO 'zhishen'@'127.0.0.1', 'zhishen'@'localhost';
GRANT ALL PRIVILEGES ON \`zhishen\\_test%\`.* TO 'zhishen'@'127.0.0.1', 'zhishen'@'localhost';
DELETE FROM mysql.global_priv WHERE User = 'root' AND Host <> 'localhost';
FLUSH PRIVILEGES;
SQL
  url="mysql://zhishen:$password@127.0.0.1:$port/zhishen_test"
  echo "$url" >"$dir/url"
  echo "$url"
}

cmd_restart() {
  [ -f "$marker" ] && [ -d "$data" ] || die "no test database in $dir: run start first"
  case "${1:-}" in
    "") halt ;;
    --crash) halt crash ;;
    *) die "restart: unknown option $1" ;;
  esac
  launch
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) shift; cmd_restart "$@" ;;
  url) [ -f "$dir/url" ] || die "no test database in $dir: run start first"; cat "$dir/url" ;;
  *) echo "usage: $0 start|stop|restart [--crash]|url" >&2; exit 2 ;;
esac
