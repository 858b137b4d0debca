#!/usr/bin/env bash
# Single-stream decode tokens/s of the `bench` tiny model, engine vs server, and server start-up time.
# Usage: bash bench/decode.sh [--tokens 256] [--runs 3] [--threads 2]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release src/ReasoningServer -v q -nologo >/dev/null
dotnet run -c Release --project bench/ReasoningServer.Bench -- decode \
  --server src/ReasoningServer/bin/Release/net10.0/ReasoningServer.dll --results bench/history/decode.md "$@"
