#!/usr/bin/env bash
# Issue 7, test-time compute in the server: (a) self-consistency on the trained tiny reasoner — voted accuracy, pass@k
# and generated tokens versus 1, 2, 4, 8, 16 samples per digit count; (b) wall time of one `test_time` request of 8
# samples versus 8 sequential and 8 concurrent single requests on the `bench` tiny preset. Appends to bench/history/test-time.md.
# Usage: bash bench/test-time.sh [--model models/tiny-reasoner-add.gguf] [--problems 20] [--samples 1,2,4,8,16]
#        bash bench/test-time.sh --no-accuracy            # only (b), no trained model needed
#        bash bench/test-time.sh --no-wall-time --model PATH # only (a)
#        bash bench/test-time.sh --lib-dir "$(bash native/llama.cpp/build.sh)"  # llama.cpp built for this CPU, not the npm prebuilt
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release src/ReasoningServer -v q -nologo >/dev/null
dotnet run -c Release --project bench/ReasoningServer.Bench -- test-time \
  --server src/ReasoningServer/bin/Release/net10.0/ReasoningServer.dll --results bench/history/test-time.md "$@"
