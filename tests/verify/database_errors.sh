#!/usr/bin/env bash
# A database chungthu cannot use is refused at start with ONE clear bilingual line and a
# non-zero exit (3: environment, 4: integrity), never a crash, never the password; an empty
# database is migrated; a database with a newer schema is left untouched.
# Usage: database_errors.sh path/to/chungthu   (CHUNGTHU_TEST_POSTGRES_URL: the private cluster)
CT="$1"
source "$(dirname "$0")/lib.sh"
: "${CHUNGTHU_TEST_POSTGRES_URL:?the private PostgreSQL cluster (ctest fixture 'postgres')}"
cd "$SCRATCH"
export CHUNGTHU_DATA="$SCRATCH/data"
"$CT" init >/dev/null

ADMIN="$CHUNGTHU_TEST_POSTGRES_URL"
DB="ct_db_errors_$$"
URL="${ADMIN/\/\/\/postgres\?/\/\/\/$DB?}"
psql -X -q -v ON_ERROR_STOP=1 "$ADMIN" -c "CREATE DATABASE $DB"
trap 'psql -X -q "$ADMIN" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1; rm -rf "$SCRATCH"' EXIT

run() { set +e; OUT=$("$@" 2>&1); RC=$?; set -e; }
# refused NAME WANT_RC NEEDLE SECRET: exit code, one line, bilingual, the reason, no secret.
refused() {
  expect_rc "$1: exit $2" "$2" "$RC"
  expect_rc "$1: one line" 1 "$(printf '%s\n' "$OUT" | wc -l)"
  expect_contains "$1: Vietnamese" "cơ sở dữ liệu" "$OUT"
  expect_contains "$1: says why" "$3" "$OUT"
  if [ -n "$4" ]; then expect_not_contains "$1: password not printed" "$4" "$OUT"; fi
}

run env CHUNGTHU_DATABASE="postgresql://chungthu:Bi-Mat-So-99@127.0.0.1:1/chungthu?connect_timeout=5" "$CT" ca list
refused "unreachable server" 3 "Cannot connect to the PostgreSQL database" "Bi-Mat-So-99"
expect_contains "unreachable server: the URL, redacted" "chungthu:***@127.0.0.1" "$OUT"

run env CHUNGTHU_DATABASE="${URL/user=chungthu_test/user=chungthu_pw\&password=Sai-Mat-Khau-1}" "$CT" ca list
refused "wrong password" 3 "password authentication failed" "Sai-Mat-Khau-1"

run env CHUNGTHU_DATABASE="${ADMIN/\/\/\/postgres\?/\/\/\/no_such_database?}" "$CT" ca list
refused "missing database" 3 "does not exist" ""

run env CHUNGTHU_DATABASE="mysql://root@localhost/chungthu" "$CT" ca list
expect_rc "unsupported URL: exit 2" 2 "$RC"
expect_rc "unsupported URL: one line" 1 "$(printf '%s\n' "$OUT" | wc -l)"

# An empty database is migrated at start, by the same migrations as SQLite.
run env CHUNGTHU_DATABASE="$URL" "$CT" ca list
expect_rc "empty database: migrated and usable" 0 "$RC"
versions=$(psql -X -At "$URL" -c "SELECT COUNT(*) FROM schema_version")
sqlite_versions=$(sqlite3 "$CHUNGTHU_DATA/chungthu.db" "SELECT COUNT(*) FROM schema_version")
expect_rc "empty database: every migration recorded" "$sqlite_versions" "$versions"

psql -X -q "$URL" -c "INSERT INTO schema_version (version, name, applied_at) VALUES (9999, 'from the future', 0)"
tables_before=$(psql -X -At "$URL" -c "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")
run env CHUNGTHU_DATABASE="$URL" "$CT" ca list
expect_rc "newer schema: exit 4 (integrity)" 4 "$RC"
expect_rc "newer schema: one line" 1 "$(printf '%s\n' "$OUT" | wc -l)"
expect_contains "newer schema: says so" "newer than this binary knows" "$OUT"
expect_contains "newer schema: Vietnamese" "mới hơn" "$OUT"
expect_rc "newer schema: left untouched" "$tables_before" \
  "$(psql -X -At "$URL" -c "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")"

finish
