# Sourced by test scripts: starts zhishen-server on a free loopback port with a throw-away
# configuration (SQLite, a self-signed certificate, keys and logs) in a directory of its own.
#   start_test_server DIR SERVER_BINARY SOURCE_DIR [server options...]
# sets TEST_SERVER_PID and TEST_SERVER_PORT, or prints the server's output and returns 1 when it
# exits or does not listen within 60 s. Extra properties: lines in $TEST_SERVER_PROPS.
start_test_server() {
  local dir="$1" server="$2" src="$3"
  shift 3
  mkdir -p "$dir"
  cat >"$dir/zhishen.properties" <<PROPS
server.address = 127.0.0.1
server.port = 0
server.tls.certificate = $dir/tls/server.crt
server.tls.key = $dir/tls/server.key
db.url = sqlite:$dir/zhishen.db
keys.data_key_file = $dir/keys/data.key
certificates.key_dir = $dir/keys/signing
certificates.passphrase_file = $dir/keys/signing.pass
data.holidays_dir = $src/data/holidays
data.items_dir = $src/data/items
data.shared_dir = $src/data/shared
log.file = $dir/log/zhishen-server.log
log.level = warning
notify.log_file = $dir/log/notifications.log
${TEST_SERVER_PROPS:-}
PROPS
  "$server" --config "$dir/zhishen.properties" "$@" >"$dir/stdout" 2>"$dir/stderr" &
  TEST_SERVER_PID=$!
  TEST_SERVER_PORT=""
  local _
  for _ in $(seq 1 600); do
    TEST_SERVER_PORT="$(sed -n 's/^zhishen-server: listening on port \([0-9]*\)$/\1/p' "$dir/stdout")"
    [ -n "$TEST_SERVER_PORT" ] && return 0
    if ! kill -0 "$TEST_SERVER_PID" 2>/dev/null; then
      cat "$dir/stdout" "$dir/stderr" >&2
      echo "test-server: zhishen-server exited" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "test-server: zhishen-server did not listen within 60 s" >&2
  return 1
}
