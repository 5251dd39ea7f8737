#!/usr/bin/env bash
# Builds the portal (web/) into web/dist for `chungthu serve`:
#   - the npm packages of web/package-lock.json when it differs from what node_modules was
#     installed from;
#   - `npm run build` (type check + Vite) when a source is newer than web/dist/index.html;
#   - a gzip copy of each text asset that has none.
# `scripts/build-web.sh deps` installs the npm packages only.
set -euo pipefail
cd "$(dirname "$0")/../web"

if ! command -v npm >/dev/null; then
  echo "chungthu: npm is missing; run scripts/install-deps.sh" >&2
  exit 3
fi

stamp=node_modules/.chungthu-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "chungthu: installing the portal's npm packages" >&2
  # `npm install --no-save` installs the locked versions and leaves the lock file untouched.
  # Not `npm ci`: npm 11 refuses its own lock file there, as it records the platform-specific
  # optional packages (rollup, esbuild) of this platform only.
  npm install --no-save --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
[ "${1:-}" = deps ] && exit 0

if [ ! -f dist/index.html ] || [ -n "$(find src public index.html vite.config.ts tsconfig.json package-lock.json \
      -newer dist/index.html -print -quit)" ]; then
  echo "chungthu: building the portal (web/dist)" >&2
  npm run --silent build
fi
# Precompressed copies, sent by `chungthu serve` to browsers that accept gzip
# (src/server/portal_files.h): about a third of the bytes on a provincial office's line. Made for
# any file that lacks one (also after a plain `npm run build`).
find dist \( -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' \) -size +1k \
  -exec sh -c 'for f; do [ -f "$f.gz" ] || gzip -9 -k -n "$f"; done' sh {} +
