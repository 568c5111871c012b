// Ganeti's disk-template families (src/Ganeti/Constants.hs) that decide which burnin steps
// apply, and which hypervisors can migrate (hv_*.CAN_MIGRATE). Kept here rather than in
// daemons/common because only burnin needs the whole table.

/** Every template burnin accepts with -t (burnin.py _SUPPORTED_DISK_TEMPLATES). */
export const SUPPORTED_TEMPLATES = ['diskless', 'drbd', 'ext', 'file', 'plain', 'rbd', 'sharedfile', 'gluster'] as const;

/** Templates that work with a single node (everything but network mirroring). */
export const SINGLE_NODE_TEMPLATES: readonly string[] = ['diskless', 'plain', 'file', 'sharedfile', 'ext', 'rbd', 'gluster'];

/** Network-mirrored (DTS_INT_MIRROR): instances have a secondary node. */
export const INT_MIRROR: readonly string[] = ['drbd'];

/** Externally mirrored (DTS_EXT_MIRROR); diskless counts as "trivially" mirrored. */
export const EXT_MIRROR: readonly string[] = ['diskless', 'blockdev', 'ext', 'sharedfile', 'rbd', 'gluster'];

/** DTS_MIRRORED: the templates failover and migration work with. */
export const MIRRORED: readonly string[] = [...INT_MIRROR, ...EXT_MIRROR];

/** DTS_GROWABLE: templates whose disks grow-disk can enlarge. */
export const GROWABLE: readonly string[] = ['sharedfile', 'drbd', 'plain', 'ext', 'file', 'rbd', 'gluster'];

/** Templates whose instances burnin moves between nodes (OP_INSTANCE_MOVE). */
export const MOVABLE: readonly string[] = ['plain', 'file'];

/** Templates burnin exports and re-imports (_IMPEXP_DISK_TEMPLATES). */
export const IMPORT_EXPORT: readonly string[] = ['drbd', 'ext', 'plain', 'rbd'];

/** Hypervisors whose driver implements live migration (Ganeti's CAN_MIGRATE). */
const MIGRATING_HYPERVISORS: readonly string[] = ['fake', 'kvm', 'xen-pvm', 'xen-hvm'];

export function hypervisorCanMigrate(hv: string): boolean {
  return MIGRATING_HYPERVISORS.includes(hv);
}

/** Ganeti's REBOOT_TYPES, in the order burnin runs them. */
export const REBOOT_TYPES = ['soft', 'hard', 'full'] as const;
