# Sourced by bench/run: a throwaway PostgreSQL cluster on a free local port, for the store benchmark,
# stopped and removed when the run ends. Installs Debian's postgresql when it is missing.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true; }
PG_BIN=$(pg_bin)
if [[ -z "$PG_BIN" ]]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PG_BIN=$(pg_bin)
fi
PG_TMP=$(mktemp -d /tmp/cachescope-pg.XXXXXX)
# initdb refuses to run as root: run the cluster as the postgres user when we are root.
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [[ $(id -u) -eq 0 ]]; then chown postgres "$PG_TMP"; fi
PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
as_pg "$PG_BIN/initdb" -D "$PG_TMP/data" -A trust -U postgres >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/log" -w \
  -o "-p $PG_PORT -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
export CACHESCOPE_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres?user=postgres"
stop_postgres() { as_pg "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1; rm -rf "$PG_TMP"; }
trap stop_postgres EXIT
echo "$("$PG_BIN/postgres" --version) on 127.0.0.1:$PG_PORT for the store tests"
