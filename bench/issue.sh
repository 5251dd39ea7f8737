#!/usr/bin/env bash
# Batch issuance, durably committed, against `openssl speed` of the same CA key (SPEC §11:
# target ≥ 70 %). Issues N certificates from pre-made CSRs (RSA-2048 subscriber keys): one
# transaction per certificate, then groups of 64 per transaction (group commit). Signing runs
# on every core, so the wall-clock rate is compared with `openssl speed -multi <cores>` too;
# `openssl speed` counts operations per CPU-second, and so does the CPU-time figure here.
# Then the same with the CA keys on SoftHSM2 (key_backend = "pkcs11"), against SoftHSM2's own
# signing rate measured in the same run (bench/pkcs11_sign_bench: one session per thread).
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

MODULE=/usr/lib/softhsm/libsofthsm2.so
if [ ! -f "$MODULE" ] || ! command -v softhsm2-util >/dev/null; then
  echo "HSM: SoftHSM2 is not installed (scripts/install-deps.sh), skipped"
  exit 0
fi
HSM=$(mktemp -d /tmp/chungthu-bench-hsm-XXXXXX)
trap 'rm -rf "$DATA" "$HSM"' EXIT
export SOFTHSM2_CONF="$HSM/softhsm2.conf"
mkdir "$HSM/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$HSM/tokens" >"$SOFTHSM2_CONF"
export CHUNGTHU_PKCS11_PIN=bench-pin-2468
softhsm2-util --init-token --free --label bench-ca --so-pin bench-so-1357 --pin "$CHUNGTHU_PKCS11_PIN" >/dev/null
"$BIN/src/cli/chungthu" init --data "$HSM/data" --key-backend pkcs11 --pkcs11-module "$MODULE" --token-label bench-ca >/dev/null
REF=$("$BIN/bench/pkcs11_sign_bench" "$MODULE" bench-ca chungthu-issuing "$CORES" 3)
REF_RATE=$(sed -E 's/.*: ([0-9.]+) signatures\/s wall.*/\1/' <<<"$REF")
echo "SoftHSM2 $(softhsm2-util --version), $KEY issuing key: $REF"
OUT=$("$BIN/bench/issue_bench" "$HSM/data" "$N" 64)
WALL=$(sed -E 's/.*: ([0-9.]+) certificates\/s wall.*/\1/' <<<"$OUT")
echo "$OUT  [key_backend = pkcs11]"
echo "  wall vs SoftHSM2 C_Sign on $CORES sessions: $(pct "$WALL" "$REF_RATE")"
