#!/usr/bin/env bash
# Graceful shutdown: a slow upload is in flight when SIGTERM arrives; the server stops
# accepting, lets the upload finish (its document is stored whole), and exits 0.
# Usage: api_shutdown.sh path/to/chungthu
CT="$1"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/api_lib.sh"

new_instance
seed_province
seed_mailbox_request "$P"

start_server
sign_in um1 "$PW"
{ printf '%%PDF-1.4\n'; head -c 1500000 /dev/urandom | base64; } >slow.pdf
WANT=$(sha256sum slow.pdf | cut -d' ' -f1)
# About 5 seconds at 300 kB/s.
curl -sS -o upload.json -w '%{http_code}' --limit-rate 300k -X POST -b um1.jar -H "X-CSRF-Token: $(cat um1.csrf)" \
  -H 'Content-Type: application/pdf' --data-binary @slow.pdf \
  "$BASE/api/v1/requests/$R/attachments?kind=request_letter&name=slow.pdf" >upload.code &
CURL=$!
sleep 1.5
kill -TERM "$SERVER_PID"
sleep 0.5
if curl -sS -m 2 -o /dev/null "$BASE/healthz" 2>/dev/null; then
  failed "new connections refused after SIGTERM"
else
  pass "new connections refused after SIGTERM"
fi
wait "$CURL" || true
expect_rc "the in-flight upload completed" 201 "$(cat upload.code)"
wait_server
expect_rc "the server exited 0" 0 "$SERVER_RC"
GOT=$(sqlite3 data/chungthu.db "SELECT sha256 FROM attachments WHERE request_id = $R AND name = 'slow.pdf'")
expect_rc "the document stored whole" "$WANT" "$GOT"
finish
