#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite (CI starts it through .ci/run).
#   scripts/pg-test-server.sh start   -> prints a SQLAlchemy URL on stdout
#   scripts/pg-test-server.sh stop
# Installs Debian's postgresql package when no server binaries are present.
set -euo pipefail
PORT=${FRONTLINES_PG_PORT:-54329}
STATE=/tmp/frontlines-pg.$PORT.current  # one per port: two test servers can run side by side

as_owner() {  # PostgreSQL refuses to run as root: use the postgres account then
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
start)
  if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
    echo "installing postgresql (Debian package)" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  DIR=$(mktemp -d /tmp/frontlines-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  as_owner "$BIN/initdb" -D "$DIR/data" -A trust -U postgres >/dev/null
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
    -o "-p $PORT -k $DIR -c listen_addresses=''" start >/dev/null
  as_owner "$BIN/createdb" -h "$DIR" -p "$PORT" -U postgres frontlines_test
  echo "$BIN $DIR" > "$STATE"
  echo "postgresql+psycopg://postgres@/frontlines_test?host=$DIR&port=$PORT"
  ;;
stop)
  [ -f "$STATE" ] || exit 0
  read -r BIN DIR < "$STATE"
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
  rm -rf "$DIR" "$STATE"
  ;;
*)
  echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
