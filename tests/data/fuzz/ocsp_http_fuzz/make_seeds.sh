#!/usr/bin/env bash
# Seeds of ocsp_http_fuzz (src/server/ocsp_http_fuzz.cpp): the first byte picks the path
# (0x00 GET path after /ocsp/, 0x03 POST body with application/ocsp-request), the rest is input.
# Requests are made by `openssl ocsp -reqout` for a throw-away CA. Run from this directory.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/ca.key" \
  -subj "/CN=Seed CA" -days 1 -out "$tmp/ca.pem" 2>/dev/null
openssl ocsp -issuer "$tmp/ca.pem" -serial 0x0102030405 -reqout "$tmp/sha1.der" 2>/dev/null
openssl ocsp -issuer "$tmp/ca.pem" -sha256 -serial 0x0A0B0C -no_nonce -reqout "$tmp/sha256.der" 2>/dev/null
openssl ocsp -issuer "$tmp/ca.pem" -serial 1 -serial 2 -reqout "$tmp/two.der" 2>/dev/null
for f in sha1 sha256 two; do
  { printf '\x03'; cat "$tmp/$f.der"; } >post_$f.bin
  { printf '\x00'; base64 -w0 "$tmp/$f.der" | sed 's/+/%2B/g; s,/,%2F,g; s/=/%3D/g'; } >get_$f.bin
done
printf '\x00MEQ%%3D' >get_short.bin
printf '\x01garbage' >post_wrong_type.bin
