#!/usr/bin/env bash
# The registration workflow over real HTTP against `chungthu serve` (SPEC §4): a `new` and a
# `revoke` request through the API by the four roles — the unit manager creates and submits,
# the aggregator batches and submits, the registration office approves (two people for the
# revocation), the worker inside the server executes — then the issued certificate is fetched
# and checked with openssl. Ends with SIGTERM: the server must exit 0.
# Usage: api_journey.sh path/to/chungthu
CT="$1"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/api_lib.sh"

new_instance
ca_certs
seed_school
add_user um1 unit_manager "$S1"
add_user agg aggregator "$EDU"
RA1=$("$CT" user add --login ra1 --role ra_officer --password-file pw --json | json "d['totp_secret']")
RA2=$("$CT" user add --login ra2 --role ra_officer --password-file pw --json | json "d['totp_secret']")
OUT=$("$CT" user add --login ca1 --role ca_operator --password-file pw)
expect_contains "TOTP secret printed once at user add" "TOTP secret (shown once)" "$OUT"
expect_contains "otpauth URI printed" "otpauth://totp/chungthu:ca1?secret=" "$OUT"
N=$(sqlite3 data/chungthu.db "SELECT COUNT(*) FROM user_totp")
expect_rc "TOTP secrets stored for the three officer accounts" 3 "$N"
SECRET_IN_DB=$(sqlite3 data/chungthu.db "SELECT COUNT(*) FROM user_totp WHERE secret_box LIKE '%$RA1%'")
expect_rc "TOTP secret stored sealed, not in clear" 0 "$SECRET_IN_DB"

# The log as JSON lines with the access log on (common/logging.h), checked at the end.
export CHUNGTHU_LOG_FORMAT=json CHUNGTHU_LOG_ACCESS=true
start_server
unset CHUNGTHU_LOG_FORMAT CHUNGTHU_LOG_ACCESS

sign_in um1 "$PW"
expect_rc "unit manager signs in with a password" 201 "$STATUS"
sign_in agg "$PW"
sign_in ra1 "$PW"
expect_rc "registration officer without TOTP refused" 401 "$STATUS"
RIGHT_PASSWORD_NO_CODE=$BODY
sign_in ra1 "not-the-password"
expect_rc "registration officer with a wrong password refused" 401 "$STATUS"
expect_rc "SignInDoesNotTellARightPasswordFromAWrongOne" "$RIGHT_PASSWORD_NO_CODE" "$BODY"
sign_in ra1 "$PW" "$RA1"
expect_rc "registration officer signs in with TOTP" 201 "$STATUS"
sign_in ra2 "$PW" "$RA2"
expect_rc "second officer signs in" 201 "$STATUS"
COOKIE=$(grep chungthu_session um1.jar | awk '{print $NF}')
expect_contains "cookie is HttpOnly (curl jar marks it)" "#HttpOnly_127.0.0.1" "$(cat um1.jar)"

api um1 GET /api/v1/session
expect_rc "session: who am I" unit_manager "$(json "d['user']['role']" <<<"$BODY")"

api_json um1 POST /api/v1/subscribers "{\"org_id\": $S1, \"full_name\": \"Nguyễn Văn An\", \"dob\": \"15/06/1985\",
  \"cccd\": \"027085000001\", \"cccd_date\": \"10/05/2021\", \"cccd_place\": \"C06\", \"email\": \"an.nv@bacninh.gov.vn\",
  \"position\": \"Giáo viên\", \"phone\": \"0912345678\", \"device\": \"SOFT\"}"
expect_rc "unit manager adds a person" 201 "$STATUS"
AN=$(json "d['id']" <<<"$BODY")

new_csr a rsa:2048
CSR_JSON=$(python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' a.csr)
sample_pdfs

api_json um1 POST /api/v1/requests "{\"type\": \"new\", \"subscriber_id\": $AN, \"csr_pem\": $CSR_JSON}"
expect_rc "new: draft created" 201 "$STATUS"
R=$(json "d['id']" <<<"$BODY")
api_json um1 POST "/api/v1/requests/$R/submit" '{}'
expect_problem "new without documents: submit refused with findings" 422
expect_contains "findings list the missing document" "request_letter" "$BODY"
api um1 POST "/api/v1/requests/$R/attachments?kind=request_letter&name=%C4%90%C6%A1n.pdf" \
  -H 'Content-Type: application/pdf' --data-binary @don.pdf
expect_rc "request letter uploaded" 201 "$STATUS"
api um1 POST "/api/v1/requests/$R/attachments?kind=appointment_decision&name=qd.pdf" \
  -H 'Content-Type: application/pdf' --data-binary @qd.pdf
ATT=$(json "[a['id'] for a in d['attachments'] if a['kind']=='appointment_decision'][0]" <<<"$BODY")
api um1 GET "/api/v1/requests/$R/attachments/$ATT"
expect_rc "document downloads byte for byte" "$(cat qd.pdf)" "$BODY"
api um1 POST "/api/v1/requests/$R/attachments?kind=other&name=nham.pdf" \
  -H 'Content-Type: application/pdf' --data-binary @don.pdf
WRONG=$(json "[a['id'] for a in d['attachments'] if a['name']=='nham.pdf'][0]" <<<"$BODY")
api um1 DELETE "/api/v1/requests/$R/attachments/$WRONG"
expect_rc "a document uploaded by mistake is taken off" 2 "$(json "len(d['attachments'])" <<<"$BODY")"
expect_contains "the timeline says which" "removed other: nham.pdf" "$(json "d['timeline'][-1]['comment']" <<<"$BODY")"
api um1 DELETE "/api/v1/requests/$R/attachments/$WRONG"
expect_problem "taking it off twice: 404" 404
api um1 GET "/api/v1/requests?q=nguyen%20van%20an&type=new"
expect_rc "requests found by the name typed without diacritics" "[$R]" "$(json "[r['id'] for r in d['items']]" <<<"$BODY")"
api um1 POST "/api/v1/requests/$R/submit"
expect_rc "new: submitted (empty body allowed)" submitted "$(json "d['state']" <<<"$BODY")"

api_json agg POST /api/v1/rounds '{"name": "Đợt tháng 12", "deadline": "31/12/2099"}'
expect_rc "aggregator opens a round" 201 "$STATUS"
ROUND=$(json "d['id']" <<<"$BODY")
batch_forward() { # request id
  api_json agg POST /api/v1/batches "{\"round_id\": $ROUND}"
  local b; b=$(json "d['id']" <<<"$BODY")
  api_json agg POST "/api/v1/batches/$b/requests" "{\"request_ids\": [$1]}"
  api_json agg POST "/api/v1/batches/$b/submit" '{"comment": "Danh sách đợt 12"}'
}
api_json agg POST /api/v1/batches "{\"round_id\": $ROUND}"
B0=$(json "d['id']" <<<"$BODY")
api_json agg POST "/api/v1/batches/$B0/requests" "{\"request_ids\": [$R]}"
api agg DELETE "/api/v1/batches/$B0/requests/$R"
expect_rc "aggregator takes a request off an open batch" 0 "$(json "d['requests']" <<<"$BODY")"
api um1 GET "/api/v1/requests/$R"
expect_rc "it stays submitted, in no batch" "submitted None" "$(json "d['state'], d['batch_id']" <<<"$BODY" | tr -d "(),'")"
batch_forward "$R"
expect_rc "batch submitted" submitted "$(json "d['state']" <<<"$BODY")"
api ra1 GET "/api/v1/requests/$R"
expect_rc "new: forwarded" forwarded "$(json "d['state']" <<<"$BODY")"
api um1 POST "/api/v1/requests/$R/approve"
expect_problem "unit manager cannot approve" 403
api ra1 POST "/api/v1/requests/$R/approve"
expect_rc "new: approved" 200 "$STATUS"

wait_state() { # request id, state: polls until the worker inside the server is done
  local s=""
  for _ in $(seq 1 300); do
    api um1 GET "/api/v1/requests/$1"
    s=$(json "d['state']" <<<"$BODY")
    [ "$s" = "$2" ] && break
    sleep 0.1
  done
  echo "$s"
}
expect_rc "new: completed by the worker inside the server" completed "$(wait_state "$R" completed)"
api um1 GET "/api/v1/requests/$R"
SERIAL=$(json "d['result_serial']" <<<"$BODY")
api um1 GET "/api/v1/certificates/$SERIAL"
expect_rc "unit manager fetches the issued certificate" 200 "$STATUS"
json "d['pem']" <<<"$BODY" >an.pem
OUT=$(openssl verify -x509_strict -CAfile root.pem -untrusted issuing.pem an.pem 2>&1 || true)
expect_contains "openssl verify -x509_strict accepts it" "an.pem: OK" "$OUT"
OUT=$(openssl x509 -in an.pem -noout -subject -nameopt utf8,sep_comma_plus)
expect_contains "subject from the registry" "OU=Trường THPT Hàn Thuyên,CN=Nguyễn Văn An" "$OUT"

api_json um1 POST /api/v1/requests "{\"type\": \"revoke\", \"subscriber_id\": $AN, \"cert_serial\": \"$SERIAL\",
  \"ground\": \"retirement\"}"
R2=$(json "d['id']" <<<"$BODY")
api um1 POST "/api/v1/requests/$R2/attachments?kind=request_letter&name=don.pdf" \
  -H 'Content-Type: application/pdf' --data-binary @don.pdf
api um1 POST "/api/v1/requests/$R2/submit"
batch_forward "$R2"
api ra1 POST "/api/v1/requests/$R2/approve"
expect_rc "revoke: one approval is not enough" forwarded "$(json "d['state']" <<<"$BODY")"
api ra2 GET "/api/v1/requests?state=forwarded"
expect_rc "the queue's list says who approved already" "['ra1']" "$(json "[r['approvals'] for r in d['items'] if r['id']==$R2][0]" <<<"$BODY")"
api ra1 POST "/api/v1/requests/$R2/approve"
expect_problem "revoke: the same officer cannot approve twice" 409
api ra2 POST "/api/v1/requests/$R2/approve"
expect_rc "revoke: approved by a second officer" approved "$(json "d['state']" <<<"$BODY")"
expect_rc "revoke: completed" completed "$(wait_state "$R2" completed)"
api um1 GET "/api/v1/certificates/$SERIAL"
expect_rc "certificate revoked" revoked "$(json "d['status']" <<<"$BODY")"
expect_rc "reason cessationOfOperation" cessationOfOperation "$(json "d['revocation_reason']" <<<"$BODY")"
api um1 GET "/api/v1/requests/$R2"
expect_contains "timeline records both approvals" "ra2" "$(json "d['approvals']" <<<"$BODY")"

api um1 GET "/api/v1/requests?state=completed"
expect_rc "list filtered by state" 2 "$(json "len(d['items'])" <<<"$BODY")"
api um1 GET /api/v1/statistics
expect_rc "statistics in scope" 2 "$(json "d['requests_by_state']['completed']" <<<"$BODY")"

api um1 DELETE /api/v1/session
expect_rc "sign out" 204 "$STATUS"
api um1 GET /api/v1/session
expect_problem "signed out: the session is gone" 401
curl -sS -o /dev/null -w '%{http_code}' -b "chungthu_session=$COOKIE" "$BASE/api/v1/session" >code
expect_rc "the old cookie no longer works" 401 "$(cat code)"

api - GET /metrics
expect_contains "requests timed by route pattern" 'route="/api/v1/requests/{id}/approve"' "$BODY"

RID=$(curl -sS -D - -o /dev/null "$BASE/healthz" | tr -d '\r' | sed -n 's/^[Xx]-[Rr]equest-[Ii]d: //p')
stop_server
expect_rc "SIGTERM: clean exit" 0 "$SERVER_RC"
out=$(python3 - serve.log "$RID" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]  # fails on a line that is not JSON
need = set("time level event msg".split())
assert all(need <= set(l) for l in lines), "a line without time, level, event or msg"
assert any(l["event"] == "serve" and l["level"] == "info" and "serving on" in l["msg"] for l in lines), "no start-up line"
approve = [l for l in lines if l["event"] == "http.request" and l.get("route") == "/api/v1/requests/{id}/approve"]
assert all(l["method"] == "POST" and "status" in l and "duration_ms" in l for l in approve), "access lines incomplete"
assert any(l.get("actor") == "ra1" and l["status"] == 200 for l in approve), "ra1's approval not in the access log"
assert any(l.get("actor") == "um1" and l["status"] == 403 for l in approve), "um1's refused approval not logged"
assert any(l.get("request_id") == sys.argv[2] and l.get("route") == "/healthz" for l in lines), "X-Request-Id not logged"
print(f"ok {len(lines)} lines")
PY
)
expect_contains "the log is JSON lines: start-up at info, the access log with route, actor, status, duration and the X-Request-Id" "ok " "$out"
for secret in "$PW" "$COOKIE" "$RA1" "$(cat um1.csrf)"; do
  if grep -qF -- "$secret" serve.log; then failed "a secret appears in the server log"; else pass "no secret in the server log"; fi
done
run_verify=$("$CT" audit verify 2>&1 || true)
expect_contains "audit chain verifies" "chain holds" "$run_verify"
finish
