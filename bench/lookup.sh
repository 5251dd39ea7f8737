#!/usr/bin/env bash
# Lookup latency with 1,000,000 certificates in the store (SPEC §11: p99 ≤ 5 ms through the API)
# and the time from `chungthu serve` start to the first /healthz 200 (≤ 1 s).
# 2,000 lookups of each kind (serial, e-mail, name without diacritics) of certificates that
# exist, one at a time on one keep-alive connection (bench/lookup_client.cpp).
# Usage: bench/lookup.sh [N] [SAMPLES]   (a Release build in build/h7rel, or BUILD=dir)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
SAMPLES=${2:-2000}
BUILD=${BUILD:-build/h7rel}
if [ ! -x "$BUILD/bench/fill_certs" ]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHUNGTHU_TESTS=OFF >/dev/null
  ninja -C "$BUILD" chungthu fill_certs lookup_client >/dev/null
fi
CT=$PWD/$BUILD/src/cli/chungthu
DATA=$(mktemp -d /tmp/chungthu-bench-lookup-XXXXXX)
SERVE_PID=""
trap '[ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null; rm -rf "$DATA"' EXIT
export CHUNGTHU_DATA="$DATA/data"
export CHUNGTHU_PUBLIC_RATE_LIMIT_PER_SECOND=0   # the bench is one client asking fast
"$CT" init >/dev/null
t0=$(date +%s.%N)
"$BUILD/bench/fill_certs" "$DATA/data" "$N" "$DATA/sample" "$SAMPLES"
echo "fill: $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s, store $(du -sh "$DATA/data/chungthu.db" | cut -f1)"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sync
start=$(date +%s.%N)
"$CT" serve --listen "127.0.0.1:$PORT" >"$DATA/serve.log" 2>&1 &
SERVE_PID=$!
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null; do sleep 0.005; done
ready=$(date +%s.%N)
echo "start to first /healthz 200: $(awk -v a="$start" -v b="$ready" 'BEGIN { printf "%.0f", 1000 * (b - a) }') ms (target ≤ 1000 ms)"

sed 's|^|/api/v1/public/certificates?serial=|' "$DATA/sample.serials" >"$DATA/serial.paths"
sed 's|^|/api/v1/public/certificates?email=|' "$DATA/sample.emails" >"$DATA/email.paths"
sed 's| |+|g; s|^|/api/v1/public/certificates?q=|' "$DATA/sample.names" >"$DATA/name.paths"
echo "load: $(uptime)"
for kind in serial email name; do
  "$BUILD/bench/lookup_client" 127.0.0.1 "$PORT" "$DATA/$kind.paths" "$kind"
done
echo "target: p99 ≤ 5 ms each"
