#!/usr/bin/env bash
# Regenerates the CSR fixtures of src/crypto/csr_test.cpp with the openssl CLI. Keys are made in
# a temporary directory and thrown away: only the requests are kept. Run from anywhere:
#   tests/data/csr/make_csrs.sh
# The crafted cases (even modulus, small factor, bad EC point) edit the public key of a valid
# request; parse_csr applies the key policy before the signature, so they reach the key check.
set -euo pipefail

out="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

subject="/C=VN/ST=Bac Ninh/O=UBND tinh Bac Ninh/CN=Test CSR"

csr() {  # csr <name> <form PEM|DER> <genpkey args...>
  local name="$1" form="$2"
  shift 2
  openssl genpkey "$@" -out "$tmp/$name.key" 2>/dev/null
  local ext=pem
  [[ "$form" == DER ]] && ext=der
  openssl req -new -key "$tmp/$name.key" -subj "$subject" -outform "$form" -out "$out/$name.$ext"
}

hex_of() { xxd -p "$1" | tr -d '\n'; }

# Byte offset of the first octet-aligned occurrence of hex `pattern` in `file`.
offset_of() {
  local hex prefix
  hex="$(hex_of "$1")"
  prefix="${hex%%"$2"*}"
  if [[ "$prefix" == "$hex" || $(( ${#prefix} % 2 )) -ne 0 ]]; then
    echo "pattern $2 not found in $1" >&2
    exit 1
  fi
  echo $(( ${#prefix} / 2 ))
}

byte_at() { od -An -tu1 -j "$2" -N1 "$1" | tr -d ' '; }

put_byte() {  # put_byte <file> <offset> <value>
  printf "$(printf '\\%03o' "$3")" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

# Good requests.
csr rsa2048 PEM -algorithm RSA -pkeyopt rsa_keygen_bits:2048
csr rsa3072 DER -algorithm RSA -pkeyopt rsa_keygen_bits:3072
csr ec_p256 PEM -algorithm EC -pkeyopt ec_paramgen_curve:P-256
csr ec_p384 PEM -algorithm EC -pkeyopt ec_paramgen_curve:P-384
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/vi.key" 2>/dev/null
openssl req -new -utf8 -key "$tmp/vi.key" \
  -subj "/C=VN/ST=Bắc Ninh/O=UBND tỉnh Bắc Ninh/OU=Sở Giáo dục và Đào tạo/CN=Nguyễn Văn An" \
  -out "$out/vietnamese.pem"
sed 's/CERTIFICATE REQUEST/NEW CERTIFICATE REQUEST/' "$out/rsa2048.pem" > "$out/new_label.pem"

# Bad requests.
printf 'This is not a certification request.\n\001\002\003\377\376' > "$out/garbage.bin"
openssl req -in "$out/rsa2048.pem" -outform DER -out "$tmp/rsa2048.der"
head -c 300 "$tmp/rsa2048.der" > "$out/truncated.der"

cp "$tmp/rsa2048.der" "$out/bad_signature.der"
size=$(stat -c %s "$out/bad_signature.der")
put_byte "$out/bad_signature.der" $(( size - 20 )) $(( $(byte_at "$out/bad_signature.der" $(( size - 20 ))) ^ 0x5A ))

csr rsa1024 PEM -algorithm RSA -pkeyopt rsa_keygen_bits:1024
csr rsa_e3 PEM -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_keygen_pubexp:3
csr secp256k1 PEM -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1
csr ed25519 PEM -algorithm ED25519

{ head -c 70000 /dev/zero | tr '\0' 'x' | fold -w 64; echo; cat "$out/rsa2048.pem"; } > "$out/oversize.pem"

# RSA-2048 modulus: INTEGER of 257 octets, 02 82 01 01 00 <256 octets>.
modulus=$(( $(offset_of "$tmp/rsa2048.der" 0282010100) + 5 ))
last=$(( modulus + 255 ))

cp "$tmp/rsa2048.der" "$out/rsa_even_modulus.der"
put_byte "$out/rsa_even_modulus.der" "$last" $(( $(byte_at "$tmp/rsa2048.der" "$last") & 0xFE ))

# n mod 3 is the sum of its octets mod 3 (256 ≡ 1 mod 3): move the last octet by an even step to
# make n divisible by 3 and still odd.
sum=0
for (( i = 0; i < 256; i++ )); do sum=$(( sum + $(byte_at "$tmp/rsa2048.der" $(( modulus + i ))) )); done
b=$(byte_at "$tmp/rsa2048.der" "$last")
for d in 0 2 4; do
  if (( b >= 4 && (sum - d) % 3 == 0 )); then nb=$(( b - d )); break; fi
  if (( b < 4 && (sum + d) % 3 == 0 )); then nb=$(( b + d )); break; fi
done
cp "$tmp/rsa2048.der" "$out/rsa_small_factor.der"
put_byte "$out/rsa_small_factor.der" "$last" "$nb"

# P-256 point: BIT STRING 03 42 00 04 <X 32> <Y 32>; change the last octet of Y.
openssl req -in "$out/ec_p256.pem" -outform DER -out "$tmp/ec_p256.der"
y_last=$(( $(offset_of "$tmp/ec_p256.der" 03420004) + 4 + 63 ))
cp "$tmp/ec_p256.der" "$out/ec_bad_point.der"
put_byte "$out/ec_bad_point.der" "$y_last" $(( $(byte_at "$tmp/ec_p256.der" "$y_last") ^ 0x01 ))

ls -l "$out"
