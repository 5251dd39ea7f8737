#!/usr/bin/env bash
# Bad input over real HTTP (SPEC §7, §12): malformed JSON, wrong types, missing and unknown
# fields, huge bodies, path traversal in attachment names, wrong content types, unknown routes,
# no session, no CSRF token — each a 4xx application/problem+json in Vietnamese and English,
# and the store unchanged; the dry-run routes store nothing. The web portal refuses traversal
# (`..`, percent-encoded dots, backslashes) and answers other methods 405. Also: every route of
# the OpenAPI document is served (none answers the router's 404), and an unknown one is not.
# Usage: api_bad_input.sh path/to/chungthu
CT="$1"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/api_lib.sh"

new_instance
seed_province
S1=$("$CT" org add --name "Trường THPT Hàn Thuyên" --parent "$P")
seed_mailbox_request "$S1"

mkdir -p web/assets
printf '<!doctype html><title>chungthu</title><div id="root"></div>\n' >web/index.html
printf 'console.log(1)\n' >web/assets/index-abc123.js
printf 'outside the portal\n' >secret.txt
export CHUNGTHU_SERVER_WEB_DIR="$SCRATCH/web"

start_server
sign_in um1 "$PW"

snapshot() {
  sqlite3 data/chungthu.db "SELECT (SELECT COUNT(*) FROM requests) || '/' || (SELECT COUNT(*) FROM attachments) || '/' ||
    (SELECT COUNT(*) FROM subscribers) || '/' || (SELECT COUNT(*) FROM organizations) || '/' ||
    (SELECT group_concat(state) FROM requests) || '/' || (SELECT COUNT(*) FROM request_events)"
}
BEFORE=$(snapshot)

# create_refused NAME STATUS JSON: um1 posts JSON to /api/v1/requests; the answer is the problem
# STATUS (expect_problem NAME STATUS).
create_refused() {
  api_json um1 POST /api/v1/requests "$3"
  expect_problem "$1" "$2"
}
create_refused "malformed JSON" 400 '{"type": "new", "subscriber_id": '
create_refused "JSON that is not an object" 400 '[1, 2, 3]'
create_refused "wrong type" 400 "{\"type\": \"mailbox\", \"subscriber_id\": \"$AN\"}"
expect_contains "wrong type: names the field" '"field":"subscriber_id"' "$BODY"
create_refused "missing field" 400 '{"type": "mailbox"}'
expect_contains "missing field: names it" '"field":"subscriber_id"' "$BODY"
create_refused "unknown field" 400 "{\"type\": \"mailbox\", \"subscriber_id\": $AN, \"priority\": 1}"
expect_contains "unknown field: names it" '"field":"priority"' "$BODY"
create_refused "unknown request type" 400 "{\"type\": \"steal\", \"subscriber_id\": $AN}"
create_refused "a fraction for an id" 400 "{\"type\": \"mailbox\", \"subscriber_id\": 1.5}"
create_refused "unknown subscriber" 404 "{\"type\": \"mailbox\", \"subscriber_id\": 99999}"
python3 -c 'import json; print(json.dumps({"type": "mailbox", "subscriber_id": 1, "note": "x" * 2000000}))' >huge.json
api um1 POST /api/v1/requests -H 'Content-Type: application/json' --data-binary @huge.json
expect_problem "huge JSON body" 413
python3 -c 'print("[" * 100000 + "]" * 100000)' >deep.json
api um1 POST /api/v1/requests -H 'Content-Type: application/json' --data-binary @deep.json
expect_problem "deeply nested JSON" 400
api um1 POST /api/v1/requests -H 'Content-Type: text/plain' --data-binary "{\"type\": \"mailbox\", \"subscriber_id\": $AN}"
expect_problem "wrong content type" 415
api um1 POST /api/v1/requests --data-binary "type=mailbox&subscriber_id=$AN"
expect_problem "form-encoded body" 415
api_json um1 PATCH "/api/v1/requests/$R" '{"note": 5}'
expect_problem "edit: wrong type" 400
api_json um1 POST "/api/v1/requests/$R/submit" '{"comment": "ok", "extra": true}'
expect_problem "transition: unknown field" 400

printf '%%PDF-1.4\nđơn\n' >don.pdf
for name in '..%2F..%2F..%2Fetc%2Fpasswd' '..' '%2Fetc%2Fshadow' 'a%5C..%5Cb.pdf' 'x%00.pdf' 'C%3A%5Cboot.ini' ''; do
  api um1 POST "/api/v1/requests/$R/attachments?kind=request_letter&name=$name" -H 'Content-Type: application/pdf' \
    --data-binary @don.pdf
  expect_problem "attachment name '$name' refused" 400
done
api um1 POST "/api/v1/requests/$R/attachments?kind=request_letter&name=a.pdf" -H 'Content-Type: text/html' \
  --data-binary @don.pdf
expect_problem "attachment of the wrong content type" 415
printf 'MZ\x90\x00 not a pdf' >virus.pdf
api um1 POST "/api/v1/requests/$R/attachments?kind=request_letter&name=a.pdf" -H 'Content-Type: application/pdf' \
  --data-binary @virus.pdf
expect_problem "attachment that is not a PDF inside" 400
api um1 POST "/api/v1/requests/$R/attachments?kind=passport&name=a.pdf" -H 'Content-Type: application/pdf' \
  --data-binary @don.pdf
expect_problem "attachment of an unknown kind" 400
{ printf '%%PDF-1.4\n'; head -c 11000000 /dev/zero; } >big.pdf
api um1 POST "/api/v1/requests/$R/attachments?kind=request_letter&name=big.pdf" -H 'Content-Type: application/pdf' \
  --data-binary @big.pdf
expect_problem "attachment over the size limit" 413

api um1 GET /api/v1/nothing-here
expect_problem "unknown route" 404
api um1 GET /api/v1/requests/abc
expect_problem "non-numeric id" 404
api um1 GET "/api/v1/requests/$R/../../../etc/passwd" --path-as-is
expect_problem "path traversal in the URL" 404
api um1 GET "/api/v1/requests?limit=abc"
expect_problem "bad query parameter" 400
api um1 GET "/api/v1/requests?state=lost"
expect_problem "unknown state filter" 400
api um1 GET "/api/v1/requests/$R" --data-binary 'x'
expect_problem "a body where none is taken" 400
api - GET /api/v1/requests
expect_problem "no session" 401
api - GET /api/v1/requests -b 'chungthu_session=0000000000000000000000000000000000000000000000000000000000000000'
expect_problem "forged session" 401
curl -sS -o body -w '%{http_code}' -X POST -b um1.jar -H 'X-CSRF-Token: wrong' "$BASE/api/v1/requests/$R/cancel" >code
expect_rc "wrong CSRF token" 403 "$(cat code)"
curl -sS -o body -w '%{http_code}' -X POST -b um1.jar "$BASE/api/v1/requests/$R/cancel" >code
expect_rc "no CSRF token" 403 "$(cat code)"
api_json - POST /api/v1/session '{"login": "um1", "password": "wrong"}'
expect_problem "wrong password" 401
api_json - POST /api/v1/session '{"login": "um1"}'
expect_problem "sign-in without a password" 400

api_json um1 POST /api/v1/subscribers/validate '{"org_id": '
expect_problem "subscriber dry run: malformed JSON" 400
api_json um1 POST /api/v1/subscribers/validate "{\"org_id\": $S1, \"full_name\": \"Lê Thị Mới\", \"shoe_size\": 42}"
expect_problem "subscriber dry run: unknown field" 400
api_json um1 POST /api/v1/subscribers/validate "{\"org_id\": $S1, \"full_name\": \"Lê Thị Mới\", \"cccd\": \"12\"}"
expect_rc "subscriber dry run: findings, 200" 200 "$STATUS"
expect_contains "subscriber dry run: names the CCCD" '"field":"cccd"' "$BODY"
api_json um1 POST /api/v1/requests/validate "{\"type\": \"steal\", \"subscriber_id\": $AN}"
expect_problem "request dry run: unknown type" 400
api_json um1 POST /api/v1/requests/validate "{\"type\": \"new\", \"subscriber_id\": $AN}"
expect_rc "request dry run: findings, 200" 200 "$STATUS"
expect_contains "request dry run: its form" '"form":"Mẫu 01"' "$BODY"

AFTER=$(snapshot)
expect_rc "the store is unchanged by all of the above" "$BEFORE" "$AFTER"

# The web portal (server.web_dir): its page for the application's routes, its files, and never
# a file outside it.
api - GET /
expect_rc "portal: / served" 200 "$STATUS"
expect_contains "portal: / is the index" '<div id="root">' "$BODY"
curl -sS -D headers -o /dev/null "$BASE/requests/42"
expect_contains "portal: an application route gets the index with its CSP" "Content-Security-Policy: default-src 'self'" "$(cat headers)"
curl -sS -I "$BASE/" >headers
expect_contains "portal: HEAD /" "200" "$(head -1 headers)"
curl -sS -D headers -o body "$BASE/assets/index-abc123.js"
expect_contains "portal: an asset, cached for good" "immutable" "$(cat headers)"
expect_contains "portal: an asset's type" "text/javascript" "$(cat headers)"
for path in '/assets/../../secret.txt' '/../secret.txt' '/%2e%2e/secret.txt' '/assets/%2E%2E/%2E%2E/secret.txt' \
  '/assets/..%5c..%5csecret.txt' '/x%00.js'; do
  api - GET "$path" --path-as-is
  expect_problem "portal: traversal '$path' refused" 400
  expect_not_contains "portal: '$path' leaks nothing" "outside the portal" "$BODY"
done
api - GET /assets/index-gone.js
expect_problem "portal: a missing file" 404
api - POST / -H 'Content-Type: application/json' --data-binary '{}'
expect_problem "portal: POST is not served" 405
api - GET /api/v1/nothing-here
expect_problem "the API keeps its 404 under the portal" 404

# The OpenAPI document and what is served agree: every documented route answers (401 without a
# session, or its own answer), none with the router's 404.
api - GET /api/v1/openapi.json
expect_rc "OpenAPI document served" 200 "$STATUS"
echo "$BODY" >openapi.json
python3 - "$BASE" openapi.json >probe.txt <<'PY'
import json, re, sys, urllib.request, urllib.error
base, doc = sys.argv[1], json.load(open(sys.argv[2]))
assert doc["openapi"].startswith("3.")
for path, ops in doc["paths"].items():
    for method in ops:
        url = base + re.sub(r"\{[^}]+\}", "1", path)
        req = urllib.request.Request(url, method=method.upper(), data=b"{}" if method != "get" else None,
                                     headers={"Content-Type": "application/json"})
        try:
            code = urllib.request.urlopen(req).status
            body = b""
        except urllib.error.HTTPError as e:
            code, body = e.code, e.read()
        unmatched = code == 404 and b'"field"' not in body
        print(("MISSING " if unmatched else "served ") + method.upper() + " " + path + " " + str(code))
PY
expect_not_contains "every documented route is served" "MISSING" "$(cat probe.txt)"
expect_rc "probe covered the document" "$(python3 -c 'import json; d=json.load(open("openapi.json")); print(sum(len(v) for v in d["paths"].values()))')" "$(wc -l <probe.txt)"

stop_server
expect_rc "SIGTERM: clean exit" 0 "$SERVER_RC"
expect_not_contains "no password in the log" "$PW" "$(cat serve.log)"
finish
