// Moving an instance with node-local disks (file) to another node by copying them
// (gnt-instance move, and migrate --allow-failover for such disks). The instance is stopped, every disk is created on the
// target, dumped on the source and pulled by the target over the nodes' TLS channel in
// chunks (optionally deflated), the target checking each dump's sha256 (the export/import
// machinery of backups: ExportPrepare, ExportPull, ExportRemove; the source lets the target,
// even a plain node, pull that one transfer: ExportGrantPull). Only then does the config
// name the target as primary; the source copies are removed and the instance is started
// on the target if it is marked up. Any failure before the switch removes what the target
// got and starts the instance on the source again: it stays intact where it was.
import { clusterCompressionTools, compressionLevel, compressionRefusal } from '../../../common/compression.js';
import { GanetiError, OpExecError, OpPrereqError } from '../../../common/errors.js';
import { fillBeParams, type Disk, type Node } from '../../../common/objects.js';
import { templateCan } from '../../../storage/descriptors.js';
import { diskToProto, instanceToProto } from '../../instance-wire.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { checkCanPull, grantPull } from '../pull-grant.js';
import { checkNodeNotDrained, checkNodeOnline, checkNodeVmCapable } from '../common.js';
import { checkAdmission } from './admission.js';
import { InstanceLU } from './base.js';
import { checkFileSpace, createDisks, removeDisks, shutdownDisks, storageDirs } from './disk-common.js';
import { checkNodeCapacity } from './placement.js';

export interface CopyMoveOptions { shutdownTimeout: number; ignoreConsistency: boolean; compress: string }

/** Ganeti's DTS_COPYABLE check, then the target's state, memory (when it will run) and disk space. */
export async function checkCopyMove(lu: InstanceLU<any>, target: Node, compress: string, ignoreIpolicy = false): Promise<void> {
  const inst = lu.instance;
  if (!templateCan(inst.disk_template, 'copyable')) {
    throw new OpPrereqError(`Disk template ${inst.disk_template} not suitable for copying`, { ecode: 'wrong_state' });
  }
  // As in Ganeti, the tool must be one the cluster allows, and one this build can stream.
  const refused = compressionRefusal(compress, clusterCompressionTools(lu.cfg.get().cluster));
  if (refused) throw new OpPrereqError(refused, { ecode: 'wrong_input' });
  try { compressionLevel(compress); } catch (err) {
    throw new OpPrereqError((err as Error).message, { ecode: 'wrong_input' });
  }
  if (target.uuid === inst.primary_node) {
    throw new OpPrereqError(`Instance ${inst.name} is already on the node ${target.name}`, { ecode: 'wrong_state' });
  }
  checkNodeOnline(target, 'Cannot move to an offline node');
  checkNodeNotDrained(target);
  checkNodeVmCapable(target);
  checkCanPull(target, inst.name);
  checkNodeOnline(lu.pnode, 'Cannot move from an offline node (its disks cannot be read)');
  const be = fillBeParams(lu.cfg.get().cluster, inst);
  if (inst.admin_state === 'up') {
    await checkNodeCapacity(lu.rt, target.name, inst.name, {
      memory: be.maxmem, vcpus: be.vcpus, disk: 0,
      spec: { memory: be.maxmem, vcpus: be.vcpus, diskSizes: [], nics: inst.nics.length, spindleUse: be.spindle_use },
    }, ignoreIpolicy);
    await checkAdmission(lu, inst, [lu.pnode.name]);
  } else {
    lu.logInfo('Not checking memory on the target node as instance will not be started');
  }
  await checkFileSpace(lu, inst.disk_template, target, inst.name, inst.disks.reduce((s, d) => s + d.size, 0));
}

/** Stop, copy every disk, switch, remove the source copies, start on the target. */
export async function runCopyMove(lu: InstanceLU<any>, target: Node, opts: CopyMoveOptions): Promise<void> {
  const inst = lu.instance;
  const source = lu.pnode;
  const src = lu.pnodeTarget;
  const dst = nodeTarget(target);
  const signal = lu.rt.signal;
  const cfg = lu.cfg.get();
  const wasUp = inst.admin_state === 'up';

  lu.feedback(`Shutting down instance ${inst.name} on source node ${source.name}`);
  const down = await lu.rt.rpc.call(src, 'InstanceShutdown',
    { instance: instanceToProto(cfg, inst), timeout_ms: opts.shutdownTimeout * 1000, force: false }, { signal });
  if (down.failed) {
    if (!opts.ignoreConsistency) {
      throw new OpExecError(`Could not shutdown instance ${inst.name} on node ${source.name}: ${down.failMsg}`);
    }
    lu.logWarning(`Could not shutdown instance ${inst.name} on node ${source.name}. Proceeding anyway. ` +
      `Please make sure node ${source.name} is down. Error details: ${down.failMsg}`);
  }
  if (!await shutdownDisks(lu, inst) && !opts.ignoreConsistency) {
    throw new OpExecError(`Can't shut down the instance's disks on node ${source.name}`);
  }

  // The target's disks are copies of the source's objects: the same uuid and logical id
  // (a file disk's path is the cluster's, the same on every node).
  const newDisks: Disk[] = inst.disks.map((d) => structuredClone(d));
  try {
    lu.feedback('* creating target disks');
    await createDisks(lu, dst, inst, newDisks);
    try {
      lu.feedback(`* dumping the disks of ${inst.name} on node ${source.name}`);
      const prep = await lu.rt.rpc.call(src, 'ExportPrepare',
        { name: inst.name, disks: inst.disks.map(diskToProto), ...storageDirs(cfg) }, { signal });
      const files = prep.raise(`Could not read the disks of ${inst.name} on node ${source.name}`).files;
      await grantPull(lu, src, target, 'outgoing', inst.name);
      for (const [i, d] of newDisks.entries()) {
        const f = files[i]!;
        lu.feedback(`* copying disk ${i} (${Math.ceil(Number(f.size) / 1048576)} MiB) to node ${target.name}` +
          `${opts.compress !== 'none' ? ` (${opts.compress})` : ''}`);
        const pull = await lu.rt.rpc.call(dst, 'ExportPull', {
          peer_name: src.name, peer_ip: src.ip, area: 'outgoing', name: inst.name, files: [f], target: 'disk',
          disk: diskToProto(d), transport_compress: opts.compress === 'none' ? '' : opts.compress, ...storageDirs(cfg),
        }, { signal });
        pull.raise(`Could not copy disk ${i} of ${inst.name} to node ${target.name}`);
      }
    } finally {
      const rm = await lu.rt.rpc.call(src, 'ExportRemove', { name: inst.name, area: 'outgoing' });
      rm.warn(`Could not remove the disk dumps of ${inst.name} on node ${source.name}`, (m) => lu.logWarning(m));
    }
  } catch (err) {
    // Nothing was switched: the target's copies go, the instance comes back where it was.
    await removeDisks(lu, dst, inst, newDisks);
    if (wasUp) {
      lu.feedback(`* starting instance ${inst.name} again on source node ${source.name}`);
      const r = await lu.rt.rpc.call(src, 'InstanceStart', { instance: instanceToProto(lu.cfg.get(), inst), paused: false });
      r.warn(`Could not start instance ${inst.name} again on node ${source.name}`, (m) => lu.logWarning(m));
    }
    const msg = err instanceof GanetiError ? err.message : String(err);
    throw new OpExecError(`Errors during disk copy: ${msg}`);
  }

  await lu.cfg.update((c) => {
    const i = c.instances[inst.uuid]!;
    i.primary_node = target.uuid;
    i.disks = newDisks;
    i.serial_no += 1;
    i.mtime = Date.now() / 1000;
  });
  lu.feedback(`* removing the disks on the original node ${source.name}`);
  await removeDisks(lu, src, inst, inst.disks);

  if (!wasUp) return;
  lu.feedback(`Starting instance ${inst.name} on node ${target.name}`);
  const started = await lu.rt.rpc.call(dst, 'InstanceStart', { instance: instanceToProto(lu.cfg.get(), lu.instance), paused: false }, { signal });
  if (started.failed) throw new OpExecError(`Could not start instance ${inst.name} on node ${target.name}: ${started.failMsg}`);
}
