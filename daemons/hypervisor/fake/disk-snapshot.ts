// Live disk snapshots on the fake hypervisor, modelled on the files as kvm leaves them
// (kvm/disk-snapshot.ts): redirecting a disk's writes creates its qcow2 overlay on top of the
// disk file, merging commits the overlay into the disk and removes it. Nothing writes to the
// disks of a fake instance, so the overlays stay empty; what is modelled is that they exist
// while the node copies the disks, and that an overlay left by an interrupted snapshot is
// merged before the next one.
import { existsSync, rmSync } from 'node:fs';
import type { LiveDisk } from '../disk-snapshotting.js';
import { qemuImg } from '../qemu-img.js';

export async function mergeOverlays(disks: readonly LiveDisk[], signal?: AbortSignal): Promise<void> {
  for (const d of disks) {
    if (!existsSync(d.overlay)) continue;
    await qemuImg(['commit', '-q', '-f', 'qcow2', d.overlay], signal);
    rmSync(d.overlay, { force: true });
  }
}

export async function createOverlays(disks: readonly LiveDisk[], signal?: AbortSignal): Promise<void> {
  await mergeOverlays(disks, signal);
  try {
    for (const d of disks) await qemuImg(['create', '-q', '-f', 'qcow2', '-b', d.path, '-F', d.format, d.overlay], signal);
  } catch (err) {
    for (const d of disks) rmSync(d.overlay, { force: true });
    throw err;
  }
}
