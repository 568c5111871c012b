// Per-disk persistence (issue 13, OpenNebula's non-persistent images, generalising the
// profiles' discard_writes): a disk with persistent=no keeps a pristine copy taken at its
// first start, and is put back to it at every stop and before every start, so what the guest
// wrote never survives a stop. persistent=yes (the default) keeps the writes.
import type { Disk, Instance } from '../../../common/objects.js';
import { diskToProto } from '../../instance-wire.js';
import type { NodeRpc, NodeTarget } from '../../rpc/node-rpc.js';
import type { LogicalUnit } from '../logical-unit.js';
import { getNode } from '../common.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { storageDirs } from './disk-common.js';

export const PRISTINE_SNAPSHOT = 'pristine';

export function isPersistent(d: Disk): boolean {
  return d.params.persistent !== 'no';
}

function pristineOf(d: Disk): string[] | null {
  const p = d.params.pristine;
  return Array.isArray(p) && p.every((x) => typeof x === 'string') ? p as string[] : null;
}

/**
 * Before a start: takes the pristine copy of each non-persistent disk that has none yet, and
 * puts the others back to theirs (an error stops the start). At a stop: puts them back (a
 * failure is a warning; the next start does it again).
 */
export async function resetNonPersistent(lu: LogicalUnit, inst: Instance, when: 'start' | 'stop'): Promise<void> {
  const disks = inst.disks.map((d, i) => [d, i] as const).filter(([d]) => !isPersistent(d));
  if (!disks.length) return;
  const cfg = lu.cfg.get();
  const node = getNode(cfg, inst.primary_node);
  if (node.offline) return;
  const target = nodeTarget(node);
  for (const [d, i] of disks) {
    const pristine = pristineOf(d);
    if (!pristine) {
      if (when !== 'start') continue;
      lu.feedback(`* keeping a pristine copy of non-persistent disk ${i} of ${inst.name}`);
      const r = await lu.rt.rpc.call(target, 'BlockdevSnapshot', { disk: diskToProto(d), snap_name: PRISTINE_SNAPSHOT, ...storageDirs(cfg) }, { signal: lu.rt.signal });
      const made = r.raise(`Could not copy non-persistent disk ${i} of ${inst.name}`);
      await lu.cfg.update((c) => {
        const disk = c.instances[inst.uuid]?.disks[i];
        if (disk) disk.params = { ...disk.params, pristine: made.logical_id };
      });
      continue;
    }
    if (when === 'stop') lu.feedback(`* discarding the writes of non-persistent disk ${i} of ${inst.name}`);
    const r = await lu.rt.rpc.call(target, 'BlockdevRevert', { disk: diskToProto(d), snapshot_logical_id: pristine, ...storageDirs(cfg) }, { signal: lu.rt.signal });
    const msg = `Could not discard the writes of non-persistent disk ${i} of ${inst.name}`;
    if (when === 'start') r.raise(msg);
    else r.warn(msg, (m) => lu.logWarning(m));
  }
}

/** Removes the pristine copies with the instance (failures are reported, not raised). */
export async function removePristineCopies(rpc: NodeRpc, target: NodeTarget, cfg: Parameters<typeof storageDirs>[0], inst: Instance,
  warn: (m: string) => void, signal?: AbortSignal): Promise<void> {
  for (const d of inst.disks) {
    const p = pristineOf(d);
    if (!p) continue;
    const r = await rpc.call(target, 'BlockdevRemove', { disk: diskToProto({ ...d, logical_id: p }), instance_name: inst.name, ...storageDirs(cfg) }, signal ? { signal } : {});
    if (r.failed) warn(`Could not remove the pristine copy of disk ${d.iv_name}: ${r.failMsg}`);
  }
}
