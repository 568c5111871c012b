// OP_INSTANCE_REMOVE (LUInstanceRemove): stop it, remove its disks, drop it from the config.
import { releaseNicAddresses } from './nic-network.js';
import type { OpInstanceRemove } from '../../../common/opcodes/index.js';
import { diskToProto, instanceToProto } from '../../instance-wire.js';
import { InstanceLU } from './base.js';
import { releasePort } from './ports.js';
import { baseUsers } from './profile.js';
import { OpPrereqError } from '../../../common/errors.js';
import { removeSnapshotVolumes } from './snapshot.js';
import { removePristineCopies } from './persistence.js';
import { storageDirs } from './disk-common.js';

type Op = ReturnType<typeof OpInstanceRemove.validate>;

export class LUInstanceRemove extends InstanceLU<Op> {
  override checkPrereq(): void {
    // Its disk is the base image of other instances' overlays: removing it would destroy theirs.
    const users = baseUsers(this.cfg.get(), this.instance);
    if (users.length) {
      throw new OpPrereqError(`Instance ${this.instance.name} is the base image of ${users.map((u) => u.name).join(', ')}; remove those first`, { ecode: 'wrong_state' });
    }
  }

  override async exec(): Promise<unknown> {
    const inst = this.instance;
    const target = this.pnodeTarget;
    const cfg = this.cfg.get();
    this.feedback(`* shutting down instance ${inst.name} on node ${this.pnode.name}`);
    if (!this.pnode.offline) {
      const info = await this.rt.rpc.call(target, 'InstanceInfo', { name: inst.name, hypervisor: inst.hypervisor }, { signal: this.rt.signal });
      // Any hypervisor state (running or powered off by its user) is cleaned up, as Ganeti does.
      if (info.failed || info.payload!.state) {
        const r = await this.rt.rpc.call(target, 'InstanceShutdown',
          { instance: instanceToProto(cfg, inst), timeout_ms: this.op.shutdown_timeout * 1000, force: true }, { signal: this.rt.signal });
        if (r.failed) {
          if (!this.op.ignore_failures) r.raise(`Could not shutdown instance ${inst.name} on node ${this.pnode.name}`);
          this.logWarning(`Could not shutdown instance ${inst.name}: ${r.failMsg}`);
        }
      }
    }
    if (inst.disks.length) {
      this.feedback('* removing instance disks...');
      for (const d of inst.disks) {
        const r = await this.rt.rpc.call(target, 'BlockdevRemove',
          { disk: diskToProto(d), instance_name: inst.name, file_storage_dir: cfg.cluster.file_storage_dir }, { signal: this.rt.signal });
        if (r.failed) {
          if (!this.op.ignore_failures) r.raise(`Could not remove block device ${d.iv_name} of instance ${inst.name}`);
          this.logWarning(`Could not remove disk ${d.iv_name}: ${r.failMsg}`);
        }
      }
    }
    for (const snap of inst.snapshots ?? []) {   // snapshots go with the instance (snapshot.ts)
      await removeSnapshotVolumes(this.rt.rpc, target, cfg, inst, snap, (m) => this.logWarning(m), this.rt.signal);
    }
    await removePristineCopies(this.rt.rpc, target, cfg, inst, (m) => this.logWarning(m), this.rt.signal);
    if (inst.admin_state === 'suspended') {   // its saved state goes with it (snapshots' states went with them)
      const states = await this.rt.rpc.call(target, 'InstanceStateRemove', { instance: instanceToProto(cfg, inst), ...storageDirs(cfg) }, { signal: this.rt.signal });
      if (states.failed) this.logWarning(`Could not remove the saved states of instance ${inst.name}: ${states.failMsg}`);
    }
    this.feedback(`removing instance ${inst.name} out of cluster config`);
    await this.cfg.update((c) => {
      delete c.instances[inst.uuid];
      if (inst.network_port) releasePort(c.cluster, inst.network_port);
      releaseNicAddresses(c, inst);
    });
    return null;
  }
}
