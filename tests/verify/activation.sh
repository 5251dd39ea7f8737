#!/usr/bin/env bash
# Accounts that only their owner knows the secrets of (issue 14, finding 5), over real HTTP and
# real SMTP (tests/support/smtp_sink.py on Debian's python3-aiosmtpd), with `chungthu serve`'s
# own mail job delivering:
#   - the admin creates a registration officer and sees no password, TOTP secret or link, in the
#     answer, the user list or the outbox; `user add --as ADMIN --password-file` is refused;
#   - the officer's activation mail arrives S/MIME-signed with a one-time link, which the store
#     no longer holds once the mail has gone; the officer sets a password and enrols TOTP
#     (codes from oathtool, not our code) and signs in; the link works once;
#   - the sign-in page's "forgot password" answers alike for a login that does not exist, mails a
#     reset link that asks for the enrolled code, and ends with the new password signing in.
# Usage: activation.sh path/to/chungthu
CT="$1"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/api_lib.sh"
source "$(dirname "$0")/mail_lib.sh"
trap 'stop_sink; [ -n "$SERVER_PID" ] && kill -KILL "$SERVER_PID" 2>/dev/null; rm -rf "$SCRATCH"' EXIT
export CHUNGTHU_MAIL_RETRY_SECONDS=1

new_instance
ca_certs
seed_school
# The first admin: the local operator chose the password (the bootstrap that stays).
ADMIN_TOTP=$("$CT" user add --login qt1 --role admin --email qt1@bacninh.gov.vn --password-file pw --json |
  json "d['totp_secret']")
run "$CT" user add --as qt1 --login ra8 --role ra_officer --email ra8@bacninh.gov.vn --password-file pw
expect_rc "a portal admin cannot choose a user's password" 2 "$RC"
expect_contains "… and is told so, in Vietnamese" "người vận hành cục bộ" "$OUT"
run "$CT" user add --login aud1 --role auditor --email aud1@bacninh.gov.vn --json
expect_rc "user add without a password file invites" 0 "$RC"
expect_contains "… with the link's expiry" "activation_expires_at" "$OUT"
expect_not_contains "… and no password" "password\"" "$OUT"
add_user um9 unit_manager "$S1"

start_sink "$SCRATCH/mails"
start_server
sign_in qt1 "$(cat pw)" "$ADMIN_TOTP"
expect_rc "the admin signs in" 201 "$STATUS"

api_json qt1 POST /api/v1/users '{"login":"ra7","role":"ra_officer","email":"ra7@bacninh.gov.vn"}'
expect_rc "the admin creates a registration officer" 201 "$STATUS"
for secret in '"password"' totp_secret totp_uri 'activate#t='; do
  expect_not_contains "the creation answer holds no $secret" "$secret" "$BODY"
done

# wait_mail TO: the newest mail to TO (waits for `serve`'s mail job), its file in MAIL.
wait_mail() {
  MAIL=""
  for _ in $(seq 1 200); do
    for f in $(ls -r "$SCRATCH/mails"/*.json 2>/dev/null); do
      if grep -q "\"$1\"" "$f" && [ -f "${f%.json}.eml" ] && ! grep -qx "${f%.json}.eml" "$SCRATCH/seen" 2>/dev/null; then
        MAIL="${f%.json}.eml"
        echo "$MAIL" >>"$SCRATCH/seen"
        return 0
      fi
    done
    sleep 0.1
  done
  failed "no mail to $1 arrived"
  return 1
}
# The token of the link in MAIL.
link_token() { mail_facts "$MAIL" | json 'd["text"]' | grep -o 'activate#t=[0-9a-f]\{64\}' | head -1 | cut -d= -f2; }

wait_mail ra7@bacninh.gov.vn
FACTS=$(mail_facts "$MAIL")
expect_contains "the activation mail names the account" "Kích hoạt tài khoản ra7" "$(echo "$FACTS" | json 'd["subject"]')"
run openssl cms -verify -in "$MAIL" -CAfile root.pem -out /dev/null
expect_rc "the activation mail is signed by our CA" 0 "$RC"
TOKEN=$(link_token)
expect_rc "the mail carries a 64-hex-digit link" 64 "${#TOKEN}"

for path in /api/v1/outbox /api/v1/users; do
  api qt1 GET "$path"
  expect_not_contains "the admin's $path holds no link" "$TOKEN" "$BODY"
done
for _ in $(seq 1 50); do
  LEFT=$(sqlite3 data/chungthu.db "SELECT COUNT(*) FROM outbox WHERE body_text LIKE '%$TOKEN%' OR body_html LIKE '%$TOKEN%'")
  [ "$LEFT" = 0 ] && break
  sleep 0.1
done
expect_rc "once sent, the store keeps no copy of the link" 0 "$LEFT"
expect_rc "only the link's digest is stored" 0 \
  "$(sqlite3 data/chungthu.db "SELECT COUNT(*) FROM account_links WHERE token_hash = '$TOKEN'")"

sign_in ra7 "anything at all"
expect_rc "before activation nothing signs in" 401 "$STATUS"

api_json - POST /api/v1/account-link "{\"token\":\"$TOKEN\"}"
expect_rc "the link opens" 200 "$STATUS"
SECRET=$(json 'd["totp_secret"]' <<<"$BODY")
expect_contains "the link asks to enrol TOTP" '"enrol"' "$BODY"
PASSWORD="Mật khẩu ra7 tự chọn"
body() { python3 -c 'import json,sys; d={"token":sys.argv[1],"password":sys.argv[2]}
if sys.argv[3]: d["totp"]=sys.argv[3]
print(json.dumps(d, ensure_ascii=False))' "$@"; }
api_json - POST /api/v1/account-link/complete "$(body "$TOKEN" short "$(oathtool --totp -b "$SECRET")")"
expect_problem "a short password is refused" 400
expect_contains "… at the password field" '"field":"password"' "$BODY"
api_json - POST /api/v1/account-link/complete "$(body "$TOKEN" "$PASSWORD" "$(oathtool --totp -b "$SECRET")")"
expect_rc "the officer activates with their own password and code" 200 "$STATUS"
api_json - POST /api/v1/account-link/complete "$(body "$TOKEN" "$PASSWORD" "$(oathtool --totp -b "$SECRET")")"
expect_problem "the link works once" 404

# The code typed to activate is spent: sign in with the next step's.
next_code() { oathtool --totp -b --now "$(date -u -d "+$2 seconds" '+%Y-%m-%d %H:%M:%S UTC')" "$1"; }
api_json - POST /api/v1/session "$(python3 -c 'import json,sys; print(json.dumps({"login":"ra7","password":sys.argv[1],"totp":sys.argv[2]}))' "$PASSWORD" "$(next_code "$SECRET" 30)")"
expect_rc "the officer signs in with what only they know" 201 "$STATUS"

# Forgot password: alike for every login; the reset asks for the enrolled code.
api_json - POST /api/v1/password-reset '{"login":"khong-ton-tai"}'
expect_rc "a login that does not exist: 202" 202 "$STATUS"
UNKNOWN_BODY=$BODY
api_json - POST /api/v1/password-reset '{"login":"ra7"}'
expect_rc "the officer's own: 202" 202 "$STATUS"
expect_rc "the same answer" "$UNKNOWN_BODY" "$BODY"
wait_mail ra7@bacninh.gov.vn
expect_contains "the reset mail" "Đặt lại mật khẩu" "$(mail_facts "$MAIL" | json 'd["subject"]')"
TOKEN=$(link_token)
api_json - POST /api/v1/account-link "{\"token\":\"$TOKEN\"}"
expect_contains "the reset asks for the enrolled code" '"required"' "$BODY"
expect_not_contains "… and shows no secret" totp_secret "$BODY"
NEW_PASSWORD="Mật khẩu mới sau khi quên"
api_json - POST /api/v1/account-link/complete "$(body "$TOKEN" "$NEW_PASSWORD" "")"
expect_problem "a reset without the code is refused" 400
# A code of a later step than the sign-in's: wait for the next 30-second step to begin.
sleep $((30 - $(date +%s) % 30 + 1))
api_json - POST /api/v1/account-link/complete "$(body "$TOKEN" "$NEW_PASSWORD" "$(next_code "$SECRET" 30)")"
expect_rc "the reset with the enrolled code" 200 "$STATUS"
api_json - POST /api/v1/session "$(python3 -c 'import json,sys; print(json.dumps({"login":"ra7","password":sys.argv[1],"totp":sys.argv[2]}))' "$PASSWORD" "$(next_code "$SECRET" 0)")"
expect_rc "the old password no longer signs in" 401 "$STATUS"

# The administrator disables an account: its open session stops at its next request and it
# cannot sign in; enabled again, it can; its role changes; all audited. Not one's own account.
sign_in um9 "$(cat pw)"
expect_rc "a unit manager signs in" 201 "$STATUS"
api um9 GET /api/v1/requests
expect_rc "… and works" 200 "$STATUS"
api qt1 GET "/api/v1/users?limit=100"
UM9=$(json "[u['id'] for u in d['items'] if u['login']=='um9'][0]" <<<"$BODY")
QT1=$(json "[u['id'] for u in d['items'] if u['login']=='qt1'][0]" <<<"$BODY")
api qt1 POST "/api/v1/users/$UM9/disable"
expect_rc "disable: 200" 200 "$STATUS"
expect_rc "… shown as disabled" False "$(json "d['active']" <<<"$BODY")"
api um9 GET /api/v1/requests
expect_problem "the disabled user's open session stops at once" 401
sign_in um9 "$(cat pw)"
expect_rc "… and it cannot sign in" 401 "$STATUS"
api qt1 POST "/api/v1/users/$QT1/disable"
expect_problem "an administrator cannot disable themself" 400
api qt1 POST "/api/v1/users/$UM9/enable"
expect_rc "enable: 200" 200 "$STATUS"
sign_in um9 "$(cat pw)"
expect_rc "enabled, it signs in again" 201 "$STATUS"
api_json qt1 PUT "/api/v1/users/$UM9/role" "{\"role\":\"aggregator\",\"org_id\":$EDU}"
expect_rc "role change: 200" 200 "$STATUS"
expect_rc "… to the department's aggregator" "aggregator $EDU" "$(json "d['role'] + ' ' + str(d['org_id'])" <<<"$BODY")"
api_json qt1 PUT "/api/v1/users/$UM9/role" '{"role":"unit_manager","org_id":999999}'
expect_problem "an organization that does not exist" 404
api_json um9 PUT "/api/v1/users/$QT1/role" '{"role":"auditor"}'
expect_problem "only an administrator changes roles" 403
run "$CT" user list
expect_contains "user list shows the change" "$(printf 'um9\taggregator\t%s\tactive' "$EDU")" "$OUT"
run "$CT" user disable "$UM9"
expect_rc "user disable from the command line" 0 "$RC"
expect_rc "audited: disable, enable, role, disable" "2 1 1" \
  "$(for a in user.disable user.enable user.role; do sqlite3 data/chungthu.db "SELECT COUNT(*) FROM audit_log WHERE action = '$a' AND object_id = 'um9'"; done | xargs)"

# Organizations: edited (audited), deactivated only once nothing is in use there, then closed to
# new people; reactivated.
api_json qt1 PATCH "/api/v1/organizations/$S1" '{"address":"Số 1 Lý Thái Tổ, Bắc Ninh","tax_code":"2300123456"}'
expect_rc "organization edited" "Số 1 Lý Thái Tổ, Bắc Ninh" "$(json "d['address']" <<<"$BODY")"
api_json qt1 PATCH "/api/v1/organizations/$S1" '{"tax_code":"123"}'
expect_problem "a bad tax code is refused" 400
expect_contains "… naming the field" '"tax_code"' "$BODY"
run "$CT" user enable "$UM9"
api qt1 POST "/api/v1/organizations/$EDU/deactivate"
expect_problem "a department with an active account stays active" 409
expect_contains "… saying what keeps it" "active accounts" "$BODY"
NEW=$("$CT" org add --name "Trường THCS Mới" --parent "$EDU")
api qt1 POST "/api/v1/organizations/$NEW/deactivate"
expect_rc "an unused school is deactivated" False "$(json "d['active']" <<<"$BODY")"
run "$CT" subscriber add --org "$NEW" --name "Lê Văn Mới" --dob 15/06/1985 --cccd 027085009999 --cccd-date 10/05/2021 \
  --cccd-place C06 --email moi@bacninh.gov.vn --position "Giáo viên"
expect_rc "… and takes no new people" 2 "$RC"
expect_contains "… saying why" "deactivated" "$OUT"
run "$CT" org activate "$NEW"
expect_rc "reactivated from the command line" 0 "$RC"
expect_rc "audited: update, deactivate, activate" "1 1 1" \
  "$(for a in org.update org.deactivate org.activate; do sqlite3 data/chungthu.db "SELECT COUNT(*) FROM audit_log WHERE action = '$a'"; done | xargs)"

stop_server
finish
