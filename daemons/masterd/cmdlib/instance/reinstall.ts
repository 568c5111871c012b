// OP_INSTANCE_REINSTALL (Ganeti's LUInstanceReinstall): runs the OS create script again on a
// stopped instance (INSTANCE_REINSTALL=1), optionally with another OS (-o) and changed OS
// parameters (-O; "default" removes one). Everything is checked on the primary node first.
import { OpPrereqError } from '../../../common/errors.js';
import { fillBeParams, type Instance } from '../../../common/objects.js';
import type { OpInstanceReinstall } from '../../../common/opcodes/index.js';
import { checkNodeOnline } from '../common.js';
import { instanceToProto } from '../../instance-wire.js';
import { checkNodeHasOs, checkOsParams, feedOsLog, fillOsParams } from '../os/os-checks.js';
import { InstanceLU } from './base.js';
import { checkBaseImageAccess, overlayDisks } from './profile.js';

type Op = ReturnType<typeof OpInstanceReinstall.validate>;

/** Ganeti's GetUpdatedParams: the value "default" removes a key, others replace it. */
function updatedParams(old: Record<string, string>, update: Record<string, string>): Record<string, string> {
  const out = { ...old };
  for (const [k, v] of Object.entries(update)) {
    if (v === 'default') delete out[k];
    else out[k] = v;
  }
  return out;
}

export class LUInstanceReinstall extends InstanceLU<Op> {
  private osName = '';
  private osparams: Record<string, string> = {};

  override async checkPrereq(): Promise<void> {
    const inst = this.instance;
    checkNodeOnline(this.pnode, 'Instance primary node offline, cannot reinstall');
    if (!inst.disks.length) throw new OpPrereqError(`Instance '${inst.name}' has no disks`, { ecode: 'wrong_input' });
    await this.checkDown(inst, 'cannot reinstall');
    // Reinstalling a base image changes it under its overlays: the same rules as starting it.
    await checkBaseImageAccess(this, inst, 'reinstalled');
    this.osName = this.op.os_type ?? inst.os;
    if (!this.osName) {
      throw new OpPrereqError(`Instance '${inst.name}' has no OS: give one with -o OS`, { ecode: 'wrong_input' });
    }
    if (this.op.os_type) await checkNodeHasOs(this, this.pnode, this.op.os_type, this.op.force_variant);
    this.osparams = updatedParams(inst.osparams, this.op.osparams ?? {});
    const filled = fillOsParams(this.cfg.get().cluster, this.osName, { ...this.osparams, ...(this.op.osparams_secret ?? {}) });
    await checkOsParams(this, [this.pnode], this.osName, filled);
  }

  /** Ganeti's CheckInstanceState(INSTANCE_DOWN): marked down, and really not running. */
  private async checkDown(inst: Instance, msg: string): Promise<void> {
    if (inst.admin_state !== 'down') {
      throw new OpPrereqError(`Instance '${inst.name}' is marked to be ${inst.admin_state}, ${msg}`, { ecode: 'wrong_state' });
    }
    const r = await this.rt.rpc.call(this.pnodeTarget, 'InstanceInfo', { name: inst.name, hypervisor: inst.hypervisor }, { signal: this.rt.signal });
    const info = r.raise(`Can't contact node ${this.pnode.name} for instance information`, { prereq: true });
    if (info.state === 'running') throw new OpPrereqError(`Instance ${inst.name} is running, ${msg}`, { ecode: 'wrong_state' });
  }

  override async exec(): Promise<unknown> {
    if (this.op.os_type) this.feedback(`Changing OS scripts to '${this.op.os_type}'...`);
    await this.modifyInstance((i) => {
      i.os = this.osName;
      i.osparams = this.osparams;
    });
    const inst = this.instance;
    const be = fillBeParams(this.cfg.get().cluster, inst) as unknown as Record<string, unknown>;
    if (be.discard_writes === true && overlayDisks(inst).length) {
      this.logWarning(`Instance ${inst.name} discards the writes to its overlay disks at every start and stop,` +
        ' so what this reinstall writes onto them will not be kept', 'set -B discard_writes=no to keep them');
    }
    this.feedback('Running the instance OS create scripts...');
    const proto = instanceToProto(this.cfg.get(), inst);
    if (this.op.osparams_secret) {
      // Secret parameters reach the script but are never stored (Ganeti's osparams_secret).
      proto.osparams_json = JSON.stringify({ ...JSON.parse(proto.osparams_json ?? '{}'), ...this.op.osparams_secret });
    }
    const r = await this.rt.rpc.call(this.pnodeTarget, 'InstanceOsAdd',
      { instance: proto, reinstall: true, debug: this.op.debug_level }, { signal: this.rt.signal });
    r.raise(`Could not install OS for instance '${inst.name}' on node '${this.pnode.name}'`);
    feedOsLog(this, r.payload, this.pnode.name);
    return null;
  }
}
