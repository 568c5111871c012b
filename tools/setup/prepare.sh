#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian machine (system packages, Node 22,
# npm packages) and builds it. Idempotent: safe to run again.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/setup/install-deps.sh
bash tools/setup/node.sh >/dev/null
. tools/setup/env.sh
# node_modules holds native addons built for one node ABI: reinstall when the lock file
# changed or the node did (e.g. an older checkout built on Node 20).
abi=$(node -p 'process.versions.modules')
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ] ||
   [ "$(cat node_modules/.ganeti-node-abi 2>/dev/null)" != "$abi" ]; then
  npm ci --no-audit --no-fund
  echo "$abi" >node_modules/.ganeti-node-abi
fi
npm run build
