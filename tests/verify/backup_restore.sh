#!/usr/bin/env bash
# Backup and restore (issue 18, app/backup.h): a backup taken while certificates are issued and
# revoked restores into a new directory where `audit verify` holds and everything committed
# before it is present; a quiet backup restores to the same certificates and serves the same
# CRL; a truncated, altered, foreign or wrongly unlocked file is refused and creates nothing.
# Then the same on PostgreSQL (pg_dump, psql into an empty database).
# Usage: backup_restore.sh path/to/chungthu   (CHUNGTHU_TEST_POSTGRES_URL: the private cluster)
CT="$1"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/api_lib.sh"
: "${CHUNGTHU_TEST_POSTGRES_URL:?the private PostgreSQL cluster (ctest fixture 'postgres')}"
ADMIN="$CHUNGTHU_TEST_POSTGRES_URL"
DB_A="ct_backup_a_$$" DB_B="ct_backup_b_$$"
pg_url() { echo "${ADMIN/\/\/\/postgres\?/\/\/\/$1?}"; }
trap '[ -n "$SERVER_PID" ] && kill -KILL "$SERVER_PID" 2>/dev/null; [ -n "${LOAD_PID:-}" ] && kill "$LOAD_PID" 2>/dev/null
  for d in "$DB_A" "$DB_B"; do psql -X -q "$ADMIN" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1; done
  rm -rf "$SCRATCH"' EXIT

# certs DIR: every certificate's serial and status, sorted, from DIR's store.
certs() {
  if [ -n "${CHUNGTHU_DATABASE:-}" ]; then
    psql -X -At "$CHUNGTHU_DATABASE" -c "SELECT serial || ' ' || status FROM certificates ORDER BY serial"
  else
    sqlite3 "$1/chungthu.db" "SELECT serial || ' ' || status FROM certificates ORDER BY serial"
  fi
}
# load N: issues N certificates, revoking every second one.
load() {
  local i s
  for i in $(seq 1 "$1"); do
    new_csr "load$i"
    s=$("$CT" cert issue --csr "load$i.csr" --subject "C=VN,O=UBND tỉnh Bắc Ninh,CN=Cán bộ $i" \
      --email "canbo$i@bacninh.gov.vn" --out /dev/null 2>/dev/null) || continue
    if [ $((i % 2)) = 0 ]; then "$CT" cert revoke "$s" --reason keyCompromise >/dev/null 2>&1 || true; fi
  done
}
# refused NAME FILE [restore options]: restore of FILE into a new directory fails and leaves nothing.
refused() {
  local name=$1 file=$2
  shift 2
  rm -rf "$SCRATCH/refused"
  run "$CT" --data "$SCRATCH/refused" restore "$file" "$@"
  if [ "$RC" -ne 0 ] && [ ! -e "$SCRATCH/refused" ] && ! ls -a "$SCRATCH" | grep -q '^\.restore-'; then
    pass "$name: refused ($(head -c 160 <<<"$OUT"))"
  else
    failed "$name: rc=$RC, left: $(ls -a "$SCRATCH" | tr '\n' ' '): $OUT"
  fi
}

# --- SQLite, while serving and issuing --------------------------------------------------------
new_instance
ca_certs
start_server
load 12 >/dev/null
before=$(certs data | wc -l)
load 30 >/dev/null &
LOAD_PID=$!
sleep 1
run "$CT" backup --out during.ctbk
expect_rc "backup during load" 0 "$RC"
wait "$LOAD_PID"; LOAD_PID=""
after=$(certs data | wc -l)
expect_rc "the backup file is the owner's only" 600 "$(stat -c %a during.ctbk)"
# The operator keeps the CA passphrase apart from the backups; here, its file.
PF=(--passphrase-file "$SCRATCH/data/secrets/ca-passphrase")
run "$CT" --data "$SCRATCH/r1" restore during.ctbk "${PF[@]}"
expect_rc "restored" 0 "$RC"
run "$CT" --data "$SCRATCH/r1" audit verify
expect_rc "audit verify holds after the restore" 0 "$RC"
n=$(certs r1 | wc -l)
if [ "$n" -ge "$before" ] && [ "$n" -le "$after" ]; then pass "restored certificates: $before ≤ $n ≤ $after"; else failed "restored $n, before $before, after $after"; fi
# (Statuses may differ: the load went on revoking after the snapshot; the quiet backup compares them.)
if comm -23 <(certs r1 | cut -d' ' -f1) <(certs data | cut -d' ' -f1) | grep -q .; then
  failed "a restored certificate the original lacks"
else
  pass "every restored certificate is the original's"
fi
for f in chungthu.toml keys/issuing.p8.pem secrets/audit-chain-key secrets/ca-passphrase; do
  if cmp -s "data/$f" "r1/$f"; then pass "$f restored"; else failed "$f differs or is missing"; fi
done
if grep -q "$(cat data/secrets/ca-passphrase)" during.ctbk; then failed "the passphrase is in the file in clear"; else pass "secrets are sealed in the file"; fi

"$CT" crl generate >/dev/null
stop_server
"$CT" backup --out quiet.ctbk >/dev/null
run "$CT" --data "$SCRATCH/r2" restore quiet.ctbk "${PF[@]}"
expect_rc "a quiet backup restores" 0 "$RC"
if [ "$(certs r2)" = "$(certs data)" ]; then pass "the same certificates and statuses"; else failed "the certificates differ"; fi
CHUNGTHU_DATA="$SCRATCH/r2" start_server
curl -s -o r2.crl "$BASE/crl/issuing.crl"
if cmp -s r2.crl data/crl/issuing.crl; then pass "the restored instance serves the same CRL"; else failed "the CRLs differ"; fi
stop_server

# --- What is refused ------------------------------------------------------------------------
size=$(stat -c %s quiet.ctbk)
head -c $((size / 2)) quiet.ctbk >cut.ctbk
refused "a truncated backup" cut.ctbk "${PF[@]}"
head -c $((size - 1)) quiet.ctbk >cut2.ctbk
refused "a backup missing its last byte" cut2.ctbk "${PF[@]}"
cp quiet.ctbk flipped.ctbk
printf '\x5a' | dd of=flipped.ctbk bs=1 seek=$((size / 3)) conv=notrunc 2>/dev/null
refused "a backup with one byte altered" flipped.ctbk "${PF[@]}"
{ cat quiet.ctbk; printf 'x'; } >longer.ctbk
refused "a backup with bytes after its end" longer.ctbk "${PF[@]}"
head -c 4096 /dev/urandom >random.bin
refused "a file that is not a backup" random.bin "${PF[@]}"
printf 'wrong-passphrase\n' >wrong && chmod 600 wrong
refused "the wrong passphrase" quiet.ctbk --passphrase-file wrong
mkdir -p full && touch full/x
run "$CT" --data "$SCRATCH/full" restore quiet.ctbk "${PF[@]}"
if [ "$RC" -ne 0 ] && [ "$(ls full)" = x ]; then pass "a non-empty data directory: refused, untouched"; else failed "rc=$RC: $OUT"; fi

# --- PostgreSQL -------------------------------------------------------------------------------
psql -X -q -v ON_ERROR_STOP=1 "$ADMIN" -c "CREATE DATABASE $DB_A" -c "CREATE DATABASE $DB_B"
export CHUNGTHU_DATABASE CHUNGTHU_DATA="$SCRATCH/pg"
CHUNGTHU_DATABASE=$(pg_url "$DB_A")
"$CT" init >/dev/null
load 6 >/dev/null
CHUNGTHU_BACKUP_PASSPHRASE="a separate backup passphrase" run "$CT" backup --out pg.ctbk
expect_rc "backup on PostgreSQL (pg_dump)" 0 "$RC"
CHUNGTHU_BACKUP_PASSPHRASE="a separate backup passphrase" run "$CT" --data "$SCRATCH/pg-r" restore pg.ctbk --database "$(pg_url "$DB_B")"
expect_rc "restored into an empty database (psql)" 0 "$RC"
want=$(certs pg)
CHUNGTHU_DATABASE=$(pg_url "$DB_B")
if [ "$(certs pg-r)" = "$want" ]; then pass "PostgreSQL: the same certificates"; else failed "PostgreSQL: the certificates differ"; fi
run "$CT" --data "$SCRATCH/pg-r" audit verify
expect_rc "PostgreSQL: audit verify holds after the restore" 0 "$RC"
CHUNGTHU_BACKUP_PASSPHRASE="a separate backup passphrase" refused "a database that is not empty" pg.ctbk --database "$(pg_url "$DB_B")"
finish
