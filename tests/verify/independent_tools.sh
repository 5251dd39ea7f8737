#!/usr/bin/env bash
# Certificates, CRLs and OCSP responses made by chungthu, checked with tools we did not write:
# OpenSSL (verify -x509_strict, crl, ocsp), GnuTLS certtool and NSS certutil.
# Usage: independent_tools.sh path/to/chungthu
CT="$1"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/seed.sh"
new_instance

ca_certs
cat issuing.pem root.pem >chain-ca.pem

new_csr ind rsa:2048
new_csr org P-256
new_csr dev rsa:3072
new_csr ind2 P-384

S_IND=$("$CT" cert issue --csr ind.csr --profile individual --email an.nv@bacninh.gov.vn --out ind.pem \
  --subject "C=VN,ST=Bắc Ninh,O=UBND tỉnh Bắc Ninh,OU=Sở Giáo dục và Đào tạo,OU=Trường THPT Hàn Thuyên,CN=Nguyễn Văn An")
S_ORG=$("$CT" cert issue --csr org.csr --profile organization --email stttt@bacninh.gov.vn --out org.pem \
  --subject "C=VN,ST=Bắc Ninh,O=UBND tỉnh Bắc Ninh,CN=Sở Thông tin và Truyền thông")
S_DEV=$("$CT" cert issue --csr dev.csr --profile device --dns dichvucong.bacninh.gov.vn --out dev.pem \
  --subject "C=VN,ST=Bắc Ninh,O=UBND tỉnh Bắc Ninh,CN=dichvucong.bacninh.gov.vn")
S_IND2=$("$CT" cert issue --csr ind2.csr --profile individual --email binh.tt@bacninh.gov.vn --out ind2.pem \
  --subject "C=VN,ST=Bắc Ninh,O=UBND tỉnh Bắc Ninh,CN=Trần Thị Bình")

for f in ind org dev ind2; do
  out=$(openssl verify -x509_strict -CAfile root.pem -untrusted issuing.pem $f.pem 2>&1 || true)
  expect_contains "openssl verify -x509_strict accepts $f" "$f.pem: OK" "$out"
  cat $f.pem issuing.pem >$f-chain.pem
  out=$(certtool --verify --load-ca-certificate root.pem --infile $f-chain.pem 2>&1 || true)
  expect_contains "certtool --verify (trusting our root) accepts $f" "Chain verification output: Verified" "$out"
  cat $f.pem issuing.pem root.pem >$f-fullchain.pem
  out=$(certtool --verify-chain --infile $f-fullchain.pem 2>&1 || true)
  expect_contains "certtool --verify-chain accepts $f" "Chain verification output: Verified" "$out"
done

out=$(openssl x509 -in ind.pem -noout -subject -nameopt utf8,sep_comma_plus)
expect_contains "subject keeps Vietnamese diacritics" "CN=Nguyễn Văn An" "$out"
out=$(openssl asn1parse -in ind.pem)
expect_contains "subject values are UTF8String" "UTF8STRING" "$out"
out=$(openssl x509 -in ind.pem -noout -text)
expect_contains "individual: policy OID" "2.16.704.1.1.1.1.1" "$out"
expect_contains "individual: key usage" "Digital Signature, Non Repudiation, Key Encipherment, Data Encipherment" "$out"
expect_contains "individual: EKU" "TLS Web Client Authentication, E-mail Protection" "$out"
expect_contains "individual: SAN email" "email:an.nv@bacninh.gov.vn" "$out"
expect_contains "individual: AIA OCSP" "OCSP - URI:http://127.0.0.1:8080/ocsp" "$out"
expect_contains "individual: AIA caIssuers" "CA Issuers - URI:http://127.0.0.1:8080/ca/issuing.crt" "$out"
expect_contains "individual: CRL DP" "URI:http://127.0.0.1:8080/crl/issuing.crl" "$out"
out=$(openssl x509 -in ind2.pem -noout -text)
expect_not_contains "EC individual drops keyEncipherment (RFC 5480)" "Key Encipherment" "$out"
serial_hex=$(openssl x509 -in ind.pem -noout -serial | cut -d= -f2)
expect_rc "serial printed by the CLI matches the certificate" "$serial_hex" "$S_IND"
expect_rc "serial has 128 bits" 32 "${#S_IND}"

# cert export: PEM with the chain, DER, and the PKCS#7 certs-only file, read by OpenSSL and GnuTLS.
"$CT" cert export "$S_IND" --format p7b --chain --out ind.p7b
out=$(openssl pkcs7 -inform DER -in ind.p7b -print_certs -noout 2>&1)
expect_contains "openssl reads the .p7b: the certificate" "subject=C = VN" "$out"
expect_rc "… with the issuing CA and the root" 3 "$(grep -c '^subject=' <<<"$out")"
out=$(certtool --p7-info --inder --infile ind.p7b 2>&1 || true)
expect_contains "certtool reads the .p7b" "Number of certificates: 3" "$out"
"$CT" cert export "$S_IND" --chain --out ind-exported.pem
out=$(certtool --verify-chain --infile ind-exported.pem 2>&1 || true)
expect_contains "the exported PEM chain verifies (certtool)" "Chain verification output: Verified" "$out"
"$CT" cert export "$S_IND" --format der --out ind.der
expect_rc "DER export is the certificate" "$(openssl x509 -in ind.pem -outform DER | sha256sum)" "$(sha256sum <ind.der)"
run "$CT" cert export "$S_IND" --format der --chain
expect_rc "DER with --chain refused" 2 "$RC"

# NSS: a fresh database trusting our root.
mkdir nss
certutil -N -d sql:nss --empty-password
certutil -A -d sql:nss -n root -t "CT,C,C" -i root.pem
certutil -A -d sql:nss -n issuing -t ",," -i issuing.pem
certutil -A -d sql:nss -n ind -t ",," -i ind.pem
certutil -A -d sql:nss -n org -t ",," -i org.pem
certutil -A -d sql:nss -n dev -t ",," -i dev.pem
out=$(certutil -V -d sql:nss -n ind -u C 2>&1 || true)
expect_contains "certutil -V accepts individual (SSL client)" "certificate is valid" "$out"
out=$(certutil -V -d sql:nss -n ind -u S 2>&1 || true)
expect_contains "certutil -V accepts individual (e-mail signer)" "certificate is valid" "$out"
out=$(certutil -V -d sql:nss -n org -u C 2>&1 || true)
expect_contains "certutil -V accepts organization (SSL client)" "certificate is valid" "$out"
out=$(certutil -V -d sql:nss -n dev -u V 2>&1 || true)
expect_contains "certutil -V accepts device (SSL server)" "certificate is valid" "$out"

# ask_ocsp NAME: chungthu answers openssl's OCSP request for ind.pem (NAME.req.der, the answer
# in NAME.resp.der). OCSP_VERIFIED: what openssl says of the answer's signature and nonce echo
# (-reqin); OCSP_STATUS: what it reads of the status (-cert builds a new request, so -no_nonce).
ask_ocsp() {
  openssl ocsp -issuer issuing.pem -cert ind.pem -reqout "$1.req.der" 2>/dev/null
  "$CT" ocsp respond --request "$1.req.der" --out "$1.resp.der"
  OCSP_VERIFIED=$(openssl ocsp -reqin "$1.req.der" -respin "$1.resp.der" -CAfile chain-ca.pem 2>&1 || true)
  OCSP_STATUS=$(openssl ocsp -respin "$1.resp.der" -issuer issuing.pem -cert ind.pem -CAfile chain-ca.pem -no_nonce 2>&1 || true)
}

# OCSP before revocation.
ask_ocsp before
expect_contains "openssl ocsp verifies our response and its nonce" "Response verify OK" "$OCSP_VERIFIED"
expect_contains "OCSP says good before revocation" "ind.pem: good" "$OCSP_STATUS"

# Revocation, CRL and OCSP after it.
out=$("$CT" cert revoke "$S_IND" --reason keyCompromise --invalidity-date 2026-01-15)
expect_contains "revoke prints the serial" "$S_IND" "$out"
"$CT" cert revoke "$S_ORG" --reason certificateHold >/dev/null
"$CT" crl generate --out crl.der
"$CT" crl generate --out crl.pem --pem
out=$(openssl crl -inform DER -in crl.der -CAfile chain-ca.pem -verify -noout -text 2>&1 || true)
expect_contains "openssl crl verifies our CRL" "verify OK" "$out"
expect_contains "CRL lists the revoked serial" "Serial Number: $S_IND" "$out"
expect_contains "CRL gives the reason" "Key Compromise" "$out"
expect_contains "CRL gives the hold" "Certificate Hold" "$out"
expect_contains "CRL has an invalidity date" "Invalidity Date" "$out"
expect_contains "CRL has a CRL number" "X509v3 CRL Number" "$out"
expect_not_contains "CRL does not list a good certificate" "Serial Number: $S_DEV" "$out"
out=$(openssl verify -crl_check -CAfile chain-ca.pem -CRLfile crl.pem ind.pem 2>&1 || true)
expect_contains "openssl verify -crl_check rejects the revoked certificate" "certificate revoked" "$out"
out=$(openssl verify -crl_check -CAfile chain-ca.pem -CRLfile crl.pem dev.pem 2>&1 || true)
expect_contains "openssl verify -crl_check accepts a good certificate" "dev.pem: OK" "$out"
out=$(certtool --crl-info --inder --infile crl.der 2>&1 || true)
expect_contains "certtool reads the CRL" "Revoked certificates (2)" "$out"

ask_ocsp after
expect_contains "OCSP response after revocation verifies" "Response verify OK" "$OCSP_VERIFIED"
expect_contains "OCSP says revoked" "ind.pem: revoked" "$OCSP_STATUS"
expect_contains "OCSP gives the reason" "Reason: keyCompromise" "$OCSP_STATUS"
"$CT" ocsp respond --serial 0123456789ABCDEF --out resp3.der
out=$(openssl ocsp -respin resp3.der -issuer issuing.pem -serial 0x0123456789ABCDEF -CAfile chain-ca.pem 2>&1 || true)
expect_contains "OCSP answers unknown for a serial never issued" "unknown" "$out"
printf 'garbage' >bad.der
"$CT" ocsp respond --request bad.der --out resp4.der
out=$(openssl ocsp -respin resp4.der -resp_text -noverify 2>&1 || true)
expect_contains "malformed OCSP request gets malformedRequest" "malformedrequest" "$(tr 'A-Z' 'a-z' <<<"$out")"

# Release of the hold: back to good, off the next CRL.
"$CT" cert revoke "$S_ORG" --reason removeFromCRL >/dev/null
"$CT" crl generate --out crl2.der
out=$(openssl crl -inform DER -in crl2.der -noout -text)
expect_not_contains "released hold leaves the CRL" "Serial Number: $S_ORG" "$out"
n1=$(openssl crl -inform DER -in crl.der -noout -crlnumber | cut -d= -f2 | sed 's/^0x//')
n2=$(openssl crl -inform DER -in crl2.der -noout -crlnumber | cut -d= -f2 | sed 's/^0x//')
if [ $((16#$n2)) -gt $((16#$n1)) ]; then pass "CRL number increases"; else failed "CRL number increases ($n1 -> $n2)"; fi

finish
