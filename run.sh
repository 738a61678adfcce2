#!/usr/bin/env bash
# Installs what is missing, builds the release configuration, and starts the approval server in the
# foreground on https://localhost:8443 with the embedded SQLite database (var/zhishen.db) and demo
# data: on the first run (a database without staff accounts) --seed-demo creates departments, one
# account per role, the channels, the item catalogue and a few hundred sample applications in every
# state and light, prints each account's password and TOTP secret (otpauth:// URI) and writes them
# with the channel tokens to var/demo-credentials.json. DEMO ONLY. Ctrl-C stops the server
# gracefully. Delete var/ to start afresh. docs/operations.md explains the configuration.
set -euo pipefail
cd "$(dirname "$0")"

./scripts/install-deps.sh
if [ ! -f build/CMakeCache.txt ]; then
  cmake --preset release
fi
cmake --build build -j "$(nproc)" --target zhishen-server zhishen
mkdir -p var
exec build/bin/zhishen-server --config etc/zhishen.properties --seed-demo var/demo-credentials.json "$@"
