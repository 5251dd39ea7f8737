#!/usr/bin/env bash
# Batch issuance, durably committed, against `openssl speed` of the same CA key (SPEC §11:
# target ≥ 70 %). Issues N certificates from pre-made CSRs (RSA-2048 subscriber keys): one
# transaction per certificate, then groups of 64 per transaction (group commit). Signing runs
# on every core, so the wall-clock rate is compared with `openssl speed -multi <cores>` too;
# `openssl speed` counts operations per CPU-second, and so does the CPU-time figure here.
# Usage: bench/issue.sh [N]     (CHUNGTHU_DATABASE=postgresql://… to measure PostgreSQL;
#                                CHUNGTHU_BUILD_DIR=… to use another Release build)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
BIN=${CHUNGTHU_BUILD_DIR:-build/release}
[ -n "${CHUNGTHU_BUILD_DIR:-}" ] || make -s build >/dev/null
DATA=$(mktemp -d /tmp/chungthu-bench-XXXXXX)
trap 'rm -rf "$DATA"' EXIT
"$BIN/src/cli/chungthu" init --data "$DATA" >/dev/null
KEY=${CHUNGTHU_CA_ISSUING_KEY:-rsa2048}
case "$KEY" in
  rsa2048) SPEED_ALG=rsa2048; PATTERN='^rsa 2048 bits' ;;
  rsa3072) SPEED_ALG=rsa3072; PATTERN='^rsa 3072 bits' ;;
  rsa4096) SPEED_ALG=rsa4096; PATTERN='^rsa 4096 bits' ;;
  ec-p256) SPEED_ALG=ecdsap256; PATTERN='nistp256' ;;
  ec-p384) SPEED_ALG=ecdsap384; PATTERN='nistp384' ;;
esac
CORES=$(nproc)
sign_rate() { openssl speed "$@" -seconds 3 "$SPEED_ALG" 2>/dev/null | grep -E "$PATTERN" | tail -1 | awk '{print $(NF-1)}'; }
ONE=$(sign_rate)
MULTI=$(sign_rate -multi "$CORES")
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); openssl speed $SPEED_ALG: $ONE signs/s (1 core), $MULTI signs/s (-multi $CORES)"
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
for G in 1 64; do
  OUT=$("$BIN/bench/issue_bench" "$DATA" "$N" "$G")
  WALL=$(sed -E 's/.*: ([0-9.]+) certificates\/s wall.*/\1/' <<<"$OUT")
  CPU=$(sed -E 's/.*, ([0-9.]+) certificates per CPU-second.*/\1/' <<<"$OUT")
  echo "$OUT"
  echo "  per CPU-second vs openssl speed: $(pct "$CPU" "$ONE"); wall vs openssl speed -multi $CORES: $(pct "$WALL" "$MULTI"); wall vs 1-core openssl speed: $(pct "$WALL" "$ONE")  (target ≥ 70%)"
done
echo "store: ${CHUNGTHU_DATABASE:-sqlite (WAL, synchronous=FULL)}"
