// OP_INSTANCE_STARTUP (LUInstanceStartup): mark the instance up (unless no_remember) and
// start it on its primary node, after checking the node has the memory.
import { OpPrereqError } from '../../../common/errors.js';
import type { OpInstanceStartup } from '../../../common/opcodes/index.js';
import { checkBeParams } from '../../params.js';
import { checkNodeOnline } from '../common.js';
import { instanceToProto } from '../../instance-wire.js';
import { checkNodeCapacity } from './placement.js';
import { checkAdmission } from './admission.js';
import { InstanceLU } from './base.js';
import { checkBaseImageAccess, discardWrites } from './profile.js';
import { fillBeParams } from '../../../common/objects.js';

type Op = ReturnType<typeof OpInstanceStartup.validate>;

export class LUInstanceStartup extends InstanceLU<Op> {
  private running = false;

  override async checkPrereq(): Promise<void> {
    const inst = this.instance;
    if (inst.admin_state === 'offline') {
      throw new OpPrereqError(`Instance '${inst.name}' is marked offline, can't start it (use gnt-instance modify --online first)`, { ecode: 'wrong_state' });
    }
    if (inst.admin_state === 'suspended') {
      throw new OpPrereqError(`Instance '${inst.name}' is suspended: resume it (gnt-instance resume) instead of starting it again`, { ecode: 'wrong_state' });
    }
    checkBeParams(this.op.beparams);
    const pnode = this.pnode;
    checkNodeOnline(pnode, 'Cannot start instance on offline node');
    const info = await this.rt.rpc.call(this.pnodeTarget, 'InstanceInfo', { name: inst.name, hypervisor: inst.hypervisor }, { signal: this.rt.signal });
    const rt = info.raise(`Error checking node ${pnode.name}`, { prereq: true });
    this.running = rt.state === 'running';
    if (!this.running) {
      await checkAdmission(this, inst, [pnode.name]);
      await checkBaseImageAccess(this, inst);   // profiles: base image and its overlays never run together
      const be = fillBeParams(this.cfg.get().cluster, inst);
      // Instances that are admin-up are already counted in the node's commitments.
      const memory = inst.admin_state === 'up' ? 0 : be.maxmem;
      await checkNodeCapacity(this.rt, pnode.name, inst.name, {
        memory, vcpus: 0, disk: 0, spec: { memory: be.maxmem, vcpus: be.vcpus, diskSizes: [], nics: 0, spindleUse: 0 },
      });
    }
  }

  override async exec(): Promise<unknown> {
    const inst = this.instance;
    if (!this.op.no_remember && inst.admin_state !== 'up') {
      await this.modifyInstance((i) => { i.admin_state = 'up'; i.admin_state_source = 'admin'; });
    }
    if (this.running) {
      this.logInfo('Instance is already running');
      return null;
    }
    await discardWrites(this, this.instance, 'start');
    const proto = instanceToProto(this.cfg.get(), this.instance);
    const be = checkBeParams(this.op.beparams);
    if (be.maxmem) proto.memory = be.maxmem;
    if (be.vcpus) proto.vcpus = be.vcpus;
    const r = await this.rt.rpc.call(this.pnodeTarget, 'InstanceStart',
      { instance: proto, paused: this.op.startup_paused }, { signal: this.rt.signal });
    r.raise('Could not start instance');
    return null;
  }
}
