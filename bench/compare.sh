#!/usr/bin/env bash
# Side by side on the same CPU: our server vs llama-server vs llama.cpp's raw batched decoding (llama-batched-bench),
# all from the node-llama-cpp@3.22.1 llama.cpp source (native/llama.cpp/build.sh, cached outside the repo).
# Models: the `bench` (25M) and `large` (101M) tiny presets; 1, 4, 8 and 16 concurrent streams; then TTFT and
# throughput against prompt length (1k..128k, `test` preset); every level three times (--rounds), ratios the median of
# the rounds'. Prints ratio tables and appends them to bench/history/compare.md.
# Usage: bash bench/compare.sh                 # the full run (the 128k prompts take most of its time)
#        bash bench/compare.sh --quick         # `bench` model, 1 and 8 streams, 64 tokens, 1k/8k prompts: a few minutes
#        bash bench/compare.sh --streams 1,8 --models large --no-scaling --threads 2 --no-prebuilt   # any subset
set -euo pipefail
cd "$(dirname "$0")/.."

llama_bin="$(bash native/llama.cpp/build.sh --targets "llama llama-server llama-batched-bench" | tail -1)"
dotnet build -c Release src/ReasoningServer -v q -nologo >/dev/null

# Every server the benchmark starts is listed here, so this trap stops it even if the benchmark itself is killed.
pid_file="$(mktemp)"
cleanup() {
  while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$pid_file"
  rm -f "$pid_file"
}
trap cleanup EXIT INT TERM
REASONINGSERVER_BENCH_PID_FILE="$pid_file" dotnet run -c Release --project bench/ReasoningServer.Bench -- compare \
  --server src/ReasoningServer/bin/Release/net10.0/ReasoningServer.dll --llama-bin "$llama_bin" --results bench/history/compare.md "$@"
