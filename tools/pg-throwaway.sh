#!/usr/bin/env bash
# Throw-away PostgreSQL 15 cluster for tests and benchmarks.
#
#   tools/pg-throwaway.sh [PORT]        start a cluster on 127.0.0.1:PORT (a free port when omitted);
#                                       prints postgresql://creneau@127.0.0.1:PORT/creneau on stdout
#   tools/pg-throwaway.sh stop DIR|URL|PORT
#                                       stop it and delete its folder
#
# The cluster lives in ${TMPDIR:-/tmp}/creneau-pg-PORT (override with CRENEAU_PG_DIR when starting; then pass
# that folder to `stop`). initdb runs as a non-root user: `postgres` when started as root, else the caller.
# Only loopback TCP and a Unix socket inside the folder are listened on; authentication is `trust`.
# The role `creneau` (LOGIN CREATEDB) owns the database `creneau`; a test may `createdb` fresh databases
# (`createdb -h 127.0.0.1 -p PORT -U creneau NAME`) or run `CREATE DATABASE` through the URL.
#
# The cluster is tuned for tests (fsync, synchronous_commit and full_page_writes off). Set
# CRENEAU_PG_DURABLE=1 to keep PostgreSQL's durable defaults, e.g. for benchmark figures.
# PGBIN overrides the binaries folder (default /usr/lib/postgresql/15/bin). Logs go to stderr.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
BASE=${TMPDIR:-/tmp}
log() { echo "pg-throwaway: $*" >&2; }
die() { log "$*"; exit 1; }

# Run a command as the cluster's owner.
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || die "no user 'postgres' to run the cluster as (install postgresql)"
  OWNER=postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  OWNER=$(id -un)
  as_owner() { "$@"; }
fi

[[ -x $PGBIN/initdb ]] || die "no initdb in $PGBIN (apt-get install postgresql-15)"

port_in_use() {  # true when something accepts TCP connections on 127.0.0.1:$1
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

stop_cluster() {
  local arg=$1 dir
  if [[ -d $arg ]]; then
    dir=$arg
  elif [[ $arg =~ ^[0-9]+$ ]]; then
    dir=$BASE/creneau-pg-$arg
  elif [[ $arg =~ ^postgres(ql)?://[^/]*:([0-9]+)(/|$) ]]; then
    dir=$BASE/creneau-pg-${BASH_REMATCH[2]}
  else
    die "stop: no cluster folder for '$arg'"
  fi
  [[ -d $dir ]] || die "stop: $dir does not exist"
  [[ -f $dir/data/PG_VERSION ]] || die "stop: $dir is not a pg-throwaway cluster"
  if [[ -f $dir/data/postmaster.pid ]]; then
    (cd "$dir" && as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2) || log "pg_ctl stop failed"
  fi
  rm -rf -- "$dir"
  log "stopped and removed $dir"
}

if [[ ${1:-} == stop ]]; then
  [[ $# -eq 2 ]] || die "usage: $0 stop DIR|URL|PORT"
  stop_cluster "$2"
  exit 0
fi
[[ $# -le 1 ]] || die "usage: $0 [PORT] | $0 stop DIR|URL|PORT"

start_cluster() {  # $1 port; returns 0 when the cluster is up, 2 when the port could not be bound
  local port=$1 dir=${CRENEAU_PG_DIR:-$BASE/creneau-pg-$1}
  if [[ -e $dir ]]; then
    if [[ -f $dir/data/postmaster.pid ]] && port_in_use "$port"; then
      log "$dir is in use by a running cluster"; return 2
    fi
    [[ -f $dir/data/PG_VERSION || -z $(ls -A "$dir") ]] || die "$dir exists and is not a pg-throwaway cluster"
    log "removing stale $dir"; rm -rf -- "$dir"
  fi
  mkdir -p "$dir"
  chown "$OWNER" "$dir"
  chmod 700 "$dir"
  cd "$dir"  # the owner must be able to read its working directory

  as_owner "$PGBIN/initdb" -D "$dir/data" --username=postgres --auth=trust --encoding=UTF8 --no-locale \
    --no-instructions >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }

  local conf=$dir/data/postgresql.conf
  {
    echo "# pg-throwaway"
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $port"
    echo "unix_socket_directories = '$dir'"
    echo "max_connections = 200"
    echo "timezone = 'UTC'"
    echo "logging_collector = off"
    if [[ ${CRENEAU_PG_DURABLE:-0} != 1 ]]; then
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
  } >>"$conf"
  # Trust only the loopback interface and the private socket.
  cat >"$dir/data/pg_hba.conf" <<HBA
local all all trust
host  all all 127.0.0.1/32 trust
HBA

  if ! as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >&2; then
    cat "$dir/server.log" >&2 || true
    if grep -q "could not bind\|Address already in use" "$dir/server.log" 2>/dev/null; then
      rm -rf -- "$dir"; return 2
    fi
    die "pg_ctl start failed"
  fi

  local psql=("$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres)
  as_owner "${psql[@]}" -c "CREATE ROLE creneau LOGIN CREATEDB" >&2
  as_owner "${psql[@]}" -c "CREATE DATABASE creneau OWNER creneau" >&2
  log "cluster in $dir (stop with: $0 stop $dir)"
  echo "postgresql://creneau@127.0.0.1:$port/creneau"
}

if [[ -n ${1:-} ]]; then
  [[ $1 =~ ^[0-9]+$ ]] || die "PORT must be a number"
  port_in_use "$1" && die "port $1 is already in use"
  set +e
  ( set -e; start_cluster "$1" )
  rc=$?
  set -e
  [[ $rc -eq 0 ]] || die "could not start on port $1"
else
  for _ in $(seq 1 20); do
    port=$((20000 + RANDOM % 40000))
    port_in_use "$port" && continue
    set +e
    ( set -e; start_cluster "$port" )
    rc=$?
    set -e
    [[ $rc -eq 0 ]] && exit 0
    [[ $rc -eq 2 ]] || exit 1
  done
  die "no free port found"
fi
