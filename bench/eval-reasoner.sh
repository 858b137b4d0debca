#!/usr/bin/env bash
# The tiny reasoner's test-time-scaling table on held-out sums: thinking vs reasoning_effort none, accuracy vs budget.
# Usage: bash bench/eval-reasoner.sh [--engine | --url http://127.0.0.1:8080] [--problems 100] [--budgets 0,19,38]
# Without --engine or --url it builds the server and starts it on models/tiny-reasoner-add.gguf (HTTP, OpenAI SDK).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release src/ReasoningServer -v q -nologo >/dev/null
path=(--server src/ReasoningServer/bin/Release/net10.0/ReasoningServer.dll)
for arg in "$@"; do
  if [[ "$arg" == "--engine" || "$arg" == "--url" ]]; then path=(); fi
done
dotnet run -c Release --project bench/ReasoningServer.Bench -- eval-reasoner "${path[@]}" --results bench/history/eval-reasoner.md "$@"
