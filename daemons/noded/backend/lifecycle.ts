// The VM life cycle on one node (issue 13): suspend to a state file and resume from it,
// pause/continue, disk snapshots of a whole instance, revert and save-as. Paths are derived
// here from this node's own layout and the disks' logical ids, never taken from a request.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BlockDeviceError, HypervisorError, ParameterError } from '../../common/errors.js';
import { getHypervisor } from '../../hypervisor/registry.js';
import { asSuspending } from '../../hypervisor/suspending.js';
import { asDiskSnapshotting, type LiveDisk } from '../../hypervisor/disk-snapshotting.js';
import { checkImagePath, statesOnSharedStorage } from '../../storage/file-descriptor.js';
import { formatOfName, freshTempNameFor, isImageTempName, isLiveOverlayName, liveOverlayPath, qemuImg, tempFilesFor, toMiB, virtualBytes } from '../../storage/image-file.js';
import { getStorageDriver } from '../../storage/registry.js';
import type { CreatedDisk } from '../../storage/storage-driver.js';
import type { BlockdevRevertRequest__Output } from '../../../proto/generated/ganeti/BlockdevRevertRequest.js';
import type { BlockdevSaveAsRequest__Output } from '../../../proto/generated/ganeti/BlockdevSaveAsRequest.js';
import type { Empty } from '../../../proto/generated/ganeti/Empty.js';
import type { InstanceLifecycleRequest__Output } from '../../../proto/generated/ganeti/InstanceLifecycleRequest.js';
import type { InstanceSnapshotRequest__Output } from '../../../proto/generated/ganeti/InstanceSnapshotRequest.js';
import type { NodedContext } from '../context.js';
import { nodeStorageDirs } from '../storage-paths.js';
import { checkInstance, safeName } from '../validate.js';
import { assembleInstanceDisks, checkDisk, diskAccessPaths, shutdownInstanceDisks, storageCtx, storageDisk, type StorageDirs } from './blockdev.js';
import { hvInstance } from './instance.js';

/**
 * The directory an instance's saved states (suspend, snapshot memory) live in: on the shared
 * file storage when all its disks are there, so any node of that storage can resume it after a
 * failover; else in this node's data dir.
 */
function stateDir(ctx: NodedContext, inst: { disks: readonly { dev_type: string }[] }, req: StorageDirs): string {
  return statesOnSharedStorage(inst.disks) ? join(ctx.paths.local(nodeStorageDirs(ctx.paths, req).sharedFileStorageDir), '.suspended') : join(ctx.paths.dataDir, 'suspended');
}

/** The suspend state of an instance, or one snapshot's saved memory. */
export function statePathFor(ctx: NodedContext, inst: { name: string; disks: readonly { dev_type: string }[] }, req: StorageDirs, snap = ''): string {
  const name = safeName(inst.name, 'instance name');
  return join(stateDir(ctx, inst, req), snap ? `${name}.snap-${safeName(snap, 'snap_name')}.state.gz` : `${name}.state.gz`);
}

/**
 * What an interrupted life-cycle operation (noded killed, node crashed) left on this node:
 * a partial state file, an export's dumps or download not yet renamed into place. Each is
 * named for gnt-cluster verify; the operation's retry removes it (each starts by clearing its
 * own partial files), and nothing lists or loads a partial file meanwhile.
 */
export function lifecycleLeftovers(ctx: NodedContext, exportRoot: string): string[] {
  const out: string[] = [];
  const scan = (dir: string, what: (f: string) => string | null) => {
    let names: string[] = [];
    try { names = readdirSync(dir); } catch { return; }
    for (const f of names.sort()) {
      const w = what(f);
      if (w) out.push(`${w} '${join(dir, f)}'`);
    }
  };
  const partialState = (f: string) => (f.startsWith('.') && f.endsWith('.state.gz.partial')
    ? `partial saved state of instance ${f.slice(1).split('.')[0]} (an interrupted suspend or snapshot --memory)` : null);
  scan(join(ctx.paths.dataDir, 'suspended'), partialState);
  try { scan(join(ctx.paths.local(nodeStorageDirs(ctx.paths).sharedFileStorageDir), '.suspended'), partialState); } catch { /* no shared storage here */ }
  for (const dir of [() => nodeStorageDirs(ctx.paths).fileStorageDir, () => nodeStorageDirs(ctx.paths).sharedFileStorageDir]) {
    let root: string;
    try { root = ctx.paths.local(dir()); } catch { continue; }   // template not usable on this node
    let insts: string[] = [];
    try { insts = readdirSync(root); } catch { continue; }
    for (const i of insts.filter((x) => !x.startsWith('.'))) {
      scan(join(root, i), (f) => (isImageTempName(f) ? `partial copy of a disk of instance ${i} (an interrupted snapshot or revert)`
        : isLiveOverlayName(f) ? `writes of instance ${i} made during a snapshot, not merged into its disk yet (a running instance's are ` +
          'merged when noded starts or by its next snapshot)' : null));
    }
  }
  scan(join(ctx.paths.dataDir, 'save-as'), (f) => {
    let dst = '';
    try { dst = readFileSync(join(ctx.paths.dataDir, 'save-as', f), 'utf8').trim(); } catch { return null; }
    const partial = tempFilesFor(dst);
    return partial.length ? `partial image of an interrupted save-as to '${dst}': ${partial.join(', ')}; noted in` : null;
  });
  scan(join(ctx.paths.dataDir, 'export-out'), (f) => `disk dumps of an interrupted export of ${f}`);
  scan(join(ctx.paths.dataDir, 'import-in'), (f) => `partial download of an interrupted import (disk ${f.split('.')[0]})`);
  scan(exportRoot, (f) => (f.endsWith('.new') ? `incomplete export of ${f.slice(0, -4)}` : f.endsWith('.old') ? `replaced export of ${f.slice(0, -4)}` : null));
  return out;
}

export async function instanceStateRemove(ctx: NodedContext, req: InstanceLifecycleRequest__Output): Promise<Empty> {
  const inst = checkInstance(req.instance, 'instance');
  if (req.snap_name) {
    rmSync(statePathFor(ctx, inst, req, req.snap_name), { force: true });
    return {};
  }
  const dir = stateDir(ctx, inst, req);
  const prefix = `${safeName(inst.name, 'instance name')}.`;
  let names: string[] = [];
  try { names = readdirSync(dir); } catch { return {}; }
  for (const f of names) {
    if (f === `${prefix}state.gz` || (f.startsWith(`${prefix}snap-`) && f.endsWith('.state.gz'))) rmSync(join(dir, f), { force: true });
  }
  return {};
}

export async function instanceSuspend(ctx: NodedContext, req: InstanceLifecycleRequest__Output, signal: AbortSignal): Promise<Empty> {
  const inst = checkInstance(req.instance, 'instance', { resources: true });
  const hv = asSuspending(getHypervisor(inst.hypervisor, ctx.paths));
  if ((await hv.getInstanceInfo(inst.name))?.state !== 'running') {
    throw new HypervisorError(`Cannot suspend instance ${inst.name}: it is not running on this node`, { ecode: 'wrong_state' });
  }
  const state = statePathFor(ctx, inst, req);
  mkdirSync(dirname(state), { recursive: true, mode: 0o700 });
  await hv.suspendInstance(hvInstance(inst), state, { signal });
  await shutdownInstanceDisks(ctx, inst);
  ctx.logger.info(`suspended instance ${inst.name}`, { state, bytes: statSync(state).size });
  return {};
}

export async function instanceResume(ctx: NodedContext, req: InstanceLifecycleRequest__Output, signal: AbortSignal): Promise<Empty> {
  const inst = checkInstance(req.instance, 'instance', { resources: true });
  const hv = asSuspending(getHypervisor(inst.hypervisor, ctx.paths));
  const state = statePathFor(ctx, inst, req, req.snap_name);
  try { statSync(state); } catch {
    const what = req.snap_name ? `no saved state of snapshot ${req.snap_name}` : 'no saved state';
    throw new HypervisorError(`Cannot resume instance ${inst.name}: ${what} on this node ('${state}')`, { ecode: 'environment_error' });
  }
  const hvInst = hvInstance(inst);
  hv.checkParameterSyntax(hvInst.hvparams);
  await assembleInstanceDisks(ctx, inst, signal);
  try {
    await hv.resumeInstance(hvInst, diskAccessPaths(ctx, inst.disks), state, { signal });
  } catch (err) {
    await shutdownInstanceDisks(ctx, inst);
    throw err;
  }
  if (!req.snap_name) rmSync(state, { force: true });   // a snapshot's state serves every revert to it
  ctx.logger.info(`resumed instance ${inst.name}`, { snapshot: req.snap_name || undefined });
  return {};
}

export async function instancePause(ctx: NodedContext, req: InstanceLifecycleRequest__Output, signal: AbortSignal): Promise<Empty> {
  const inst = checkInstance(req.instance, 'instance');
  await asSuspending(getHypervisor(inst.hypervisor, ctx.paths)).pauseInstance(hvInstance(inst), { signal });
  return {};
}

export async function instanceContinue(ctx: NodedContext, req: InstanceLifecycleRequest__Output, signal: AbortSignal): Promise<Empty> {
  const inst = checkInstance(req.instance, 'instance');
  await asSuspending(getHypervisor(inst.hypervisor, ctx.paths)).continueInstance(hvInstance(inst), { signal });
  return {};
}

/**
 * Snapshots every disk of an instance under one name; a failure half-way removes the
 * snapshots this call made, so the instance has all of them or none.
 *
 * All disks are of one point in time (crash-consistent). A running guest of a hypervisor that
 * declares liveSnapshot keeps running: its writes go to overlays from that point (one atomic
 * step for all disks), the disk files are copied meanwhile, and the overlays are merged back.
 * Otherwise (ext disks, kvm in a chroot or as another user, a hypervisor without it) the guest
 * is frozen while the disks are copied (its CPUs stopped, which drains and flushes its I/O).
 * With --memory the guest is frozen only while its state is saved.
 */
export async function instanceSnapshotDisks(ctx: NodedContext, req: InstanceSnapshotRequest__Output, signal: AbortSignal): Promise<{ disks: CreatedDisk[] }> {
  const inst = checkInstance(req.instance, 'instance');
  const snap = safeName(req.snap_name, 'snap_name');
  const hv = getHypervisor(inst.hypervisor, ctx.paths);
  const running = (await hv.getInstanceInfo(inst.name))?.state === 'running';
  if (running && !hv.capabilities.snapshot) {
    throw new HypervisorError(`Instance ${inst.name} is running: hypervisor '${inst.hypervisor}' cannot snapshot a running instance's disks`,
      { ecode: 'wrong_state' });
  }
  if (req.memory && !running) {
    throw new HypervisorError(`Instance ${inst.name} is not running here: there is no memory to save with snapshot ${snap}`, { ecode: 'wrong_state' });
  }
  const drivers = inst.disks.map((d) => {
    const drv = getStorageDriver(d.dev_type, ctx.paths);
    if (!drv.capabilities.snapshot) throw new BlockDeviceError(`Disks of template '${d.dev_type}' cannot be snapshotted`, { ecode: 'wrong_input' });
    return drv;
  });
  const sctx = storageCtx(ctx, req, inst.name, signal);
  const frozen = running ? asSuspending(hv) : null;
  const liveHv = running && drivers.every((drv) => drv.capabilities.fileBased) ? asDiskSnapshotting(hv) : null;
  const live: LiveDisk[] = liveHv ? inst.disks.map((d, i) => {
    const path = drivers[i]!.accessPath(storageDisk(d), sctx);
    return { path, format: formatOfName(path), overlay: liveOverlayPath(path) };
  }) : [];
  const memory = req.memory ? statePathFor(ctx, inst, req, snap) : '';
  let paused = false;
  let redirected = false;
  const t0 = performance.now();
  let pausedMs = 0;
  const made: { dev: string; created: CreatedDisk; disk: ReturnType<typeof storageDisk> }[] = [];
  const thaw = async () => {
    if (!paused) return;
    paused = false;
    await frozen!.continueInstance(hvInstance(inst)).catch((err: unknown) =>
      ctx.logger.error(`instance ${inst.name} could not be continued after its snapshot: ${(err as Error).message}`));
    pausedMs = performance.now() - t0;
  };
  try {
    if (frozen && (memory || !liveHv)) { await frozen.pauseInstance(hvInstance(inst), { signal }); paused = true; }
    if (liveHv) redirected = await liveHv.redirectDiskWrites(hvInstance(inst), live, { signal });
    if (frozen && !redirected && !paused) { await frozen.pauseInstance(hvInstance(inst), { signal }); paused = true; }
    if (frozen && memory) {   // still frozen: its memory is of the disks' point in time
      mkdirSync(dirname(memory), { recursive: true, mode: 0o700 });
      await frozen.saveInstanceState(hvInstance(inst), memory, { signal });
    }
    if (redirected) await thaw();   // the disk files no longer change: copy them with the guest running
    for (const [i, d] of inst.disks.entries()) {
      made.push({ dev: d.dev_type, created: await drivers[i]!.snapshot(storageDisk(d), snap, sctx), disk: storageDisk(d) });
    }
  } catch (err) {
    for (const m of made.reverse()) {
      await getStorageDriver(m.dev, ctx.paths).remove({ ...m.disk, logical_id: m.created.logical_id }, storageCtx(ctx, req, inst.name))
        .catch(() => undefined);
    }
    throw err;
  } finally {
    await thaw();
    if (redirected) await liveHv!.mergeDiskWrites(hvInstance(inst), live);
  }
  ctx.logger.info(`snapshot ${snap} of instance ${inst.name}`, {
    disks: made.length, running, live: redirected, memory: !!memory, pausedMs: Math.round(pausedMs), ms: Math.round(performance.now() - t0),
  });
  return { disks: made.map((m) => ({ ...m.created, path: m.created.path })) };
}

export async function blockdevRevert(ctx: NodedContext, req: BlockdevRevertRequest__Output, signal: AbortSignal): Promise<Empty> {
  const disk = checkDisk(req.disk);
  const drv = getStorageDriver(disk.dev_type, ctx.paths);
  if (!drv.revert) throw new BlockDeviceError(`Disks of template '${disk.dev_type}' cannot be reverted to a snapshot`, { ecode: 'wrong_input' });
  await drv.revert(storageDisk(disk), req.snapshot_logical_id, storageCtx(ctx, req, undefined, signal));
  ctx.logger.info(`reverted disk ${disk.uuid} to snapshot ${req.snapshot_logical_id.join(':')}`);
  return {};
}

/** The note that a save-as to `dst` is under way (its content: dst). */
function saveAsNote(ctx: NodedContext, dst: string): string {
  return join(ctx.paths.dataDir, 'save-as', createHash('sha256').update(dst).digest('hex').slice(0, 16));
}

/** A standalone compressed qcow2 image of a disk (or of a snapshot: its logical id in the disk). */
export async function blockdevSaveAs(ctx: NodedContext, req: BlockdevSaveAsRequest__Output, signal: AbortSignal): Promise<CreatedDisk> {
  const disk = checkDisk(req.disk);
  let shown: string;
  try { shown = checkImagePath(req.image_path, 'image path'); } catch (err) {
    throw new ParameterError((err as Error).message, { ecode: 'wrong_input' });
  }
  if (!shown.endsWith('.qcow2')) throw new ParameterError(`Image path '${shown}' must end in .qcow2 (the image is qcow2)`, { ecode: 'wrong_input' });
  const drv = getStorageDriver(disk.dev_type, ctx.paths);
  if (!drv.capabilities.fileBased) throw new BlockDeviceError(`Disks of template '${disk.dev_type}' cannot be saved as an image`, { ecode: 'wrong_input' });
  const src = drv.accessPath(storageDisk(disk), storageCtx(ctx, req, undefined, signal));
  const dst = ctx.paths.local(shown);
  try { statSync(dst); throw new BlockDeviceError(`Image '${shown}' already exists on this node`, { ecode: 'already_exists' }); } catch (err) {
    if (err instanceof BlockDeviceError) throw err;
  }
  mkdirSync(dirname(dst), { recursive: true, mode: 0o755 });
  // The image is written under a temporary name next to it (what a retry removes first) and a
  // note in this node's data dir says where, so gnt-cluster verify can name an interrupted one.
  const note = saveAsNote(ctx, dst);
  mkdirSync(dirname(note), { recursive: true, mode: 0o700 });
  writeFileSync(note, `${dst}\n`);
  const tmp = await freshTempNameFor(dst);
  try {
    await qemuImg(['convert', '-q', '-c', '-f', formatOfName(src), '-O', 'qcow2', src, tmp], signal);
    renameSync(tmp, dst);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new BlockDeviceError(`Cannot save disk ${disk.iv_name || disk.uuid} as '${shown}': ${(err as Error).message}`, { cause: err });
  } finally {
    rmSync(note, { force: true });
  }
  ctx.logger.info(`saved disk ${disk.uuid} as image ${shown}`);
  return { path: shown, logical_id: [], size: toMiB(virtualBytes(dst, 'qcow2')) };
}
