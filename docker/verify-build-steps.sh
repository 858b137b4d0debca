#!/usr/bin/env bash
# What can be checked of the images without a Docker engine (none on the project's machines):
#   1. both Dockerfiles pass a Dockerfile linter (dockerfile-utils from npm: the validator behind VS Code's
#      Docker support; hadolint is not obtainable here);
#   2. Dockerfile.cpu's steps, run on this machine: dotnet publish -c Release, npm pack of the prebuilt
#      libraries, then the published server started the way the image starts it (its ENV, an unprivileged
#      user, the model from a separate "volume" folder): ready, answers a chat completion and /metrics,
#      and exits 0 on SIGTERM;
#   3. with --native, Dockerfile.cuda's steps in their CPU variant: native/llama.cpp/build.sh (cached after the
#      first build) and the same start against its libraries (no CUDA toolkit or GPU here). With
#      REASONINGSERVER_NATIVE_LIB=FOLDER, that folder (an earlier build.sh output) is used instead of
#      running build.sh, e.g. while another process loads the libraries of the shared cache.
# Usage: docker/verify-build-steps.sh [--lint-only] [--native]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
lint_only=false
native=false
for argument in "$@"; do
  case "$argument" in
    --lint-only) lint_only=true ;;
    --native) native=true ;;
    *) echo "unknown argument: $argument" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d /tmp/reasoningserver-image.XXXXXX)"
chmod 0755 "$work"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -KILL "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== lint: dockerfile-utils"
npm install --silent --no-audit --no-fund --prefix "$work/lint" dockerfile-utils@0.16.3 >/dev/null 2>&1
for file in "$repo"/docker/Dockerfile.*; do
  "$work/lint/node_modules/.bin/dockerfile-utils" lint "$file"
  echo "$(basename "$file"): no problems"
done
if $lint_only; then exit 0; fi

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

# Starts /app as the image does (ENTRYPOINT, ENV, USER nobody instead of app), checks it, stops it with SIGTERM.
run_like_the_image() { # LIBRARY_FOLDER [LD_LIBRARY_PATH]
  local port data log
  port="$(free_port)"
  data="$work/data-$(basename "$1")"
  log="$data.log"
  mkdir -p "$data" && chown nobody "$data"
  # setpriv execs (runuser would stay as a parent and turn the signal into its own exit code 143).
  setpriv --reuid=nobody --regid=nogroup --clear-groups -- env REASONINGSERVER_LLAMA_LIB_DIR="$1" LD_LIBRARY_PATH="${2:-}" Server__Host=127.0.0.1 Server__Port="$port" \
    Ledger__DataDirectory="$data" XDG_CACHE_HOME="$data/cache" HOME="$data" \
    dotnet "$work/app/ReasoningServer.dll" --model "$work/models/tiny.gguf" --alias tiny --ctx-size 2048 >"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 300); do
    if curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then break; fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; return 1; }
    sleep 0.2
  done
  curl -fs "http://127.0.0.1:$port/health/ready"; echo
  curl -fs "http://127.0.0.1:$port/v1/chat/completions" -H 'content-type: application/json' \
    -d '{"model":"tiny","messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":16}' | head -c 300; echo
  curl -fs "http://127.0.0.1:$port/metrics" | grep -E '^reasoning_server_(requests_total|prompt_tokens_total|model_loaded)\b'
  grep -E "llama.cpp libraries from|Loaded .* in" "$log"
  kill -TERM "$server_pid"
  local status=0
  wait "$server_pid" || status=$?
  server_pid=""
  echo "exit code after SIGTERM: $status"
  [ "$status" -eq 0 ]
}

echo "== build stage: dotnet publish -c Release"
dotnet publish "$repo/src/ReasoningServer/ReasoningServer.csproj" -c Release -o "$work/app" --nologo -v quiet
chmod -R a+rX "$work/app"

echo "== native stage: npm pack @node-llama-cpp/linux-x64@3.22.1"
(cd "$work" && npm pack --silent @node-llama-cpp/linux-x64@3.22.1 >/dev/null && tar -xzf node-llama-cpp-linux-x64-3.22.1.tgz && mkdir -p opt && mv package/bins/linux-x64 opt/llama)
ls "$work/opt/llama"

echo "== the model volume: a generated tiny model in its own folder"
mkdir -p "$work/models"
dotnet "$work/app/ReasoningServer.dll" make-tiny-model "$work/models/tiny.gguf" --preset test --seed 42 >/dev/null
chmod -R a+rX "$work/models"

echo "== runtime stage: start as the image does (unprivileged)"
run_like_the_image "$work/opt/llama"

if $native; then
  echo "== Dockerfile.cuda's native stage, CPU variant: native/llama.cpp/build.sh"
  lib="${REASONINGSERVER_NATIVE_LIB:-}"
  if [ -z "$lib" ]; then lib="$("$repo/native/llama.cpp/build.sh" | tail -n 1)"; fi
  ls "$lib"
  mkdir -p "$work/opt/llama-source" && cp -a "$lib"/. "$work/opt/llama-source/" && chmod -R a+rX "$work/opt/llama-source"
  # As Dockerfile.cuda: the copied libraries' RUNPATH names the build folder, so LD_LIBRARY_PATH points at them.
  run_like_the_image "$work/opt/llama-source" "$work/opt/llama-source"
fi
echo "== all image steps passed"
