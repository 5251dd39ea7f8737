#!/usr/bin/env bash
# The portal's first visit, as a browser sees it: a demo instance served by `chungthu serve`
# with the built portal (web/dist, gzip-precompressed), each public page opened in a fresh
# headless Chromium context (bench/portal_load.mjs). SPEC §11 sets no target for it; the figure
# to keep small is the public lookup's bytes over the wire, which a citizen's phone pays.
# Usage: bench/portal.sh   (a Release build in build/release, or BUILD=dir; web/dist built)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build/release}
if [ ! -x "$BUILD/src/cli/chungthu" ]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHUNGTHU_TESTS=OFF >/dev/null
  ninja -C "$BUILD" chungthu >/dev/null
fi
bash scripts/build-web.sh >/dev/null   # as `make run` does: up to date, gzip copies made
CT=$(cd "$BUILD" && pwd)/src/cli/chungthu
DATA=$(mktemp -d /tmp/chungthu-bench-portal-XXXXXX)
SERVE_PID=""
trap '[ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null; rm -rf "$DATA"' EXIT
export CHUNGTHU_DATA="$DATA/data"
"$CT" init --demo >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
CHUNGTHU_SERVER_WEB_DIR="$PWD/web/dist" "$CT" serve --listen "127.0.0.1:$PORT" >"$DATA/serve.log" 2>&1 &
SERVE_PID=$!
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null; do sleep 0.05; done
echo "portal built $(stat -c %y web/dist/index.html | cut -d. -f1); raw assets $(du -sk --exclude='*.gz' web/dist/assets | cut -f1) KiB"
node bench/portal_load.mjs "http://127.0.0.1:$PORT" /lookup /signin /check
