#!/usr/bin/env bash
# Security findings over real HTTP against `chungthu serve` on loopback (issue 14), each a
# regression named after it:
#   - throttling per address: 200 wrong passwords from one client do not stop the right user
#     from another; the stranger's client waits (429, Retry-After) without hashing;
#   - the trusted proxy: X-Forwarded-For and X-Forwarded-Proto are believed only from
#     server.trusted_proxies (the client address and the cookie's Secure);
#   - /metrics only for this machine or a bearer of server.metrics_token, not for clients behind
#     a local proxy;
#   - the sign-in body is small (413 past 8 KiB).
# Usage: api_security.sh path/to/chungthu
CT="$1"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/api_lib.sh"

new_instance
seed_school
add_user um1 unit_manager "$S1"

export CHUNGTHU_SERVER_TRUSTED_PROXIES="127.0.0.1,::1"
export CHUNGTHU_SERVER_METRICS_TOKEN="metrics-token-for-the-scraper"
start_server

# sign_in_from ADDRESS LOGIN PASSWORD: a sign-in that came through our proxy from ADDRESS;
# STATUS, BODY, and the headers in $SCRATCH/headers.
sign_in_from() {
  local body
  body=$(printf '{"login":"%s","password":"%s"}' "$2" "$3")
  STATUS=$(curl -sS -o "$SCRATCH/body" -D "$SCRATCH/headers" -w '%{http_code}' -H "X-Forwarded-For: $1" \
    -H 'X-Forwarded-Proto: https' -H 'Content-Type: application/json' --data-binary "$body" "$BASE/api/v1/session")
  BODY=$(cat "$SCRATCH/body")
}

THROTTLED=0
START=$(date +%s)
for _ in $(seq 1 200); do
  sign_in_from 203.0.113.7 um1 "not-the-password"
  if [ "$STATUS" = 429 ]; then THROTTLED=$((THROTTLED + 1)); fi
done
ELAPSED=$(($(date +%s) - START))
# The waits grow 1, 2, 4 … s, so only about log2(elapsed) attempts after the free ones are looked at.
[ "$THROTTLED" -ge 150 ] && pass "WrongPasswordsFromOneAddressAreThrottled ($THROTTLED of 200 answered 429 at once, ${ELAPSED}s)" \
  || failed "WrongPasswordsFromOneAddressAreThrottled: only $THROTTLED of 200 answered 429"
expect_contains "the 429 says when to come back" "Retry-After:" "$(cat "$SCRATCH/headers")"
sign_in_from 203.0.113.7 um1 "$PW"
expect_rc "the right password waits too, from the stranger's address" 429 "$STATUS"
sign_in_from 198.51.100.9 um1 "$PW"
expect_rc "WrongPasswordsFromOneAddressDoNotStopTheRightUserFromAnother" 201 "$STATUS"
expect_contains "HTTPS at the trusted proxy: the cookie is Secure" "; Secure" "$(grep -i '^set-cookie' "$SCRATCH/headers")"
N=$(sqlite3 data/chungthu.db "SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login_failed'")
[ "$N" -le 2 ] && pass "FailedSignInsDoNotFloodTheAudit ($N entries for 200 failures)" \
  || failed "FailedSignInsDoNotFloodTheAudit: $N entries for 200 failures"
N=$(sqlite3 data/chungthu.db "SELECT COUNT(*) FROM sign_in_throttle")
expect_rc "the throttle keeps digests per address and per (login, address), nothing more" 2 "$N"
N=$(sqlite3 data/chungthu.db "SELECT COUNT(*) FROM sign_in_throttle WHERE key LIKE '%203.0.113.7%' OR key LIKE '%um1%'")
expect_rc "no address or login in clear" 0 "$N"

# Without a session cookie, a too-large sign-in body is refused before anything else.
python3 -c 'import json; print(json.dumps({"login": "um1", "password": "x" * 20000}))' >big.json
api - POST /api/v1/session -H 'Content-Type: application/json' --data-binary @big.json
expect_problem "SignInBodyIsSmall" 413

# /metrics: this machine, yes; a client behind our proxy, no; a bearer of the token, yes.
api - GET /metrics
expect_rc "metrics for this machine" 200 "$STATUS"
expect_contains "metric names kept" "chungthu_http_requests" "$BODY"
api - GET /metrics -H 'X-Forwarded-For: 203.0.113.7'
expect_rc "MetricsAreNotPublicBehindAProxy" 404 "$STATUS"
expect_not_contains "the refusal shows no metric" "chungthu_" "$BODY"
api - GET /metrics -H 'X-Forwarded-For: 203.0.113.7' -H "Authorization: Bearer $CHUNGTHU_SERVER_METRICS_TOKEN"
expect_rc "metrics for the bearer of the token" 200 "$STATUS"
api - GET /metrics -H 'X-Forwarded-For: 203.0.113.7' -H "Authorization: Bearer wrong-token-wrong-token"
expect_rc "not for a wrong token" 404 "$STATUS"
stop_server

# A peer that is not a trusted proxy: its X-Forwarded-For is not believed (the client is the
# peer), and X-Forwarded-Proto does not make cookies Secure; /metrics with a forwarded header
# is still refused (a local proxy that is not configured as trusted).
unset CHUNGTHU_SERVER_TRUSTED_PROXIES
start_server
sign_in_from 198.51.100.9 um1 "not-the-password"
PEER_KEY="a:$(printf '%s' 127.0.0.1 | sha256sum | cut -d' ' -f1)"
N=$(sqlite3 data/chungthu.db "SELECT failures FROM sign_in_throttle WHERE key = '$PEER_KEY'")
expect_rc "UntrustedForwardedForIsIgnored (the failure counted against the peer)" 1 "$N"
sign_in_from 198.51.100.9 um1 "$PW"
expect_not_contains "UntrustedForwardedProtoIsIgnored (no Secure cookie over plain HTTP)" "Secure" \
  "$(grep -i '^set-cookie' "$SCRATCH/headers")"
api - GET /metrics -H 'X-Forwarded-For: 127.0.0.1'
expect_rc "metrics not for a forwarded request from an untrusted local peer" 404 "$STATUS"
stop_server
expect_rc "serve exits 0" 0 "$SERVER_RC"

finish
