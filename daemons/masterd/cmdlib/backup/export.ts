// OP_BACKUP_EXPORT (Ganeti's LUBackupExport): the instance is stopped (unless --noshutdown,
// which needs a hypervisor that snapshots running instances), its disks are dumped on the
// primary, the target node pulls the dumps over the nodes' TLS channel checking each one's
// checksum, and the export is renamed into place with its config.ini only when complete.
// The target may be a plain node: the primary lets it pull that one transfer, as for
// gnt-instance move (cmdlib/pull-grant.ts).
// The instance is started again if it ran, or removed with --remove-instance.
import { LockLevel } from '../../../common/constants.js';
import { OpExecError, OpPrereqError } from '../../../common/errors.js';
import { clusterCompressionTools, compressionRefusal } from '../../../common/compression.js';
import { formatIni } from '../../../common/export-config.js';
import { fillBeParams, type ClusterConfig, type Instance, type InstanceSnapshot, type Node } from '../../../common/objects.js';
import type { OpBackupExport } from '../../../common/opcodes/index.js';
import { findHypervisor } from '../../../hypervisor/descriptors.js';
import { templateCan } from '../../../storage/descriptors.js';
import { diskToProto, instanceToProto } from '../../instance-wire.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { checkNodeOnline } from '../common.js';
import { checkCanPull, grantPull } from '../pull-grant.js';
import { InstanceLU } from '../instance/base.js';
import { storageDirs } from '../instance/disk-common.js';
import { releasePort } from '../instance/ports.js';
import { removeSnapshotVolumes } from '../instance/snapshot.js';

type Op = ReturnType<typeof OpBackupExport.validate>;
interface DumpFile { file: string; size: number | string; sha256: string }

export class LUBackupExport extends InstanceLU<Op> {
  private target!: Node;
  private running = false;

  override expandNames(): void {
    super.expandNames();
    this.target = this.cfg.expandNode(this.op.target_node);
  }

  override declareLocks(level: LockLevel): void {
    super.declareLocks(level);
    if (level === LockLevel.Node || level === LockLevel.NodeRes) {
      const names = new Set([...(this.needLocks.get(level) as string[] ?? []), this.target.name]);
      this.needLocks.set(level, [...names]);
    }
  }

  override async checkPrereq(): Promise<void> {
    const inst = this.instance;
    if (this.op.mode !== 'local') throw new OpPrereqError(`Export mode '${this.op.mode}' is not supported (supported: local)`, { ecode: 'wrong_input' });
    const refusal = compressionRefusal(this.op.compress, clusterCompressionTools(this.cfg.get().cluster));
    if (refusal) throw new OpPrereqError(refusal, { ecode: 'wrong_input' });
    if (inst.admin_state === 'suspended') throw new OpPrereqError(`Instance '${inst.name}' is suspended: resume or stop it first`, { ecode: 'wrong_state' });
    if (inst.disks.length && !templateCan(inst.disk_template, 'export')) {
      throw new OpPrereqError(`Disk template '${inst.disk_template}' does not support exports`, { ecode: 'wrong_input' });
    }
    checkNodeOnline(this.pnode, 'Cannot export from an offline node');
    checkNodeOnline(this.target, 'Cannot export to an offline node');
    checkCanPull(this.target, inst.name);
    const info = await this.rt.rpc.call(this.pnodeTarget, 'InstanceInfo', { name: inst.name, hypervisor: inst.hypervisor }, { signal: this.rt.signal });
    this.running = info.raise(`Error checking node ${this.pnode.name}`, { prereq: true }).state === 'running';
    if (this.running && !this.op.shutdown) {
      if (!findHypervisor(inst.hypervisor)?.capabilities.snapshot) {
        throw new OpPrereqError(`Instance '${inst.name}' is running and hypervisor '${inst.hypervisor}' cannot snapshot a running ` +
          'instance: export without --noshutdown', { ecode: 'wrong_state' });
      }
    }
    if (this.op.remove_instance && this.running && !this.op.shutdown) {
      throw new OpPrereqError('Cannot remove the instance without shutting it down first', { ecode: 'wrong_input' });
    }
  }

  override async exec(): Promise<unknown> {
    const inst = this.instance;
    const cfg = this.cfg.get();
    const src = this.pnodeTarget;
    const dst = nodeTarget(this.target);
    if (this.running && this.op.shutdown) {
      this.feedback(`* shutting down instance ${inst.name}`);
      const r = await this.rt.rpc.call(src, 'InstanceShutdown',
        { instance: instanceToProto(cfg, inst), timeout_ms: this.op.shutdown_timeout * 1000, force: false }, { signal: this.rt.signal });
      r.raise(`Could not shutdown instance ${inst.name}`);
    }
    let files: DumpFile[] = [];
    // --noshutdown on a running instance: the dumps are made from a crash-consistent snapshot
    // (the primary freezes the guest while it copies the disks), removed afterwards.
    let snap: InstanceSnapshot | null = null;
    if (this.running && !this.op.shutdown) {
      this.feedback(`* snapshotting the disks of running instance ${inst.name}`);
      const name = `export-${Date.now()}`;
      const r = await this.rt.rpc.call(src, 'InstanceSnapshotDisks', { instance: instanceToProto(cfg, inst), snap_name: name, ...storageDirs(cfg) }, { signal: this.rt.signal });
      const res = r.raise(`Could not snapshot instance ${inst.name}`);
      snap = { name, ctime: Date.now() / 1000, disks: res.disks.map((d) => ({ logical_id: d.logical_id, size: Number(d.size) })) };
    }
    const exported = snap ? inst.disks.map((d, i) => diskToProto({ ...d, logical_id: snap!.disks[i]!.logical_id })) : inst.disks.map(diskToProto);
    try {
      this.feedback(`* dumping the disks of ${inst.name} on node ${src.name}`);
      const prep = await this.rt.rpc.call(src, 'ExportPrepare',
        { name: inst.name, disks: exported, compress: this.op.compress, ...storageDirs(cfg) }, { signal: this.rt.signal });
      files = prep.raise(`Could not dump the disks of ${inst.name}`).files;
      await grantPull(this, src, this.target, 'outgoing', inst.name);
      this.feedback(`* transferring ${files.length} disk dump(s) to node ${dst.name}`);
      const pull = await this.rt.rpc.call(dst, 'ExportPull', {
        peer_name: src.name, peer_ip: src.ip, area: 'outgoing', name: inst.name, files, target: 'export', target_name: inst.name,
      }, { signal: this.rt.signal });
      pull.raise(`Could not transfer the export of ${inst.name} to ${dst.name}`);
      const fin = await this.rt.rpc.call(dst, 'ExportFinalize', { name: inst.name, config: exportConfig(cfg, inst, this.pnode.name, files, this.op.compress) }, { signal: this.rt.signal });
      fin.raise(`Could not finalize the export of ${inst.name} on ${dst.name}`);
    } catch (err) {
      // ExportPull removes its partial <name>.new itself; an older complete export stays.
      await this.restart(inst);
      throw err instanceof Error ? err : new OpExecError(String(err));
    } finally {
      await this.rt.rpc.call(src, 'ExportRemove', { name: inst.name, area: 'outgoing' });
      if (snap) await removeSnapshotVolumes(this.rt.rpc, src, cfg, inst, snap, (m) => this.logWarning(m), this.rt.signal);
    }
    if (this.op.remove_instance) {
      await this.removeInstance(inst);
      return [true, files.map(() => true)];
    }
    await this.restart(inst);
    return [true, files.map(() => true)];
  }

  private async restart(inst: Instance): Promise<void> {
    if (!this.running || !this.op.shutdown) return;
    this.feedback(`* starting instance ${inst.name} again`);
    const r = await this.rt.rpc.call(this.pnodeTarget, 'InstanceStart', { instance: instanceToProto(this.cfg.get(), inst), paused: false }, { signal: this.rt.signal });
    r.warn(`Could not start instance ${inst.name} again`, (m) => this.logWarning(m));
  }

  private async removeInstance(inst: Instance): Promise<void> {
    const cfg = this.cfg.get();
    this.feedback(`* removing instance ${inst.name}`);
    for (const snap of inst.snapshots ?? []) {
      await removeSnapshotVolumes(this.rt.rpc, this.pnodeTarget, cfg, inst, snap, (m) => this.logWarning(m), this.rt.signal);
    }
    for (const d of inst.disks) {
      const r = await this.rt.rpc.call(this.pnodeTarget, 'BlockdevRemove', { disk: diskToProto(d), instance_name: inst.name, ...storageDirs(cfg) }, { signal: this.rt.signal });
      if (r.failed) {
        if (!this.op.ignore_remove_failures) r.raise(`Could not remove disk ${d.iv_name} of ${inst.name}`);
        this.logWarning(`Could not remove disk ${d.iv_name}: ${r.failMsg}`);
      }
    }
    await this.cfg.update((c) => {
      delete c.instances[inst.uuid];
      if (inst.network_port) releasePort(c.cluster, inst.network_port);
    });
  }
}

/** Ganeti's export config.ini for `inst`, with each dump's byte size and sha256 added. */
export function exportConfig(cfg: Readonly<ClusterConfig>, inst: Instance, source: string, files: DumpFile[], compression = 'none'): string {
  const be = fillBeParams(cfg.cluster, inst);
  const instance: Record<string, string> = {
    name: inst.name, maxmem: String(be.maxmem), minmem: String(be.minmem), memory: String(be.maxmem), vcpus: String(be.vcpus),
    disk_template: inst.disk_template, hypervisor: inst.hypervisor, tags: inst.tags.join(' '),
    nic_count: String(inst.nics.length),
  };
  inst.nics.forEach((n, i) => {
    instance[`nic${i}_mac`] = n.mac;
    instance[`nic${i}_ip`] = n.ip ?? '';
    instance[`nic${i}_name`] = n.name;
    instance[`nic${i}_network`] = n.network ?? '';
    for (const [k, v] of Object.entries(n.nicparams)) instance[`nic${i}_${k}`] = String(v);
  });
  instance.disk_count = String(inst.disks.length);
  inst.disks.forEach((d, i) => {
    instance[`disk${i}_ivname`] = d.iv_name;
    instance[`disk${i}_dump`] = files[i]?.file ?? '';
    instance[`disk${i}_size`] = String(d.size);
    instance[`disk${i}_name`] = d.name;
    instance[`disk${i}_dump_bytes`] = String(files[i]?.size ?? 0);
    instance[`disk${i}_dump_sha256`] = files[i]?.sha256 ?? '';
  });
  const str = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));
  return formatIni({
    export: { version: '0', timestamp: String(Math.floor(Date.now() / 1000)), source, os: inst.os, compression },
    instance,
    hypervisor: str(inst.hvparams),
    backend: str(inst.beparams),
    os: str(inst.osparams),
  });
}
