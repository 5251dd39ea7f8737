#!/usr/bin/env bash
# The scheduler's jobs through the CLI (app/scheduler.h): `jobs run --once` runs every job now
# (a revocation reaches the CRL), skips a job another process holds and takes it over once that
# process's lease has run out; a failing job is exit 3 and its error is shown by `jobs list`.
# Usage: jobs_cli.sh path/to/chungthu
CT="$1"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/seed.sh"
export CHUNGTHU_PKI_CRL_MIN_INTERVAL_SECONDS=1

new_instance
run "$CT" jobs list
expect_contains "list before any run: the CRL job" "crl" "$OUT"
expect_contains "list before any run: due now" "ngay / now" "$OUT"

issue_and_revoke "C=VN,O=UBND tỉnh Bắc Ninh,CN=Lê Văn Hùng" hung.lv@bacninh.gov.vn
sleep 2  # past pki.crl_min_interval_seconds since the CRL of init

run "$CT" jobs run --once
expect_rc "run --once: exit 0" 0 "$RC"
expect_contains "run --once: the CRL job ran" "crl: xong / done" "$OUT"
expect_contains "run --once: the operation worker ran" "operations: xong / done" "$OUT"
CRL_TEXT=$(openssl crl -inform DER -in "$CHUNGTHU_DATA/crl/issuing.crl" -noout -text)
expect_contains "the revocation is on the CRL the job published" "Serial Number: $SERIAL" "$CRL_TEXT"
run "$CT" jobs list --json
expect_contains "list: the run is recorded" '"runs": 1' "$OUT"
expect_contains "list: by this process" ':jobs"' "$OUT"

# Another process took the CRL job and died in its run: its lease holds the job until it ends.
NOW=$(date +%s)
sqlite3 "$DB" "UPDATE scheduled_jobs SET holder = 'other:1:serve', lease_until = $((NOW + 300)) WHERE name = 'crl'"
run "$CT" jobs run --once
expect_rc "held elsewhere: exit 0" 0 "$RC"
expect_contains "held elsewhere: skipped" "crl: bỏ qua, đang chạy ở tiến trình khác" "$OUT"
run "$CT" jobs list
expect_contains "held elsewhere: list names the holder" "đang chạy ở / running in: other:1:serve" "$OUT"
sqlite3 "$DB" "UPDATE scheduled_jobs SET lease_until = $((NOW - 1)) WHERE name = 'crl'"
run "$CT" jobs run --once
expect_contains "lease ran out: taken over" "crl: xong / done" "$OUT"
expect_not_contains "lease ran out: nobody holds it" "other:1:serve" "$(sqlite3 "$DB" "SELECT holder FROM scheduled_jobs WHERE name = 'crl'")"

# The CA keys cannot be opened: the worker's job fails, says why, and is retried next time.
run env CHUNGTHU_CA_PASSPHRASE=wrong-passphrase "$CT" jobs run --once
expect_rc "failing job: exit 3" 3 "$RC"
expect_contains "failing job: named" "operations: lỗi / failed" "$OUT"
run "$CT" jobs list
expect_contains "failing job: the error is listed" "lỗi gần nhất / last error" "$OUT"
run "$CT" jobs run --once
expect_rc "fixed: exit 0" 0 "$RC"
run "$CT" jobs list
expect_not_contains "fixed: no error any more" "lỗi gần nhất / last error" "$OUT"

finish
