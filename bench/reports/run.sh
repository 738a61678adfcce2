#!/usr/bin/env bash
# Printed documents: time and size of a receipt, and of 1,000 / 10,000 / 20,000-row ledgers,
# with ReportLab (python3-reportlab) drawing the same ledger table in the same run.
# Goals (issue): receipt <= 10 ms and <= 200 KB; 20,000-row ledger <= 1 s; 10,000 rows <= 10 MB;
# faster than ReportLab. Usage: bench/reports/run.sh [ROWS...]
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f build/CMakeCache.txt ] || cmake --preset release
cmake --build build --target zhishen_reports_bench -j "$(nproc)" >/dev/null
out="build/bench-reports"
mkdir -p "$out"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 20000)
build/bin/zhishen_reports_bench "$out" "${sizes[@]}"
/usr/bin/python3 bench/reports/reportlab_ledger.py "$out" "${sizes[@]}"
for n in "${sizes[@]}"; do
  printf 'pages: zhishen %s, reportlab %s (%s rows)\n' \
    "$(pdfinfo "$out/ledger-$n.pdf" | awk '/^Pages:/ {print $2}')" \
    "$(pdfinfo "$out/reportlab-ledger-$n.pdf" | awk '/^Pages:/ {print $2}')" "$n"
done
