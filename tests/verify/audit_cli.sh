#!/usr/bin/env bash
# The audit log through the CLI (SPEC §8): init, issue, revoke and a CRL are audited; `audit
# verify` exits 0 on the untouched chain and 4, naming the first bad entry, after a changed,
# deleted or reordered entry, or deleted newest entries. Issue 14, item 2: someone who can write
# to the database but holds neither the chain key nor the audit key cannot rewrite the entries
# after the last checkpoint with plain SHA-256, delete the checkpoints, or cut off the newest
# entries with their checkpoints; `audit verify` says up to which entry the log is protected, and
# `serve` signs a last checkpoint when it stops.
# Usage: audit_cli.sh path/to/chungthu
CT="$1"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/api_lib.sh"
export USER=kiemtoan

sql() { sqlite3 "$DB" "$1"; }
save() { sqlite3 "$DB" ".backup '$SCRATCH/good.db'"; }
restore() { sqlite3 "$DB" ".restore '$SCRATCH/good.db'"; }

# forge_sha256 SEQ: the attack of the finding. Entry SEQ's details are changed, its hash and every
# later one recomputed as before the chain key (SHA-256 over the previous hash, "|" and the
# unkeyed canonical form, audit_chain.h), the entries marked unkeyed, the head row fixed.
forge_sha256() {
  python3 - "$DB" "$1" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
start = int(sys.argv[2])
def put(s):
    b = str(s).encode()
    return str(len(b)).encode() + b":" + b + b";"
prev = db.execute("SELECT hash FROM audit_log WHERE seq = ?", (start - 1,)).fetchone()[0]
rows = db.execute("SELECT seq, at, actor, action, object_type, object_id, org_id, outcome, details "
                  "FROM audit_log WHERE seq >= ? ORDER BY seq", (start,)).fetchall()
for seq, at, actor, action, otype, oid, org, outcome, details in rows:
    if seq == start:
        details = '{"forged":true}'
    form = (b"chungthu-audit-v1;" + put(seq) + put(at) + put(actor) + put(action) + put(otype) + put(oid)
            + (put(org) if org is not None else b"~;") + put(outcome) + put(details))
    h = hashlib.sha256(prev.encode() + b"|" + form).hexdigest().upper()
    db.execute("UPDATE audit_log SET details = ?, prev_hash = ?, hash = ?, keyed = 0 WHERE seq = ?",
               (details, prev, h, seq))
    prev = h
db.execute("UPDATE audit_head SET last_hash = ? WHERE id = 1", (prev,))
db.commit()
PY
}

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

# --- Issue 14, item 2 ------------------------------------------------------------------------------
KEYFILE="$CHUNGTHU_DATA/secrets/audit-chain-key"
HEADFILE="$CHUNGTHU_DATA/audit-head"
expect_rc "chain key file: owner only" 600 "$(stat -c %a "$KEYFILE")"
expect_rc "signed head file: others cannot write it" 0 "$((0$(stat -c %a "$HEADFILE") & 2))"
expect_not_contains "the chain key is not in the database" "$(cat "$KEYFILE")" "$(sql .dump)"

PROTECTED=$(sql "SELECT MAX(seq) FROM audit_checkpoints")
seed_province
"$CT" org add --name "Sở Tài chính" --parent "$P" >/dev/null  # entries after the last checkpoint
UNPROTECTED=$(($(sql "SELECT MAX(seq) FROM audit_log") - PROTECTED))
if [ "$UNPROTECTED" -ge 2 ]; then pass "CLI writes leave a tail after the last checkpoint"; else failed "no tail: $UNPROTECTED"; fi
run "$CT" audit verify
expect_rc "unprotected tail: chain holds" 0 "$RC"
expect_contains "says up to which entry the log is protected" "protected up to entry $PROTECTED" "$OUT"
expect_contains "names the entries not yet protected" "$UNPROTECTED entries after it not yet protected" "$OUT"
run "$CT" audit verify --json
expect_rc "JSON: protected_through" "$PROTECTED" "$(json "d['protected_through']" <<<"$OUT")"
expect_rc "JSON: unprotected" "$UNPROTECTED" "$(json "d['unprotected']" <<<"$OUT")"
expect_rc "JSON: keyed from the first entry" 1 "$(json "d['keyed_from']" <<<"$OUT")"
expect_rc "JSON: the signed head names the last checkpoint" "$PROTECTED" "$(json "d['signed_head']" <<<"$OUT")"
save

TAIL=$((PROTECTED + 1))
forge_sha256 "$TAIL"
run "$CT" audit verify
expect_rc "tail rewritten and rehashed with plain SHA-256: exit 4" 4 "$RC"
expect_contains "tail rewritten: names the entry" "first bad entry: $TAIL" "$OUT"
expect_contains "tail rewritten: not keyed" "not keyed with the chain key" "$OUT"
run "$CT" audit checkpoint
expect_rc "tail rewritten: no checkpoint signs it" 4 "$RC"
restore

sql "DELETE FROM audit_checkpoints"
run "$CT" audit verify
expect_rc "deleted checkpoints: exit 4" 4 "$RC"
expect_contains "deleted checkpoints: says so" "no signed checkpoint" "$OUT"
expect_contains "deleted checkpoints: Vietnamese" "không có điểm kiểm tra đã ký" "$OUT"
restore

forge_sha256 "$TAIL"
sql "DELETE FROM audit_checkpoints"
run "$CT" audit verify
expect_rc "tail rewritten and checkpoints deleted: exit 4" 4 "$RC"
restore

# Truncation: the newest entries and their checkpoint deleted and the head row fixed leave a log
# consistent with itself; the signed head outside the database still names the last entry.
run "$CT" audit checkpoint
LAST=$(sql "SELECT MAX(seq) FROM audit_log")
expect_rc "checkpoint of the tail: the signed head moves on" "$LAST" "$(sed -n 's/^seq //p' "$HEADFILE")"
save
sql "DELETE FROM audit_log WHERE seq > $PROTECTED; DELETE FROM audit_checkpoints WHERE seq > $PROTECTED;
     UPDATE audit_head SET last_seq = $PROTECTED, last_hash = (SELECT hash FROM audit_log WHERE seq = $PROTECTED)"
run "$CT" audit verify
expect_rc "truncated entries and checkpoints: exit 4" 4 "$RC"
expect_contains "truncated: names the first entry cut off" "first bad entry: $TAIL" "$OUT"
expect_contains "truncated: found by the signed head outside the database" "outside the database" "$OUT"
mv "$HEADFILE" "$SCRATCH/audit-head.away"
run "$CT" audit verify
expect_rc "truncated, without the signed head file: nothing else can tell" 0 "$RC"
mv "$SCRATCH/audit-head.away" "$HEADFILE"
sql "DELETE FROM audit_checkpoints WHERE seq = $PROTECTED"
run "$CT" audit verify
expect_rc "truncated, older checkpoint deleted too: exit 4" 4 "$RC"
restore
run "$CT" audit verify
expect_rc "restored: chain holds" 0 "$RC"

# The chain key: a wrong one or a lost one is an integrity failure, and never printed.
WRONG=$(printf '%064d' 7)
run env CHUNGTHU_AUDIT_CHAIN_KEY="$WRONG" "$CT" audit verify
expect_rc "wrong chain key: exit 4" 4 "$RC"
expect_contains "wrong chain key: says so" "chain key is wrong" "$OUT"
expect_contains "wrong chain key: Vietnamese" "Khóa chuỗi nhật ký kiểm toán không đúng" "$OUT"
expect_not_contains "wrong chain key: not printed" "$WRONG" "$OUT"
expect_not_contains "the real chain key: not printed" "$(cat "$KEYFILE")" "$OUT"
mv "$KEYFILE" "$SCRATCH/chain-key.away"
run "$CT" audit verify
expect_rc "lost chain key file: exit 4" 4 "$RC"
expect_contains "lost chain key file: says so" "chain key is missing" "$OUT"
if [ -e "$KEYFILE" ]; then failed "a lost chain key is replaced by a new one"; else pass "a lost chain key is not replaced"; fi
mv "$SCRATCH/chain-key.away" "$KEYFILE"

# `serve` signs a last checkpoint when it stops, so the signed head names the last entry.
start_server
"$CT" org add --name "Sở Nội vụ" --parent "$P" >/dev/null
stop_server
expect_rc "serve: clean exit" 0 "$SERVER_RC"
LAST=$(sql "SELECT MAX(seq) FROM audit_log")
run "$CT" audit verify --json
expect_rc "after serve stopped: chain holds" 0 "$RC"
expect_rc "after serve stopped: every entry protected" "$LAST" "$(json "d['protected_through']" <<<"$OUT")"
expect_rc "after serve stopped: the signed head names the last entry" "$LAST" "$(json "d['signed_head']" <<<"$OUT")"

finish
