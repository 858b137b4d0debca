#!/usr/bin/env bash
# Checks out the llama.cpp source that ships in the npm package node-llama-cpp@3.22.1 (the source our prebuilt
# libraries come from), with node-llama-cpp's patches and ours applied, and prints its folder:
#   ${XDG_CACHE_HOME:-~/.cache}/reasoningserver/llama.cpp-source/3.22.1/src
# build.sh builds it; the tests read its models/templates/*.jinja (real models' chat templates).
# Usage: native/llama.cpp/fetch-source.sh [--cache-dir DIR]
# Safe to run from several processes at once: one fetches, the others wait for it (flock).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
version=3.22.1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --cache-dir) cache_override="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

root="${cache_override:-${XDG_CACHE_HOME:-$HOME/.cache}/reasoningserver/llama.cpp-source}/$version"
src="$root/src"
mkdir -p "$root"

for tool in git npm tar flock; do
  command -v "$tool" >/dev/null || { echo "$tool is required (apt-get install git npm tar util-linux)" >&2; exit 1; }
done

# The npm package carries the llama.cpp tree as a git bundle; node-llama-cpp applies its patches on top.
# The marker names our patches' hash, so a changed or added patch checks out a clean tree again.
patches_hash="$(cat "$here"/*.patch | sha256sum | cut -c1-16)"
exec 9>"$root/.fetch.lock"
flock 9
if [[ "$(cat "$src/.reasoningserver-patched" 2>/dev/null)" != "$patches_hash" ]]; then
  rm -rf "$src" "$root/package"
  (cd "$root" && npm pack --silent "node-llama-cpp@$version" >/dev/null && tar xzf "node-llama-cpp-$version.tgz" && rm "node-llama-cpp-$version.tgz")
  git -c advice.detachedHead=false clone --quiet "$root/package/llama/gitRelease.bundle" "$src"
  for patch in "$root"/package/llama/patches/*.diff "$here"/*.patch; do
    git -C "$src" apply "$patch"
  done
  echo "$patches_hash" >"$src/.reasoningserver-patched"
fi
echo "$src"
