#!/usr/bin/env bash
# Installs the oracle's npm packages exactly as package-lock.json pins them (npm ci) unless node_modules already
# holds that install, and prints the node_modules folder. A stamp of the lock file's hash, written once npm ci has
# succeeded, tells a finished install of this lock file from a missing, interrupted or outdated one.
# Safe to run from several processes at once: one installs, the others wait for it (flock).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
stamp="$here/node_modules/.reasoningserver-lock.sha256"
want="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
current() { [[ "$(cat "$stamp" 2>/dev/null)" == "$want" ]]; }

if ! current; then
  # The lock file lives outside node_modules, which npm ci deletes first.
  exec 9>"$here/.npm-ci.lock"
  flock 9
  if ! current; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
    echo "$want" >"$stamp"
  fi
fi
echo "$here/node_modules"
