// Disk snapshots of a running qemu guest without stopping its CPUs (issue 13). The overlays
// are created beforehand with qemu-img (not by qemu: creating and flushing a file inside a QMP
// command holds qemu's main lock, which a TCG guest needs, for as long as the disk takes) and
// opened with blockdev-add; then one QMP `transaction` of blockdev-snapshot actions puts them
// on top of every disk at one point in time (qemu drains the in-flight I/O for that instant;
// the vCPUs run on): the guest's writes go to the overlays from then on and the disk files keep exactly what
// they held at that point, so the node copies them while the guest runs. Then an active
// block-commit per disk merges the overlay's writes back into the disk file and qemu pivots to
// it again; the overlays are removed. The result on disk is what a frozen copy gives: the
// disk files the instance was started with, and standalone snapshot copies next to them.
import { basename, dirname } from 'node:path';
import { rmSync } from 'node:fs';
import { delay } from '../../common/async.js';
import { HypervisorError } from '../../common/errors.js';
import type { LiveDisk } from '../disk-snapshotting.js';
import { qemuImg } from '../qemu-img.js';
import type { InstanceMonitor } from './monitor.js';
import { QMP_TIMEOUT_MS } from './run-qemu.js';
import { takeBackAfterSave } from './suspend.js';
import type { KvmRuntime } from './runtime.js';

interface BlockInfo {
  device: string;
  inserted?: { file?: string; backing_file?: string; ro?: boolean; 'node-name'?: string; image?: { 'virtual-size'?: number } };
}
interface JobInfo { id: string; status: string; error?: string }

const q = { timeoutMs: QMP_TIMEOUT_MS };

async function blocks(monitor: InstanceMonitor): Promise<BlockInfo[]> {
  return (await monitor.execute<BlockInfo[]>('query-block', undefined, q)) ?? [];
}

/** Why this instance's disks cannot be redirected (qemu could not create or open the overlays), or ''. */
export function liveSnapshotObstacle(rt: KvmRuntime): string {
  if (rt.hvparams.use_chroot) return 'qemu runs in a chroot';
  if (rt.runas) return `qemu runs as user ${rt.runas}`;
  return '';
}

/**
 * Redirects the writes of the given disks to their overlays in one transaction. Overlays left
 * by an interrupted earlier snapshot are merged first, so a retry starts from the disk files.
 */
export async function redirectWrites(monitor: InstanceMonitor, name: string, rt: KvmRuntime, disks: readonly LiveDisk[],
  signal?: AbortSignal): Promise<void> {
  await mergeWrites(monitor, name, rt, signal);
  const all = await blocks(monitor);
  const plan: { node: string; overlay: string; path: string }[] = [];
  for (const d of disks) {
    const b = all.find((x) => x.inserted?.file === d.path);
    if (!b) throw new HypervisorError(`Instance ${name} has no disk '${d.path}' open (its disks: ${all.map((x) => x.inserted?.file).filter(Boolean).join(', ') || 'none'})`);
    if (b.inserted?.ro) continue;   // a read-only disk does not change: its copy is of the same point
    const node = b.inserted?.['node-name'];
    const size = b.inserted?.image?.['virtual-size'];
    if (!node || !size) throw new HypervisorError(`qemu did not report the node and size of disk '${d.path}' of instance ${name}`);
    plan.push({ node, overlay: d.overlay, path: d.path });
    rmSync(d.overlay, { force: true });   // not in use: leftovers were merged above
    // -u: the backing file is not opened (qemu holds it); the size is the disk's.
    await qemuImg(['create', '-q', '-f', 'qcow2', '-u', '-b', d.path, '-F', d.format, d.overlay, String(size)], signal);
  }
  if (plan.length === 0) return;
  const added: string[] = [];
  try {
    for (const p of plan) {
      const overlayNode = overlayNodeName(p.node);
      // Added by a redirect that did not get to its transaction (noded died): not in use.
      await monitor.execute('blockdev-del', { 'node-name': overlayNode }, q).catch(() => undefined);
      await monitor.execute('blockdev-add', { driver: 'qcow2', 'node-name': overlayNode, file: { driver: 'file', filename: p.overlay }, backing: null }, q);
      added.push(overlayNode);
    }
    const actions = plan.map((p) => ({ type: 'blockdev-snapshot', data: { node: p.node, overlay: overlayNodeName(p.node) } }));
    await monitor.execute('transaction', { actions }, { ...q, ...(signal ? { signal } : {}) });
  } catch (err) {
    // A transaction is all or nothing in qemu: the guest is still on its disks.
    for (const n of added) await monitor.execute('blockdev-del', { 'node-name': n }, q).catch(() => undefined);
    for (const d of disks) rmSync(d.overlay, { force: true });
    throw new HypervisorError(`Could not redirect the disk writes of instance ${name} for its snapshot: ${(err as Error).message}`, { cause: err });
  }
}

/** The node name of the overlay put on top of a disk's node (fixed, so a restarted noded finds it). */
function overlayNodeName(diskNode: string): string {
  return `snap-${diskNode.replace(/[^A-Za-z0-9_-]/g, '')}`.slice(0, 31);
}

/** Merges every overlay the guest writes to back into its disk file (the paths in the runtime record). */
export async function mergeWrites(monitor: InstanceMonitor, name: string, rt: KvmRuntime, signal?: AbortSignal): Promise<void> {
  const all = await blocks(monitor);
  const pending: { device: string; disk: string; overlay: string; node: string }[] = [];
  for (const d of rt.disks) {
    const b = all.find((x) => x.inserted?.backing_file === d.path && x.inserted.file !== d.path);
    if (b) pending.push({ device: b.device, disk: d.path, overlay: b.inserted!.file!, node: b.inserted!['node-name'] ?? '' });
  }
  // After an interrupted snapshot --memory qemu's disks are read-only until it runs again.
  if (pending.length) await takeBackAfterSave(monitor);
  const failures: string[] = [];
  // One job per disk, all running at once: each converges on its own.
  await Promise.all(pending.map(async (p) => {
    try {
      await commit(monitor, p.device, p.disk, signal);
      // The overlay added with blockdev-add stays open until deleted: the commit does not close it.
      if (p.node) await monitor.execute('blockdev-del', { 'node-name': p.node }, q).catch(() => undefined);
      // Only a file next to the disk and hidden, as noded names overlays: never what qemu reports blindly.
      if (dirname(p.overlay) === dirname(p.disk) && basename(p.overlay).startsWith('.')) rmSync(p.overlay, { force: true });
    } catch (err) {
      failures.push(`${p.disk}: ${(err as Error).message}`);
    }
  }));
  if (failures.length) {
    throw new HypervisorError(`Instance ${name} still writes to snapshot overlays (its writes since the snapshot are safe there and are ` +
      `merged by the next snapshot or noded restart): ${failures.join('; ')}`);
  }
}

/** An active commit of the device's top overlay into `base`, completed once it is in sync. */
async function commit(monitor: InstanceMonitor, device: string, base: string, signal?: AbortSignal): Promise<void> {
  const id = `commit-${device}`;
  // A job of that name left by an interrupted merge: cancel it, its overlay is still on top.
  const stale = (await monitor.execute<JobInfo[]>('query-jobs', undefined, q)).find((j) => j.id === id);
  if (stale) {
    await monitor.execute('job-cancel', { id }, q).catch(() => undefined);
    await waitJob(monitor, id, ['concluded', 'null'], signal).catch(() => undefined);
    await monitor.execute('job-dismiss', { id }, q).catch(() => undefined);
  }
  await monitor.execute('block-commit', { 'job-id': id, device, base, 'auto-dismiss': false }, q);
  let st = await waitJob(monitor, id, ['ready', 'concluded'], signal);
  if (st.status === 'ready') {
    await monitor.execute('job-complete', { id }, q);
    st = await waitJob(monitor, id, ['concluded'], signal);
  }
  await monitor.execute('job-dismiss', { id }, q).catch(() => undefined);
  if (st.error) throw new HypervisorError(`block-commit of ${device} failed: ${st.error}`);
}

async function waitJob(monitor: InstanceMonitor, id: string, until: string[], signal?: AbortSignal): Promise<JobInfo> {
  for (;;) {
    if (signal?.aborted) throw new HypervisorError(`Waiting for QMP job ${id} was cancelled`);
    const job = (await monitor.execute<JobInfo[]>('query-jobs', undefined, q)).find((j) => j.id === id);
    if (!job) throw new HypervisorError(`QMP job ${id} disappeared`);
    if (until.includes(job.status)) return job;
    await delay(20);
  }
}
