#!/usr/bin/env bash
# OCSP serving throughput (SPEC §11: ≥ 70 % of nginx serving the same pre-signed response as a
# static file, same wrk run): `wrk -t2 -c64 -d10s --latency` against GET /ocsp/<base64> of a
# known serial on `chungthu serve`, then against nginx serving that response's DER bytes.
# Prints req/s and p99 of both and the ratio. Installs nginx when it is missing.
# Usage: bench/ocsp.sh [SECONDS]   (a Release build in build/h7rel, or BUILD=dir)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-10}
BUILD=${BUILD:-build/h7rel}
if [ ! -x "$BUILD/src/cli/chungthu" ]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHUNGTHU_TESTS=OFF >/dev/null
  ninja -C "$BUILD" chungthu >/dev/null
fi
CT=${CT:-$PWD/$BUILD/src/cli/chungthu}
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { apt-get update >/dev/null; apt-get install -y nginx-light >/dev/null; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

DATA=$(mktemp -d /tmp/chungthu-bench-ocsp-XXXXXX)
chmod 755 "$DATA"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$DATA"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

export CHUNGTHU_DATA="$DATA/data"
"$CT" init >/dev/null
"$CT" ca cert issuing >"$DATA/issuing.pem"
openssl req -new -newkey rsa:2048 -nodes -keyout "$DATA/a.key" -subj /CN=x -out "$DATA/a.csr" 2>/dev/null
"$CT" cert issue --csr "$DATA/a.csr" --profile individual --email bench@bacninh.gov.vn --out "$DATA/a.pem" \
  --subject "C=VN,ST=Bắc Ninh,O=UBND tỉnh Bắc Ninh,CN=Nguyễn Văn An" >/dev/null
openssl ocsp -issuer "$DATA/issuing.pem" -cert "$DATA/a.pem" -no_nonce -reqout "$DATA/req.der" 2>/dev/null
B64=$(base64 -w0 "$DATA/req.der" | sed 's/+/%2B/g; s,/,%2F,g; s/=/%3D/g')

CT_PORT=$(free_port)
"$CT" serve --listen "127.0.0.1:$CT_PORT" >"$DATA/serve.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$CT_PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
CT_URL="http://127.0.0.1:$CT_PORT/ocsp/$B64"
curl -sf -o "$DATA/resp.der" "$CT_URL"  # the first request signs; every later one is served from the cache
openssl ocsp -respin "$DATA/resp.der" -issuer "$DATA/issuing.pem" -cert "$DATA/a.pem" -noverify -no_nonce | grep -q ": good"

mkdir -p "$DATA/www"
cp "$DATA/resp.der" "$DATA/www/resp.der"
chmod -R a+rX "$DATA/www"
NG_PORT=$(free_port)
cat >"$DATA/nginx.conf" <<CONF
worker_processes auto;
pid $DATA/nginx.pid;
error_log $DATA/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  client_body_temp_path $DATA/nginx-tmp;
  server {
    listen 127.0.0.1:$NG_PORT;
    root $DATA/www;
    location / { default_type application/ocsp-response; }
  }
}
CONF
"$NGINX" -c "$DATA/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$NG_PORT/resp.der" && break; sleep 0.1; done
NG_URL="http://127.0.0.1:$NG_PORT/resp.der"

run() {  # run URL → "req/s p99"
  local out rps p99
  out=$(wrk -t2 -c64 -d"${SECS}s" --latency "$1")
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  echo "$rps $p99"
}
echo "load before: $(uptime)"
read -r CT_RPS CT_P99 < <(run "$CT_URL")
read -r NG_RPS NG_P99 < <(run "$NG_URL")
echo "load after:  $(uptime)"
echo "response: $(stat -c %s "$DATA/resp.der") bytes"
printf "chungthu GET /ocsp/<base64>  %10.0f req/s  p99 %s\n" "$CT_RPS" "$CT_P99"
printf "nginx static file            %10.0f req/s  p99 %s\n" "$NG_RPS" "$NG_P99"
awk -v a="$CT_RPS" -v b="$NG_RPS" 'BEGIN { printf "ratio chungthu / nginx: %.1f %% (target ≥ 70 %%)\n", 100 * a / b }'
curl -s "http://127.0.0.1:$CT_PORT/metrics" | grep -E '^chungthu_ocsp_(cache_hits|cache_entries|cache_bytes|signatures) ' || true
