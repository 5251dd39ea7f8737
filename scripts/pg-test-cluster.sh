#!/usr/bin/env bash
# A private, throw-away PostgreSQL cluster for the tests (the CTest fixture `postgres`).
#
#   pg-test-cluster.sh start DIR [PORT]   initdb + start; prints the cluster's URL
#   pg-test-cluster.sh stop DIR           stop and delete everything start made
#
# The cluster listens on a unix socket only (listen_addresses = ''), reachable as DIR/socket
# with the given port (default 55432) in its name, so it never collides with a system cluster
# on 5432 nor with another build tree's cluster. Its files live in a fresh /tmp directory owned
# by the server's user (DIR/cluster names it): as root the server runs as the unprivileged
# `postgres` user, which may not be able to enter DIR. fsync is off: the data is disposable.
#
# Roles: `chungthu_test`, superuser, trusted on the socket (the tests create a database each);
# `chungthu_pw` with password `right-password`, checked with SCRAM, for the wrong-password test.
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR [PORT]" >&2; exit 1; }
[ $# -ge 2 ] || usage
ACTION=$1
DIR=$(mkdir -p "$2" && cd "$2" && pwd)
PORT=${3:-55432}

BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$BIN" ] && command -v pg_config >/dev/null; then BIN=$(pg_config --bindir); fi
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "pg-test-cluster: initdb not found; install the 'postgresql' package (scripts/install-deps.sh)" >&2
  exit 1
fi

as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_cluster() {
  if [ -f "$DIR/cluster" ]; then
    local real
    real=$(cat "$DIR/cluster")
    if [ -d "$real/data" ]; then
      as_server "$BIN/pg_ctl" -D "$real/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    case "$real" in /tmp/chungthu-pg-*) rm -rf "$real" ;; esac
  fi
  rm -f "$DIR/cluster" "$DIR/socket"
}

start_cluster() {
  stop_cluster
  local real
  real=$(mktemp -d /tmp/chungthu-pg-XXXXXX)
  echo "$real" >"$DIR/cluster"
  mkdir -p "$real/data" "$real/socket"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$real"; fi
  chmod 700 "$real/data"
  as_server "$BIN/initdb" -D "$real/data" -U chungthu_test --auth=trust --encoding=UTF8 --no-locale \
    >"$real/initdb.log" 2>&1 || { cat "$real/initdb.log" >&2; exit 1; }
  # pg_hba.conf is read top-down, first match wins: the password role before the trust line.
  cat >"$real/data/pg_hba.conf" <<EOF
local all chungthu_pw scram-sha-256
local all all trust
EOF
  cat >>"$real/data/postgresql.conf" <<EOF
listen_addresses = ''
port = $PORT
unix_socket_directories = '$real/socket'
unix_socket_permissions = 0777
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  if ! as_server "$BIN/pg_ctl" -D "$real/data" -l "$real/server.log" -w -t 60 start >/dev/null; then
    cat "$real/server.log" >&2
    exit 1
  fi
  ln -sfn "$real/socket" "$DIR/socket"
  "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR/socket" -p "$PORT" -U chungthu_test -d postgres \
    -c "CREATE ROLE chungthu_pw LOGIN CREATEDB PASSWORD 'right-password'" >/dev/null
  echo "postgresql:///postgres?host=$DIR/socket&port=$PORT&user=chungthu_test"
}

case "$ACTION" in
  start) start_cluster ;;
  stop) stop_cluster ;;
  *) usage ;;
esac
