#!/usr/bin/env bash
# Fuzz: ≥10,000 generated bad requests (seeded; the seed is printed) against every endpoint of the real server with an
# API key, plus slow-loris connections; appends the figure table to bench/history/fuzz.md. Exit 1 on any finding.
# Usage: bash bench/fuzz.sh [--cases 10000] [--rounds 1] [--seed N] [--concurrency 4] [--slow-loris 16] [--findings DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release src/ReasoningServer -v q -nologo >/dev/null
dotnet run -c Release --project bench/ReasoningServer.Bench -- fuzz \
  --server src/ReasoningServer/bin/Release/net10.0/ReasoningServer.dll "$@"
