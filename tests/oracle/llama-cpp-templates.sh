#!/usr/bin/env bash
# Prints the folder of llama.cpp's real chat templates (models/templates/*.jinja) in the llama.cpp source that
# ships in node-llama-cpp@3.22.1, checking that source out first if build.sh has not: the same cache,
# ${XDG_CACHE_HOME:-~/.cache}/reasoningserver/llama.cpp-source/3.22.1/src (native/llama.cpp/fetch-source.sh).
set -euo pipefail
src="$(bash "$(dirname "$0")/../../native/llama.cpp/fetch-source.sh")"
echo "$src/models/templates"
