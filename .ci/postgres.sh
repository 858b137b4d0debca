# Sourced by .ci/run: a throwaway PostgreSQL cluster on 127.0.0.1 for the ledger tests.
# start_postgres installs the Debian package when no server binaries are present (a no-op when they
# are), creates a cluster of its own in a temporary folder (never touching the system's clusters),
# starts it on a free port and exports REASONINGSERVER_TEST_POSTGRES; stop_postgres stops and removes it.

start_postgres() {
  if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  local bin port
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  PG_FOLDER="$(mktemp -d /tmp/reasoningserver-pg.XXXXXX)"
  chown postgres:postgres "$PG_FOLDER"
  for port in $(seq 54320 54420); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  done
  runuser -u postgres -- "$bin/initdb" -D "$PG_FOLDER/data" -A trust -U postgres >/dev/null
  runuser -u postgres -- "$bin/pg_ctl" -D "$PG_FOLDER/data" -l "$PG_FOLDER/server.log" -w \
    -o "-p $port -k $PG_FOLDER -c listen_addresses=127.0.0.1" start >/dev/null
  PG_CTL="$bin/pg_ctl"
  export REASONINGSERVER_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for the ledger tests on 127.0.0.1:$port"
}

stop_postgres() {
  if [ -n "${PG_FOLDER:-}" ] && [ -d "$PG_FOLDER/data" ]; then
    runuser -u postgres -- "$PG_CTL" -D "$PG_FOLDER/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_FOLDER"
  fi
}
