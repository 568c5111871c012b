#!/usr/bin/env bash
# Proves the README's quick start on a fresh Debian 12 that has no node: builds a Debian 12
# (bookworm) chroot with mmdebstrap from this machine's own apt sources, copies the
# checkout into it (tracked and untracked files, not node_modules/build/.runtime), and
# runs the first README command there: `bash tools/setup/demo.sh` (setup: Debian packages,
# Node 22 into .runtime/, npm ci, build; then a 3-node virtual cluster with instances).
# Then it checks that `node --version` inside a virtual node's cmd says v22 and that
# `gnt-cluster version` answers, and stops the cluster. With --ci it also runs the second
# README command, `bash .ci/run` (every test suite: long). Not run by CI itself.
#
# Usage (as root): tools/setup/check-fresh-debian.sh [--ci] [--keep] [WORKDIR]
#   WORKDIR defaults to /var/tmp/ganeti-fresh-debian (the chroot is WORKDIR/root and is
#   removed at the end unless --keep). Every mount it makes is undone on exit, and any
#   process still running inside the chroot (started by this script) is ended by its pid.
# The chroot shares this machine's network namespace: the demo's virtual cluster binds
# 127.0.5.x (ports 1811, 10022), so do not run another demo at the same time.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd -P)
ci=0 keep=0 work=/var/tmp/ganeti-fresh-debian
while [ $# -gt 0 ]; do
  case $1 in
    --ci) ci=1 ;; --keep) keep=1 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "check-fresh-debian: unknown option $1" >&2; exit 2 ;;
    *) work=$1 ;;
  esac
  shift
done
[ "$(id -u)" = 0 ] || { echo "check-fresh-debian: run as root (chroot, mounts)" >&2; exit 1; }
root=$work/root
log() { echo "check-fresh-debian: $*" >&2; }

mounts=()
cleanup() {
  local rc=$? pid i
  # Anything still running with the chroot as its root was started by this script.
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$root" ] && kill -TERM "$pid" 2>/dev/null || true
  done
  sleep 1
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$root" ] && kill -KILL "$pid" 2>/dev/null || true
  done
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -R "${mounts[$i]}" 2>/dev/null || umount -l "${mounts[$i]}" || true; done
  if [ "$keep" = 0 ] && ! grep -q " $root" /proc/mounts; then rm -rf "$work"; fi
  [ "$rc" = 0 ] && log "ok" || log "FAILED (exit $rc)"
  exit "$rc"
}
trap cleanup EXIT

command -v mmdebstrap >/dev/null || {
  log "installing mmdebstrap"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap
}
grep -q " $root" /proc/mounts && { log "$root still has mounts from an earlier run: unmount them first"; exit 1; }
rm -rf "$work"
mkdir -p "$work"

# This machine's apt sources, as they are (no mirror is named here).
sources=()
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
  [ -s "$f" ] && sources+=("$f")
done
[ ${#sources[@]} -gt 0 ] || { log "no apt sources on this machine"; exit 1; }
log "building a Debian 12 chroot in $root"
t0=$SECONDS
mmdebstrap --quiet --variant=important bookworm "$root" "${sources[@]}"
log "chroot built in $((SECONDS - t0)) s"
for p in node nodejs npm; do
  [ ! -e "$root/usr/bin/$p" ] || { log "the fresh chroot already has /usr/bin/$p"; exit 1; }
done
cp /etc/resolv.conf "$root/etc/resolv.conf"
# A machine whose network inspects TLS trusts that network's CA; a fresh machine there
# would be given it too. Carry this machine's local CAs (installed into the chroot's
# bundle when the setup installs ca-certificates) and NODE_EXTRA_CA_CERTS across.
if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
fi
extra_ca=()
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then
  cp "$NODE_EXTRA_CA_CERTS" "$root/etc/host-extra-ca.pem"
  extra_ca=(NODE_EXTRA_CA_CERTS=/etc/host-extra-ca.pem)
fi

mkdir -p "$root/root/ganeti-ts"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$root/root/ganeti-ts"

mount -t proc proc "$root/proc"; mounts+=("$root/proc")
mount -t sysfs sysfs "$root/sys"; mounts+=("$root/sys")
mount --rbind /dev "$root/dev"; mount --make-rslave "$root/dev"; mounts+=("$root/dev")
mount -t tmpfs tmpfs "$root/run"; mounts+=("$root/run")
mount -t tmpfs tmpfs "$root/tmp"; mounts+=("$root/tmp")

in_chroot() {
  chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    "${extra_ca[@]}" bash -c "$1"
}

log "README command 1: bash tools/setup/demo.sh"
t0=$SECONDS
in_chroot 'cd /root/ganeti-ts && bash tools/setup/demo.sh /tmp/ganeti-demo' ||
  { in_chroot 'tail -40 /tmp/ganeti-demo-setup.log' || true; exit 1; }
log "demo done in $((SECONDS - t0)) s"
v=$(in_chroot '/tmp/ganeti-demo/node1/cmd "node --version"')
log "node --version in a virtual node's cmd: $v"
[[ $v == v22.* ]] || { log "expected v22.x"; exit 1; }
in_chroot '/tmp/ganeti-demo/node1/cmd gnt-cluster version && /tmp/ganeti-demo/node1/cmd gnt-instance list'
in_chroot '/tmp/ganeti-demo/stop-all >/dev/null'
[ ! -e "$root/usr/bin/node" ] || log "note: /usr/bin/node is Debian's bootstrap node $(in_chroot '/usr/bin/node --version'), not used by the programs"

if [ "$ci" = 1 ]; then
  log "README command 2: bash .ci/run"
  t0=$SECONDS
  in_chroot 'cd /root/ganeti-ts && CI=true bash .ci/run'
  log ".ci/run done in $((SECONDS - t0)) s"
fi
