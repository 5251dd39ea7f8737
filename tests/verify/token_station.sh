#!/usr/bin/env bash
# The token station through the CLI on SoftHSM2 (SPEC §3, §6; issue 15), cross-checked with
# tools we did not write: OpenSC's pkcs11-tool lists what `token enroll` left on the token (the
# private key sensitive and never extractable, the certificate with the same CKA_ID) and signs
# with the printed PIN; openssl verifies that signature with the issued certificate and the
# certificate against the CA chain. `token reset-pin` makes the old PIN fail and the new one
# sign, same certificate. A lost-token reissue revokes the old certificate at approval and
# enrols a second token, through a fault after the key and a pulled-out token (its SoftHSM2
# directory moved away) and back: exactly one certificate. Wrong module, empty slot, other
# token: refused, nothing written. The device state machine: lost holds (openssl -crl_check
# rejects), found releases, a refused change names the allowed ones; an abandoned enrolment
# leaves a formatted token that is enrolled again. Custody: a factory token received into stock
# with its maker's SO PIN, enrolled, handed over.
# Usage: token_station.sh path/to/chungthu
CT="$1"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/seed.sh"
source "$(dirname "$0")/token_lib.sh"

token_instance
add_user ra1 ra_officer
add_user ca1 ca_operator
BINH=$(add_person "Trần Thị Bình" 027085000002 binh.tt@bacninh.gov.vn TOKEN)

# new without a CSR: approved, it waits for the device.
R=$(approved_new "$BINH")
expect_rc "new without CSR: approved" approved "$(show "$R" state)"
expect_rc "… awaiting the device" device "$(show "$R" awaiting)"

# Refused before anything is written: a wrong module, a slot that does not exist.
run "$CT" token enroll "$R" --slot "$(blank_slot)" --module "$SCRATCH/no-such-module.so"
expect_rc "wrong module path: exit 3" 3 "$RC"
expect_contains "… bilingual, names the path" "no-such-module.so" "$OUT"
run "$CT" token enroll "$R" --slot 4242
expect_rc "no such slot: exit 2" 2 "$RC"
expect_contains "… says so" "No slot 4242" "$OUT"
run "$CT" token enroll "$R" --slot "$(blank_slot)" --as um1
expect_rc "a unit manager may not run the token station: exit 2" 2 "$RC"
expect_rc "… nothing written" 0 "$(sqlite3 "$DB" "SELECT COUNT(*) FROM token_enrolments")"

run "$CT" token enroll "$R" --slot "$(blank_slot)" --json
expect_rc "token enroll: exit 0" 0 "$RC"
echo "$OUT" | sed 's/^/    # /'
DEV=$(echo "$OUT" | json "d['device_serial']")
CERT=$(echo "$OUT" | json "d['certificate_serial']")
PIN=$(echo "$OUT" | json "d['user_pin']")
expect_rc "--json has exactly the four keys" "['certificate_serial', 'device_serial', 'request_id', 'user_pin']" \
  "$(echo "$OUT" | json "sorted(d.keys())")"
expect_rc "request completed" completed "$(show "$R" state)"
expect_rc "… with the certificate" "$CERT" "$(show "$R" result_serial)"
expect_rc "one certificate for the request" 1 "$(certs_of "$R")"
# Stored in clear, the PIN would stand alone (a quoted value, a JSON field), not inside a hex run.
STORED=$(sqlite3 "$DB" .dump | grep -Eo "(^|[^0-9a-fA-F])$PIN([^0-9a-fA-F]|\$)" || true)
expect_rc "the user PIN is stored nowhere" "" "$STORED"
OUT=$(p11 -L | sed -n 's/^ *serial num *: *//p')
expect_contains "pkcs11-tool -L shows the token's serial as printed" "$DEV" "$OUT"
OUT=$("$CT" device list --subscriber "$BINH" --json)
expect_contains "device list: the token, active" '"state": "active"' "$OUT"
expect_contains "… its serial" "\"serial\": \"$DEV\"" "$OUT"
OUT=$("$CT" device show "$DEV")
expect_contains "device show: the enrolment event" "enrolled" "$OUT"

# What is on the token, as OpenSC sees it.
OBJECTS=$(p11 --token-label "Trần Thị Bình" -l --pin "$PIN" -O 2>&1)
echo "$OBJECTS" | sed 's/^/    # /'
expect_contains "pkcs11-tool: a private RSA key" "Private Key Object; RSA" "$OBJECTS"
expect_contains "… sensitive, never extractable" "Access:     sensitive, always sensitive, never extractable, local" "$OBJECTS"
expect_contains "… and the certificate" "Certificate Object; type = X.509 cert" "$OBJECTS"
IDS=$(echo "$OBJECTS" | sed -n 's/^ *ID: *\([0-9a-f]*\)$/\1/p' | sort -u)
expect_rc "… private key, public key and certificate share one CKA_ID" 1 "$(echo "$IDS" | wc -l)"
KEYID=$IDS
"$CT" cert show "$CERT" --json | json "d['pem']" >binh.pem
printf 'Biên bản bàn giao thiết bị\n' >msg.txt
run p11 --token-label "Trần Thị Bình" -l --pin "$PIN" --sign -m SHA256-RSA-PKCS --id "$KEYID" -i msg.txt -o sig.bin
expect_rc "pkcs11-tool signs with the printed PIN" 0 "$RC"
openssl x509 -in binh.pem -pubkey -noout >binh-pub.pem
run openssl dgst -sha256 -verify binh-pub.pem -signature sig.bin msg.txt
expect_contains "openssl verifies the signature with the issued certificate" "Verified OK" "$OUT"
run openssl verify -x509_strict -CAfile root.pem -untrusted issuing.pem binh.pem
expect_contains "openssl verify accepts the certificate against the CA chain" "binh.pem: OK" "$OUT"
run "$CT" token enroll "$R" --slot "$(slot_of "$DEV")"
expect_rc "enrolling a completed request again: exit 2" 2 "$RC"
expect_contains "… says it is completed" "completed" "$OUT"

# recover_device: a new user PIN through the sealed SO PIN; key and certificate stay.
RR=$("$CT" request create --as um1 --type recover_device --subscriber "$BINH" --cert "$CERT" \
  --attach request_letter=don.pdf 2>/dev/null | head -1)
forward "$RR"; "$CT" request approve "$RR" --as ra1 >/dev/null
expect_rc "recover_device: approved, waiting" approved "$(show "$RR" state)"
run "$CT" token reset-pin "$RR" --slot "$(slot_of "$DEV")" --json --letter mau07.pdf
expect_rc "token reset-pin: exit 0" 0 "$RC"
echo "$OUT" | sed 's/^/    # /'
NEWPIN=$(echo "$OUT" | json "d['user_pin']")
expect_rc "Mẫu 07 written owner-only (it holds the PIN)" 600 "$(stat -c %a mau07.pdf)"
LETTER=$(pdftotext -enc UTF-8 mau07.pdf - | tr '\n' ' ')
expect_contains "Mẫu 07: its title" "BIÊN BẢN BÀN GIAO THIẾT BỊ LƯU KHÓA BÍ MẬT" "$LETTER"
expect_contains "… the token's serial" "$DEV" "$LETTER"
expect_contains "… the certificate" "$CERT" "$LETTER"
expect_contains "… the holder" "Trần Thị Bình" "$LETTER"
expect_contains "… the new PIN, printed once" "$NEWPIN" "$LETTER"
expect_contains "… what the holder must do with it" "đổi mã PIN ngay lần sử dụng đầu tiên" "$LETTER"
expect_rc "… same certificate" "$CERT" "$(echo "$OUT" | json "d['certificate_serial']")"
expect_rc "… request completed" completed "$(show "$RR" state)"
run p11 --token-label "Trần Thị Bình" -l --pin "$PIN" -O
expect_contains "pkcs11-tool: the old PIN fails" "CKR_PIN_INCORRECT" "$OUT"
echo "$OUT" | tail -2 | sed 's/^/    # /'
run p11 --token-label "Trần Thị Bình" -l --pin "$NEWPIN" --sign -m SHA256-RSA-PKCS --id "$KEYID" -i msg.txt -o sig2.bin
expect_rc "pkcs11-tool signs with the new PIN" 0 "$RC"
run openssl dgst -sha256 -verify binh-pub.pem -signature sig2.bin msg.txt
expect_contains "… with the same key (the same certificate verifies it)" "Verified OK" "$OUT"
OUT=$("$CT" device show "$DEV" --json)
expect_contains "device event: PIN reset" '"note": "PIN reset"' "$OUT"

# reissue for a lost token without a CSR: revoked at approval, then a second token.
RL=$("$CT" request create --as um1 --type reissue --subscriber "$BINH" --cert "$CERT" --reason lost \
  --attach request_letter=don.pdf 2>/dev/null | head -1)
forward "$RL"; "$CT" request approve "$RL" --as ra1 >/dev/null
expect_rc "lost-token reissue: approved, waiting" approved "$(show "$RL" state)"
expect_contains "… the old certificate revoked keyCompromise at approval" "keyCompromise" "$("$CT" cert show "$CERT")"
run "$CT" token enroll "$RL" --slot "$(slot_of "$DEV")"
expect_rc "the first token, registered and active, is refused: exit 2" 2 "$RC"
SLOT2=$(blank_slot)
run env CHUNGTHU_TEST_FAIL_AT=after-key "$CT" token enroll "$RL" --slot "$SLOT2"
expect_rc "fault after the key: exit 3" 3 "$RC"
expect_rc "… no certificate yet" 0 "$(certs_of "$RL")"
DEV2=$(sqlite3 "$DB" "SELECT device_serial FROM token_enrolments WHERE request_id = $RL")
# The token pulled out: SoftHSM2 keeps each token in a directory of its own.
TOKDIR=$(grep -l "$DEV2" "$SCRATCH"/tokens/*/token.object | xargs dirname)
mv "$TOKDIR" "$SCRATCH/pulled-out"
run "$CT" token enroll "$RL" --slot "$(blank_slot)"
expect_rc "another (blank) token in its place is refused: exit 2" 2 "$RC"
expect_contains "… naming the token of the enrolment" "$DEV2" "$OUT"
mv "$SCRATCH/pulled-out" "$TOKDIR"
run "$CT" token enroll "$RL" --slot "$(slot_of "$DEV2")" --json
expect_rc "the same token back: the enrolment resumes, exit 0" 0 "$RC"
echo "$OUT" | sed 's/^/    # /'
PIN2=$(echo "$OUT" | json "d['user_pin']")
CERT2=$(echo "$OUT" | json "d['certificate_serial']")
expect_rc "exactly one certificate for the reissue" 1 "$(certs_of "$RL")"
expect_rc "… it replaces the lost one" "$(sqlite3 "$DB" "SELECT id FROM certificates WHERE serial = '$CERT'")" \
  "$(sqlite3 "$DB" "SELECT replaces_id FROM certificates WHERE serial = '$CERT2'")"
OBJECTS=$(p11 --slot "$(slot_of "$DEV2")" -l --pin "$PIN2" -O 2>&1)
echo "$OBJECTS" | sed 's/^/    # /'
expect_rc "the second token: one private key" 1 "$(grep -c "Private Key Object" <<<"$OBJECTS")"
expect_rc "… one certificate" 1 "$(grep -c "Certificate Object" <<<"$OBJECTS")"
"$CT" cert show "$CERT2" --json | json "d['pem']" >binh2.pem
run openssl verify -x509_strict -CAfile root.pem -untrusted issuing.pem binh2.pem
expect_contains "openssl verify accepts the new certificate" "binh2.pem: OK" "$OUT"
KEYID2=$(echo "$OBJECTS" | sed -n 's/^ *ID: *\([0-9a-f]*\)$/\1/p' | sort -u)
run p11 --slot "$(slot_of "$DEV2")" -l --pin "$PIN2" --sign -m SHA256-RSA-PKCS --id "$KEYID2" -i msg.txt -o sig3.bin
openssl x509 -in binh2.pem -pubkey -noout >binh2-pub.pem
run openssl dgst -sha256 -verify binh2-pub.pem -signature sig3.bin msg.txt
expect_contains "the second token signs for the new certificate" "Verified OK" "$OUT"
expect_rc "two devices registered to the holder" 2 \
  "$("$CT" device list --subscriber "$BINH" --json | json "len(d)")"
expect_rc "the lost token is permanently_lost since the approval" permanently_lost \
  "$("$CT" device show "$DEV" --json | json "d['state']")"
expect_rc "… shown on the reissue request, with the new token's enrolment" \
  "[('$DEV', 'permanently_lost'), ('$DEV2', 'enrol')]" \
  "$("$CT" request show "$RL" --as ra1 --json | json "[(e['device_serial'], e['action']) for e in d['device_events']]")"

# The device state machine on the second token, checked against CRLs by openssl.
crl_verify() { # certificate file → openssl's verdict with a fresh CRL
  "$CT" crl generate --pem --out crl-now.pem >/dev/null 2>&1
  openssl verify -crl_check -CAfile root.pem -untrusted issuing.pem -CRLfile crl-now.pem "$1" 2>&1 || true
}
run "$CT" device set-state "$DEV2" --state temporarily_lost --note "để quên ở hội nghị" --as um1
expect_rc "the unit reports the token temporarily lost: exit 0" 0 "$RC"
expect_contains "… its certificate held" "$CERT2" "$OUT"
OUT=$(crl_verify binh2.pem)
expect_contains "openssl verify -crl_check: revoked (on hold) while lost" "certificate revoked" "$OUT"
expect_contains "… the CRL says certificateHold" "Certificate Hold" "$(openssl crl -in crl-now.pem -noout -text)"
run "$CT" device set-state "$DEV2" --state terminated --as um1
expect_rc "the unit cannot terminate a token: exit 2" 2 "$RC"
expect_contains "… not its role's" "device.manage" "$OUT"
run "$CT" device set-state "$DEV2" --state active --note "đã tìm thấy" --as um1
expect_rc "found: exit 0" 0 "$RC"
OUT=$(crl_verify binh2.pem)
expect_contains "openssl verify -crl_check: good again once found" "binh2.pem: OK" "$OUT"
run "$CT" device set-state "$DEV" --state active --as ca1
expect_rc "a permanently lost token cannot become active: exit 2" 2 "$RC"
expect_contains "… the reason names what is allowed" "it can only become terminated" "$OUT"
expect_contains "… in Vietnamese too" "chỉ được chuyển sang" "$OUT"
OUT=$("$CT" device show "$DEV2")
expect_contains "the history: lost" "temporarily_lost" "$OUT"
expect_contains "… and found, by the unit" "um1" "$OUT"

# An enrolment abandoned mid-way (the token broke after C_InitToken): the request waits again,
# the token is registered formatted with the CA's SO PIN and enrolled again.
AN=$(add_person "Lê Văn Cường" 027085000003 cuong.lv@bacninh.gov.vn TOKEN)
RA=$(approved_new "$AN")
run env CHUNGTHU_TEST_FAIL_AT=after-key "$CT" token enroll "$RA" --slot "$(blank_slot)"
expect_rc "fault after the key: exit 3" 3 "$RC"
DEV3=$(sqlite3 "$DB" "SELECT device_serial FROM token_enrolments WHERE request_id = $RA")
run "$CT" token abandon "$RA" --note "đầu đọc lỗi"
expect_rc "token abandon: exit 0" 0 "$RC"
expect_contains "… the token formatted, reusable" "$DEV3" "$OUT"
expect_rc "… the request still waits for a device" device "$(show "$RA" awaiting)"
expect_rc "… the token registered formatted" formatted "$("$CT" device show "$DEV3" --json | json "d['state']")"
run "$CT" token enroll "$RA" --slot "$(slot_of "$DEV3")" --json
expect_rc "the formatted token enrolled again: exit 0" 0 "$RC"
PIN3=$(echo "$OUT" | json "d['user_pin']")
expect_rc "… one certificate" 1 "$(certs_of "$RA")"
OBJECTS=$(p11 --slot "$(slot_of "$DEV3")" -l --pin "$PIN3" -O 2>&1)
expect_rc "pkcs11-tool: one private key on the re-initialized token (the old one wiped)" 1 \
  "$(grep -c "Private Key Object" <<<"$OBJECTS")"
run "$CT" token abandon "$RA"
expect_rc "abandon after issue: exit 2" 2 "$RC"
expect_contains "… says to report the token instead" "report the token damaged" "$OUT"

# Custody: a factory token (initialized with its maker's SO PIN) received into stock, then
# enrolled for someone with that SO PIN, then handed over.
softhsm2-util --init-token --slot "$(blank_slot)" --label "ePass factory" --so-pin 87654321 --pin 11112222 >/dev/null
FACTORY=$("$CT" token list --json | json "[s['serial'] for s in d if s['label'] == 'ePass factory'][0]")
printf '00000000\n' >wrong-so.pin; chmod 600 wrong-so.pin
run "$CT" token receive --slot "$(slot_of "$FACTORY")" --so-pin-file wrong-so.pin
expect_rc "receive with a wrong factory SO PIN: exit 2" 2 "$RC"
expect_contains "… names the token" "$FACTORY" "$OUT"
expect_not_contains "… never the PIN" "00000000" "$OUT"
printf '87654321\n' >factory-so.pin; chmod 644 factory-so.pin
run "$CT" token receive --slot "$(slot_of "$FACTORY")" --so-pin-file factory-so.pin
expect_rc "a PIN file others can read is refused: exit 2" 2 "$RC"
chmod 600 factory-so.pin
run "$CT" token receive --slot "$(slot_of "$FACTORY")" --so-pin-file factory-so.pin --json
expect_rc "token receive: exit 0" 0 "$RC"
expect_rc "… the token in stock, formatted" formatted "$(echo "$OUT" | json "d['state']")"
expect_rc "… no holder" None "$(echo "$OUT" | json "d['subscriber_id']")"
run "$CT" token receive --slot "$(slot_of "$FACTORY")" --so-pin-file factory-so.pin
expect_rc "received twice: exit 2" 2 "$RC"
softhsm2-util --init-token --slot "$(blank_slot)" --label "ePass factory 2" --so-pin 87654321 --pin 11112222 >/dev/null
FACTORY2=$("$CT" token list --json | json "[s['serial'] for s in d if s['label'] == 'ePass factory 2'][0]")
run env CHUNGTHU_DEVICES_FACTORY_SO_PIN_FILES="Other model=/nonexistent,SoftHSM v2=$PWD/factory-so.pin" \
  "$CT" token receive --slot "$(slot_of "$FACTORY2")"
expect_rc "the factory SO PIN file chosen by the token's model (devices.factory_so_pin_files): exit 0" 0 "$RC"
HOA=$(add_person "Phạm Thị Hoa" 027085000004 hoa.pt@bacninh.gov.vn TOKEN)
RH=$(approved_new "$HOA")
run "$CT" token enroll "$RH" --slot "$(slot_of "$FACTORY")" --json
expect_rc "the stock token enrolled with its factory SO PIN: exit 0" 0 "$RC"
PINH=$(echo "$OUT" | json "d['user_pin']")
run p11 --slot "$(slot_of "$FACTORY")" --login --login-type so --so-pin 87654321 --init-pin --new-pin 55556666
expect_rc "pkcs11-tool: the factory SO PIN still opens it (kept, sealed, by the CA)" 0 "$RC"
run "$CT" device handover "$FACTORY" --to "Phạm Thị Hoa, giáo viên" --note "BB 12/2026"
expect_rc "device handover: exit 0" 0 "$RC"
expect_contains "… shown as handed over" "handed over" "$OUT"
OUT=$("$CT" device show "$FACTORY" --json)
expect_rc "custody: received, enrolled, handed over" "['receive', 'enrol', 'handover']" \
  "$(echo "$OUT" | json "[e['action'] for e in d['events']]")"
run "$CT" device handover "$FACTORY" --to "Phạm Thị Hoa" --as um1
expect_rc "a unit manager does not record handovers: exit 2" 2 "$RC"
run "$CT" device handover "$FACTORY" --to "Phạm Thị Hoa, giáo viên"
expect_rc "a second handover of the same enrolment: refused, exit 2" 2 "$RC"
expect_contains "… saying when it was handed over" "was already handed over on" "$OUT"

finish
