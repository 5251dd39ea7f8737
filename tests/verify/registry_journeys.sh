#!/usr/bin/env bash
# The registration workflow through the CLI (SPEC §3, §4): organizations, people, users with
# scope, the seven request types from draft to completed (returned, rejected and two-person
# paths too), the worker, and what was issued checked with openssl.
# Usage: registry_journeys.sh path/to/chungthu
CT="$1"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/seed.sh"

new_instance
ca_certs

seed_school --budget-code 1234567
S2=$("$CT" org add --name "Trường THPT Lý Thái Tổ" --parent "$EDU")
run "$CT" org add --name "X" --parent "$P" --tax-code 123
expect_rc "bad tax code refused" 2 "$RC"
expect_contains "bad tax code: bilingual" "Mã số thuế" "$OUT"

add_user um1 unit_manager "$S1"
add_user um2 unit_manager "$S2"
add_user agg aggregator "$EDU"
add_user ra1 ra_officer
add_user ra2 ra_officer
add_user ca1 ca_operator
run "$CT" user add --login aud --role auditor
expect_rc "a user without an official e-mail cannot be invited" 2 "$RC"
expect_contains "… the activation link needs one" "activation link" "$OUT"
OUT=$("$CT" user add --login aud --role auditor --email aud@bacninh.gov.vn)
expect_contains "an invited user: the link is queued, no password shown" "Activation link queued for aud@bacninh.gov.vn" "$OUT"
expect_not_contains "… no password" "Password" "$OUT"

run "$CT" subscriber add --org "$S1" --name "Lê Văn Sai" --dob 01/01/1980 --cccd 12345 --cccd-date 01/01/2021 \
  --cccd-place C06 --email sai@bacninh.gov.vn --position "Giáo viên"
expect_rc "subscriber with a bad CCCD refused" 2 "$RC"
expect_contains "bad CCCD: names the rule" "cccd_format" "$OUT"
expect_contains "bad CCCD: Vietnamese" "12 chữ số" "$OUT"
run "$CT" subscriber add --as um2 --org "$S1" --name "Lê Văn Lạ" --dob 01/01/1980 --cccd 027080000009 \
  --cccd-date 01/01/2021 --cccd-place C06 --email la@bacninh.gov.vn --position "Giáo viên"
expect_rc "unit manager cannot add people to another school" 2 "$RC"

AN=$(add_person "Nguyễn Văn An" 027085000001 an.nv@bacninh.gov.vn)
BINH=$(add_person "Trần Thị Bình" 027085000002 binh.tt@bacninh.gov.vn)
CUONG=$(add_person "Phạm Văn Cường" 027085000003 cuong.pv@bacninh.gov.vn)

# subscriber edit: only the options given change; a bad value or another school's user changes nothing.
OUT=$("$CT" subscriber edit --as um1 "$CUONG" --position "Tổ trưởng chuyên môn" --phone 0987654321 --json)
expect_contains "subscriber edit: new position" '"position": "Tổ trưởng chuyên môn"' "$OUT"
expect_contains "subscriber edit: the rest kept" '"cccd": "027085000003"' "$OUT"
run "$CT" subscriber edit --as um1 "$CUONG" --phone 12 --position "Hiệu phó"
expect_rc "subscriber edit with a bad phone refused" 2 "$RC"
expect_contains "bad phone: names the field" "phone" "$OUT"
run "$CT" subscriber edit --as um2 "$CUONG" --position "Hiệu phó"
expect_rc "subscriber edit by another school refused" 2 "$RC"
run "$CT" subscriber edit --as um1 "$CUONG" --org "$S2" --position "Hiệu phó"
expect_rc "subscriber edit moving out of the user's reach refused" 2 "$RC"
OUT=$("$CT" subscriber show "$CUONG" --json)
expect_contains "refused edits changed nothing" '"position": "Tổ trưởng chuyên môn"' "$OUT"
expect_contains "refused edits changed nothing (phone)" '"phone": "0987654321"' "$OUT"

new_csr a rsa:2048
sample_pdfs
printf 'MZ\x90\x00 not a pdf' >virus.pdf

run "$CT" request create --as um1 --type new --subscriber "$AN" --csr a.csr --attach request_letter=virus.pdf
expect_rc "attachment that is not PDF/image refused" 2 "$RC"

ROUND=$("$CT" round open --as agg --name "Đợt tháng 12" --deadline 31/12/2099)
forward() { # request id; submitted by um1 then batched by the aggregator
  "$CT" request submit "$1" --as um1 >/dev/null
  local b; b=$("$CT" batch create --as agg --round "$ROUND")
  "$CT" batch add "$b" "$1" --as agg >/dev/null
  "$CT" batch submit "$b" --as agg >/dev/null 2>&1
}
state() { "$CT" request show "$1" --as ra1 --json | json "d['state']"; }

# new: returned for a missing document, fixed, resubmitted, approved, issued.
R=$("$CT" request create --as um1 --type new --subscriber "$AN" --csr a.csr --attach request_letter=don.pdf 2>/dev/null | head -1)
run "$CT" request submit "$R" --as um1
expect_rc "new without the appointment decision: submit refused" 2 "$RC"
expect_contains "missing document named" "appointment_decision" "$OUT"
"$CT" request edit "$R" --as um1 --attach appointment_decision=qd.pdf >/dev/null
forward "$R"
expect_rc "new: forwarded by the batch" forwarded "$(state "$R")"
run "$CT" request show "$R" --as um2
expect_rc "other school's manager cannot see it" 2 "$RC"
"$CT" request return "$R" --as ra1 --comment "Ảnh chụp mờ" --field "attachments=quyết định bản công chứng" >/dev/null
expect_rc "new: returned" returned "$(state "$R")"
"$CT" request edit "$R" --as um1 --attach appointment_decision=qd.pdf >/dev/null
forward "$R"
"$CT" request approve "$R" --as ra1 >/dev/null
OUT=$("$CT" worker run --once)
expect_contains "worker issued" "issued" "$OUT"
SHOW=$("$CT" request show "$R" --as um1 --json)
SERIAL=$(json "d['result_serial']" <<<"$SHOW")
expect_rc "new: completed" completed "$(json "d['state']" <<<"$SHOW")"
expect_contains "timeline has the return reason" "quyết định bản công chứng" "$SHOW"
"$CT" cert show "$SERIAL" --json | json "d['pem']" >an.pem
OUT=$(openssl verify -x509_strict -CAfile root.pem -untrusted issuing.pem an.pem 2>&1 || true)
expect_contains "openssl verify -x509_strict accepts the issued certificate" "an.pem: OK" "$OUT"
OUT=$(openssl x509 -in an.pem -noout -subject -nameopt utf8,sep_comma_plus)
expect_contains "subject per the government profile" "OU=Sở Giáo dục và Đào tạo,OU=Trường THPT Hàn Thuyên,CN=Nguyễn Văn An" "$OUT"
N=$(sqlite3 data/chungthu.db "SELECT COUNT(*) FROM certificates WHERE request_id = $R AND subscriber_id = $AN")
expect_rc "certificate linked to request and subscriber" 1 "$N"
run "$CT" subscriber edit --as um1 "$AN" --position "Hiệu phó"
expect_rc "subscriber edit refused while a certificate is in force" 2 "$RC"
expect_contains "in force: says change_info" "change_info" "$OUT"

# reissue (lost): old revoked keyCompromise, new one issued.
R2=$("$CT" request create --as um1 --type reissue --subscriber "$AN" --cert "$SERIAL" --reason lost --csr a.csr \
  --attach request_letter=don.pdf 2>/dev/null | head -1)
forward "$R2"; "$CT" request approve "$R2" --as ra1 >/dev/null; "$CT" worker run --once >/dev/null
expect_rc "reissue: completed" completed "$(state "$R2")"
expect_contains "reissue: old revoked keyCompromise" "keyCompromise" "$("$CT" cert show "$SERIAL")"
NEW=$("$CT" request show "$R2" --as um1 --json | json "d['result_serial']")

# reissue of a lost TOKEN without a CSR (the new key waits for the token station): the old
# certificate is revoked with keyCompromise at approval, and openssl's CRL check rejects it.
new_csr tok rsa:2048
TOK=$(add_person "Lê Thị Thu" 027085000021 thu.lt@bacninh.gov.vn TOKEN)
RT=$("$CT" request create --as um1 --type new --subscriber "$TOK" --csr tok.csr --attach request_letter=don.pdf \
  --attach appointment_decision=qd.pdf 2>/dev/null | head -1)
forward "$RT"; "$CT" request approve "$RT" --as ra1 >/dev/null; "$CT" worker run --once >/dev/null
TSERIAL=$("$CT" request show "$RT" --as um1 --json | json "d['result_serial']")
"$CT" cert show "$TSERIAL" --json | json "d['pem']" >tok.pem
R2T=$("$CT" request create --as um1 --type reissue --subscriber "$TOK" --cert "$TSERIAL" --reason lost \
  --attach request_letter=don.pdf 2>/dev/null | head -1)
forward "$R2T"; "$CT" request approve "$R2T" --as ra1 >/dev/null
expect_rc "lost token: approved, waiting for the new token" approved "$(state "$R2T")"
expect_contains "lost token: revoked keyCompromise at approval" "keyCompromise" "$("$CT" cert show "$TSERIAL")"
"$CT" crl generate --pem --out issuing-crl.pem >/dev/null
run openssl verify -crl_check -CAfile root.pem -untrusted issuing.pem -CRLfile issuing-crl.pem tok.pem
expect_contains "openssl verify -crl_check rejects the lost token's certificate" "certificate revoked" "$OUT"

# revoke (retirement): two approvals by two different people.
R3=$("$CT" request create --as um1 --type revoke --subscriber "$AN" --cert "$NEW" --reason retirement \
  --attach request_letter=don.pdf 2>/dev/null | head -1)
forward "$R3"
"$CT" request approve "$R3" --as ra1 >/dev/null
expect_rc "revoke: one approval is not enough" forwarded "$(state "$R3")"
run "$CT" request approve "$R3" --as ra1
expect_rc "revoke: the same person cannot approve twice" 2 "$RC"
"$CT" request approve "$R3" --as ra2 >/dev/null
"$CT" worker run --once >/dev/null
expect_rc "revoke: completed" completed "$(state "$R3")"
expect_contains "revoke: cessationOfOperation" "cessationOfOperation" "$("$CT" cert show "$NEW")"

# mailbox and recover_device; rejected and cancelled.
R4=$("$CT" request create --as um1 --type mailbox --subscriber "$BINH" --mailbox binh.tt2@bacninh.gov.vn 2>/dev/null | head -1)
forward "$R4"; "$CT" request approve "$R4" --as ra1 >/dev/null; "$CT" worker run --once >/dev/null
expect_rc "mailbox: completed" completed "$(state "$R4")"
expect_contains "mailbox: provisioned" '"mailbox_provisioned": true' "$("$CT" subscriber show "$BINH" --json)"
R5=$("$CT" request create --as um1 --type new --subscriber "$CUONG" --csr a.csr --attach request_letter=don.pdf \
  --attach appointment_decision=qd.pdf 2>/dev/null | head -1)
forward "$R5"
run "$CT" request reject "$R5" --as ra1
expect_rc "reject without a reason refused" 2 "$RC"
"$CT" request reject "$R5" --as ra1 --comment "Không thuộc đối tượng" >/dev/null
expect_rc "rejected" rejected "$(state "$R5")"
run "$CT" request cancel "$R5" --as um1
expect_rc "a rejected request cannot be cancelled" 2 "$RC"
R6=$("$CT" request create --as um1 --type new --subscriber "$CUONG" --csr a.csr 2>/dev/null | head -1)
"$CT" request cancel "$R6" --as um1 >/dev/null
expect_rc "cancelled" cancelled "$(state "$R6")"

S_B=$(sqlite3 data/chungthu.db "SELECT serial FROM certificates WHERE status='valid' LIMIT 1")
R7=$("$CT" request create --as um1 --type new --subscriber "$BINH" --csr a.csr --attach request_letter=don.pdf \
  --attach appointment_decision=qd.pdf 2>/dev/null | head -1)
forward "$R7"; "$CT" request approve "$R7" --as ra1 >/dev/null; "$CT" worker run --once >/dev/null
S_B=$("$CT" request show "$R7" --as um1 --json | json "d['result_serial']")
expect_contains "new after mailbox uses the provisioned mailbox" "binh.tt2@bacninh.gov.vn" "$("$CT" cert show "$S_B")"
R8=$("$CT" request create --as um1 --type recover_device --subscriber "$BINH" --cert "$S_B" \
  --attach request_letter=don.pdf 2>/dev/null | head -1)
forward "$R8"; "$CT" request approve "$R8" --as ra1 >/dev/null
OUT=$("$CT" request show "$R8" --as um1)
expect_contains "recover_device waits for the device support" "PKCS#11" "$OUT"
expect_rc "recover_device stays approved" approved "$(state "$R8")"

run "$CT" request list --as um2 --json
expect_rc "other school sees nothing" "[]" "$OUT"
run "$CT" request list --as agg --state completed
expect_contains "aggregator sees its subtree" "Nguyễn Văn An" "$OUT"
run "$CT" request approve "$R7" --as um1
expect_rc "unit manager cannot approve" 2 "$RC"
expect_contains "denial is bilingual" "may not" "$OUT"
run "$CT" request list --as nobody
expect_rc "unknown user refused" 2 "$RC"

if "$CT" audit --help >/dev/null 2>&1; then
  run "$CT" audit verify
  expect_rc "audit chain verifies" 0 "$RC"
fi
finish
