#!/usr/bin/env bash
# Builds a tiny bootable guest (Debian cloud kernel + busybox initramfs) into ${GUEST:-<repo>/build/tiny-guest}:
# the kvm tests and bench boot it under qemu TCG. Idempotent: a build of this recipe is kept.
# (From the acceptance recipe, shared/acceptance/tiny-guest.sh, with its acpid fixed.)
# It prints GUEST-UP on the serial console every second, powers off on ACPI powerdown, and
# obeys "poweroff" / "reboot" / "fill C" typed on its serial console.
set -eu
GUEST=${GUEST:-$(cd "$(dirname "$0")/../.." && pwd)/build/tiny-guest}
# A build from another version of this recipe is rebuilt (the stamp is the recipe's hash).
stamp=$(sha256sum "$0" | cut -c1-16)
[ -f "$GUEST/initramfs.gz" ] && [ -f "$GUEST/vmlinuz" ] && [ "$(cat "$GUEST/.recipe" 2>/dev/null)" = "$stamp" ] && exit 0
k=$(ls /boot/vmlinuz-*cloud-amd64 2>/dev/null | tail -1 || true)
if [ -z "$k" ] || ! command -v busybox >/dev/null || ! command -v cpio >/dev/null; then
  apt-get install -y --no-install-recommends linux-image-cloud-amd64 busybox-static cpio >/dev/null
  k=$(ls /boot/vmlinuz-*cloud-amd64 | tail -1)
fi
kv=${k#/boot/vmlinuz-}
mods=/lib/modules/$kv/kernel
w=$(mktemp -d); mkdir -p "$w"/{bin,dev,etc/acpi/PWRF,lib,proc,sys,tmp}
cp "$(command -v busybox)" "$w/bin/busybox"
for m in button evdev virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_blk failover net_failover virtio_net; do
  f=$(find "$mods" -name "$m.ko*" | head -1); [ -n "$f" ] || continue
  case "$f" in *.xz) xz -dc "$f" > "$w/lib/$m.ko";; *.zst) zstd -dcq "$f" > "$w/lib/$m.ko";; *) cp "$f" "$w/lib/$m.ko";; esac
done
cat > "$w/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for m in button evdev virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_blk failover net_failover virtio_net; do insmod /lib/$m.ko 2>/dev/null; done
echo "PWRF PWRF/00000080" > /etc/acpid.conf
printf '#!/bin/sh\necho GUEST-POWERDOWN > /dev/ttyS0\nsync\npoweroff -f\n' > /etc/acpi/PWRF/00000080; chmod +x /etc/acpi/PWRF/00000080
# acpid only watches the input devices present when it starts: wait (up to 5 s) for the
# power button's event device, or the ACPI powerdown is lost (a race in the original recipe).
i=0; while [ $i -lt 50 ]; do for e in /sys/class/input/event*; do grep -qs 'Power Button' "$e/device/name" && [ -e "/dev/input/${e##*/}" ] && i=99; done; [ $i = 99 ] && break; i=$((i+1)); sleep 0.1; done
# Without -d busybox acpid logs to /var/log/acpid.log and exits when it cannot open it
# (the original recipe lost every powerdown that way): log to stderr, thrown away.
acpid -f -d > /dev/null 2>&1 &
# Typing "poweroff" or "reboot" on the serial console makes the guest do it itself (tests of
# a guest-initiated power-off, Ganeti's USER_down, drive it through gnt-instance console).
# "fill C" writes 4 KiB of the character C at the start of the first disk, synchronously (the
# live snapshot test checks which writes a snapshot holds).
(while read -r cmd; do case "$cmd" in poweroff) echo GUEST-POWEROFF; sync; poweroff -f;; reboot) echo GUEST-REBOOT; reboot -f;;
  fill\ ?) c=${cmd#fill }; head -c 4096 /dev/zero | tr '\0' "$c" | dd of=/dev/vda bs=4096 count=1 conv=fsync 2>/dev/null && echo "GUEST-FILLED $c";; esac; done < /dev/ttyS0 > /dev/ttyS0 2>&1) &
n=0; while true; do echo "GUEST-UP disks=$(ls /sys/block | tr '\n' ' ') tick=$n" > /dev/ttyS0; n=$((n+1)); sleep 1; done
INIT
chmod +x "$w/init"
mkdir -p "$GUEST"
# Temp names and renames: a test running this at the same time never sees half a file.
cp "$k" "$GUEST/.vmlinuz.$$" && mv -f "$GUEST/.vmlinuz.$$" "$GUEST/vmlinuz"
(cd "$w" && find . | cpio -o -H newc 2>/dev/null | gzip -1 > "$GUEST/.initramfs.gz.$$")
mv -f "$GUEST/.initramfs.gz.$$" "$GUEST/initramfs.gz"
echo "$stamp" > "$GUEST/.recipe"
rm -rf "$w"
