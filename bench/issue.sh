#!/usr/bin/env bash
# Batch issuance, durably committed, against `openssl speed` of the same CA key (SPEC §11:
# target ≥ 70 %). Issues N certificates from pre-made CSRs, first one transaction per
# certificate, then in groups of 64 per transaction (group commit). Both single-threaded, like
# `openssl speed` without -multi.
# Usage: bench/issue.sh [N]        (CHUNGTHU_DATABASE=postgresql://… to measure PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
make -s build >/dev/null
BIN=build/release
DATA=$(mktemp -d /tmp/chungthu-bench-XXXXXX)
trap 'rm -rf "$DATA"' EXIT
$BIN/src/cli/chungthu init --data "$DATA" >/dev/null
KEY=$(grep -E '^\s*issuing_key' "$DATA/chungthu.toml" | cut -d'"' -f2 || true)
KEY=${CHUNGTHU_CA_ISSUING_KEY:-${KEY:-rsa2048}}
case "$KEY" in
  rsa2048) SPEED_ALG=rsa2048; PATTERN='^rsa 2048 bits' ;;
  rsa3072) SPEED_ALG=rsa3072; PATTERN='^rsa 3072 bits' ;;
  rsa4096) SPEED_ALG=rsa4096; PATTERN='^rsa 4096 bits' ;;
  ec-p256) SPEED_ALG=ecdsap256; PATTERN='nistp256' ;;
  ec-p384) SPEED_ALG=ecdsap384; PATTERN='nistp384' ;;
esac
SIGN_RATE=$(openssl speed -seconds 3 "$SPEED_ALG" 2>/dev/null | grep -E "$PATTERN" | tail -1 | awk '{print $(NF-1)}')
echo "openssl speed $SPEED_ALG: $SIGN_RATE signs/s"
for G in 1 64; do
  OUT=$($BIN/bench/issue_bench "$DATA" "$N" "$G")
  RATE=$(sed -E 's/.*: ([0-9.]+) certificates.*/\1/' <<<"$OUT")
  RATIO=$(awk -v a="$RATE" -v b="$SIGN_RATE" 'BEGIN { printf "%.0f", 100 * a / b }')
  echo "$OUT — ${RATIO}% of openssl speed (target ≥ 70%)"
done
echo "store: ${CHUNGTHU_DATABASE:-sqlite (WAL, synchronous=FULL)}"
