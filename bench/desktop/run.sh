#!/usr/bin/env bash
# The workstation's inbox with 1,000 / 10,000 / 20,000 rows (issue: "smooth with 10,000 rows"):
# client-side time to parse every page, sort, keep the selection and format a screenful.
# The wx list is virtual: it asks only for the visible rows, so these are the costs of a refresh.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f build/CMakeCache.txt ] || cmake --preset release
cmake --build build --target zhishen_desk_inbox_bench -j "$(nproc)" >/dev/null
build/bin/zhishen_desk_inbox_bench "$@"
