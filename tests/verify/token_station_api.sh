#!/usr/bin/env bash
# The token station over real HTTP (issue 15): a CA operator whose reader is on the server's host
# sees the request waiting for a device and the blank token, enrols it through the API, prints
# Mẫu 07 with the PIN just shown; OpenSC's pkcs11-tool signs with that PIN and openssl verifies
# the signature with the issued certificate. A unit manager is refused; bad bodies get
# bilingual problems; a missing module is reported on the station page, and an operation
# needing it answers 503.
# Usage: token_station_api.sh path/to/chungthu
CT="$1"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/api_lib.sh"
source "$(dirname "$0")/token_lib.sh"

token_instance
add_user ra1 ra_officer
CA1=$("$CT" user add --login ca1 --role ca_operator --password-file pw --json |
  json "d['totp_secret']")
BINH=$(add_person "Trần Thị Bình" 027085000002 binh.tt@bacninh.gov.vn TOKEN)
R=$(approved_new "$BINH")
SLOT=$(blank_slot)

start_server
sign_in ca1 "$PW" "$CA1"
expect_rc "the CA operator signs in" 201 "$STATUS"
sign_in um1 "$PW"

api ca1 GET /api/v1/token-station
expect_rc "GET /api/v1/token-station: 200" 200 "$STATUS"
expect_rc "… the request waiting for a device" "$R" "$(json "d['requests'][0]['request_id']" <<<"$BODY")"
expect_rc "… the holder" "Trần Thị Bình" "$(json "d['requests'][0]['holder']" <<<"$BODY")"
expect_rc "… the blank token in its slot" "False" \
  "$(json "[s['initialized'] for s in d['slots'] if s['slot_id'] == $SLOT][0]" <<<"$BODY")"

api_json um1 POST /api/v1/token-station/enroll "{\"request_id\": $R, \"slot\": $SLOT}"
expect_problem "a unit manager may not enrol: 403" 403
api_json ca1 POST /api/v1/token-station/enroll "{\"request_id\": $R}"
expect_problem "no slot: 400" 400
api_json ca1 POST /api/v1/token-station/enroll "{\"request_id\": $R, \"slot\": 4242}"
expect_problem "a slot that does not exist: 404" 404
expect_rc "… nothing written" 0 "$(sqlite3 "$DB" "SELECT COUNT(*) FROM token_enrolments")"

api_json ca1 POST /api/v1/token-station/enroll "{\"request_id\": $R, \"slot\": $SLOT}"
expect_rc "POST /api/v1/token-station/enroll: 200" 200 "$STATUS"
DEV=$(json "d['device_serial']" <<<"$BODY")
CERT=$(json "d['certificate_serial']" <<<"$BODY")
PIN=$(json "d['user_pin']" <<<"$BODY")
expect_rc "… the request completed" completed "$(show "$R" state)"
expect_rc "… one certificate" 1 "$(certs_of "$R")"
if grep -q "$PIN" "$SCRATCH/serve.log"; then failed "the PIN is in the server's log"; else pass "the PIN is in no log line"; fi

curl -sS -o mau07.pdf -b "$SCRATCH/ca1.jar" -H "X-CSRF-Token: $(cat "$SCRATCH/ca1.csrf")" \
  -H 'Content-Type: application/json' --data-binary "{\"request_id\": $R, \"user_pin\": \"$PIN\"}" \
  "$BASE/api/v1/token-station/letter"
expect_rc "Mẫu 07 over HTTP: a PDF" "%PDF-" "$(head -c 5 mau07.pdf)"
LETTER=$(pdftotext -enc UTF-8 mau07.pdf - | tr '\n' ' ')
expect_contains "… with the PIN just shown" "$PIN" "$LETTER"
expect_contains "… and the token" "$DEV" "$LETTER"
api_json ca1 POST /api/v1/token-station/letter "{\"request_id\": $R, \"user_pin\": \"12ab\"}"
expect_problem "a PIN that is not digits: 400" 400

printf 'Biên bản bàn giao\n' >msg.txt
KEYID=$(p11 --slot "$(slot_of "$DEV")" -l --pin "$PIN" -O 2>/dev/null | sed -n 's/^ *ID: *\([0-9a-f]*\)$/\1/p' | sort -u)
run p11 --slot "$(slot_of "$DEV")" -l --pin "$PIN" --sign -m SHA256-RSA-PKCS --id "$KEYID" -i msg.txt -o sig.bin
expect_rc "pkcs11-tool signs with the PIN the API gave" 0 "$RC"
"$CT" cert show "$CERT" --json | json "d['pem']" >cert.pem
openssl x509 -in cert.pem -pubkey -noout >pub.pem
run openssl dgst -sha256 -verify pub.pem -signature sig.bin msg.txt
expect_contains "openssl verifies it with the issued certificate" "Verified OK" "$OUT"

stop_server
# The session lives in the store: it outlasts the restart (a second TOTP sign-in within the same
# 30 s would be a replay).
CHUNGTHU_DEVICES_PKCS11_MODULE="$SCRATCH/missing.so" start_server
api ca1 GET /api/v1/token-station
expect_rc "a missing module: the page still answers 200" 200 "$STATUS"
expect_contains "… saying why" "missing.so" "$(json "d['module_error']['title_en']" <<<"$BODY")"
api_json ca1 POST /api/v1/token-station/reset-pin "{\"request_id\": $R, \"slot\": 0}"
expect_problem "reset-pin with a missing module: 503 (unavailable; the reason is on the station page)" 503
stop_server
expect_rc "the server exits 0 on SIGTERM" 0 "$SERVER_RC"

finish
