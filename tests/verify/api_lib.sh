# Shared by the API tests (sourced after lib.sh; brings seed.sh): a `chungthu serve` on a free
# port of 127.0.0.1 in the background, sign-in with a cookie jar and the CSRF token, and `api`
# calls that leave the status in STATUS, the body in BODY and the Content-Type in CTYPE.
# Needs: curl, python3, oathtool (TOTP codes for ra_officer, ca_operator, admin).
source "$(dirname "${BASH_SOURCE[0]}")/seed.sh"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill -KILL "$SERVER_PID" 2>/dev/null; rm -rf "$SCRATCH"' EXIT

# With TLS_CA set (the CA of the server's TLS certificate), BASE is https and curl checks it.
start_server() {
  PORT=$(free_port)
  local scheme=http tls=()
  if [ -n "${TLS_CA:-}" ]; then scheme=https; tls=(--cacert "$TLS_CA"); fi
  BASE="$scheme://127.0.0.1:$PORT"
  "$CT" serve --listen "127.0.0.1:$PORT" >"$SCRATCH/serve.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    if curl -fsS "${tls[@]}" "$BASE/healthz" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "chungthu serve did not start:"
  cat "$SCRATCH/serve.log"
  return 1
}

# wait_server: waits for the server to exit; its exit status in SERVER_RC.
wait_server() {
  set +e
  wait "$SERVER_PID"
  SERVER_RC=$?
  set -e
  SERVER_PID=""
}
# stop_server: SIGTERM, then the exit status in SERVER_RC.
stop_server() {
  kill -TERM "$SERVER_PID"
  wait_server
}

# sign_in LOGIN PASSWORD [TOTP_SECRET]: the session cookie in $SCRATCH/LOGIN.jar, the CSRF token
# in $SCRATCH/LOGIN.csrf; STATUS is the sign-in's status.
sign_in() {
  local login=$1 password=$2 totp=""
  if [ $# -ge 3 ]; then totp=$(oathtool --totp -b "$3"); fi
  local body
  body=$(python3 -c 'import json,sys; d={"login":sys.argv[1],"password":sys.argv[2]}
if sys.argv[3]: d["totp"]=sys.argv[3]
print(json.dumps(d))' "$login" "$password" "$totp")
  STATUS=$(curl -sS -o "$SCRATCH/body" -w '%{http_code}' -c "$SCRATCH/$login.jar" \
    -H 'Content-Type: application/json' --data-binary "$body" "$BASE/api/v1/session")
  BODY=$(cat "$SCRATCH/body")
  if [ "$STATUS" = 201 ]; then json "d['csrf_token']" <<<"$BODY" >"$SCRATCH/$login.csrf"; else : >"$SCRATCH/$login.csrf"; fi
}

# api LOGIN METHOD PATH [curl arguments…]; LOGIN "-" for no session.
api() {
  local login=$1 method=$2 path=$3
  shift 3
  local auth=()
  if [ "$login" != "-" ]; then auth=(-b "$SCRATCH/$login.jar" -H "X-CSRF-Token: $(cat "$SCRATCH/$login.csrf")"); fi
  local out
  out=$(curl -sS -o "$SCRATCH/body" -w '%{http_code} %{content_type}' -X "$method" "${auth[@]}" "$@" "$BASE$path")
  STATUS=${out%% *}
  CTYPE=${out#* }
  BODY=$(cat "$SCRATCH/body")
}
# api_json LOGIN METHOD PATH JSON
api_json() { api "$1" "$2" "$3" -H 'Content-Type: application/json' --data-binary "$4"; }

# expect_problem NAME STATUS: the last answer is STATUS with an RFC 7807 body in both languages.
expect_problem() {
  local ok=1
  [ "$STATUS" = "$2" ] || ok=0
  case "$CTYPE" in application/problem+json*) ;; *) ok=0 ;; esac
  if [ $ok = 1 ] && python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if d.get("title") and d.get("title_en") and d.get("status")==int(sys.argv[2]) else 1)' "$BODY" "$2"; then
    pass "$1"
  else
    failed "$1: expected problem $2, got $STATUS $CTYPE: $BODY"
  fi
}
