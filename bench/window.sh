#!/usr/bin/env bash
# Fills a whole 131072-token window with the `test` tiny model: prefill time, KV size, resident memory.
# Usage: bash bench/window.sh [--threads N]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/ReasoningServer.Bench -- window --results bench/history/window.md "$@"
