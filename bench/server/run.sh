#!/usr/bin/env bash
# Server benchmark, one command: channel clients submitting applications over HTTPS keep-alive to
# zhishen-server on MariaDB with durable settings (innodb_flush_log_at_trx_commit=1, doublewrite).
# After a 5 s warm-up at the fixed rate:
#   1. latency at a fixed offered load of 500/s: zhishen_server_load fixed (open loop, latency from
#      the intended send time), p50 / p99 / max, on a database in its steady state
#   2. saturation: wrk, closed loop, 64 keep-alive connections, decisions/s (submit.lua rotates
#      through the shipped samples' applications with unique Idempotency-Keys); then (2b) the
#      fixed load once more for 10 s, right after the burst
#   3. fairness: 64 keep-alive clients in a closed loop, the requests each completed (min / max)
# For each phase, the CPU each process used (server, mariadbd, load tool) and, per application
# stored, the CPU time and the context switches of the server and of mariadbd.
#
#   bench/server/run.sh [--seconds S] [--rate R] [--connections C] [--phases LIST]
#   (defaults 20 / 500 / 64 / fixed,saturation,fairness; --phases fixed runs the first alone)
# Environment: ZHISHEN_BENCH_BUILD_DIR (default build/, the release preset; configured when
# missing), ZHISHEN_BENCH_DIR (work directory, default build/bench-server), ZHISHEN_BENCH_DB_ARGS
# (mariadbd options added, for diagnosis only), ZHISHEN_BENCH_SERVER_PROPS
# (lines added to the server's configuration, e.g. "db.group_commit_max = 1" to compare settings),
# ZHISHEN_BENCH_TIMELINE=W (the fixed load's p50 / p99 / max per window of W seconds),
# ZHISHEN_BENCH_DB_SOCKET=0 (the server reaches MariaDB over TCP on 127.0.0.1, not its Unix socket).
# Everything it starts (MariaDB, the server) is private, on loopback, and stopped at exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"

seconds=20
rate=500
connections=64
phases="fixed,saturation,fairness"
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --phases) phases="$2"; shift 2 ;;
    *) echo "usage: $0 [--seconds S] [--rate R] [--connections C] [--phases fixed,saturation,fairness]" >&2; exit 2 ;;
  esac
done

build="${ZHISHEN_BENCH_BUILD_DIR:-build}"
case "$build" in /*) ;; *) build="$root/$build" ;; esac
work="${ZHISHEN_BENCH_DIR:-build/bench-server}"
case "$work" in /*) ;; *) work="$root/$work" ;; esac
export ZHISHEN_TEST_DB_DIR="$work/mariadb"
export ZHISHEN_TEST_DB_EXTRA_ARGS="--innodb-buffer-pool-size=1G --innodb-log-file-size=512M ${ZHISHEN_BENCH_DB_ARGS:-}"

./scripts/install-deps.sh >/dev/null
if [ ! -f "$build/CMakeCache.txt" ]; then
  if [ "$build" = "$root/build" ]; then cmake --preset release >/dev/null
  else cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null; fi
fi
echo "== building zhishen-server, zhishen and zhishen_server_load in $build"
cmake --build "$build" --target zhishen-server zhishen zhishen_server_load >/dev/null
server_bin="$build/bin/zhishen-server"
load="$build/bin/zhishen_server_load"

server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  ./scripts/mariadb-test.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

mkdir -p "$work"
rm -rf "$work/server"
mkdir -p "$work/server"
url="$(./scripts/mariadb-test.sh start)"
# The server reaches MariaDB through its Unix socket, as an installation with the database on the
# same host should (docs/operations.md); ZHISHEN_BENCH_DB_SOCKET=0 uses TCP on 127.0.0.1 instead,
# the path of a database on another host without the network (about 18 % more CPU per application
# at 500/s here, in the server and in mariadbd alike).
transport="TCP on 127.0.0.1"
if [ "${ZHISHEN_BENCH_DB_SOCKET:-1}" = 1 ]; then url="$url?socket=$ZHISHEN_TEST_DB_DIR/mysqld.sock"; transport="Unix socket"; fi
echo "== MariaDB $(mariadbd --version | awk '{print $3}'): innodb_flush_log_at_trx_commit=1, doublewrite on, 1 GiB buffer pool; the server connects through its $transport"

# The personal-data key, then a channel through the store port (this also migrates the database).
"$build/bin/zhishen" db keygen --key-file "$work/server/data.key" >/dev/null
token="$("$load" channel --db "$url" --key-file "$work/server/data.key" --name bench)"
"$load" bodies --items data/items --variants 300 >"$work/bodies.jsonl"
echo "== $(wc -l <"$work/bodies.jsonl") applications in rotation (the shipped samples, each for 300 applicants)"

cat >"$work/server/zhishen.properties" <<PROPS
# zhishen-server for the benchmark: the defaults of etc/zhishen.properties but for these keys.
server.address = 127.0.0.1
server.port = 0
server.tls.certificate = $work/server/tls/server.crt
server.tls.key = $work/server/tls/server.key
db.url = $url
keys.data_key_file = $work/server/data.key
certificates.key_dir = $work/server/signing
certificates.passphrase_file = $work/server/signing.pass
data.holidays_dir = $root/data/holidays
data.items_dir = $root/data/items
data.shared_dir = $root/data/shared
log.file = $work/server/zhishen-server.log
log.level = warning
notify.log_file = $work/server/notifications.log
${ZHISHEN_BENCH_SERVER_PROPS:-}
PROPS
"$server_bin" --config "$work/server/zhishen.properties" >"$work/server/stdout" 2>"$work/server/stderr" &
server_pid=$!
port=""
for _ in $(seq 1 600); do
  port="$(sed -n 's/^zhishen-server: listening on port \([0-9]*\)$/\1/p' "$work/server/stdout")"
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server/stdout" "$work/server/stderr" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "bench: the server did not start" >&2; exit 1; }
mysqld_pid="$(cat "$ZHISHEN_TEST_DB_DIR/mysqld.pid")"
echo "== zhishen-server on https://127.0.0.1:$port (pid $server_pid), threads and keep-alive as configured by default"

db_root() { mariadb --no-defaults --protocol=socket --socket="$(cat "$ZHISHEN_TEST_DB_DIR/socket")" -uroot -N "$@"; }
db_cases() { db_root -e 'SELECT COUNT(*) FROM zhishen_test.cases'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz="$(getconf CLK_TCK)"
export ZHISHEN_BENCH_TOKEN="$token" ZHISHEN_BENCH_BODIES="$work/bodies.jsonl"

child_ticks() { awk '{print $16 + $17}' "/proc/$1/stat"; }  # the finished children of shell $1
switches() {  # the context switches of all threads of process $1 so far (voluntary + involuntary)
  cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^(non)?voluntary_ctxt_switches:/ { n += $2 } END { print n + 0 }'
}
measure() {  # measure LABEL COMMAND...: runs it, then prints the CPU the server, mariadbd and it used
  local label="$1"; shift
  local s0 m0 c0 t0 t1 s1 m1 c1 me="$BASHPID"
  local x0 y0 x1 y1 n0 n1
  n0="$(db_cases)"; x0="$(switches "$server_pid")"; y0="$(switches "$mysqld_pid")"
  s0="$(cpu_ticks "$server_pid")"; m0="$(cpu_ticks "$mysqld_pid")"; c0="$(child_ticks "$me")"; t0="$(date +%s.%N)"
  "$@"
  t1="$(date +%s.%N)"; s1="$(cpu_ticks "$server_pid")"; m1="$(cpu_ticks "$mysqld_pid")"; c1="$(child_ticks "$me")"
  x1="$(switches "$server_pid")"; y1="$(switches "$mysqld_pid")"; n1="$(db_cases)"
  awk -v l="$label" -v s="$((s1 - s0))" -v m="$((m1 - m0))" -v c="$((c1 - c0))" -v hz="$hz" -v t0="$t0" -v t1="$t1" 'BEGIN {
    w = t1 - t0; printf "%s: CPU over %.1f s wall: zhishen-server %.2f cores, mariadbd %.2f cores, load tool %.2f cores (of 2)\n",
      l, w, s / hz / w, m / hz / w, c / hz / w }'
  awk -v l="$label" -v n="$((n1 - n0))" -v s="$((s1 - s0))" -v m="$((m1 - m0))" -v hz="$hz" -v x="$((x1 - x0))" -v y="$((y1 - y0))" 'BEGIN {
    if (n > 0) printf "%s: per application stored: CPU zhishen-server %.0f us, mariadbd %.0f us; context switches zhishen-server %.1f, mariadbd %.1f\n",
      l, s / hz / n * 1e6, m / hz / n * 1e6, x / n, y / n }'
}

echo "== warm-up: $rate/s for 5 s over 16 keep-alive connections"
"$load" fixed --port "$port" --token "$token" --bodies "$work/bodies.jsonl" --rate "$rate" --seconds 5 \
  --connections 16 --run "warm-$$" >/dev/null
phase() { case ",$phases," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
# The fixed load runs first, on a database in its steady state: right after a saturating burst,
# InnoDB spends the next tens of seconds flushing the burst's pages, and latency at any load is
# that of the flushing (measure it with --phases saturation,fixed and ZHISHEN_BENCH_TIMELINE).
if phase fixed; then
echo "== 1. fixed offered load: $rate/s for ${seconds} s over 16 keep-alive connections"
measure "fixed $rate/s" "$load" fixed --port "$port" --token "$token" --bodies "$work/bodies.jsonl" \
  --rate "$rate" --seconds "$seconds" --connections 16 --run "fixed-$$" ${ZHISHEN_BENCH_TIMELINE:+--timeline "$ZHISHEN_BENCH_TIMELINE"}
fi
if phase saturation; then
echo "== 2. saturation: wrk, 2 threads, $connections keep-alive connections, ${seconds} s"
measure "saturation" env ZHISHEN_BENCH_RUN="sat-$$" \
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s bench/server/submit.lua "https://127.0.0.1:$port" \
  | grep -v '^ ' || true
fi
if phase fixed && phase saturation; then
echo "== 2b. the same fixed load right after the burst, for 10 s (InnoDB flushing the burst's pages)"
"$load" fixed --port "$port" --token "$token" --bodies "$work/bodies.jsonl" --rate "$rate" --seconds 10 \
  --connections 16 --run "after-$$" | grep latency
fi
if phase fairness; then
echo "== 3. fairness: $connections keep-alive clients, closed loop, ${seconds} s"
measure "fairness" "$load" closed --port "$port" --token "$token" --bodies "$work/bodies.jsonl" \
  --seconds "$seconds" --connections "$connections" --run "fair-$$"
fi

cases="$(db_cases)"
db_root -e "SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_stmt_prepare', 'Com_stmt_execute', 'Com_commit', 'Questions')" |
  awk '{ v[$1] = $2 } END { printf "== MariaDB over the whole run: %d statements executed, %d prepared, %d commits, %d client requests\n",
    v["Com_stmt_execute"], v["Com_stmt_prepare"], v["Com_commit"], v["Questions"] }'
echo "== $cases cases in the database; server log: $work/server/zhishen-server.log"
kill -TERM "$server_pid"
wait "$server_pid" && echo "== the server stopped cleanly on SIGTERM"
server_pid=""
