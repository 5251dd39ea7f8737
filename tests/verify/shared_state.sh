#!/usr/bin/env bash
# Any node serves everything (issue 18): two `chungthu serve` processes on one PostgreSQL, the
# second started from a directory holding only chungthu.toml, keys/ and secrets/. The CRL
# published by the first node and a document uploaded through it are served by the second,
# byte for byte, with the same ETag; a revocation and a new CRL on the first show on the
# second at once. Checked with curl and openssl.
# Usage: shared_state.sh path/to/chungthu   (CHUNGTHU_TEST_POSTGRES_URL: the private cluster)
CT="$1"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/api_lib.sh"
: "${CHUNGTHU_TEST_POSTGRES_URL:?the private PostgreSQL cluster (ctest fixture 'postgres')}"

DBNAME="ct_shared_state_$$"
ADMIN="$CHUNGTHU_TEST_POSTGRES_URL"
export CHUNGTHU_DATABASE="${ADMIN/\/\/\/postgres\?/\/\/\/$DBNAME?}"
psql -X -q -v ON_ERROR_STOP=1 "$ADMIN" -c "CREATE DATABASE $DBNAME"
NODE_B_PID=""
trap '[ -n "$SERVER_PID" ] && kill -KILL "$SERVER_PID" 2>/dev/null; [ -n "$NODE_B_PID" ] && kill -KILL "$NODE_B_PID" 2>/dev/null
  psql -X -q "$ADMIN" -c "DROP DATABASE IF EXISTS $DBNAME WITH (FORCE)" >/dev/null 2>&1; rm -rf "$SCRATCH"' EXIT

new_instance
ca_certs
seed_province
seed_mailbox_request "$P"
sample_pdfs
issue_and_revoke "C=VN,O=UBND tỉnh Bắc Ninh,CN=Lê Văn Một" mot.lv@bacninh.gov.vn
FIRST=$SERIAL
"$CT" crl generate >/dev/null

# Node B: the configuration, the keys and the secrets, nothing else.
mkdir nodeb
cp -a data/chungthu.toml data/keys data/secrets nodeb/
start_server  # node A, on data/
A_BASE=$BASE
PORT_B=$(free_port)
B_BASE="http://127.0.0.1:$PORT_B"
CHUNGTHU_DATA="$SCRATCH/nodeb" "$CT" serve --listen "127.0.0.1:$PORT_B" >"$SCRATCH/nodeb.log" 2>&1 &
NODE_B_PID=$!
for _ in $(seq 1 300); do
  curl -fsS "$B_BASE/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
expect_contains "node B (toml, keys and secrets only) is alive" '"status":"ok"' "$(curl -s "$B_BASE/healthz")"

# --- the CRL ----------------------------------------------------------------------------------
curl -s -D a.headers -o a.crl "$A_BASE/crl/issuing.crl"
curl -s -D b.headers -o b.crl "$B_BASE/crl/issuing.crl"
if cmp -s a.crl b.crl && cmp -s b.crl data/crl/issuing.crl; then pass "node B serves node A's current CRL byte for byte"; else failed "the CRLs differ"; fi
etag_a=$(tr -d '\r' <a.headers | sed -n 's/^[Ee][Tt]ag: //p')
etag_b=$(tr -d '\r' <b.headers | sed -n 's/^[Ee][Tt]ag: //p')
if [ -n "$etag_a" ] && [ "$etag_a" = "$etag_b" ]; then pass "both nodes give the CRL the same ETag"; else failed "ETags: '$etag_a' '$etag_b'"; fi
out=$(openssl crl -inform DER -in b.crl -CAfile issuing.pem -noout -text 2>&1 || true)
expect_contains "openssl verifies node B's CRL" "verify OK" "$out"
expect_contains "the revocation is on it" "$FIRST" "$(tr a-f A-F <<<"$out")"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag_a" "$B_BASE/crl/issuing.crl")
expect_rc "node B answers A's ETag with 304" 304 "$code"

issue_and_revoke "C=VN,O=UBND tỉnh Bắc Ninh,CN=Lê Văn Hai" hai.lv@bacninh.gov.vn
"$CT" crl generate >/dev/null
out=$(curl -s "$B_BASE/crl/issuing.crl" | openssl crl -inform DER -CAfile issuing.pem -noout -text 2>&1 || true)
expect_contains "a CRL published after node B started is served by it at once" "$SERIAL" "$(tr a-f A-F <<<"$out")"
crls=$(psql -X -At "$CHUNGTHU_DATABASE" -c "SELECT COUNT(*) FROM crl_contents c JOIN cas a ON a.id = c.ca_id WHERE a.name = 'issuing'")
expect_rc "the store keeps the contents of the last two CRLs of a CA" 2 "$crls"

# --- a document -------------------------------------------------------------------------------
sign_in um1 "$PW"
api um1 POST "/api/v1/requests/$R/attachments?kind=request_letter&name=don.pdf" \
  -H 'Content-Type: application/pdf' --data-binary @don.pdf
expect_rc "a document uploaded through node A" 201 "$STATUS"
ATT=$(json "d['attachments'][0]['id']" <<<"$BODY")
BASE=$B_BASE
api um1 GET "/api/v1/requests/$R/attachments/$ATT"
expect_rc "downloads through node B" 200 "$STATUS"
if cmp -s body don.pdf; then pass "node B gives back the same bytes"; else failed "the document differs"; fi
if [ -e data/attachments ] || [ -e nodeb/attachments ]; then failed "documents written under a data directory"; else pass "no node keeps documents on its disk"; fi

kill -TERM "$NODE_B_PID"; wait "$NODE_B_PID" 2>/dev/null || true; NODE_B_PID=""
stop_server
if grep -qiE "AddressSanitizer|runtime error" serve.log nodeb.log; then failed "sanitizers quiet"; cat serve.log nodeb.log; else pass "sanitizers quiet"; fi
finish
