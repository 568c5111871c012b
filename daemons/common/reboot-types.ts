// Ganeti's REBOOT_TYPES: soft (the guest's own reset), hard (stop and start the machine),
// full (stop and start through the master, disks included). The one list.
export const REBOOT_TYPES = ['soft', 'hard', 'full'] as const;
export type RebootType = (typeof REBOOT_TYPES)[number];
