#!/usr/bin/env bash
# The GUI test (ctest label gui): the real zhishen-desk under Xvfb against a real zhishen-server on
# loopback (SQLite, demo data). The desk's --autotest driver logs in as the demo reviewer (password
# and TOTP secret from the seed's credentials file), reads and filters the inbox, opens a red case,
# confirms its re-check and checks that the board's red count drops, saves the completed case's
# receipt and previews this month's ledger (both written as PDFs into the screenshot directory
# instead of a dialog or a viewer), then opens a completed case with an e-certificate and saves the
# certificate (a PDF too). The demo approver finds such a case in the revocation tools by its
# certificate number and checks the preview (decision revoked, certificate recalled, publicity
# withdrawn) without revoking. Screenshots of every step go to <build>/screenshots/. Exits non-zero
# when any step fails.
#   gui_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build="$1"
root="$2"
for tool in xvfb-run import; do
  command -v "$tool" >/dev/null || { echo "gui_test: $tool is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
done
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=../../scripts/test-server.sh
source "$root/scripts/test-server.sh"
start_test_server "$work/server" "$build/bin/zhishen-server" "$root" --seed-demo "$work/credentials.json"
server_pid="$TEST_SERVER_PID"
port="$TEST_SERVER_PORT"

account() {  # account ROLE FIELD: a demo account's username, password or totp_secret
  python3 -c "import json,sys; a=[x for x in json.load(open(sys.argv[1]))['accounts'] if x['role']==sys.argv[2]][0]; print(a[sys.argv[3]])" \
    "$work/credentials.json" "$1" "$2"
}
run_desk() {  # run_desk ROLE: the desk's --autotest as that demo account; its exit code
  local code
  set +e
  ZHISHEN_DESK_PASSWORD="$(account "$1" password)" ZHISHEN_DESK_TOTP_SECRET="$(account "$1" totp_secret)" \
    ZHISHEN_DESK_AUTOTEST_SAMPLES="$root/data/items/350100-SCJG-GG-0001/samples" \
    XDG_CONFIG_HOME="$work/desk-config" ZHISHEN_DESK_LOCALEDIR="$build/locale" \
    timeout 300 xvfb-run -a -s "-screen 0 1366x820x24" \
    "$build/bin/zhishen-desk" --server "https://127.0.0.1:$port" --user "$(account "$1" username)" --autotest "$shots" \
    >"$work/desk-$1.log" 2>&1
  code=$?
  set -e
  grep -E "^autotest:|login:" "$work/desk-$1.log" || true
  if [ "$code" != 0 ]; then
    echo "gui_test: zhishen-desk --autotest as the demo $1 exited with $code; its log:" >&2
    tail -50 "$work/desk-$1.log" >&2
    exit 1
  fi
}
shots="$build/screenshots"
rm -rf "$shots"
mkdir -p "$shots"
# The reviewer's day: log in (trusting the certificate), inbox, board, re-check, board again.
run_desk reviewer
# The approver: the revocation tools' preview of a completed case with an e-certificate (not revoked).
run_desk approver
# The administrator: every admin tab, the new-account and secret dialogs (not submitted), and the
# rule test bench over the shipped samples of one item, which must all pass.
run_desk admin
for shot in 00-login 01-inbox 02-board 03-inbox-red 04-case 04-case-trace 05-case-confirmed 06-board-after 07-ledger \
  08-case-certificate 09-revocation-preview admin-1-users admin-2-channels admin-3-items admin-4-holidays admin-5-datasets admin-6-new-account admin-7-secret; do
  [ -s "$shots/$shot.png" ] || { echo "gui_test: no screenshot $shot.png" >&2; exit 1; }
done
# The documents the reviewer's run wrote instead of saving through a dialog and opening a viewer.
for pdf in "$shots"/*-receipt.pdf "$shots"/ledger-*.pdf "$shots"/*-certificate.pdf; do
  [ "$(head -c 5 "$pdf" 2>/dev/null)" = "%PDF-" ] || { echo "gui_test: no PDF $pdf" >&2; exit 1; }
done
# The desk pinned the server's certificate on first use: the trust file names this server.
grep -q "127.0.0.1:$port" "$work/desk-config/zhishen-desk/trusted-servers.txt" \
  || { echo "gui_test: the certificate was not pinned" >&2; exit 1; }
echo "gui_test: passed; screenshots in $shots"
