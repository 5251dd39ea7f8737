#!/usr/bin/env bash
# The layers are enforced by the build (cmake/Chungthu.cmake): a file of pki that includes a
# server header does not compile, while one that includes a store header (a layer below) does.
# Usage: layers.sh BUILD_DIR
set -euo pipefail
build=$1
log=$(mktemp)
trap 'rm -f "$log"' EXIT

if ! cmake --build "$build" --target layer_probe_allowed >"$log" 2>&1; then
  cat "$log"
  echo "FAIL: pki cannot include store/database.h"
  exit 1
fi
if cmake --build "$build" --target layer_probe_upward >"$log" 2>&1; then
  echo "FAIL: pki compiled with #include \"server/routes.h\": the layer rule is not enforced"
  exit 1
fi
if ! grep -q "server/routes.h' file not found\|server/routes.h: No such file" "$log"; then
  cat "$log"
  echo "FAIL: the upward include failed for another reason than a missing header"
  exit 1
fi
echo "ok: pki sees store, not server"
