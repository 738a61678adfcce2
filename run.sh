#!/usr/bin/env bash
# Installs what is missing, builds the release configuration, and starts the approval server in the
# foreground on https://localhost:8443 with the embedded SQLite database (var/zhishen.db) and demo
# data: on the first run (a database without staff accounts) --seed-demo creates departments, one
# account per role, the channels, the item catalogue and a few hundred sample applications in every
# state and light, prints each account's password and TOTP secret (otpauth:// URI) and writes them
# with the channel tokens to var/demo-credentials.json. DEMO ONLY. When a display is available
# (DISPLAY or WAYLAND_DISPLAY) it also starts the workstation, zhishen-desk, pointed at the server
# with the demo reviewer's user name (log in with the password and TOTP code printed above; the
# first connection asks to trust the server's certificate, whose fingerprint the server prints).
# Ctrl-C stops the server gracefully. Delete var/ to start afresh. docs/operations.md explains the
# configuration, docs/desktop.md the workstation.
set -euo pipefail
cd "$(dirname "$0")"

./scripts/install-deps.sh
if [ ! -f build/CMakeCache.txt ]; then
  cmake --preset release
fi
targets=(zhishen-server zhishen)
display=""
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  display=1
  targets+=(zhishen-desk)
fi
cmake --build build -j "$(nproc)" --target "${targets[@]}"
mkdir -p var
if [ -z "$display" ]; then
  exec build/bin/zhishen-server --config etc/zhishen.properties --seed-demo var/demo-credentials.json "$@"
fi
build/bin/zhishen-server --config etc/zhishen.properties --seed-demo var/demo-credentials.json "$@" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null; wait "$server"' INT TERM
# The workstation once the server listens (the demo seed takes a few seconds on the first run).
for _ in $(seq 1 300); do
  if (exec 3<>/dev/tcp/127.0.0.1/8443) 2>/dev/null; then
    build/bin/zhishen-desk --server https://localhost:8443 --user demo-reviewer &
    break
  fi
  kill -0 "$server" 2>/dev/null || break
  sleep 0.2
done
wait "$server"
