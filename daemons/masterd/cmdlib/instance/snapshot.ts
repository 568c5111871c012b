// OP_INSTANCE_SNAPSHOT / SNAPSHOT_REVERT / SNAPSHOT_DELETE / SAVE_AS (issue 13): named
// snapshots of all of an instance's disks at one point, kept in the config with the
// instance, put back on revert (a running instance is stopped first), removed with the
// instance; save-as writes a standalone compressed qcow2 image of a disk or a snapshot.
import { OpPrereqError } from '../../../common/errors.js';
import { fillBeParams } from '../../../common/objects.js';
import { isSafeName } from '../../../common/known-files.js';
import type { ClusterConfig, Instance, InstanceSnapshot } from '../../../common/objects.js';
import type { OpInstanceSaveAs, OpInstanceSnapshot, OpInstanceSnapshotDelete, OpInstanceSnapshotRevert } from '../../../common/opcodes/index.js';
import { findHypervisor } from '../../../hypervisor/descriptors.js';
import { templateCan } from '../../../storage/descriptors.js';
import { diskToProto, instanceToProto } from '../../instance-wire.js';
import type { NodeTarget, NodeRpc } from '../../rpc/node-rpc.js';
import { checkNodeOnline } from '../common.js';
import { InstanceLU } from './base.js';
import { storageDirs } from './disk-common.js';
import { checkNodeCapacity } from './placement.js';

/** A default snapshot name: the UTC time, e.g. 20261202-211530. */
export function defaultSnapshotName(d = new Date()): string {
  return d.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

export function findSnapshot(inst: Instance, name: string): InstanceSnapshot {
  const s = (inst.snapshots ?? []).find((x) => x.name === name);
  if (!s) {
    const known = (inst.snapshots ?? []).map((x) => x.name).join(', ') || 'none';
    throw new OpPrereqError(`Instance '${inst.name}' has no snapshot '${name}' (snapshots: ${known})`, { ecode: 'unknown_entity' });
  }
  return s;
}

/** The disk of `inst` at `index` as a snapshot volume (its logical id replaced). */
function snapshotDisk(inst: Instance, snap: InstanceSnapshot, index: number) {
  const d = inst.disks[index]!;
  return diskToProto({ ...d, logical_id: snap.disks[index]!.logical_id });
}

/** Removes a snapshot's volumes on the primary; failures are reported, not raised. */
export async function removeSnapshotVolumes(rpc: NodeRpc, target: NodeTarget, cfg: Readonly<ClusterConfig>, inst: Instance,
  snap: InstanceSnapshot, warn: (m: string) => void, signal?: AbortSignal): Promise<boolean> {
  let ok = true;
  for (const [i] of snap.disks.entries()) {
    if (!inst.disks[i]) continue;
    const r = await rpc.call(target, 'BlockdevRemove', { disk: snapshotDisk(inst, snap, i), instance_name: inst.name, ...storageDirs(cfg) }, signal ? { signal } : {});
    if (r.failed) { ok = false; warn(`Could not remove snapshot ${snap.name} of disk ${i}: ${r.failMsg}`); }
  }
  if (snap.memory) {
    const r = await rpc.call(target, 'InstanceStateRemove', { instance: instanceToProto(cfg, inst), snap_name: snap.name, ...storageDirs(cfg) }, signal ? { signal } : {});
    if (r.failed) { ok = false; warn(`Could not remove the saved state of snapshot ${snap.name}: ${r.failMsg}`); }
  }
  return ok;
}

function checkSnapshotable(inst: Instance): void {
  if (!inst.disks.length) throw new OpPrereqError(`Instance '${inst.name}' has no disks to snapshot`, { ecode: 'wrong_input' });
  if (!templateCan(inst.disk_template, 'snapshot')) {
    throw new OpPrereqError(`Disk template '${inst.disk_template}' does not support snapshots`, { ecode: 'wrong_input' });
  }
}

async function isRunning(lu: InstanceLU, inst: Instance): Promise<boolean> {
  const info = await lu.rt.rpc.call(lu.pnodeTarget, 'InstanceInfo', { name: inst.name, hypervisor: inst.hypervisor }, { signal: lu.rt.signal });
  return info.raise('Error checking the primary node', { prereq: true }).state === 'running';
}

export class LUInstanceSnapshot extends InstanceLU<ReturnType<typeof OpInstanceSnapshot.validate>> {
  private name = '';
  override async checkPrereq(): Promise<void> {
    const inst = this.instance;
    checkSnapshotable(inst);
    checkNodeOnline(this.pnode, 'Cannot snapshot an instance on an offline node');
    this.name = this.op.snapshot_name || defaultSnapshotName();
    if (!isSafeName(this.name)) throw new OpPrereqError(`Invalid snapshot name '${this.name}': use letters, digits, '.', '-', '_' and '+'`, { ecode: 'wrong_input' });
    if ((inst.snapshots ?? []).some((s) => s.name === this.name)) {
      throw new OpPrereqError(`Instance '${inst.name}' already has a snapshot '${this.name}'`, { ecode: 'already_exists' });
    }
    const running = await isRunning(this, inst);
    if (running && !findHypervisor(inst.hypervisor)?.capabilities.snapshot) {
      throw new OpPrereqError(`Instance '${inst.name}' is running and hypervisor '${inst.hypervisor}' cannot snapshot a running instance: stop it first`, { ecode: 'wrong_state' });
    }
    if (this.op.memory && !running) {
      throw new OpPrereqError(`Instance '${inst.name}' is not running: --memory saves a running instance's state, take a disk snapshot without it`, { ecode: 'wrong_state' });
    }
    if (this.op.memory && !findHypervisor(inst.hypervisor)?.capabilities.suspend) {
      throw new OpPrereqError(`Hypervisor '${inst.hypervisor}' cannot save an instance's state: --memory is not supported`, { ecode: 'wrong_input' });
    }
  }

  override async exec(): Promise<unknown> {
    const inst = this.instance;
    const cfg = this.cfg.get();
    this.feedback(`* taking snapshot ${this.name} of instance ${inst.name}`);
    const r = await this.rt.rpc.call(this.pnodeTarget, 'InstanceSnapshotDisks',
      { instance: instanceToProto(cfg, inst), snap_name: this.name, memory: this.op.memory, ...storageDirs(cfg) }, { signal: this.rt.signal });
    const res = r.raise(`Could not snapshot instance ${inst.name}`);
    const snap: InstanceSnapshot = {
      name: this.name, ctime: Date.now() / 1000,
      disks: res.disks.map((d, i) => ({ logical_id: d.logical_id, size: Number(d.size) || inst.disks[i]!.size })),
      ...(this.op.memory ? { memory: true } : {}),
    };
    await this.modifyInstance((i) => { i.snapshots = [...(i.snapshots ?? []), snap]; });
    return this.name;
  }
}

export class LUInstanceSnapshotRevert extends InstanceLU<ReturnType<typeof OpInstanceSnapshotRevert.validate>> {
  private running = false;
  override async checkPrereq(): Promise<void> {
    const inst = this.instance;
    const snap = findSnapshot(inst, this.op.snapshot_name);
    checkNodeOnline(this.pnode, 'Cannot revert an instance on an offline node');
    if (inst.admin_state === 'suspended') {
      // Its saved state refers to the disks as they are: reverting them under it would corrupt the guest.
      throw new OpPrereqError(`Instance '${inst.name}' is suspended: resume it (or remove it) before reverting it to snapshot ${snap.name}`, { ecode: 'wrong_state' });
    }
    if (snap.memory) {
      const be = fillBeParams(this.cfg.get().cluster, inst);
      this.running = await isRunning(this, inst);
      if (!this.running) {
        await checkNodeCapacity(this.rt, this.pnode.name, inst.name, {
          memory: be.maxmem, vcpus: 0, disk: 0, spec: { memory: be.maxmem, vcpus: be.vcpus, diskSizes: [], nics: 0, spindleUse: 0 },
        });
      }
      return;
    }
    this.running = await isRunning(this, inst);
  }

  override async exec(): Promise<unknown> {
    const inst = this.instance;
    const cfg = this.cfg.get();
    const snap = findSnapshot(inst, this.op.snapshot_name);
    if (this.running) {
      this.feedback(`* stopping instance ${inst.name} before reverting it`);
      const r = await this.rt.rpc.call(this.pnodeTarget, 'InstanceShutdown',
        { instance: instanceToProto(cfg, inst), timeout_ms: this.op.shutdown_timeout * 1000, force: false }, { signal: this.rt.signal });
      r.raise(`Could not stop instance ${inst.name}`);
      await this.modifyInstance((i) => { i.admin_state = 'down'; i.admin_state_source = 'admin'; });
    }
    this.feedback(`* reverting the disks of instance ${inst.name} to snapshot ${snap.name}`);
    for (const [i, d] of inst.disks.entries()) {
      if (!snap.disks[i]) continue;
      const r = await this.rt.rpc.call(this.pnodeTarget, 'BlockdevRevert',
        { disk: diskToProto(d), snapshot_logical_id: snap.disks[i].logical_id, ...storageDirs(cfg) }, { signal: this.rt.signal });
      r.raise(`Could not revert disk ${i} of instance ${inst.name}`);
    }
    if (snap.memory) {
      this.feedback(`* resuming instance ${inst.name} from the state saved with snapshot ${snap.name}`);
      const r = await this.rt.rpc.call(this.pnodeTarget, 'InstanceResume',
        { instance: instanceToProto(cfg, inst), snap_name: snap.name, ...storageDirs(cfg) }, { signal: this.rt.signal });
      r.raise(`Could not resume instance ${inst.name} from snapshot ${snap.name} (its disks are reverted; it is down)`);
      await this.modifyInstance((i) => { i.admin_state = 'up'; i.admin_state_source = 'admin'; });
    }
    return null;
  }
}

export class LUInstanceSnapshotDelete extends InstanceLU<ReturnType<typeof OpInstanceSnapshotDelete.validate>> {
  override checkPrereq(): void {
    findSnapshot(this.instance, this.op.snapshot_name);
    checkNodeOnline(this.pnode, 'Cannot delete a snapshot on an offline node');
  }

  override async exec(): Promise<unknown> {
    const inst = this.instance;
    const snap = findSnapshot(inst, this.op.snapshot_name);
    const ok = await removeSnapshotVolumes(this.rt.rpc, this.pnodeTarget, this.cfg.get(), inst, snap, (m) => this.logWarning(m), this.rt.signal);
    if (!ok) throw new OpPrereqError(`Snapshot ${snap.name} of ${inst.name} was not removed completely; it is kept in the configuration`, { ecode: 'environment_error' });
    await this.modifyInstance((i) => { i.snapshots = (i.snapshots ?? []).filter((s) => s.name !== snap.name); });
    return null;
  }
}

export class LUInstanceSaveAs extends InstanceLU<ReturnType<typeof OpInstanceSaveAs.validate>> {
  override async checkPrereq(): Promise<void> {
    const inst = this.instance;
    if (!inst.disks[this.op.disk]) {
      throw new OpPrereqError(`Instance '${inst.name}' has no disk ${this.op.disk} (disks: 0-${inst.disks.length - 1})`, { ecode: 'wrong_input' });
    }
    if (!templateCan(inst.disk_template, 'fileBased')) {
      throw new OpPrereqError(`Disks of template '${inst.disk_template}' cannot be saved as an image`, { ecode: 'wrong_input' });
    }
    if (this.op.snapshot_name) findSnapshot(inst, this.op.snapshot_name);
    else if (await isRunning(this, inst)) {
      throw new OpPrereqError(`Instance '${inst.name}' is running: stop it first, or save a snapshot (--snapshot)`, { ecode: 'wrong_state' });
    }
    checkNodeOnline(this.pnode, 'Cannot save an image on an offline node');
  }

  override async exec(): Promise<unknown> {
    const inst = this.instance;
    const disk = this.op.snapshot_name
      ? snapshotDisk(inst, findSnapshot(inst, this.op.snapshot_name), this.op.disk) : diskToProto(inst.disks[this.op.disk]!);
    this.feedback(`* saving disk ${this.op.disk} of ${inst.name} as ${this.op.image_path} on node ${this.pnode.name}`);
    const r = await this.rt.rpc.call(this.pnodeTarget, 'BlockdevSaveAs',
      { disk, image_path: this.op.image_path, ...storageDirs(this.cfg.get()) }, { signal: this.rt.signal });
    return r.raise(`Could not save disk ${this.op.disk} of ${inst.name}`).path;
  }
}
