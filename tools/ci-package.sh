#!/usr/bin/env bash
# The Debian package, end to end, on this machine (as root, as CI runs): builds creneau_VERSION_amd64.deb with
# CPack, installs it with dpkg -i, checks the unit with systemd-analyze verify, starts /usr/bin/creneau the way
# the unit does (no systemd runs in CI: the unit's ExecStart, as its User, with its EnvironmentFile, in its
# StateDirectory), checks that /, /book, /healthz and /api/docs answer, then purges the package.
# Needs a build (tools/build.sh). CRENEAU_PACKAGE_PORT picks the port (default: a free one).
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

[ -f web/dist/index.html ] || { echo "ci-package: web/dist is not built (tools/build.sh)" >&2; exit 1; }
rm -f build/creneau_*_amd64.deb
(cd build && cpack -G DEB >/dev/null)
deb=$(ls build/creneau_*_amd64.deb)
echo "ci-package: built $deb"
dpkg-deb -f "$deb" Depends

if dpkg-query -W -f='${Status}' creneau 2>/dev/null | grep -q "install ok installed"; then
  echo "ci-package: a creneau package is already installed here: not touching it" >&2
  exit 1
fi
state_existed=0
[ -e /var/lib/creneau ] && state_existed=1
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  $SUDO dpkg --purge creneau >/dev/null 2>&1 || true
  [ "$state_existed" = 1 ] || $SUDO rm -rf /var/lib/creneau /var/log/creneau
}
trap cleanup EXIT

$SUDO dpkg -i "$deb"
test -x /usr/bin/creneau
test -f /usr/share/creneau/web/index.html
getent passwd creneau >/dev/null
# The installed binary finds the installed web UI by itself (not the source tree it was built from).
/usr/bin/creneau serve --help | grep -q -- '/usr/share/creneau/web'
[ "$(stat -c '%U:%G %a' /etc/creneau/creneau.env)" = "root:creneau 640" ]
dpkg-query -W -f='${Conffiles}\n' creneau | grep -q /etc/creneau/creneau.env

unit=/usr/lib/systemd/system/creneau.service
SYSTEMD_LOG_LEVEL=warning systemd-analyze verify "$unit"
echo "ci-package: systemd-analyze verify: ok"

# What systemd would do: StateDirectory=creneau, WorkingDirectory, User/Group, EnvironmentFile, ExecStart.
$SUDO install -d -o creneau -g creneau -m 0750 /var/lib/creneau
port=${CRENEAU_PACKAGE_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
env_file=$(sed -n 's/^EnvironmentFile=-\{0,1\}//p' "$unit")
mapfile -t settings < <($SUDO grep -E '^[A-Z_]+=' "$env_file")
(cd /var/lib/creneau && exec $SUDO setpriv --reuid=creneau --regid=creneau --init-groups --no-new-privs \
  env -i PATH=/usr/bin:/bin "${settings[@]}" CRENEAU_LISTEN="127.0.0.1:$port" \
  CRENEAU_ADMIN_EMAIL=admin@package.test CRENEAU_ADMIN_PASSWORD=package-pass-123 $exec_start) &
pid=$!

base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { echo "ci-package: the server exited" >&2; exit 1; }
  sleep 0.1
done
answers() {  # PATH PATTERN: the answer is 200 and holds PATTERN
  local body
  body=$(curl -fsS "$base$1") || { echo "ci-package: GET $1 failed" >&2; exit 1; }
  grep -qi -- "$2" <<<"$body" || { echo "ci-package: GET $1 does not hold $2" >&2; exit 1; }
}
answers /healthz '"ok"'
answers / '<!doctype html'
answers /book '<!doctype html'
answers /api/docs 'redoc'
answers /api/openapi.json '"openapi"'
test -f /var/lib/creneau/creneau.db
[ "$(stat -c %U /var/lib/creneau/creneau.db)" = creneau ]
echo "ci-package: /, /book, /healthz, /api/docs answer from the installed package (as user creneau)"

kill "$pid"
wait "$pid" || true
pid=""
$SUDO dpkg --purge creneau
! test -e /usr/bin/creneau
! test -e /etc/creneau/creneau.env
echo "ci-package: purged"
