// Which disks are overlays on a base image and which instance holds that base (profiles: see
// cmdlib/instance/profile.ts); shared by the profile rules and the instance query's
// base_instances field.
import type { Disk, Instance } from '../common/objects.js';
import { templateCan } from '../storage/descriptors.js';

/** The node-independent path of the base under a disk, or '' when it is not an overlay. */
export function backingOf(d: Disk): string {
  const b = d.params?.backing;
  return typeof b === 'string' ? b : '';
}

export function overlayDisks(inst: Instance): Disk[] {
  return inst.disks.filter((d) => backingOf(d) !== '');
}

/**
 * Whether disk `d` of `holder` is the file `path` an overlay of `user` reads: the same path,
 * and the same node unless the disk is on storage every node shares (sharedfile).
 */
export function isBaseOf(holder: Instance, d: Disk, user: Instance, path: string): boolean {
  return d.logical_id[1] === path && templateCan(d.dev_type, 'fileBased') &&
    (templateCan(d.dev_type, 'shared') || holder.primary_node === user.primary_node);
}

