#!/usr/bin/env bash
# CA keys in an HSM (SPEC §6, key_backend = "pkcs11"), SoftHSM2 standing in for it:
#  - init refuses a wrong PIN, an unloadable module and a missing token in one line, writing nothing;
#  - init makes every CA key on the token (sensitive, never extractable, says pkcs11-tool) and none
#    on disk; what they sign (certificates, CRLs, OCSP responses; RSA and ECDSA P-384) passes openssl;
#  - `ca renew ocsp` makes a new signer on the token, and the running server signs with it;
#  - under `chungthu serve`, through a module that wraps SoftHSM2 and fails on demand
#    (tests/pkcs11_fault/fault_module.c): a device error, invalidated sessions and a pulled token;
#    /readyz says down with the reason, approved operations stay queued, and after the fault every
#    one completes exactly once, the same process still serving.
# Usage: hsm_ca.sh path/to/chungthu path/to/pkcs11_fault.so
CT="$1"
FAULT_MODULE="$2"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/api_lib.sh"
MODULE=/usr/lib/softhsm/libsofthsm2.so
for tool in softhsm2-util pkcs11-tool sqlite3 curl; do
  if ! command -v "$tool" >/dev/null || [ ! -f "$MODULE" ]; then
    echo "not ok - SoftHSM2, OpenSC, sqlite3 and curl are needed ($tool, $MODULE): run scripts/install-deps.sh"
    exit 1
  fi
done

cd "$SCRATCH"
export SOFTHSM2_CONF="$SCRATCH/softhsm2.conf"
mkdir tokens
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$SCRATCH/tokens" >"$SOFTHSM2_CONF"
HSM_PIN=hsm-user-4711
softhsm2-util --init-token --free --label ca-hsm --so-pin hsm-so-0815 --pin "$HSM_PIN" >/dev/null
softhsm2-util --init-token --free --label ca-ec --so-pin hsm-so-0815 --pin "$HSM_PIN" >/dev/null
# The fault module reads its control file on every call; each process names its own.
export CHUNGTHU_FAULT_FILE="$SCRATCH/no-fault"
: >no-fault
: >fault
export CHUNGTHU_DATA="$SCRATCH/data"
DB="$CHUNGTHU_DATA/chungthu.db"
p11_objects() { pkcs11-tool --module "$MODULE" --token-label "$1" --login --pin "$HSM_PIN" --list-objects "${@:2}" 2>/dev/null; }
hsm_init() { "$CT" init --key-backend pkcs11 --pkcs11-module "$@"; }

# --- refusals at init: one line, the exit code of the CLI's table, nothing written ---
CHUNGTHU_PKCS11_PIN=wrong-pin-1234 run hsm_init "$MODULE" --token-label ca-hsm
expect_rc "init with a wrong PIN: refused input" 2 "$RC"
expect_contains "the wrong PIN is named as the problem" "refused the user PIN" "$OUT"
expect_not_contains "the PIN is never printed" "wrong-pin-1234" "$OUT"
expect_rc "one line" 1 "$(grep -c . <<<"$OUT")"
if [ ! -e data ]; then pass "nothing written after a wrong PIN"; else failed "data directory left after a wrong PIN"; fi
printf 'not a library\n' >bogus.so
CHUNGTHU_PKCS11_PIN=$HSM_PIN run hsm_init "$SCRATCH/bogus.so" --token-label ca-hsm
expect_rc "init with an unloadable module: environment error" 3 "$RC"
expect_contains "the module's path is named" "PKCS#11 module $SCRATCH/bogus.so" "$OUT"
CHUNGTHU_PKCS11_PIN=$HSM_PIN run hsm_init "$MODULE" --token-label absent-token
expect_rc "init with a missing token: environment error" 3 "$RC"
expect_contains "the missing token is named" "No token with label absent-token is present" "$OUT"
run hsm_init "$MODULE" --token-label ca-hsm
expect_rc "init without a PIN: refused input" 2 "$RC"
expect_contains "says where the PIN comes from" "CHUNGTHU_PKCS11_PIN" "$OUT"
if [ ! -e data ]; then pass "nothing written by the refused inits"; else failed "data directory left by a refused init"; fi
expect_rc "no object on the token after the refusals" 0 "$(p11_objects ca-hsm | grep -c 'Object;' || true)"

# --- init on the token (through the fault module, the PIN in a 0600 file) ---
printf '%s\n' "$HSM_PIN" >pin
chmod 644 pin
run hsm_init "$FAULT_MODULE" --token-label ca-hsm --pkcs11-pin-file "$SCRATCH/pin"
expect_rc "a PIN file others may read is refused" 2 "$RC"
chmod 600 pin
run hsm_init "$FAULT_MODULE" --token-label ca-hsm --pkcs11-pin-file "$SCRATCH/pin"
expect_rc "init --key-backend pkcs11" 0 "$RC"
expect_contains "the configuration names the backend" 'key_backend = "pkcs11"' "$(cat data/chungthu.toml)"
expect_rc "no private key file in the data directory" 0 \
  "$(find data \( -name '*.pem' -o -name '*.key' -o -name '*.p8*' -o -name keys \) | wc -l)"
OBJECTS=$(p11_objects ca-hsm --type privkey)
expect_rc "four private keys on the token (root, issuing, OCSP signer, audit)" 4 "$(grep -c 'Private Key Object' <<<"$OBJECTS")"
expect_rc "every one sensitive and never extractable" 4 \
  "$(grep -c 'Access: *sensitive, always sensitive, never extractable' <<<"$OBJECTS")"
for label in root issuing ocsp audit; do expect_contains "key chungthu-$label" "label:      chungthu-$label" "$OBJECTS"; done
expect_not_contains "CA keys only sign" "decrypt" "$OBJECTS"
run hsm_init "$FAULT_MODULE" --token-label ca-hsm --pkcs11-pin-file "$SCRATCH/pin"
expect_rc "a second init in the same directory is refused" 2 "$RC"

# --- what the token signs, checked with openssl ---
printf '%s\n' "$PW" >pw
P=$("$CT" org add --name "UBND tỉnh Bắc Ninh" --province "Bắc Ninh")
U=$("$CT" org add --name "Sở Tài chính" --parent "$P")
add_user um1 unit_manager "$U"
add_user ra1 ra_officer
sample_pdfs
ca_certs
cat issuing.pem root.pem >chain.pem
new_csr req
SERIAL=$("$CT" cert issue --csr req.csr --subject "CN=Nguyễn Văn An,O=Sở Tài chính,L=Bắc Ninh,C=VN" \
  --email an@bacninh.gov.vn --out cert.pem)
run openssl verify -x509_strict -CAfile root.pem -untrusted issuing.pem cert.pem
expect_contains "openssl verify -x509_strict accepts a certificate signed on the token" "cert.pem: OK" "$OUT"
"$CT" cert revoke "$SERIAL" --reason keyCompromise >/dev/null
"$CT" crl generate >/dev/null
run openssl crl -inform DER -in data/crl/issuing.crl -CAfile chain.pem -verify -noout
expect_contains "openssl crl -verify accepts the CRL signed on the token" "verify OK" "$OUT"
run openssl crl -inform DER -in data/crl/root.crl -CAfile root.pem -verify -noout
expect_contains "the root's CRL too" "verify OK" "$OUT"
set +e; OUT=$("$CT" audit verify 2>&1); RC=$?; set -e
expect_rc "audit checkpoints (ECDSA P-256 on the token) verify" 0 "$RC"

CHUNGTHU_FAULT_FILE="$SCRATCH/fault" start_server
run openssl ocsp -issuer issuing.pem -cert cert.pem -url "$BASE/ocsp" -CAfile chain.pem
expect_contains "openssl ocsp verifies the response signed on the token" "Response verify OK" "$OUT"
expect_contains "and reads the revocation" "cert.pem: revoked" "$OUT"
# readyz: the body in READY, the status in READY_STATUS.
readyz() { READY_STATUS=$(curl -sS -o "$SCRATCH/ready" -w '%{http_code}' "$BASE/readyz"); READY=$(cat "$SCRATCH/ready"); }
readyz
expect_rc "/readyz: 200" 200 "$READY_STATUS"
expect_contains "/readyz: ready" '"status":"ready"' "$READY"
expect_contains "/readyz names the key backend" '"name":"key_backend","status":"up"' "$READY"
SERVE_PID=$SERVER_PID

# --- the OCSP signer renewed on the token; the running server follows it ---
ocsp_serial() { "$CT" ca list --json | json "[c['serial'] for c in d if c['name'] == 'ocsp'][0]"; }
OLD_OCSP=$(ocsp_serial)
run "$CT" ca renew ocsp --if-due
expect_contains "ca renew ocsp --if-due: not due yet" "not due" "$OUT"
run "$CT" ca renew ocsp
expect_rc "ca renew ocsp" 0 "$RC"
NEW_OCSP=$(ocsp_serial)
if [ -n "$NEW_OCSP" ] && [ "$NEW_OCSP" != "$OLD_OCSP" ]; then pass "a new OCSP signer"; else failed "OCSP signer $OLD_OCSP → $NEW_OCSP"; fi
expect_contains "its key made on the token" "label:      chungthu-ocsp-" "$(p11_objects ca-hsm --type privkey)"
"$CT" ca cert ocsp | openssl x509 -outform DER >ocsp-new.der
new_csr req2
signed_by_new() {
  python3 -c 'import sys; r=open(sys.argv[1],"rb").read(); c=open(sys.argv[2],"rb").read(); sys.exit(0 if c in r else 1)' "$1" ocsp-new.der
}
# The server looks for a renewed signer every 10 s; what it signed before stays valid and cached,
# so each try asks about a certificate issued just then.
FOLLOWED=no
for i in $(seq 1 30); do
  "$CT" cert issue --csr req2.csr --subject "CN=Lê Văn Cường $i,O=Sở Tài chính,C=VN" --email "cuong$i@bacninh.gov.vn" \
    --out cert2.pem >/dev/null
  run openssl ocsp -issuer issuing.pem -cert cert2.pem -url "$BASE/ocsp" -CAfile chain.pem -respout resp2.der
  if grep -q "Response verify OK" <<<"$OUT" && signed_by_new resp2.der; then FOLLOWED=yes; break; fi
  sleep 1
done
expect_rc "serve signs with the renewed signer, and openssl ocsp verifies it" yes "$FOLLOWED"
expect_contains "the new certificate is good" "cert2.pem: good" "$OUT"
run openssl ocsp -issuer issuing.pem -cert cert.pem -url "$BASE/ocsp" -CAfile chain.pem
expect_contains "the response the old signer made still verifies" "Response verify OK" "$OUT"

# --- faults under serve ---
N=0
# approve_some COUNT: new requests with a CSR, submitted and approved (their jobs queued), made by
# CLI processes whose own fault file stays empty; their ids appended to BATCH.
approve_some() {
  BATCH=()
  for _ in $(seq 1 "$1"); do
    N=$((N + 1))
    local s r
    s=$("$CT" subscriber add --org "$U" --name "Cán bộ số $N" --dob 15/06/1985 --cccd "$(printf '0270850%05d' "$N")" \
      --cccd-date 10/05/2021 --cccd-place C06 --email "cb$N@bacninh.gov.vn" --position "Chuyên viên" --device SOFT)
    r=$("$CT" request create --as um1 --type new --subscriber "$s" --csr req.csr --attach request_letter=don.pdf \
      --attach appointment_decision=qd.pdf 2>/dev/null | head -1)
    "$CT" request submit "$r" --as um1 >/dev/null
    "$CT" request approve "$r" --as ra1 >/dev/null
    BATCH+=("$r")
  done
}
state_count() { sqlite3 "$DB" "SELECT COUNT(*) FROM requests WHERE id IN ($(IFS=,; echo "${BATCH[*]}")) AND state='$1'"; }
# wait_completed SECONDS: until every request of BATCH completed.
wait_completed() {
  for _ in $(seq 1 $(($1 * 5))); do
    [ "$(state_count completed)" = "${#BATCH[@]}" ] && return 0
    sleep 0.2
  done
  return 1
}

for fault in device_error token_not_present; do
  printf '%s\n' "$fault" >fault
  for _ in $(seq 1 20); do readyz; [ "$READY_STATUS" = 503 ] && break; sleep 0.2; done  # probed at most once a second
  expect_rc "$fault: /readyz is 503" 503 "$READY_STATUS"
  expect_rc "$fault: the key backend is down" down "$(json "[c['status'] for c in d['checks'] if c['name'] == 'key_backend'][0]" <<<"$READY")"
  expect_contains "$fault: with the reason, naming the token" "The CA key token (PKCS#11, token 'ca-hsm')" "$READY"
  curl -fsS "$BASE/healthz" >/dev/null && pass "$fault: /healthz stays alive" || failed "$fault: /healthz"
  gauge() { curl -sS "$BASE/metrics" | sed -n 's/^chungthu_key_backend_up //p'; }
  for _ in $(seq 1 20); do [ "$(gauge)" = 0 ] && break; sleep 0.2; done
  expect_rc "$fault: /metrics chungthu_key_backend_up 0" 0 "$(gauge)"
  approve_some 3
  sleep 3
  expect_rc "$fault: the approved operations stay approved" 3 "$(state_count approved)"
  expect_rc "$fault: no certificate issued meanwhile" 0 \
    "$(sqlite3 "$DB" "SELECT COUNT(*) FROM certificates WHERE request_id IN ($(IFS=,; echo "${BATCH[*]}"))")"
  : >fault
  for _ in $(seq 1 20); do readyz; [ "$READY_STATUS" = 200 ] && break; sleep 0.2; done
  expect_rc "$fault cleared: /readyz is 200 again" 200 "$READY_STATUS"
  for _ in $(seq 1 20); do [ "$(gauge)" = 1 ] && break; sleep 0.2; done
  expect_rc "$fault cleared: chungthu_key_backend_up 1" 1 "$(gauge)"
  if wait_completed 60; then pass "$fault cleared: every queued operation completed"; else
    failed "$fault cleared: $(state_count completed) of ${#BATCH[@]} completed"; tail -5 serve.log; fi
done

# Every session invalidated at once (the HSM fault that needs a restart elsewhere): the next
# signature opens and logs in anew, nothing waits.
approve_some 2
wait_completed 30 || true
printf 'session_handle_invalid\n' >fault
approve_some 3
if wait_completed 30; then pass "sessions invalidated: the operations completed without a restart"; else
  failed "sessions invalidated: $(state_count completed) of ${#BATCH[@]} completed"; fi
expect_rc "the fault was seen (the control file consumed)" 0 "$(wc -c <fault)"
if kill -0 "$SERVE_PID" 2>/dev/null && [ "$SERVER_PID" = "$SERVE_PID" ]; then pass "one serve process all along"; else
  failed "the server process went away"; fi

expect_rc "exactly once: one certificate per request" 0 \
  "$(sqlite3 "$DB" "SELECT COUNT(*) FROM (SELECT request_id FROM certificates WHERE request_id IS NOT NULL GROUP BY request_id HAVING COUNT(*) > 1)")"
expect_rc "every request completed" "$N" "$(sqlite3 "$DB" "SELECT COUNT(*) FROM requests WHERE state='completed'")"
expect_rc "no serial twice" 0 "$(sqlite3 "$DB" "SELECT COUNT(*) - COUNT(DISTINCT serial) FROM certificates")"
sqlite3 "$DB" "SELECT hex(der) FROM certificates WHERE request_id = ${BATCH[0]}" |
  python3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(sys.stdin.read().strip()))' | openssl x509 -inform DER >after.pem
run openssl verify -x509_strict -CAfile root.pem -untrusted issuing.pem after.pem
expect_contains "a certificate signed after the faults verifies" "after.pem: OK" "$OUT"
stop_server

# --- serve refuses to start with a wrong PIN or without its token ---
CHUNGTHU_PKCS11_PIN=wrong-pin-1234 run "$CT" serve --listen 127.0.0.1:0
expect_rc "serve with a wrong PIN: refused input" 2 "$RC"
expect_not_contains "serve never prints the PIN" "wrong-pin-1234" "$OUT"
CHUNGTHU_CA_PKCS11_TOKEN_LABEL=absent-token run "$CT" serve --listen 127.0.0.1:0
expect_rc "serve without its token: environment error" 3 "$RC"
expect_contains "names the token" "absent-token" "$OUT"

# --- ECDSA P-384 CA keys on a second token ---
CHUNGTHU_PKCS11_PIN=$HSM_PIN CHUNGTHU_CA_ROOT_KEY=ec-p384 CHUNGTHU_CA_ISSUING_KEY=ec-p384 CHUNGTHU_CA_OCSP_KEY=ec-p256 \
  CHUNGTHU_DATA="$SCRATCH/ec" hsm_init "$MODULE" --token-label ca-ec >/dev/null
export CHUNGTHU_PKCS11_PIN=$HSM_PIN
CHUNGTHU_DATA="$SCRATCH/ec" "$CT" ca cert root >ec-root.pem
CHUNGTHU_DATA="$SCRATCH/ec" "$CT" ca cert issuing >ec-issuing.pem
expect_contains "the EC root's key is P-384" "NIST CURVE: P-384" "$(openssl x509 -in ec-root.pem -noout -text)"
CHUNGTHU_DATA="$SCRATCH/ec" "$CT" cert issue --csr req.csr --subject "CN=Trần Thị Bình,O=Sở Tài chính,C=VN" \
  --email binh@bacninh.gov.vn --out ec-cert.pem >/dev/null
run openssl verify -x509_strict -CAfile ec-root.pem -untrusted ec-issuing.pem ec-cert.pem
expect_contains "ECDSA P-384 signatures made on the token verify" "ec-cert.pem: OK" "$OUT"
cat ec-issuing.pem ec-root.pem >ec-chain.pem
run openssl crl -inform DER -in ec/crl/issuing.crl -CAfile ec-chain.pem -verify -noout
expect_contains "and its CRL" "verify OK" "$OUT"
finish
