#!/usr/bin/env bash
# run.sh — the rules benchmark: zhishen against json-logic-engine (compiled) and json-logic-js,
# end to end from JSON lines to JSON lines, on the 20-rule food-business set (food/README.md).
#
#   bench/rules/run.sh [--count N] [--seed S] [--zhishen PATH] [--runs R]
#
# Steps: (a) generate N (default 50,000) varied applications from food/sample-application.json;
# (b) time `zhishen rules eval --rule food/rules.json --lines < apps > out`; (c) time node-eval.js
# doing the same with json-logic-engine's build() and with json-logic-js; (d) check the outputs are
# identical line for line (mismatches are listed); (e) print µs per application, throughput and
# the ratios. Timing uses hyperfine (--warmup 1 --runs R, default 5) when installed, else a loop
# over date +%s%N. Work files go to build/bench-rules/. Exit status 1 when the outputs differ.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

count=50000
seed=1
runs=5
zhishen="$root/build/bin/zhishen"
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --zhishen) zhishen="$2"; shift 2 ;;
    *) echo "usage: $0 [--count N] [--seed S] [--zhishen PATH] [--runs R]" >&2; exit 2 ;;
  esac
done
case "$zhishen" in /*) ;; *) zhishen="$PWD/$zhishen" ;; esac

command -v node >/dev/null 2>&1 || { echo "bench: node is not installed; run scripts/install-deps.sh" >&2; exit 2; }
if [ ! -f "$here/node_modules/json-logic-engine/package.json" ] || [ ! -f "$here/node_modules/json-logic-js/logic.js" ]; then
  command -v npm >/dev/null 2>&1 || { echo "bench: npm is not installed; run scripts/install-deps.sh" >&2; exit 2; }
  echo "bench: installing json-logic-engine and json-logic-js (npm ci --prefix $here)"
  npm ci --prefix "$here" --no-audit --no-fund --loglevel=error
fi
have_zhishen=1
if [ ! -x "$zhishen" ]; then
  echo "bench: $zhishen not found; build it first (cmake --preset release && cmake --build --preset release)" >&2
  exit 2
fi
if ! printf '[true]\n' | "$zhishen" rules eval --pairs >/dev/null 2>&1; then
  echo "bench: $zhishen has no working 'rules eval'; timing the Node engines only"
  have_zhishen=0
fi

work="$root/build/bench-rules"
mkdir -p "$work"
cd "$here"
apps="$work/apps.jsonl"
echo "== (a) $count applications (seed $seed) -> $apps"
node gen-apps.js "$count" "$seed" > "$apps"

names=()
cmds=()
if [ "$have_zhishen" = 1 ]; then
  names+=(zhishen); cmds+=("'$zhishen' rules eval --rule food/rules.json --lines < '$apps' > '$work/out-zhishen.jsonl'")
fi
names+=(json-logic-engine); cmds+=("node node-eval.js engine food/rules.json < '$apps' > '$work/out-json-logic-engine.jsonl'")
names+=(json-logic-js); cmds+=("node node-eval.js js food/rules.json < '$apps' > '$work/out-json-logic-js.jsonl'")

echo "== (b, c) timing: ${names[*]}"
means="$work/means.txt"
: > "$means"
if command -v hyperfine >/dev/null 2>&1; then
  hargs=()
  for i in "${!names[@]}"; do hargs+=(--command-name "${names[$i]}" "${cmds[$i]}"); done
  hyperfine --warmup 1 --runs "$runs" --style basic --export-json "$work/hyperfine.json" "${hargs[@]}"
  node -e '
    const r = require(process.argv[1]).results;
    for (const x of r) console.log(x.command, x.mean, x.stddev || 0);' "$work/hyperfine.json" > "$means"
else
  echo "(hyperfine not installed: $runs runs each after one warm-up, timed with date +%s%N)"
  for i in "${!names[@]}"; do
    bash -c "${cmds[$i]}"
    total=0
    for _ in $(seq "$runs"); do
      t0=$(date +%s%N); bash -c "${cmds[$i]}"; t1=$(date +%s%N)
      total=$((total + t1 - t0))
    done
    echo "${names[$i]} $(awk -v t="$total" -v r="$runs" 'BEGIN { printf "%.6f", t / r / 1e9 }') 0" >> "$means"
  done
fi

echo "== (d) outputs line for line"
status=0
ref="$work/out-json-logic-js.jsonl"
for name in "${names[@]}"; do
  [ "$name" = json-logic-js ] && continue
  if cmp -s "$ref" "$work/out-$name.jsonl"; then
    echo "$name: identical to json-logic-js ($(wc -l < "$ref") lines)"
  else
    status=1
    echo "$name: DIFFERS from json-logic-js; first mismatches (line: application / json-logic-js / $name):"
    node -e '
      const fs = require("fs");
      const read = (f) => fs.readFileSync(f, "utf8").split("\n");
      const [apps, want, got] = process.argv.slice(1).map(read);
      let n = 0, shown = 0;
      for (let i = 0; i < Math.max(want.length, got.length); i++) {
        if (want[i] === got[i]) continue;
        n++;
        if (shown++ < 10) console.log(`line ${i + 1}: ${apps[i]}\n  json-logic-js: ${want[i]}\n  got:           ${got[i]}`);
      }
      console.log(`${n} differing lines`);' "$apps" "$ref" "$work/out-$name.jsonl"
  fi
done

echo "== (e) results: $count applications, end to end (process start, JSON in, 20 rules, JSON out)"
awk -v n="$count" '
  { name[NR] = $1; mean[NR] = $2; sd[NR] = $3 }
  END {
    printf "%-18s %12s %14s %16s\n", "engine", "mean (s)", "µs / app", "apps / s"
    for (i = 1; i <= NR; i++)
      printf "%-18s %8.3f±%.3f %14.2f %16.0f\n", name[i], mean[i], sd[i], mean[i] / n * 1e6, n / mean[i]
    if (name[1] == "zhishen")
      for (i = 2; i <= NR; i++) printf "zhishen is %.1f× faster than %s\n", mean[i] / mean[1], name[i]
  }' "$means"
exit "$status"
