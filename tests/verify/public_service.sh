#!/usr/bin/env bash
# The public HTTP service end to end, with clients we did not write (curl, openssl): OCSP over
# POST and GET (good, then revoked after a revocation by another process), CRL download with
# conditional GET and the scheduler's re-publication, CA certificates, lookup, download,
# "check a certificate file", bad input of every kind (4xx or OCSP error responses, store
# unchanged), metrics, and a clean stop on SIGTERM.
# Usage: public_service.sh path/to/chungthu
CT="$1"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/api_lib.sh"
export CHUNGTHU_PKI_CRL_MIN_INTERVAL_SECONDS=1

# get_cached PATH FILE: GET PATH into FILE. HEADERS: the answer's headers (without CR);
# CONDITIONAL: the status of the same GET again with If-None-Match: its ETag.
get_cached() {
  curl -s -D "$2.headers" -o "$2" "$BASE$1"
  HEADERS=$(tr -d '\r' <"$2.headers")
  local etag
  etag=$(grep -i '^etag:' <<<"$HEADERS" | cut -d' ' -f2)
  CONDITIONAL=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$BASE$1")
}

new_instance
ca_certs
cat issuing.pem root.pem >chain.pem

new_csr an rsa:2048
new_csr binh P-256
S_AN=$("$CT" cert issue --csr an.csr --profile individual --email an.nv@bacninh.gov.vn --out an.pem \
  --subject "C=VN,ST=Bắc Ninh,O=UBND tỉnh Bắc Ninh,OU=Sở Tài chính,CN=Nguyễn Văn An")
S_BINH=$("$CT" cert issue --csr binh.csr --profile individual --email binh.tt@bacninh.gov.vn --out binh.pem \
  --subject "C=VN,ST=Bắc Ninh,O=UBND tỉnh Bắc Ninh,OU=Sở Giáo dục và Đào tạo,CN=Trần Thị Bình")

start_server
out=$(curl -s "$BASE/healthz")
expect_contains "healthz answers" '"status":"ok"' "$out"
code=$(curl -s -o ready.json -w '%{http_code}' "$BASE/readyz")
expect_rc "readyz: 200" 200 "$code"
for check in database key_backend crl ocsp_signer scheduler; do
  expect_contains "readyz: $check up" "\"name\":\"$check\",\"status\":\"up\"" "$(cat ready.json)"
done

# --- OCSP -----------------------------------------------------------------------------------
out=$(openssl ocsp -issuer issuing.pem -cert an.pem -url "$BASE/ocsp" -CAfile chain.pem 2>&1 || true)
expect_contains "openssl ocsp (POST, with nonce): good" "an.pem: good" "$out"
expect_contains "openssl ocsp verifies the delegated signature" "Response verify OK" "$out"
openssl ocsp -issuer issuing.pem -cert binh.pem -no_nonce -reqout get.der 2>/dev/null
B64=$(base64 -w0 get.der | sed 's/+/%2B/g; s,/,%2F,g; s/=/%3D/g')
get_cached "/ocsp/$B64" get-resp.der
out=$(openssl ocsp -respin get-resp.der -issuer issuing.pem -cert binh.pem -CAfile chain.pem -no_nonce 2>&1 || true)
expect_contains "GET /ocsp/<base64>: good" "binh.pem: good" "$out"
expect_contains "GET answer: Content-Type (RFC 6960 A.1)" "Content-Type: application/ocsp-response" "$HEADERS"
expect_contains "GET answer: max-age (RFC 5019 §6.2)" "Cache-Control: max-age=" "$HEADERS"
expect_contains "GET answer: Last-Modified" "Last-Modified: " "$HEADERS"
expect_rc "GET /ocsp with If-None-Match: 304" 304 "$CONDITIONAL"
# Unpadded, unescaped base64 is accepted too.
B64RAW=$(base64 -w0 get.der | tr -d '=')
curl -s -o get-raw.der "$BASE/ocsp/$B64RAW"
expect_rc "GET /ocsp without padding: the same response" "$(sha256sum <get-resp.der | cut -c1-64)" "$(sha256sum <get-raw.der | cut -c1-64)"

"$CT" cert revoke "$S_AN" --reason keyCompromise >/dev/null
status=""
for _ in $(seq 1 50); do
  out=$(openssl ocsp -issuer issuing.pem -cert an.pem -url "$BASE/ocsp" -CAfile chain.pem 2>&1 || true)
  if grep -q "an.pem: revoked" <<<"$out"; then status=revoked; break; fi
  sleep 0.2
done
expect_rc "revocation by another process reaches OCSP within seconds" revoked "$status"
expect_contains "revoked answer carries the reason" "Reason: keyCompromise" "$out"

# --- CRL and CA certificates ------------------------------------------------------------------
get_cached /crl/issuing.crl crl.der
out=$(openssl crl -inform DER -in crl.der -CAfile chain.pem -noout 2>&1 || true)
expect_contains "CRL verifies under the issuing CA" "verify OK" "$out"
expect_contains "CRL: Content-Type" "Content-Type: application/pkix-crl" "$HEADERS"
expect_contains "CRL: Last-Modified" "Last-Modified: " "$HEADERS"
expect_contains "CRL: max-age until nextUpdate" "Cache-Control: max-age=" "$HEADERS"
expect_rc "CRL conditional GET: 304" 304 "$CONDITIONAL"
listed=""
for _ in $(seq 1 60); do
  curl -s -o crl.der "$BASE/crl/issuing.crl"
  if openssl crl -inform DER -in crl.der -noout -text 2>/dev/null | grep -q "$S_AN"; then listed=yes; break; fi
  sleep 0.5
done
expect_rc "the scheduler republishes the CRL soon after the revocation" yes "$listed"
out=$(openssl crl -inform DER -in crl.der -noout -text)
expect_contains "new CRL has the next number" "X509v3 CRL Number:" "$out"
expect_contains "new CRL keeps the reason" "Key Compromise" "$out"
curl -s -o issuing.der "$BASE/ca/issuing.crt"
expect_rc "GET /ca/issuing.crt is the issuing CA (DER)" "$(openssl x509 -in issuing.pem -outform DER | sha256sum)" \
  "$(sha256sum <issuing.der)"
out=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/crl/ocsp.crl")
expect_rc "no CRL for the OCSP signer: 404" 404 "$out"
out=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/ca/nosuch.crt")
expect_rc "unknown CA: 404" 404 "$out"

# --- Lookup, download, inspect --------------------------------------------------------------
out=$(curl -s "$BASE/api/v1/public/certificates?serial=$(tr 'A-F' 'a-f' <<<"$S_AN")")
expect_contains "lookup by serial (lower case)" "\"serial\":\"$S_AN\"" "$out"
expect_contains "lookup shows revoked with reason" '"reason":"keyCompromise"' "$out"
out=$(curl -s "$BASE/api/v1/public/certificates?email=Binh.TT@bacninh.gov.vn")
expect_contains "lookup by e-mail" "\"serial\":\"$S_BINH\"" "$out"
expect_contains "lookup shows usages" '"emailProtection"' "$out"
out=$(curl -s "$BASE/api/v1/public/certificates?q=tran+thi+binh")
expect_contains "lookup by name without diacritics" "\"serial\":\"$S_BINH\"" "$out"
out=$(curl -s "$BASE/api/v1/public/certificates?q=so%20giao%20duc")
expect_contains "lookup by organization unit" "\"serial\":\"$S_BINH\"" "$out"
out=$(curl -s "$BASE/api/v1/public/certificates?q=ubnd+tinh+bac+ninh&limit=1")
expect_contains "lookup pages" '"has_more":true' "$out"
curl -s -o an-dl.pem "$BASE/api/v1/public/certificates/$S_AN.pem"
expect_rc ".pem download is the certificate" "$(openssl x509 -in an.pem -outform DER | sha256sum)" \
  "$(openssl x509 -in an-dl.pem -outform DER | sha256sum)"
curl -s -o an-dl.der "$BASE/api/v1/public/certificates/$S_AN.der"
expect_rc ".der download is the certificate" "$(openssl x509 -in an.pem -outform DER | sha256sum)" "$(sha256sum <an-dl.der)"

out=$(curl -s -F "file=@binh.pem" "$BASE/api/v1/public/inspect")
expect_contains "inspect (multipart): ours" '"ours":true' "$out"
expect_contains "inspect names the issuing CA" '"issued_by":{"common_name":"CA phục vụ các cơ quan Nhà nước","name":"issuing"}' "$out"
openssl x509 -in an.pem -outform DER -out an.der
out=$(curl -s --data-binary @an.der -H "Content-Type: application/pkix-cert" "$BASE/api/v1/public/inspect")
expect_contains "inspect (raw DER): status revoked" '"status":"revoked"' "$out"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout foreign.key -days 30 \
  -subj "/C=VN/CN=Nguyễn Văn An" -utf8 -out foreign.pem 2>/dev/null
out=$(curl -s -F "file=@foreign.pem" "$BASE/api/v1/public/inspect")
expect_contains "inspect of a foreign certificate: no CA of ours" '"issued_by":null' "$out"
expect_contains "inspect of a foreign certificate: not ours" '"ours":false' "$out"

# --- Bad input: 4xx or OCSP error responses, store unchanged ---------------------------------
before=$("$CT" cert show "$S_AN"; "$CT" cert show "$S_BINH")
head -c 300 /dev/urandom >garbage.bin
code=$(curl -s -o bad.der -w '%{http_code}' --data-binary @garbage.bin -H "Content-Type: application/ocsp-request" "$BASE/ocsp")
expect_rc "garbage OCSP POST: HTTP 200 (an OCSP answer)" 200 "$code"
out=$(openssl ocsp -respin bad.der -resp_text -noverify 2>&1 || true)
expect_contains "garbage OCSP POST: malformedRequest" "malformedrequest" "$out"
code=$(curl -s -o bad.der -w '%{http_code}' "$BASE/ocsp/not*base64")
out=$(openssl ocsp -respin bad.der -resp_text -noverify 2>&1 || true)
expect_contains "bad base64 GET: malformedRequest" "malformedrequest" "$out"
expect_rc "bad base64 GET: HTTP 200" 200 "$code"
head -c 100000 /dev/zero >huge.bin
code=$(curl -s -o bad.der -w '%{http_code}' --data-binary @huge.bin -H "Content-Type: application/ocsp-request" "$BASE/ocsp")
expect_rc "huge OCSP POST: 413" 413 "$code"
code=$(curl -s -o bad.der -w '%{http_code}' --data-binary @get.der "$BASE/ocsp")
expect_rc "OCSP POST with a form Content-Type: 415" 415 "$code"
out=$(openssl ocsp -respin bad.der -resp_text -noverify 2>&1 || true)
expect_contains "415 still carries an OCSP malformedRequest" "malformedrequest" "$out"
code=$(curl -s -o problem.json -w '%{http_code}' "$BASE/api/v1/public/certificates")
expect_rc "lookup without a parameter: 400" 400 "$code"
expect_contains "lookup error is problem+json, bilingual" '"title_en"' "$(cat problem.json)"
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/public/certificates?serial=zz")
expect_rc "lookup by a non-hex serial: 400" 400 "$code"
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/public/certificates?q=%C3%28")
expect_rc "lookup with invalid UTF-8: 400" 400 "$code"
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/public/certificates?q=an&limit=abc")
expect_rc "lookup with a bad limit: 400" 400 "$code"
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/public/certificates/0102.pem")
expect_rc "download of an unknown serial: 404" 404 "$code"
code=$(curl -s -o /dev/null -w '%{http_code}' --data-binary @garbage.bin -H "Content-Type: application/octet-stream" "$BASE/api/v1/public/inspect")
expect_rc "inspect of garbage: 400" 400 "$code"
code=$(curl -s -o /dev/null -w '%{http_code}' --data-binary @huge.bin -H "Content-Type: application/octet-stream" "$BASE/api/v1/public/inspect")
expect_rc "inspect of a huge file: 413" 413 "$code"
code=$(curl -s -o /dev/null -w '%{http_code}' --data-binary @an.der -H "Content-Type: application/json" "$BASE/api/v1/public/inspect")
expect_rc "inspect with a wrong Content-Type: 415" 415 "$code"
code=$(curl -s -o /dev/null -w '%{http_code}' -F "other=text" "$BASE/api/v1/public/inspect")
expect_rc "inspect of a form without a file: 400" 400 "$code"
after=$("$CT" cert show "$S_AN"; "$CT" cert show "$S_BINH")
expect_rc "bad input changed nothing in the store" "$before" "$after"
rc=0
"$CT" audit verify >/dev/null 2>&1 || rc=$?
expect_rc "audit log intact" 0 "$rc"

# --- HEAD on every GET route ---------------------------------------------------------------------
# head_like_get PATH: over one raw connection, HEAD PATH answers with GET's status and
# Content-Length and sends no body (RFC 9110 §9.3.2); prints "ok" or what differs.
head_like_get() {
  python3 - "$PORT" "$1" <<'PY'
import socket, sys
port, path = int(sys.argv[1]), sys.argv[2]
def ask(method):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    data = b""
    while chunk := s.recv(65536):
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    fields = {l.split(":", 1)[0].lower(): l.split(":", 1)[1].strip() for l in lines[1:] if ":" in l}
    return lines[0].split(" ")[1], fields.get("content-length"), body
gs, gl, gb = ask("GET")
hs, hl, hb = ask("HEAD")
print("ok" if (gs, gl) == (hs, hl) and gl == str(len(gb)) and hb == b"" else f"GET {gs} {gl} {len(gb)}; HEAD {hs} {hl} {len(hb)}")
PY
}
for path in /healthz /readyz /ca/issuing.crt /crl/issuing.crl "/ocsp/$B64" "/api/v1/public/certificates?q=tran+thi+binh" \
  "/api/v1/public/certificates/$S_AN.pem" /crl/nothing.crl /api/v1/openapi.json /api/v1/requests /; do
  expect_rc "HEAD $path: GET's status and length, no body" ok "$(head_like_get "$path")"
done

# --- Metrics and stop -------------------------------------------------------------------------
sleep 1.2
out=$(curl -s "$BASE/metrics")
expect_contains "metrics: OCSP cache size" "chungthu_ocsp_cache_entries" "$out"
expect_contains "metrics: OCSP cache age" "chungthu_ocsp_cache_oldest_age_seconds" "$out"
expect_contains "metrics: queue length" "chungthu_jobs_queued" "$out"
expect_contains "metrics: CRL age" "chungthu_crl_age_seconds_issuing" "$out"
stop_server
expect_rc "SIGTERM stops the service cleanly" 0 "$SERVER_RC"
if grep -qiE "AddressSanitizer|runtime error" serve.log; then failed "sanitizers quiet"; cat serve.log; else pass "sanitizers quiet"; fi
finish
