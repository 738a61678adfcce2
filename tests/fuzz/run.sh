#!/usr/bin/env bash
# run.sh — builds the libFuzzer targets with clang in build/fuzz and runs each for SECONDS.
#
#   tests/fuzz/run.sh [SECONDS=60]
#
# Targets (README.md): json_parse_fuzz (json::parse vs rules::parse_val and their writers) and
# rules_fuzz (the `rules eval --pairs` path). Both are built with -fsanitize=address,undefined,fuzzer
# (the core too, with fuzzer-no-link), run with -max_len=4096, the dictionary fuzz.dict and the
# seed corpus corpus/; what they find is kept in build/fuzz/corpus/<target>/. A crash, sanitizer
# report, leak, timeout (> 10 s for one input) or out-of-memory leaves its input in
# build/fuzz/artifacts/<target>/; the script prints it in hex with the command that replays it.
# Exit status: 0 nothing found, 1 something found, 2 could not build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-60}"
build="$root/build/fuzz"

cxx=""
for c in clang++-14 clang++; do
  if command -v "$c" >/dev/null 2>&1; then cxx="$c"; break; fi
done
if [ -z "$cxx" ]; then
  echo "fuzz: clang++ not found; run scripts/install-deps.sh (Debian packages clang-14, libclang-rt-14-dev)" >&2
  exit 2
fi

echo "== configure and build ($cxx) in $build"
if ! cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
       -DCMAKE_CXX_COMPILER="$cxx" -DZHISHEN_FUZZ=ON >"$build.configure.log" 2>&1; then
  cat "$build.configure.log" >&2
  echo "fuzz: configure failed (is libclang-rt-14-dev installed? it holds libFuzzer)" >&2
  exit 2
fi
cmake --build "$build" -j "$(nproc)" || exit 2

export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

status=0
for target in json_parse_fuzz rules_fuzz; do
  corpus="$build/corpus/$target"
  artifacts="$build/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  echo "== $target for $seconds s"
  set +e
  "$build/bin/$target" -max_len=4096 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -dict="$here/fuzz.dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
    "$corpus" "$here/corpus" >"$build/$target.log" 2>&1
  rc=$?
  set -e
  grep -E "^#[0-9]+ +(DONE|INITED)|stat::number_of_executed_units|stat::peak_rss_mb|cov: " "$build/$target.log" | tail -4
  if [ "$rc" -ne 0 ]; then
    status=1
    echo "!! $target stopped with status $rc; log: $build/$target.log"
    grep -E "ERROR: |SUMMARY: |runtime error|rules_fuzz: |json_parse_fuzz: |^  (input|first|second):" "$build/$target.log" | head -20
    for f in "$artifacts"/*; do
      [ -e "$f" ] || continue
      echo "-- $(basename "$f") ($(wc -c < "$f") bytes), hex:"
      od -An -tx1 -v "$f" | tr -d ' \n' | fold -w 120
      echo
      echo "   replay: $build/bin/$target $f"
    done
  fi
done

if [ "$status" -eq 0 ]; then
  echo "fuzz: nothing found in $seconds s per target"
else
  echo "fuzz: FOUND problems (inputs above, in $build/artifacts/)"
fi
exit "$status"
