// The optional live disk snapshot side of a hypervisor (issue 13), like suspending.ts: a
// driver that can redirect a running guest's disk writes to new overlays at one point in
// time (all disks at once) and later merge them back, without stopping the guest's CPUs.
// While the writes are redirected the disk files hold exactly what they held at that point,
// so the node copies them (the snapshots) while the guest runs. capabilities.liveSnapshot
// says a driver implements this; one that does not is frozen (pause/continue) for the copy.
import type { HvInstance, Hypervisor, SignalOptions } from './hypervisor.js';

/** One disk of a running instance: its file as the instance opened it, and where its overlay goes. */
export interface LiveDisk {
  path: string;
  /** The disk's image format ('raw' | 'qcow2'); the overlay is always qcow2. */
  format: string;
  /** A qcow2 file created for the writes made while the snapshot is taken (next to the disk). */
  overlay: string;
}

export interface DiskSnapshottingHypervisor extends Hypervisor {
  /** From now on (one atomic step for all disks) the guest writes to the overlays; the disk
   * files stay as they are. false, with nothing changed, when this instance cannot do it (the
   * caller then freezes the guest instead); a failure leaves the guest on its disks. Writes
   * left on an overlay by an interrupted earlier snapshot are merged first. */
  redirectDiskWrites(inst: HvInstance, disks: readonly LiveDisk[], opts?: SignalOptions): Promise<boolean>;
  /** Merges each overlay's writes into its disk while the guest runs, puts the guest back on
   * its disk files and removes the overlays. */
  mergeDiskWrites(inst: HvInstance, disks: readonly LiveDisk[], opts?: SignalOptions): Promise<void>;
}

/** The driver as a DiskSnapshottingHypervisor, or null when it does not declare liveSnapshot. */
export function asDiskSnapshotting(hv: Hypervisor): DiskSnapshottingHypervisor | null {
  const s = hv as Partial<DiskSnapshottingHypervisor>;
  return hv.capabilities.liveSnapshot && typeof s.redirectDiskWrites === 'function' && typeof s.mergeDiskWrites === 'function'
    ? hv as DiskSnapshottingHypervisor : null;
}
