#!/usr/bin/env bash
# Installs every system package the project needs, idempotently: CI machines may be bare.
set -euo pipefail
pkgs=(ca-certificates openssh-server openssh-client openssl procps iproute2 util-linux curl socat qemu-system-x86 qemu-utils busybox-static linux-image-cloud-amd64 cpio xz-utils zstd lzop cron chromium python3-ganeti-rapi)
# Ganeti's own htools, only to compare answers and speed with (tests, bench/); never the ganeti package itself.
pkgs+=(ganeti-htools-3.0)
# strace: the crash-ordering test traces a job submission (write, fsync, rename, dir fsync).
pkgs+=(strace)
# python3 (/usr/bin/python3): noded's script runner (daemons/noded/script-runner.py) starts the OS scripts.
pkgs+=(python3)
# linux-perf: bench/batch-profile.ts --perf (the whole machine's CPU by process and kernel path).
pkgs+=(linux-perf)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# The admin group (Ganeti's gnt-admin): its members may use the master socket (masterd gives
# the socket to this group when it exists).
getent group gnt-admin >/dev/null 2>&1 || { [ "$(id -u)" = 0 ] && groupadd --system gnt-admin; } || true
# The unprivileged user qemu drops to for kvm instances with security_model=user and
# security_domain=ganeti-kvm (docs/kvm.md); no login, no home.
getent passwd ganeti-kvm >/dev/null 2>&1 || { [ "$(id -u)" = 0 ] && useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin ganeti-kvm; } || true
# sshd refuses to start without its privilege-separation directory.
[ -d /run/sshd ] || { [ "$(id -u)" = 0 ] && mkdir -p /run/sshd; } || true
