#!/usr/bin/env bash
# Issue 23 (3), crash durability: per ledger, rounds of mixed load (chat JSON and SSE, n>1, test_time, /v1/completions,
# Responses with store, client cancels) ended by a SIGKILL at a random moment and a restart on the same ledger; every
# request a client saw complete must be in the ledger once with the usage it saw, the database sound, the restart clean
# and stored responses readable. Appends its run to bench/history/crash.md (exit code 1 if any check failed).
# Usage: bash bench/crash.sh [--rounds 20] [--ledgers sqlite,postgres] [--postgres CONNECTION] [--workers 3] [--seed N]
#                            [--results bench/history/crash.md]
#        PostgreSQL from --postgres or REASONINGSERVER_TEST_POSTGRES (.ci/postgres.sh starts a throwaway server).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release src/ReasoningServer -v q -nologo >/dev/null
dotnet run -c Release --project bench/ReasoningServer.Bench -- crash \
  --server src/ReasoningServer/bin/Release/net10.0/ReasoningServer.dll "$@"
