#!/usr/bin/env bash
# Builds llama.cpp from the source that ships in the npm package node-llama-cpp@3.22.1: the same source our
# prebuilt libraries (@node-llama-cpp/linux-x64@3.22.1) come from. Used for
#   - training the tiny reasoner (our patches: gradients reach the attention K/V projections, and the gradient
#     accumulators restart from zero at every optimizer step; upstream sums gradients over all steps),
#   - llama-server and llama-batched-bench for the side-by-side benchmark (bench/compare.sh),
#   - the CUDA container image (docker/Dockerfile.cuda runs this script with --cuda).
#
# Usage: native/llama.cpp/build.sh [--cuda] [--targets "llama llama-server ..."] [--jobs N]
# Prints the folder holding the libraries (named as LlamaNativeLibrary expects) and the binaries.
# The checkout (fetch-source.sh) and the build are cached under ${XDG_CACHE_HOME:-~/.cache}/reasoningserver/llama.cpp-source,
# so a second run only rebuilds what changed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
version=3.22.1
variant=cpu
targets="llama"
jobs="$(nproc)"
cmake_extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --cuda) variant=cuda; cmake_extra+=(-DGGML_CUDA=ON); shift ;;
    --targets) targets="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --cache-dir) cache_override="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

root="${cache_override:-${XDG_CACHE_HOME:-$HOME/.cache}/reasoningserver/llama.cpp-source}/$version"
src="$root/src"
build="$root/build-$variant"
out="$root/lib-$variant"
mkdir -p "$root"

for tool in cmake g++; do
  command -v "$tool" >/dev/null || { echo "$tool is required (apt-get install cmake g++ git npm)" >&2; exit 1; }
done

# The source (node-llama-cpp's bundle with its patches and ours), checked out once into the cache.
"$here/fetch-source.sh" ${cache_override:+--cache-dir "$cache_override"} >/dev/null

# Shared libraries, no backend dlopen: the CPU backend is linked in and tuned for this machine (GGML_NATIVE).
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON -DGGML_NATIVE=ON \
  -DLLAMA_CURL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=ON -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_SERVER=ON \
  "${cmake_extra[@]}" >"$root/cmake-$variant.log" 2>&1 || { tail -30 "$root/cmake-$variant.log" >&2; exit 1; }
# shellcheck disable=SC2086 # targets is a word list
cmake --build "$build" --config Release -j "$jobs" --target $targets >"$root/build-$variant.log" 2>&1 \
  || { tail -30 "$root/build-$variant.log" >&2; exit 1; }

# The names our loader asks for (the npm build's), next to every library and binary of this build.
mkdir -p "$out"
cp -a "$build"/bin/. "$out"/
ln -sf libllama.so "$out/libllama.v0.5.0.so"
ln -sf libggml.so "$out/libggml.v0.5.0.so"
echo "$out"
