#!/usr/bin/env bash
# Installs what Creneau needs to build, run and test on Debian 12 (as root, or through sudo).
set -euo pipefail
packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost-dev libboost-system-dev nlohmann-json3-dev libsqlite3-dev libpq-dev libhowardhinnant-date-dev
  libcli11-dev libsodium-dev libcurl4-openssl-dev tzdata
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql python3 python3-pytest python3-requests python3-psycopg2 python3-aiosmtpd python3-hypothesis
  clang libclang-rt-14-dev clang-tidy
  python3-jsonschema python3-prometheus-client
  nodejs npm chromium
  systemd dpkg-dev adduser curl
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node/npm may come from elsewhere than Debian's packages: a working `npm` is enough.
if command -v npm >/dev/null 2>&1; then
  filtered=()
  for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: everything is installed"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
