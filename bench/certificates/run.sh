#!/usr/bin/env bash
# E-certificates, one command: certificates issued and signed per second (certificates::issue with
# the department's SM2/SM3 KeyRing, zhishen_bench_certificates) against `openssl speed sm2` on the
# same machine in the same run: 1 thread against 1 process, 2 threads against `-multi 2`.
# Goal (issue): >= 50 % of the raw signing rate.
#
#   bench/certificates/run.sh [--seconds N]     (default 5: per measurement, each side)
# Environment: ZHISHEN_BENCH_BUILD_DIR (default build/, the release preset; configured when
# missing), ZHISHEN_BENCH_JOBS (build parallelism, default nproc).
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"

seconds=5
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    *) echo "usage: $0 [--seconds N]" >&2; exit 2 ;;
  esac
done
case "$seconds" in ''|*[!0-9]*|0) echo "--seconds takes a positive whole number" >&2; exit 2 ;; esac

build="${ZHISHEN_BENCH_BUILD_DIR:-build}"
case "$build" in /*) ;; *) build="$root/$build" ;; esac
if [ ! -f "$build/CMakeCache.txt" ]; then
  if [ "$build" = "$root/build" ]; then cmake --preset release >/dev/null
  else cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null; fi
fi
cmake --build "$build" --target zhishen_bench_certificates -j "${ZHISHEN_BENCH_JOBS:-$(nproc)}" >/dev/null
bench="$build/bin/zhishen_bench_certificates"

# The sign/s figure of `openssl speed ... sm2` output (stdin): the column headed "sign/s", counted
# from the end of the header line, read from the SM2 row. Empty when absent.
sm2_sign_rate() {
  awk '
    /sign\/s/ { for (i = 1; i <= NF; i++) if ($i == "sign/s") back = NF - i; next }
    back != "" && /SM2/ && NF > back { v = $(NF - back); if (v ~ /^[0-9.]+$/) { print v; exit } }
  '
}

openssl_rate() {  # openssl_rate [-multi N]: sign/s, empty when openssl cannot say
  local out rate=""
  if out="$(openssl speed "$@" -seconds "$seconds" sm2 2>/dev/null)"; then rate="$(sm2_sign_rate <<<"$out")"; fi
  if [ -z "$rate" ] && out="$(openssl speed "$@" sm2 2>/dev/null)"; then rate="$(sm2_sign_rate <<<"$out")"; fi
  printf '%s' "$rate"
}

echo "== $(openssl version), $(nproc) CPUs, ${seconds} s per measurement"
echo "== openssl speed sm2 (1 process)"
ossl1="$(openssl_rate)"
[ -n "$ossl1" ] || { echo "could not read sign/s from openssl speed sm2" >&2; exit 1; }
echo "openssl sm2 sign (1 process): ${ossl1}/s"
echo "== openssl speed -multi 2 sm2 (2 processes)"
ossl2="$(openssl_rate -multi 2)"
echo "openssl sm2 sign (2 processes): ${ossl2:-n/a}/s"

echo "== zhishen_bench_certificates"
ours_out="$("$bench" --seconds "$seconds")"
printf '%s\n' "$ours_out"
ours_rate() { printf '%s\n' "$ours_out" | awk -v k="$1" 'index($0, k ": ") == 1 { v = substr($0, length(k) + 3); sub(/\/s.*/, "", v); print v }'; }
ours1="$(ours_rate 'issue+sign (1 thread)')"
ours2="$(ours_rate 'issue+sign (2 threads)')"
raw1="$(ours_rate 'raw KeyRing.sign (1 thread)')"

percent() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", 100 * a / b }'; }
met=yes
echo "== summary"
printf 'openssl sm2 sign/s:      %s (1 process), %s (2 processes)\n' "$ossl1" "${ossl2:-n/a}"
printf 'zhishen issue+sign/s:    %s (1 thread), %s (2 threads)\n' "$ours1" "$ours2"
p1="$(percent "$ours1" "$ossl1")"
printf 'ratio 1 thread / 1 process:    %s %%\n' "$p1"
awk -v p="$p1" 'BEGIN { exit !(p >= 50) }' || met=no
if [ -n "$ossl2" ]; then
  p2="$(percent "$ours2" "$ossl2")"
  printf 'ratio 2 threads / 2 processes: %s %%\n' "$p2"
  awk -v p="$p2" 'BEGIN { exit !(p >= 50) }' || met=no
fi
printf 'reference: raw KeyRing.sign %s/s = %s %% of openssl (1 process)\n' "$raw1" "$(percent "$raw1" "$ossl1")"
if [ "$met" = yes ]; then echo "goal >= 50%: met"; else echo "goal >= 50%: not met"; fi
