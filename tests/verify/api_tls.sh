#!/usr/bin/env bash
# `chungthu serve` over TLS (server.tls_cert / server.tls_key): curl verifies the server's
# certificate against its CA; TLS 1.0 and 1.1 are refused, 1.2 and 1.3 accepted (openssl
# s_client); plain HTTP on the TLS port gets no answer; the session cookie is Secure and
# answers carry HSTS. A missing key, a key without a certificate and a key that does not match
# refuse to start with one line. SIGTERM exits 0.
# Usage: api_tls.sh path/to/chungthu
CT="$1"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/api_lib.sh"

new_instance
seed_province
add_user um1 unit_manager "$P"

# A small CA of our own for the server certificate, for 127.0.0.1.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout tlsca.key -out tlsca.pem \
  -subj "/CN=Test TLS CA" -days 2 2>/dev/null
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key -out server.csr \
  -subj "/CN=127.0.0.1" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >ext.cnf
openssl x509 -req -in server.csr -CA tlsca.pem -CAkey tlsca.key -CAcreateserial -days 1 -extfile ext.cnf \
  -out server.pem 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout other.key -out other.pem \
  -subj "/CN=other" -days 1 2>/dev/null
chmod 600 server.key other.key

refused() { # name, expected text, env assignments…
  local name=$1 want=$2
  shift 2
  local port out rc
  port=$(free_port)
  set +e
  out=$(env "$@" timeout 20 "$CT" serve --listen "127.0.0.1:$port" 2>&1)
  rc=$?
  set -e
  expect_rc "$name: exit 2" 2 "$rc"
  expect_contains "$name: says why" "$want" "$out"
}
refused "key file missing" "Cannot load the TLS certificate or key" \
  CHUNGTHU_SERVER_TLS_CERT="$SCRATCH/server.pem" CHUNGTHU_SERVER_TLS_KEY="$SCRATCH/missing.key"
refused "key without certificate" "TLS needs both server.tls_cert and server.tls_key" \
  CHUNGTHU_SERVER_TLS_KEY="$SCRATCH/server.key"
refused "key of another certificate" "Cannot load the TLS certificate or key" \
  CHUNGTHU_SERVER_TLS_CERT="$SCRATCH/server.pem" CHUNGTHU_SERVER_TLS_KEY="$SCRATCH/other.key"

export CHUNGTHU_SERVER_TLS_CERT="$SCRATCH/server.pem" CHUNGTHU_SERVER_TLS_KEY="$SCRATCH/server.key"
mkdir -p web/assets
printf '<!doctype html><title>chungthu</title>\n' >web/index.html
export CHUNGTHU_SERVER_WEB_DIR="$SCRATCH/web"
TLS_CA="$SCRATCH/tlsca.pem" start_server
OUT=$(curl -sS --cacert tlsca.pem -o /dev/null -w '%{http_code}' "$BASE/healthz" 2>&1 || true)
expect_rc "healthz over HTTPS, the certificate verified" 200 "$OUT"
set +e
curl -sS -o /dev/null "$BASE/healthz" 2>/dev/null
RC=$?
set -e
expect_rc "without our CA, curl refuses the certificate (exit 60)" 60 "$RC"
OUT=$(curl -sS --max-time 5 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/healthz" 2>/dev/null || true)
expect_rc "plain HTTP on the TLS port gets no HTTP answer" 000 "$OUT"
# The client is told to allow the old versions (security level 0), so a refusal is the server's.
for v in tls1 tls1_1; do
  set +e
  echo | openssl s_client -connect "127.0.0.1:$PORT" "-$v" -cipher 'DEFAULT:@SECLEVEL=0' -CAfile tlsca.pem \
    >sclient.out 2>&1
  RC=$?
  set -e
  expect_rc "$v refused by the server" 1 "$([ "$RC" -ne 0 ] && echo 1 || echo 0)"
  expect_contains "$v: the server's alert" "alert protocol version" "$(cat sclient.out)"
done
for v in tls1_2 tls1_3; do
  OUT=$(echo | openssl s_client -connect "127.0.0.1:$PORT" "-$v" -CAfile tlsca.pem 2>&1 || true)
  expect_contains "$v accepted and verified" "Verify return code: 0 (ok)" "$OUT"
done

# The API over TLS: sign in; the cookie is Secure, the answer carries HSTS.
sign_in_tls() {
  curl -sS --cacert tlsca.pem -D headers -o body -c um1.jar -H 'Content-Type: application/json' \
    --data-binary "{\"login\": \"um1\", \"password\": \"$PW\"}" "$BASE/api/v1/session" -w '%{http_code}'
}
expect_rc "sign-in over TLS" 201 "$(sign_in_tls)"
expect_contains "session cookie is Secure" "; Secure" "$(grep -i '^set-cookie' headers)"
expect_contains "API answers carry HSTS" "strict-transport-security: max-age=31536000" "$(tr 'A-Z' 'a-z' <headers)"
OUT=$(curl -sS --cacert tlsca.pem -b um1.jar "$BASE/api/v1/session")
expect_contains "the session works over TLS" '"login":"um1"' "$OUT"
OUT=$(curl -sS --cacert tlsca.pem -D - -o /dev/null "$BASE/lookup" | tr 'A-Z' 'a-z')
expect_contains "portal pages carry HSTS" "strict-transport-security: max-age=31536000" "$OUT"

stop_server
expect_rc "SIGTERM: exit 0" 0 "$SERVER_RC"
finish
