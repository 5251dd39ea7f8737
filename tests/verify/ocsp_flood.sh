#!/usr/bin/env bash
# Issue 14, item 1, over HTTP against `chungthu serve` on 127.0.0.1: OCSP memory stays under the
# stated bound (cache entries × (OCSP certificate + 2 KiB), docs/pki.md#ocsp) after 10,000
# distinct padded requests (a valid CertID with a junk extension of 1 to 8 KiB, POST and GET,
# with and without a nonce), which share one cache entry; serials we never issued are answered
# `unauthorized` without a signature; the requests the cache cannot answer from memory are
# limited per client (429, Retry-After, a tryLater body), the cached ones never.
# Usage: ocsp_flood.sh path/to/chungthu
CT="$1"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/api_lib.sh"
export CHUNGTHU_OCSP_RATE_LIMIT_PER_SECOND=1 CHUNGTHU_OCSP_RATE_LIMIT_BURST=10
# Under ASan a freed request sits in the quarantine (256 MB by default) and would count as held.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=1"

# metric NAME: its value from /metrics (the gauges are refreshed every second).
metric() { curl -s "$BASE/metrics" | awk -v n="$1" '$1 == n { printf "%d\n", $2 }'; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status"; }

new_instance
ca_certs
cat issuing.pem root.pem >chain.pem
"$CT" ca cert ocsp >ocsp.pem
new_csr an
"$CT" cert issue --csr an.csr --profile individual --email an.nv@bacninh.gov.vn --out an.pem \
  --subject "C=VN,ST=Bắc Ninh,O=UBND tỉnh Bắc Ninh,CN=Nguyễn Văn An" >/dev/null
openssl ocsp -issuer issuing.pem -cert an.pem -no_nonce -reqout base.der 2>/dev/null
for i in $(seq 1 30); do
  openssl ocsp -issuer issuing.pem -serial "0x7E$(printf '%06X' "$i")" -no_nonce -reqout "unknown$i.der" 2>/dev/null
done
start_server

# flood.py: padded variants of base.der sent over one keep-alive connection; prints the HTTP
# statuses seen, the bytes sent, and whether every answer was the same response.
cat >flood.py <<'PY'
import base64, http.client, os, sys, urllib.parse
port, count = int(sys.argv[1]), int(sys.argv[2])
def tlv(tag, content):
    n = len(content)
    if n < 128:
        return bytes([tag, n]) + content
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(b)]) + b + content
def element(b, i):  # (content start, end) of the element at i
    n, j = b[i + 1], i + 2
    if n & 0x80:
        k = n & 0x7F
        n, j = int.from_bytes(b[j:j + k], "big"), j + k
    return j, j + n
base = open("base.der", "rb").read()
s, _ = element(base, 0)
ts, te = element(base, s)
tbs = base[ts:te]
def oid(dotted):
    arcs = [int(a) for a in dotted.split(".")]
    out = bytes([40 * arcs[0] + arcs[1]])
    for a in arcs[2:]:
        digits = [a & 0x7F]
        while a > 0x7F:
            a >>= 7
            digits.insert(0, 0x80 | (a & 0x7F))
        out += bytes(digits)
    return out
JUNK_OID = oid("1.3.6.1.4.1.55555.1")  # private: no responder knows it
NONCE_OID = oid("1.3.6.1.5.5.7.48.1.2")
def padded(i, size):
    junk = i.to_bytes(4, "big") + os.urandom(4) + bytes(size - 8)
    exts = tlv(0x30, tlv(0x06, JUNK_OID) + tlv(0x04, junk))
    if i % 3 == 0:
        exts += tlv(0x30, tlv(0x06, NONCE_OID) + tlv(0x04, tlv(0x04, os.urandom(16))))
    return tlv(0x30, tlv(0x30, tbs + tlv(0xA2, tlv(0x30, exts))))
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
statuses, sent, bodies = {}, 0, set()
for i in range(count):
    if i % 10 == 9:  # GET (RFC 5019 §5): the URL limit is 8 KiB, so a smaller pad
        req = padded(i, 1024 + i % 3072)
        path = "/ocsp/" + urllib.parse.quote(base64.b64encode(req).decode(), safe="")
        conn.request("GET", path)
    else:
        req = padded(i, 1024 + (i * 7919) % 7168)
        conn.request("POST", "/ocsp", body=req, headers={"Content-Type": "application/ocsp-request"})
    r = conn.getresponse()
    bodies.add(r.read())
    statuses[r.status] = statuses.get(r.status, 0) + 1
    sent += len(req)
print(" ".join(f"{k}:{v}" for k, v in sorted(statuses.items())), sent, "same" if len(bodies) == 1 else f"{len(bodies)} bodies")
PY

# --- 10,000 distinct padded requests for one CertID -------------------------------------------
curl -s -o first.der --data-binary @base.der -H "Content-Type: application/ocsp-request" "$BASE/ocsp"
out=$(openssl ocsp -respin first.der -issuer issuing.pem -cert an.pem -CAfile chain.pem -no_nonce 2>&1 || true)
expect_contains "the plain request: good" "an.pem: good" "$out"
expect_contains "the plain request: signed by the OCSP certificate" "Response verify OK" "$out"
python3 flood.py "$PORT" 200 >/dev/null  # buffers and threads the flood will use anyway
sleep 1.2
entries_before=$(metric chungthu_ocsp_cache_entries)
signatures_before=$(metric chungthu_ocsp_signatures)
rss_before=$(rss_kb)
read -r statuses sent same < <(python3 flood.py "$PORT" 10000)
rss_after=$(rss_kb)
expect_rc "10,000 padded requests: all answered 200, none limited" "200:10000" "$statuses"
expect_rc "10,000 padded requests: one response for all (the CertID's entry)" same "$same"
sleep 1.2
entries=$(metric chungthu_ocsp_cache_entries)
bytes=$(metric chungthu_ocsp_cache_bytes)
expect_rc "10,000 padded requests: no new cache entry" "$entries_before" "$entries"
expect_rc "10,000 padded requests: no signature" "$signatures_before" "$(metric chungthu_ocsp_signatures)"
entry_bound=$(($(openssl x509 -in ocsp.pem -outform DER | wc -c) + 2048))
bound=$((entries * entry_bound))
if [ "$bytes" -le "$bound" ]; then
  pass "cache memory $bytes bytes ≤ the stated bound $entries × $entry_bound = $bound bytes"
else
  failed "cache memory $bytes bytes > the stated bound $entries × $entry_bound = $bound bytes"
fi
# The whole process: what it kept of $sent bytes of requests. Allowance: allocator and
# connection buffers, which do not grow with the number of requests (measured: under 2 MB).
growth_kb=$((rss_after - rss_before))
allowance_kb=$((8 * 1024 + bound / 1024))
echo "# sent $sent bytes; server RSS ${rss_before} kB → ${rss_after} kB (growth ${growth_kb} kB); cache $entries entries, $bytes bytes"
if [ "$growth_kb" -le "$allowance_kb" ]; then
  pass "OCSP memory stays under the stated bound after 10,000 distinct padded requests (growth ${growth_kb} kB ≤ ${allowance_kb} kB)"
else
  failed "OCSP memory grew by ${growth_kb} kB (> ${allowance_kb} kB) for 10,000 distinct padded requests of $sent bytes"
fi

# --- GET misses leave the fast path for the router's route, under the same limit ---------------
get_path() { echo "/ocsp/$(base64 -w0 "$1" | sed 's/+/%2B/g; s,/,%2F,g; s/=/%3D/g')"; }
openssl ocsp -issuer issuing.pem -sha256 -cert an.pem -no_nonce -reqout sha256.der 2>/dev/null
curl -s -o get-sha256.der "$BASE$(get_path sha256.der)"
out=$(openssl ocsp -respin get-sha256.der -issuer issuing.pem -sha256 -cert an.pem -CAfile chain.pem -no_nonce 2>&1 || true)
expect_contains "GET of a CertID not cached yet (SHA-256): good" "an.pem: good" "$out"
expect_contains "GET of a CertID not cached yet (SHA-256): signed" "Response verify OK" "$out"
curl -s -o get-unknown.der "$BASE$(get_path unknown30.der)"
out=$(openssl ocsp -respin get-unknown.der -resp_text -noverify 2>&1 || true)
expect_contains "GET of an unknown serial: unauthorized" "unauthorized" "$out"
sleep 1.2
signatures_before=$(metric chungthu_ocsp_signatures)
entries_before=$(metric chungthu_ocsp_cache_entries)

# --- Unknown serials: no signature, limited per client ------------------------------------------
sleep 2  # the bucket is full again (10 tokens at 1 a second; the flood took none)
codes=""
for i in $(seq 1 30); do
  code=$(curl -s -D "h$i" -o "u$i.der" -w '%{http_code}' --data-binary "@unknown$i.der" \
    -H "Content-Type: application/ocsp-request" "$BASE/ocsp")
  codes="$codes $code"
done
answered=$(tr ' ' '\n' <<<"$codes" | grep -c '^200$' || true)
limited=$(tr ' ' '\n' <<<"$codes" | grep -c '^429$' || true)
if [ "$answered" -ge 10 ] && [ "$answered" -le 14 ] && [ $((answered + limited)) -eq 30 ]; then
  pass "30 unknown serials at once: the burst (10) answered, the rest 429 ($codes)"
else
  failed "30 unknown serials at once: expected about 10 × 200 then 429, got$codes"
fi
out=$(openssl ocsp -respin u1.der -resp_text -noverify 2>&1 || true)
expect_contains "unknown serial: unauthorized (RFC 5019 §2.2.3), unsigned" "unauthorized" "$out"
last_headers=$(tr -d '\r' <h30)
expect_contains "429 carries Retry-After" "Retry-After: 1" "$last_headers"
expect_contains "429 is still an OCSP response" "Content-Type: application/ocsp-response" "$last_headers"
out=$(openssl ocsp -respin u30.der -resp_text -noverify 2>&1 || true)
expect_contains "429 body: tryLater" "trylater" "$out"
code=$(curl -s -o cached.der -w '%{http_code}' --data-binary @base.der -H "Content-Type: application/ocsp-request" "$BASE/ocsp")
expect_rc "a cached answer is never limited" 200 "$code"
expect_rc "a cached answer is the same response" "$(sha256sum <first.der)" "$(sha256sum <cached.der)"
sleep 1.2
expect_rc "unknown serials cost no signature" "$signatures_before" "$(metric chungthu_ocsp_signatures)"
expect_rc "unknown serials are not cached" "$entries_before" "$(metric chungthu_ocsp_cache_entries)"

stop_server
expect_rc "SIGTERM stops the service cleanly" 0 "$SERVER_RC"
if grep -qiE "AddressSanitizer|runtime error" "$SCRATCH/serve.log"; then failed "sanitizers quiet"; cat "$SCRATCH/serve.log"; else pass "sanitizers quiet"; fi
finish
