#!/usr/bin/env bash
# Disconnect soak on the `bench` tiny model: 32 streaming clients that hang up at random points, before the first
# byte, read slowly, or normally, for 10 minutes; then checks the server came back to idle, the ledger, RSS.
# Appends its run to bench/history/soak.md (exits 1 if a check failed).
# Usage: bash bench/soak.sh [--minutes 10] [--clients 32] [--parallel 8]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release src/ReasoningServer -v q -nologo >/dev/null
dotnet run -c Release --project bench/ReasoningServer.Bench -- soak \
  --server src/ReasoningServer/bin/Release/net10.0/ReasoningServer.dll "$@"
