#!/usr/bin/env bash
# Overload on the `bench` tiny model: 4x (slots + queue) concurrent requests in waves, then the same waves of
# endless requests under --request-timeout. Appends its run to bench/history/overload.md (exits 1 on a 5xx other
# than the documented 503 timeout, a 429/503 without Retry-After, or a request past the time limit).
# Usage: bash bench/overload.sh [--slots 2] [--queue 2] [--factor 4] [--waves 5] [--timeout 2]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release src/ReasoningServer -v q -nologo >/dev/null
dotnet run -c Release --project bench/ReasoningServer.Bench -- overload \
  --server src/ReasoningServer/bin/Release/net10.0/ReasoningServer.dll "$@"
