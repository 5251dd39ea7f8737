#!/usr/bin/env bash
# Notifications through a real SMTP server (Debian's python3-aiosmtpd, tests/support/smtp_sink.py):
# mails wait while the server is down and arrive exactly once when it is up; a permanent refusal
# is recorded and can be retried; a sender killed between the hand-over and the mark repeats at
# most that one mail; every mail is S/MIME-signed by a certificate of our own CA, which
# `openssl cms -verify` accepts against our root and refuses once the text is changed; subjects
# and bodies keep their Vietnamese diacritics after decoding.
# Usage: mail.sh path/to/chungthu
CT="$1"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/seed.sh"
source "$(dirname "$0")/mail_lib.sh"
trap 'stop_sink; rm -rf "$SCRATCH"' EXIT

new_instance
ca_certs
seed_school
"$CT" user add --login um1 --role unit_manager --org "$S1" --email um1@bacninh.gov.vn --password-file pw >/dev/null
"$CT" user add --login ra1 --role ra_officer --email ra1@bacninh.gov.vn --password-file pw >/dev/null
run "$CT" user add --login x1 --role auditor --email x1@gmail.com --password-file pw
expect_rc "a user's address outside the official domains: refused" 2 "$RC"
expect_contains "… saying which domains" "@bacninh.gov.vn" "$OUT"
sample_pdfs
TUYET=$(add_person "Nguyễn Thị Ánh Tuyết" 001190000123 tuyet.nta@bacninh.gov.vn TOKEN)
R1=$("$CT" request create --as um1 --type new --subscriber "$TUYET" --attach request_letter=don.pdf \
  --attach appointment_decision=qd.pdf 2>/dev/null | head -1)

# The server is down: the submission's mail waits, with the reason.
"$CT" request submit "$R1" --as um1 >/dev/null
run "$CT" jobs run --once
expect_rc "server down: the jobs still succeed" 0 "$RC"
OUTBOX=$("$CT" mail outbox --json)
expect_contains "server down: the mail is queued" '"queued": 1' "$OUTBOX"
expect_contains "server down: why" "last_error" "$OUTBOX"
"$CT" request return "$R1" --as ra1 --comment "Thiếu quyết định bổ nhiệm" >/dev/null 2>&1 || true
run "$CT" jobs run --once

# The server is up: every mail arrives once; running the jobs again sends nothing more.
start_sink "$SCRATCH/mails1"
run "$CT" jobs run --once
expect_rc "server up: jobs run" 0 "$RC"
run "$CT" jobs run --once
SENT=$("$CT" mail outbox --state sent --json | json 'd["counts"]["sent"]')
FILES=$(ls "$SCRATCH/mails1"/*.eml | wc -l)
expect_rc "every queued mail arrived" "$SENT" "$FILES"
IDS=$(for f in "$SCRATCH/mails1"/*.eml; do mail_facts "$f" | json 'd["id"]'; done | sort)
expect_rc "each mail once (distinct Message-IDs)" "$(echo "$IDS" | wc -l)" "$(echo "$IDS" | sort -u | wc -l)"
FIRST=$(ls "$SCRATCH/mails1"/*.eml | head -1)
FACTS=$(mail_facts "$FIRST")
expect_contains "the mail goes to the unit manager" "um1@bacninh.gov.vn" "$FACTS"
expect_contains "the subject names the request, diacritics intact" "Yêu cầu số $R1 " "$(echo "$FACTS" | json 'd["subject"]')"
expect_contains "diacritics intact in the decoded body" "Nguyễn Thị Ánh Tuyết" "$(echo "$FACTS" | json 'd["text"]')"
expect_contains "the anti-phishing sentence (vi)" "không bao giờ" "$(echo "$FACTS" | json 'd["text"]')"
expect_contains "the anti-phishing sentence (en)" "never asks" "$(echo "$FACTS" | json 'd["text"]')"
expect_contains "S/MIME multipart/signed" "multipart/signed" "$(echo "$FACTS" | json 'd["type"]')"

# The signature: valid under our root, for the sending address; invalid once the text changes.
run openssl cms -verify -in "$FIRST" -CAfile root.pem -out /dev/null
expect_rc "openssl cms -verify accepts the mail" 0 "$RC"
SIGNER=$(openssl cms -verify -in "$FIRST" -CAfile root.pem -out /dev/null -signer signer.pem 2>/dev/null &&
  openssl x509 -in signer.pem -noout -ext subjectAltName)
expect_contains "signed by a certificate for the sending address" "chungthu@bacninh.gov.vn" "$SIGNER"
python3 - "$FIRST" "$SCRATCH/changed.eml" <<'PY'
import sys
raw = open(sys.argv[1], "rb").read()
body = raw.index(b"Content-Transfer-Encoding: base64\r\n\r\n") + 40
raw = raw[:body] + (b"B" if raw[body:body + 1] == b"A" else b"A") + raw[body + 1:]
open(sys.argv[2], "wb").write(raw)
PY
run openssl cms -verify -in "$SCRATCH/changed.eml" -CAfile root.pem -out /dev/null
expect_rc "a changed mail fails the check" 4 "$RC"

# A permanent refusal (550) is recorded with the server's answer and not retried; the admin's
# retry queues it again.
stop_sink
start_sink "$SCRATCH/mails2" --reject-rcpt "um1@=550"
"$CT" request submit "$R1" --as um1 >/dev/null 2>&1 || true
run "$CT" jobs run --once
FAILED_JSON=$("$CT" mail outbox --state failed --json)
expect_contains "550: failed" '"smtp_code": 550' "$FAILED_JSON"
FAILED_ID=$(echo "$FAILED_JSON" | json 'd["items"][0]["id"]')
run "$CT" jobs run --once
expect_contains "550: not retried" '"attempts": 1' "$("$CT" mail outbox --state failed --json)"
stop_sink
start_sink "$SCRATCH/mails3"
run "$CT" mail retry "$FAILED_ID"
expect_rc "mail retry: accepted" 0 "$RC"
expect_contains "mail retry: queued again" "queued" "$OUT"
run "$CT" jobs run --once
expect_rc "retried mail delivered" 1 "$(ls "$SCRATCH/mails3"/*.eml | wc -l)"

# A sender killed between the hand-over and the mark (the server took the message but had not
# answered yet): after its lease, the next sender delivers that one again, and only that one.
stop_sink
start_sink "$SCRATCH/mails4" --delay-data 5
B=$(add_person "Đặng Quỳnh Hương" 027085000002 huong.dq@bacninh.gov.vn TOKEN)
for _ in 1 2; do
  r=$("$CT" request create --as um1 --type new --subscriber "$B" --attach request_letter=don.pdf \
    --attach appointment_decision=qd.pdf 2>/dev/null | head -1)
  "$CT" request submit "$r" --as um1 >/dev/null
  "$CT" request cancel "$r" --as um1 --comment "nhầm" >/dev/null 2>&1 || true
done
"$CT" jobs run >"$SCRATCH/jobs.log" 2>&1 &
JOBS_PID=$!
for _ in $(seq 200); do ls "$SCRATCH/mails4"/*.eml >/dev/null 2>&1 && break; sleep 0.05; done
kill -9 "$JOBS_PID"
wait "$JOBS_PID" 2>/dev/null || true
stop_sink
sleep 2  # past the 1-second leases of the dead sender (the job's and the message's)
start_sink "$SCRATCH/mails5"
run "$CT" jobs run --once
expect_rc "after the kill: jobs run" 0 "$RC"
ALL_IDS=$(for f in "$SCRATCH"/mails4/*.eml "$SCRATCH"/mails5/*.eml; do mail_facts "$f" | json 'd["id"]'; done | sort)
REPEATED=$(echo "$ALL_IDS" | uniq -d | wc -l)
TWICE_MAX=$(echo "$ALL_IDS" | uniq -c | awk '{print $1}' | sort -n | tail -1)
expect_rc "at most the one in flight repeated" 1 "$REPEATED"
expect_rc "… and only twice" 2 "$TWICE_MAX"
expect_contains "nothing left in the queue" '"queued": 0' "$("$CT" mail outbox --json)"

finish
