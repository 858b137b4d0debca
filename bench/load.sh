#!/usr/bin/env bash
# Concurrent streaming load on the `bench` tiny model: our server vs the bare engine, 1, 4 and 8 clients,
# plus n=8 in one request vs 8 sequential requests. Appends a table to bench/history/load.md.
# Usage: bash bench/load.sh [--clients 1,4,8] [--turns 3] [--tokens 64]
#        bash bench/load.sh --base-url http://127.0.0.1:8081 --model NAME   # any OpenAI-compatible server
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release src/ReasoningServer -v q -nologo >/dev/null
dotnet run -c Release --project bench/ReasoningServer.Bench -- load \
  --server src/ReasoningServer/bin/Release/net10.0/ReasoningServer.dll --results bench/history/load.md "$@"
