// OP_INSTANCE_RENAME (LUInstanceRename): the instance must be stopped; file disks move to
// the new name's directory, the config changes, and the OS rename script runs.
import { LockLevel } from '../../../common/constants.js';
import { OpPrereqError } from '../../../common/errors.js';
import { isSafeName } from '../../../common/known-files.js';
import { lookupHostsFile } from '../../../common/hosts.js';
import type { OpInstanceRename } from '../../../common/opcodes/index.js';
import { templateCan } from '../../../storage/descriptors.js';
import { diskToProto, instanceToProto } from '../../instance-wire.js';
import { InstanceLU } from './base.js';
import { baseUsers } from './profile.js';

type Op = ReturnType<typeof OpInstanceRename.validate>;

export class LUInstanceRename extends InstanceLU<Op> {
  override checkArguments(): void {
    if (!isSafeName(this.op.new_name)) {
      throw new OpPrereqError(`Invalid instance name '${this.op.new_name}': use letters, digits, '.', '-', '_' and '+' (at most 63 characters)`, { ecode: 'wrong_input' });
    }
    if (this.op.name_check && !lookupHostsFile(this.rt.paths, this.op.new_name)) {
      throw new OpPrereqError(`Unable to resolve hostname '${this.op.new_name}' (use --no-name-check to skip this check)`, { ecode: 'resolver_error' });
    }
  }

  override expandNames(): void {
    super.expandNames();
    this.needLocks.set(LockLevel.Instance, [this.instanceName, this.op.new_name]);
  }

  override async checkPrereq(): Promise<void> {
    const inst = this.instance;
    const users = baseUsers(this.cfg.get(), inst);
    if (users.length && this.op.new_name !== inst.name) {
      throw new OpPrereqError(`Instance ${inst.name} is the base image of ${users.map((u) => u.name).join(', ')}; it cannot be renamed while they use it`, { ecode: 'wrong_state' });
    }
    // Renaming to the same name is allowed (Ganeti's burnin does it); only a change clashes.
    if (this.op.new_name !== inst.name) {
      if (this.cfg.instanceByName(this.op.new_name)) {
        throw new OpPrereqError(`Instance '${this.op.new_name}' is already in the cluster`, { ecode: 'already_exists' });
      }
      this.cfg.reserve('name', this.op.new_name, this.rt.owner);
    }
    if (!this.pnode.offline) {
      const info = await this.rt.rpc.call(this.pnodeTarget, 'InstanceInfo', { name: inst.name, hypervisor: inst.hypervisor }, { signal: this.rt.signal });
      const state = info.raise(`Error checking node ${this.pnode.name}`, { prereq: true }).state;
      if (state === 'running') {
        throw new OpPrereqError(`Instance ${inst.name} is running, can't rename it (shut it down first)`, { ecode: 'wrong_state' });
      }
    }
  }

  override async exec(): Promise<unknown> {
    const inst = this.instance;
    const old = inst.name;
    const cfg = this.cfg.get();
    const newIds: string[][] = [];
    for (const d of inst.disks) {
      if (!templateCan(d.dev_type, 'fileBased') || this.op.new_name === old) { newIds.push(d.logical_id); continue; }
      const path = d.logical_id[1] ?? '';
      const moved = path.replace(`/${old}/`, `/${this.op.new_name}/`);
      const r = await this.rt.rpc.call(this.pnodeTarget, 'BlockdevRename',
        { disk: diskToProto(d), new_logical_id: [d.logical_id[0] ?? 'loop', moved], file_storage_dir: cfg.cluster.file_storage_dir }, { signal: this.rt.signal });
      r.raise(`Could not rename disk ${d.iv_name} of instance ${old}`);
      newIds.push(r.payload!.logical_id.length ? r.payload!.logical_id : [d.logical_id[0] ?? 'loop', moved]);
    }
    await this.modifyInstance((i) => {
      i.name = this.op.new_name;
      i.disks.forEach((d, k) => { d.logical_id = newIds[k]!; });
    });
    this.instanceName = this.op.new_name;
    const renamed = this.instance;
    if (renamed.os) {
      const r = await this.rt.rpc.call(this.pnodeTarget, 'InstanceOsRename',
        { instance: instanceToProto(this.cfg.get(), renamed), old_name: old }, { signal: this.rt.signal });
      r.warn(`Could not run OS rename script for instance ${this.op.new_name} on node ${this.pnode.name} (but the instance has been renamed in Ganeti)`, (m) => this.logWarning(m));
    }
    return this.op.new_name;
  }
}
