#!/usr/bin/env bash
# Exactly once (SPEC §4): approve many operations, kill the worker with SIGKILL in the middle,
# run it again, and check that every approved operation completed once, no serial was issued
# twice, and the audit chain verifies.
# Usage: worker_exactly_once.sh path/to/chungthu [count]
CT="$1"
COUNT="${2:-80}"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/seed.sh"

new_instance
P=$("$CT" org add --name "UBND tỉnh Bắc Ninh" --province "Bắc Ninh")
U=$("$CT" org add --name "Sở Tài chính" --parent "$P")
add_user um1 unit_manager "$U"
add_user ra1 ra_officer
new_csr k
sample_pdfs

for i in $(seq 1 "$COUNT"); do
  cccd=$(printf '0270850%05d' "$i")
  S=$("$CT" subscriber add --org "$U" --name "Cán bộ số $i" --dob 15/06/1985 --cccd "$cccd" --cccd-date 10/05/2021 \
    --cccd-place C06 --email "cb$i@bacninh.gov.vn" --position "Chuyên viên" --device SOFT)
  R=$("$CT" request create --as um1 --type new --subscriber "$S" --csr k.csr --attach request_letter=don.pdf \
    --attach appointment_decision=qd.pdf 2>/dev/null | head -1)
  "$CT" request submit "$R" --as um1 >/dev/null
  "$CT" request approve "$R" --as ra1 >/dev/null
done
expect_rc "all approved" "$COUNT" "$(sqlite3 "$DB" "SELECT COUNT(*) FROM requests WHERE state='approved'")"

"$CT" worker run --lease 2 --claim 2 >worker1.log 2>&1 &
PID=$!
for _ in $(seq 1 600); do
  done_now=$(sqlite3 "$DB" "SELECT COUNT(*) FROM requests WHERE state='completed'" 2>/dev/null || echo 0)
  [ "$done_now" -ge $((COUNT / 3)) ] && break
  sleep 0.1
done
kill -9 "$PID"
wait "$PID" 2>/dev/null || true
mid=$(sqlite3 "$DB" "SELECT COUNT(*) FROM requests WHERE state='completed'")
if [ "$mid" -gt 0 ] && [ "$mid" -lt "$COUNT" ]; then pass "killed in the middle ($mid of $COUNT done)"; else failed "kill point: $mid of $COUNT done"; fi

"$CT" worker run --once --lease 2 >worker2.log 2>&1
expect_rc "every approved request completed" "$COUNT" "$(sqlite3 "$DB" "SELECT COUNT(*) FROM requests WHERE state='completed'")"
expect_rc "one certificate per request" "$COUNT" "$(sqlite3 "$DB" "SELECT COUNT(*) FROM certificates WHERE request_id IS NOT NULL")"
expect_rc "no request has two certificates" 0 \
  "$(sqlite3 "$DB" "SELECT COUNT(*) FROM (SELECT request_id FROM certificates WHERE request_id IS NOT NULL GROUP BY request_id HAVING COUNT(*) > 1)")"
expect_rc "no serial twice" 0 "$(sqlite3 "$DB" "SELECT COUNT(*) - COUNT(DISTINCT serial) FROM certificates")"
expect_rc "every job done" "$COUNT" "$(sqlite3 "$DB" "SELECT COUNT(*) FROM jobs WHERE state='done'")"
expect_rc "one completion event per request" "$COUNT" \
  "$(sqlite3 "$DB" "SELECT COUNT(*) FROM request_events WHERE action='complete'")"
expect_rc "one cert.issue audit entry per certificate" "$COUNT" \
  "$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit_log WHERE action='cert.issue' AND outcome='ok'")"
if "$CT" audit --help >/dev/null 2>&1; then
  set +e; OUT=$("$CT" audit verify 2>&1); RC=$?; set -e
  expect_rc "audit chain verifies" 0 "$RC"
else
  failed "chungthu audit verify is not available"
fi
finish
