#!/usr/bin/env bash
# A CRL over 1,000,000 revoked entries, built streaming from the store and checked before
# release: wall time and peak memory of `chungthu crl generate` (SPEC §11: ≤ 5 s, ≤ 300 MB).
# Usage: bench/crl.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
[ -n "${CHUNGTHU_BUILD_DIR:-}" ] || make -s build >/dev/null
BIN=${CHUNGTHU_BUILD_DIR:-build/release}
DATA=$(mktemp -d /tmp/chungthu-bench-XXXXXX)
trap 'rm -rf "$DATA"' EXIT
"$BIN/src/cli/chungthu" init --data "$DATA" >/dev/null
"$BIN/bench/fill_revoked" "$DATA" "$N"
/usr/bin/time -v "$BIN/src/cli/chungthu" crl generate --data "$DATA" 2>"$DATA/time.txt" >/dev/null || { cat "$DATA/time.txt"; exit 1; }
grep -E '^CRL ' "$DATA/time.txt" || true
SECS=$(grep 'Elapsed (wall clock)' "$DATA/time.txt" | awk '{print $NF}')
KB=$(grep 'Maximum resident set size' "$DATA/time.txt" | awk '{print $NF}')
SIZE=$(stat -c %s "$DATA/crl/issuing.crl")
echo "CRL of $N entries: ${SECS} (m:ss) wall, peak ${KB} KB RSS ($((KB / 1024)) MB), ${SIZE} bytes — targets ≤ 5 s, ≤ 300 MB"
openssl crl -inform DER -in "$DATA/crl/issuing.crl" -noout -crlnumber -lastupdate >/dev/null && echo "openssl parses it"
