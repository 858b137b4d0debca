#!/usr/bin/env bash
# Decode tokens/s with and without thinking-budget steering, engine only, `bench` tiny model.
# Usage: bash bench/steering.sh [--tokens 256] [--runs 5]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/ReasoningServer.Bench -- steering --results bench/history/steering.md "$@"
