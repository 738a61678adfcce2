#!/usr/bin/env bash
# Installs every Debian package Zhishen needs to build, run and test, now and in the issues ahead.
# Idempotent: installs only what is missing; runs apt-get update only when something is missing.
# Works as root on a fresh Debian 12 machine, or as a user with sudo.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates
  # product libraries
  libpoco-dev libwxgtk3.2-dev libmysqlcppconn-dev libsqlite3-dev libhpdf-dev libssl-dev
  libqrencode-dev gettext libjemalloc-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  mariadb-server mariadb-client
  xvfb xauth imagemagick poppler-utils poppler-data qpdf fonts-wqy-microhei zbar-tools
  curl openssl tzdata
  valgrind wrk hyperfine python3 python3-reportlab
  # fuzzing (tests/fuzz/run.sh): clang and its runtime libraries, which hold libFuzzer and the sanitizers
  clang-14 libclang-rt-14-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# Node.js and npm run test-only tools (OpenAPI linter, json-logic-js). A machine may already have
# them from another source (e.g. NodeSource's nodejs bundles npm and conflicts with Debian's npm).
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: not root and no sudo; install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# Do not let the mariadb-server package start a system-wide server in containers without init;
# the test suite starts its own private instance on loopback.
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
