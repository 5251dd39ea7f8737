#!/usr/bin/env bash
# Two chungthu processes on one PostgreSQL (SPEC §10): two shell loops, each running `chungthu
# cert issue`, `cert revoke` on half of what it issued and `crl generate`, concurrently. Then:
# no duplicate serials, every revocation on the latest CRL, CRL numbers strictly increasing. Then
# four processes renewing the OCSP signer at once renew it once.
# Usage: two_process_pg.sh path/to/chungthu   (CHUNGTHU_TEST_POSTGRES_URL: the private cluster)
CT="$1"
source "$(dirname "$0")/lib.sh"
: "${CHUNGTHU_TEST_POSTGRES_URL:?the private PostgreSQL cluster (ctest fixture 'postgres')}"
EACH=${TWO_PROCESS_EACH:-16}
cd "$SCRATCH"

DB="ct_two_process_$$"
ADMIN="$CHUNGTHU_TEST_POSTGRES_URL"
URL="${ADMIN/\/\/\/postgres\?/\/\/\/$DB?}"
sql() { psql -X -q -At -v ON_ERROR_STOP=1 "$URL" -c "$1"; }
psql -X -q -v ON_ERROR_STOP=1 "$ADMIN" -c "CREATE DATABASE $DB"
trap 'psql -X -q "$ADMIN" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1; rm -rf "$SCRATCH"' EXIT

export CHUNGTHU_DATABASE="$URL"
export CHUNGTHU_DATA="$SCRATCH/data"
"$CT" init >/dev/null
expect_rc "init on PostgreSQL: schema migrated" "$(sql "SELECT COUNT(*) FROM schema_version")" \
  "$(sql "SELECT COUNT(*) FROM schema_version WHERE version > 0")"

for w in a b; do
  for i in $(seq 1 "$EACH"); do
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=csr $w $i" \
      -keyout /dev/null -out "csr-$w-$i.pem" 2>/dev/null
  done
done

# One process's loop: issue, revoke every second one, publish a CRL every fourth.
loop() {
  local w=$1 i s out
  for i in $(seq 1 "$EACH"); do
    if ! s=$("$CT" cert issue --csr "csr-$w-$i.pem" --subject "C=VN,O=Sở Nội vụ Hà Nội,CN=Cán bộ $w $i" \
      --email "canbo.$w.$i@hanoi.gov.vn" --out "cert-$w-$i.pem" 2>"issue-$w.err"); then
      { echo "issue $w $i:"; cat "issue-$w.err"; } >>errors
      continue
    fi
    echo "$s" >>"issued-$w"
    if [ $((i % 2)) -eq 0 ]; then
      if out=$("$CT" cert revoke "$s" --reason keyCompromise 2>&1); then
        echo "$s" >>"revoked-$w"
      else
        echo "revoke $w $s: $out" >>errors
      fi
    fi
    if [ $((i % 4)) -eq 0 ]; then
      if out=$("$CT" crl generate 2>&1); then echo "$out" >>"crl-$w.log"; else echo "crl $w $i: $out" >>errors; fi
    fi
  done
}
loop a &
A=$!
loop b &
B=$!
wait "$A" "$B"
"$CT" crl generate >/dev/null 2>&1

if [ -s errors ]; then failed "no command failed:"; sed 's/^/    /' errors; else pass "no command failed"; fi
issued=$(cat issued-a issued-b | wc -l)
expect_rc "every issuance returned a serial" $((2 * EACH)) "$issued"
expect_rc "serials printed are distinct" "$issued" "$(cat issued-a issued-b | sort -u | wc -l)"
expect_rc "no duplicate serial in the store" "$(sql "SELECT COUNT(*) FROM certificates")" \
  "$(sql "SELECT COUNT(DISTINCT serial) FROM certificates")"
expect_rc "both processes' certificates stored" "$issued" \
  "$(sql "SELECT COUNT(*) FROM certificates WHERE email LIKE 'canbo.%'")"

CRL="$CHUNGTHU_DATA/crl/issuing.crl"
listed=$(openssl crl -inform DER -in "$CRL" -noout -text | sed -n 's/^ *Serial Number: *//p' | tr a-f A-F | sort -u)
revoked=$(cat revoked-a revoked-b | tr a-f A-F | sort -u)
expect_rc "half of the certificates revoked" "$EACH" "$(wc -l <<<"$revoked")"
missing=$(comm -23 <(echo "$revoked") <(echo "$listed") | wc -l)
expect_rc "every revoked serial is on the latest CRL" 0 "$missing"

# Each published file's CRL Number matches its name; numbers are distinct, and each process saw
# them strictly increase.
numbers=()
bad=0
for f in "$CHUNGTHU_DATA"/crl/issuing-*.crl; do
  n=$(openssl crl -inform DER -in "$f" -noout -crlnumber | sed 's/^crlNumber=0x//; s/^crlNumber=//')
  want=$(basename "$f" .crl | sed 's/^issuing-//')
  [ "$((16#$n))" -eq "$want" ] || bad=$((bad + 1))
  numbers+=("$want")
done
expect_rc "CRL files carry the number of their name" 0 "$bad"
expect_rc "CRL numbers are distinct" "${#numbers[@]}" "$(printf '%s\n' "${numbers[@]}" | sort -u | wc -l)"
expect_rc "every CRL generated was published" "$(sql "SELECT COUNT(*) FROM crls c JOIN cas a ON a.id = c.ca_id WHERE a.name = 'issuing'")" \
  "${#numbers[@]}"
latest=$(printf '%s\n' "${numbers[@]}" | sort -n | tail -n 1)
current=$(openssl crl -inform DER -in "$CRL" -noout -crlnumber | sed 's/^crlNumber=0x//; s/^crlNumber=//')
expect_rc "the current CRL is the highest number" "$latest" "$((16#$current))"
for w in a b; do
  seq_ok=$(sed -n 's/^CRL \([0-9][0-9]*\) .*/\1/p' "crl-$w.log" |
    awk 'NR > 1 && $1 <= prev { bad = 1 } { prev = $1 } END { print bad + 0 }')
  expect_rc "process $w saw its CRL numbers strictly increase" 0 "$seq_ok"
done

# The OCSP signer made by init has 365 days; with ca.ocsp_days = 366 and ca.ocsp_renew_days = 365
# it is due (364 whole days left), its successor is not: four processes renewing at once when
# due renew it once.
export CHUNGTHU_CA_OCSP_DAYS=366 CHUNGTHU_CA_OCSP_RENEW_DAYS=365
before=$(sql "SELECT serial FROM cas WHERE name = 'ocsp'")
for p in 1 2 3 4; do "$CT" ca renew ocsp --if-due >"renew-$p.log" 2>&1 & done
wait
expect_rc "four processes, one renewal of the OCSP signer" 1 "$(grep -l -- ' -> ' renew-*.log | wc -l)"
expect_rc "one ca.renew audit entry" 1 "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'ca.renew'")"
after=$(sql "SELECT serial FROM cas WHERE name = 'ocsp'")
if [ "$after" != "$before" ]; then pass "the signer in the store is the new one"; else failed "the OCSP signer was not renewed"; fi
expect_rc "the new signer's certificate recorded once" 1 "$(sql "SELECT COUNT(*) FROM certificates WHERE serial = '$after'")"
expect_rc "one key file per signer made (the losers removed theirs)" 2 "$(ls "$CHUNGTHU_DATA"/keys/ocsp*.p8.pem | wc -l)"
cat renew-*.log | grep -v -- ' -> ' | grep -qv 'not due' && { failed "a renewal failed:"; cat renew-*.log; } || pass "the others said not due"
unset CHUNGTHU_CA_OCSP_DAYS CHUNGTHU_CA_OCSP_RENEW_DAYS

finish
