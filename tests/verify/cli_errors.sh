#!/usr/bin/env bash
# Bad input to the CLI: each refused with exit 2 (1 for usage) and one clear bilingual line,
# never a crash, and nothing written to the store.
# Usage: cli_errors.sh path/to/chungthu
CT="$1"
source "$(dirname "$0")/lib.sh"
DATA_CSR="$(cd "$(dirname "$0")/../data/csr" && pwd)"
cd "$SCRATCH"
export CHUNGTHU_DATA="$SCRATCH/data"

run "$CT" ca list
expect_rc "no installation: refused" 2 "$RC"
expect_contains "no installation: says run init" "chungthu init" "$OUT"

"$CT" init >/dev/null
run "$CT" init
expect_rc "init twice: refused" 2 "$RC"
expect_contains "init twice: bilingual" "Đã khởi tạo" "$OUT"

count_certs() { sqlite3 "$CHUNGTHU_DATA/chungthu.db" "SELECT COUNT(*) FROM certificates"; }
before=$(count_certs)
SUBJ="C=VN,ST=Hà Nội,O=Bộ Tài chính,CN=Lê Văn Cường"
declare -A reasons=(
  [garbage.bin]="not a pem or der"
  [truncated.der]="truncated"
  [bad_signature.der]="signature"
  [rsa1024.pem]="1024"
  [rsa_e3.pem]="exponent"
  [secp256k1.pem]="curve"
  [oversize.pem]="too large"
  [ed25519.pem]="algorithm"
  [rsa_even_modulus.der]="modulus"
)
for f in "${!reasons[@]}"; do
  run "$CT" cert issue --csr "$DATA_CSR/$f" --subject "$SUBJ" --email c@x.gov.vn
  expect_rc "bad CSR $f: exit 2" 2 "$RC"
  lines=$(printf '%s\n' "$OUT" | wc -l)
  expect_rc "bad CSR $f: one line" 1 "$lines"
  expect_contains "bad CSR $f: reason" "${reasons[$f]}" "$(tr "A-Z" "a-z" <<<"$OUT")"
done
expect_rc "bad CSRs wrote nothing" "$before" "$(count_certs)"

run "$CT" cert issue --csr "$DATA_CSR/rsa2048.pem" --subject "C=VN,XX=oops,CN=A" --email c@x.gov.vn
expect_rc "unknown DN attribute: exit 2" 2 "$RC"
expect_contains "unknown DN attribute: names the option" "--subject" "$OUT"
run "$CT" cert issue --csr "$DATA_CSR/rsa2048.pem" --subject "$SUBJ"
expect_rc "individual without e-mail: exit 2" 2 "$RC"
expect_contains "individual without e-mail: says so" "e-mail" "$OUT"
run "$CT" cert issue --csr "$DATA_CSR/rsa2048.pem" --subject "$SUBJ" --email "not-an-email"
expect_rc "bad e-mail: exit 2" 2 "$RC"
run "$CT" cert issue --csr "$DATA_CSR/rsa2048.pem" --subject "$SUBJ" --email c@x.gov.vn --days 4000
expect_rc "validity over the profile maximum: exit 2" 2 "$RC"
expect_contains "validity over the maximum: says the limit" "1825" "$OUT"
run "$CT" cert issue --csr "$DATA_CSR/rsa2048.pem" --subject "$SUBJ" --email c@x.gov.vn --profile nosuch
expect_rc "unknown profile: exit 2" 2 "$RC"
run "$CT" cert issue --csr "$DATA_CSR/rsa2048.pem" --subject "$SUBJ" --email c@x.gov.vn --dns a.b.vn
expect_rc "DNS name on an individual: exit 2" 2 "$RC"
run "$CT" cert issue --csr /nonexistent --subject "$SUBJ" --email c@x.gov.vn
expect_rc "missing CSR file: exit 2" 2 "$RC"
expect_rc "refused issuances wrote nothing" "$before" "$(count_certs)"

# Regression: --out to a device writes into it and never replaces it with a file.
"$CT" cert issue --csr "$DATA_CSR/rsa2048.pem" --subject "$SUBJ" --email dev@x.gov.vn --out /dev/null >/dev/null
if [ -c /dev/null ]; then pass "--out /dev/null leaves the device in place"; else failed "--out /dev/null replaced the device"; mknod -m 666 /dev/null c 1 3; fi
before=$(count_certs)

run "$CT" cert show ZZZZ
expect_rc "non-hex serial: exit 2" 2 "$RC"
run "$CT" cert show 0123456789
expect_rc "unknown serial: exit 2" 2 "$RC"
run "$CT" cert revoke 0123456789 --reason keyCompromise
expect_rc "revoke unknown serial: exit 2" 2 "$RC"
S=$("$CT" cert issue --csr "$DATA_CSR/rsa2048.pem" --subject "$SUBJ" --email c@x.gov.vn --out c.pem)
run "$CT" cert revoke "$S" --reason becauseISaidSo
expect_rc "unknown reason: exit 2" 2 "$RC"
expect_contains "unknown reason: lists valid ones" "keyCompromise" "$OUT"
run "$CT" cert revoke "$S" --reason keyCompromise --invalidity-date 2999-01-01
expect_rc "future invalidity date: exit 2" 2 "$RC"
run "$CT" cert revoke "$S" --reason keyCompromise --invalidity-date 31/02/2026
expect_rc "impossible invalidity date: exit 2" 2 "$RC"
run "$CT" cert revoke "$S" --reason superseded
expect_rc "revoke: ok" 0 "$RC"
run "$CT" cert revoke "$S" --reason superseded
expect_rc "revoke twice: exit 2" 2 "$RC"
expect_contains "revoke twice: says already revoked" "already revoked" "$OUT"
run "$CT" cert revoke "$S" --reason removeFromCRL
expect_rc "release a revoked (not held) certificate: exit 2" 2 "$RC"

run "$CT" cert
expect_rc "missing sub-command: usage exit 1" 1 "$RC"
run "$CT" cert issue --subject "$SUBJ"
expect_rc "missing --csr: usage exit 1" 1 "$RC"
run "$CT" --help
expect_rc "--help: exit 0" 0 "$RC"
expect_contains "--help documents exit codes" "Exit codes" "$OUT"
run "$CT" crl generate --ca nosuch
expect_rc "CRL of an unknown CA: exit 2" 2 "$RC"

run env CHUNGTHU_CA_PASSPHRASE=wrong-passphrase "$CT" crl generate
expect_rc "wrong CA passphrase: exit 2" 2 "$RC"
expect_contains "wrong CA passphrase: says so" "passphrase" "$OUT"
expect_not_contains "wrong CA passphrase: the passphrase is not printed" "wrong-passphrase" "$OUT"

chmod 644 "$CHUNGTHU_DATA/secrets/ca-passphrase"
run "$CT" crl generate
expect_rc "world-readable passphrase file: refused" 2 "$RC"
chmod 600 "$CHUNGTHU_DATA/secrets/ca-passphrase"

printf 'database = = "x"\n' >>"$CHUNGTHU_DATA/chungthu.toml"
run "$CT" ca list
expect_rc "broken chungthu.toml: exit 2" 2 "$RC"
expect_contains "broken chungthu.toml: says the line" "chungthu.toml:" "$OUT"

# A failed init leaves nothing behind.
run env CHUNGTHU_CA_ROOT_KEY=rsa1234 "$CT" init --data "$SCRATCH/fresh"
expect_rc "init with a bad key type: exit 2" 2 "$RC"
if [ -e "$SCRATCH/fresh" ]; then failed "failed init removed its directory"; else pass "failed init removed its directory"; fi

finish
