#!/usr/bin/env bash
# The audit log through the CLI (SPEC §8): init, issue, revoke and a CRL are audited; `audit
# verify` exits 0 on the untouched chain and 4, naming the first bad entry, after a changed,
# deleted or reordered entry, or deleted newest entries.
# Usage: audit_cli.sh path/to/chungthu
CT="$1"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/seed.sh"
export USER=kiemtoan

sql() { sqlite3 "$DB" "$1"; }
save() { sqlite3 "$DB" ".backup '$SCRATCH/good.db'"; }
restore() { sqlite3 "$DB" ".restore '$SCRATCH/good.db'"; }

new_instance
run "$CT" audit verify
expect_rc "fresh install: chain holds" 0 "$RC"
expect_contains "fresh install: summary" "chain holds" "$OUT"
expect_contains "fresh install: init signed a checkpoint" "1 checkpoints" "$OUT"

issue_and_revoke "C=VN,ST=Bắc Ninh,O=UBND tỉnh Bắc Ninh,CN=Trần Thị Lan" lan.tt@bacninh.gov.vn
"$CT" crl generate 2>/dev/null

run "$CT" audit verify
expect_rc "after issue, revoke, CRL: chain holds" 0 "$RC"
expect_contains "after issue, revoke, CRL: a second checkpoint" "2 checkpoints" "$OUT"

run "$CT" audit list --action cert. --json
expect_contains "list: issuance audited" '"cert.issue"' "$OUT"
expect_contains "list: revocation audited" '"cert.revoke"' "$OUT"
expect_contains "list: the CLI user is the actor" '"cli:kiemtoan"' "$OUT"
expect_contains "list: the reason is recorded" '"keyCompromise"' "$OUT"
run "$CT" audit list --object "certificate:$SERIAL"
expect_rc "list by object: ok" 0 "$RC"
expect_rc "list by object: issue and revoke" 2 "$(printf '%s\n' "$OUT" | wc -l)"
run "$CT" audit list --action crl.publish
expect_contains "list: CRL publication audited" "crl.publish" "$OUT"
expect_not_contains "list: no secret in the log" "$(cat "$CHUNGTHU_DATA/secrets/ca-passphrase")" \
  "$(sql "SELECT details FROM audit_log")"

ISSUE_SEQ=$(sql "SELECT seq FROM audit_log WHERE action = 'cert.issue' AND object_id = '$SERIAL'")
LAST=$(sql "SELECT MAX(seq) FROM audit_log")
save

sql "UPDATE audit_log SET actor = 'mallory' WHERE seq = $ISSUE_SEQ"
run "$CT" audit verify
expect_rc "changed entry: exit 4" 4 "$RC"
expect_contains "changed entry: names it" "first bad entry: $ISSUE_SEQ" "$OUT"
expect_contains "changed entry: Vietnamese" "đã bị thay đổi" "$OUT"
restore

run "$CT" audit verify
expect_rc "restored: chain holds" 0 "$RC"

sql "DELETE FROM audit_log WHERE seq = 3"
run "$CT" audit verify
expect_rc "deleted entry: exit 4" 4 "$RC"
expect_contains "deleted entry: names it" "first bad entry: 3" "$OUT"
restore

sql "UPDATE audit_log SET seq = -1 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3;
     UPDATE audit_log SET seq = 3 WHERE seq = -1"
run "$CT" audit verify
expect_rc "reordered entries: exit 4" 4 "$RC"
expect_contains "reordered entries: names the first" "first bad entry: 2" "$OUT"
restore

sql "DELETE FROM audit_log WHERE seq = $LAST"
run "$CT" audit verify
expect_rc "deleted newest entry: exit 4" 4 "$RC"
expect_contains "deleted newest entry: names it" "first bad entry: $LAST" "$OUT"
sql "UPDATE audit_head SET last_seq = $((LAST - 1)), last_hash = (SELECT hash FROM audit_log WHERE seq = $((LAST - 1)))"
run "$CT" audit verify --json
expect_rc "deleted newest entry and head: exit 4 (the checkpoint names it)" 4 "$RC"
expect_contains "deleted newest entry and head: JSON names it" "\"first_bad_seq\": $LAST" "$OUT"
restore

run "$CT" audit checkpoint
expect_rc "checkpoint: ok" 0 "$RC"
run "$CT" audit verify --json
expect_rc "final: chain holds" 0 "$RC"
expect_contains "final: JSON ok" '"ok": true' "$OUT"

finish
