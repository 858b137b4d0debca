#!/usr/bin/env bash
# Several ReasoningServer replicas on loopback ports with nginx in front (deploy/nginx/reasoningserver.conf.template).
#
#   deploy/local/replicas.sh up STATE_DIR COUNT -- SERVER_ARGS...   start COUNT replicas and nginx, wait until all are ready
#   deploy/local/replicas.sh down STATE_DIR                         SIGTERM nginx and every replica still running
#
# SERVER_ARGS go to every replica: give them one shared ledger, e.g.
#   --ledger-provider Postgres --ledger-connection "Host=127.0.0.1;Username=...;Database=..." --model model.gguf
# STATE_DIR receives nginx.conf, nginx.port, replica-N.port, replica-N.pid and each process's log.
# The server is run as `dotnet $REASONINGSERVER_DLL` (default: the Debug build of src/ReasoningServer).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
command="${1:?up or down}"
state="${2:?state folder}"

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

wait_ready() { # PORT PID LOG
  for _ in $(seq 1 600); do
    if ! kill -0 "$2" 2>/dev/null; then echo "replica on port $1 exited:" >&2; cat "$3" >&2; return 1; fi
    if curl -fs "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "replica on port $1 never became ready" >&2
  return 1
}

case "$command" in
  up)
    count="${3:?replica count}"
    shift 3
    [ "${1:-}" = "--" ] && shift
    dll="${REASONINGSERVER_DLL:-$repo/src/ReasoningServer/bin/Debug/net10.0/ReasoningServer.dll}"
    mkdir -p "$state"
    upstreams=""
    for i in $(seq 1 "$count"); do
      port="$(free_port)"
      dotnet "$dll" --host 127.0.0.1 --port "$port" "$@" >"$state/replica-$i.log" 2>&1 &
      echo $! >"$state/replica-$i.pid"
      echo "$port" >"$state/replica-$i.port"
      upstreams+="server 127.0.0.1:$port max_fails=1 fail_timeout=5s; "
    done
    for i in $(seq 1 "$count"); do
      wait_ready "$(cat "$state/replica-$i.port")" "$(cat "$state/replica-$i.pid")" "$state/replica-$i.log"
    done
    nginx_port="$(free_port)"
    mkdir -p "$state/nginx"
    sed -e "s|@LISTEN@|127.0.0.1:$nginx_port|" -e "s|@UPSTREAMS@|$upstreams|" -e "s|@PREFIX@|$state/nginx|g" \
      "$repo/deploy/nginx/reasoningserver.conf.template" >"$state/nginx.conf"
    # Workers run as an unprivileged user when started by root: let them write their temp files.
    chmod 0777 "$state/nginx"
    nginx -t -q -c "$state/nginx.conf" -p "$state/nginx"
    nginx -c "$state/nginx.conf" -p "$state/nginx"
    echo "$nginx_port" >"$state/nginx.port"
    echo "nginx on 127.0.0.1:$nginx_port in front of $count replicas ($upstreams)"
    ;;
  down)
    if [ -f "$state/nginx/nginx.pid" ]; then kill -QUIT "$(cat "$state/nginx/nginx.pid")" 2>/dev/null || true; fi
    for pidfile in "$state"/replica-*.pid; do
      [ -f "$pidfile" ] || continue
      pid="$(cat "$pidfile")"
      if kill -TERM "$pid" 2>/dev/null; then
        while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
      fi
    done
    ;;
  *)
    echo "usage: $0 up STATE_DIR COUNT -- SERVER_ARGS... | down STATE_DIR" >&2
    exit 2
    ;;
esac
