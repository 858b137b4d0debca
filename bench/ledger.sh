#!/usr/bin/env bash
# Usage-ledger write throughput (SQLite; PostgreSQL too with --postgres CONNECTION or REASONINGSERVER_TEST_POSTGRES)
# and the p50 latency keys and the ledger add to a request.
# Usage: bash bench/ledger.sh [--records 20000] [--requests 200] [--postgres "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres"]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release src/ReasoningServer -v q -nologo >/dev/null
dotnet run -c Release --project bench/ReasoningServer.Bench -- ledger \
  --server src/ReasoningServer/bin/Release/net10.0/ReasoningServer.dll --results bench/history/ledger.md "$@"
