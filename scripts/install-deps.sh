#!/usr/bin/env bash
# Installs every Debian package chungthu needs to build, run and test.
# Idempotent: installs only what is missing; runs `apt-get update` at most once.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  clang clang-tidy libclang-rt-14-dev
  openssl libssl-dev
  libsqlite3-dev sqlite3
  libpq-dev postgresql
  nlohmann-json3-dev libcli11-dev libtomlplusplus-dev libspdlog-dev libfmt-dev
  libexpected-dev libsodium-dev libicu-dev
  librestinio-dev libasio-dev libhttp-parser-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  gnutls-bin libnss3-tools
  hyperfine wrk time
  liboath-dev oathtool curl libcurl4-openssl-dev python3-aiosmtpd
  libxlsxwriter-dev libzip-dev libpugixml-dev libcairo2-dev libpango1.0-dev fonts-noto-core poppler-utils
  libreoffice-calc-nogui
  softhsm2 opensc libp11-kit-dev  # PKCS#11: SoftHSM2 tokens in tests, pkcs11-tool to cross-check, p11-kit's header
  chromium
)

# The portal (web/) is built with Node.js and npm; a machine that already has a Node.js (from
# Debian or NodeSource) keeps it, one without gets Debian's.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  PACKAGES+=(nodejs npm)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "chungthu: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
