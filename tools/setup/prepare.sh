#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian machine (system packages, npm
# packages) and builds it. Idempotent: safe to run again.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/setup/install-deps.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run build
