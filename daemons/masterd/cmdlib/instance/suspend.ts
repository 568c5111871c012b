// OP_INSTANCE_SUSPEND / RESUME / PAUSE / CONTINUE (issue 13). Suspend saves the running
// guest's state to a file on its primary node and ends the hypervisor process; the instance
// is then admin state "suspended": not counted for memory, not started by startup or the
// watcher, only resumed. Pause/continue stop and restart a running guest's CPUs in place.
import { OpPrereqError } from '../../../common/errors.js';
import type { Opcode, OpInstanceContinue, OpInstancePause, OpInstanceResume, OpInstanceSuspend } from '../../../common/opcodes/index.js';
import { findHypervisor } from '../../../hypervisor/descriptors.js';
import { fillBeParams } from '../../../common/objects.js';
import { instanceToProto } from '../../instance-wire.js';
import { checkNodeOnline } from '../common.js';
import { storageDirs } from './disk-common.js';
import { InstanceLU } from './base.js';
import { checkNodeCapacity } from './placement.js';

type InstOp = Opcode & { instance_name: string };

/** The hypervisor's descriptor must declare suspend (descriptor.ts). */
function checkSuspendCapable(hypervisor: string, what: string): void {
  if (!findHypervisor(hypervisor)?.capabilities.suspend) {
    throw new OpPrereqError(`Hypervisor '${hypervisor}' does not support ${what}`, { ecode: 'wrong_input' });
  }
}

abstract class RunningInstanceLU<Op extends InstOp> extends InstanceLU<Op> {
  protected abstract readonly what: string;
  override async checkPrereq(): Promise<void> {
    const inst = this.instance;
    checkSuspendCapable(inst.hypervisor, this.what);
    checkNodeOnline(this.pnode, `Cannot ${this.what} an instance on an offline node`);
    if (inst.admin_state !== 'up') {
      throw new OpPrereqError(`Instance '${inst.name}' is ${inst.admin_state === 'suspended' ? 'suspended' : 'not marked up'}: cannot ${this.what} it`, { ecode: 'wrong_state' });
    }
    const info = await this.rt.rpc.call(this.pnodeTarget, 'InstanceInfo', { name: inst.name, hypervisor: inst.hypervisor }, { signal: this.rt.signal });
    if (info.raise(`Error checking node ${this.pnode.name}`, { prereq: true }).state !== 'running') {
      throw new OpPrereqError(`Instance '${inst.name}' is not running on ${this.pnode.name}: cannot ${this.what} it`, { ecode: 'wrong_state' });
    }
  }
}

export class LUInstanceSuspend extends RunningInstanceLU<ReturnType<typeof OpInstanceSuspend.validate>> {
  protected readonly what = 'suspend';
  override async exec(): Promise<unknown> {
    const inst = this.instance;
    this.feedback(`* saving the state of instance ${inst.name} on node ${this.pnode.name}`);
    const cfg = this.cfg.get();
    const r = await this.rt.rpc.call(this.pnodeTarget, 'InstanceSuspend', { instance: instanceToProto(cfg, inst), ...storageDirs(cfg) }, { signal: this.rt.signal });
    r.raise(`Could not suspend instance ${inst.name}`);
    await this.modifyInstance((i) => { i.admin_state = 'suspended'; i.admin_state_source = 'admin'; });
    return null;
  }
}

export class LUInstancePause extends RunningInstanceLU<ReturnType<typeof OpInstancePause.validate>> {
  protected readonly what = 'pause';
  override async exec(): Promise<unknown> {
    const r = await this.rt.rpc.call(this.pnodeTarget, 'InstancePause', { instance: instanceToProto(this.cfg.get(), this.instance) }, { signal: this.rt.signal });
    r.raise(`Could not pause instance ${this.instance.name}`);
    return null;
  }
}

export class LUInstanceContinue extends RunningInstanceLU<ReturnType<typeof OpInstanceContinue.validate>> {
  protected readonly what = 'continue';
  override async exec(): Promise<unknown> {
    const r = await this.rt.rpc.call(this.pnodeTarget, 'InstanceContinue', { instance: instanceToProto(this.cfg.get(), this.instance) }, { signal: this.rt.signal });
    r.raise(`Could not continue instance ${this.instance.name}`);
    return null;
  }
}

export class LUInstanceResume extends InstanceLU<ReturnType<typeof OpInstanceResume.validate>> {
  override async checkPrereq(): Promise<void> {
    const inst = this.instance;
    checkSuspendCapable(inst.hypervisor, 'resume');
    if (inst.admin_state !== 'suspended') {
      throw new OpPrereqError(`Instance '${inst.name}' is not suspended (admin state ${inst.admin_state})`, { ecode: 'wrong_state' });
    }
    checkNodeOnline(this.pnode, 'Cannot resume an instance on an offline node');
    const be = fillBeParams(this.cfg.get().cluster, inst);
    await checkNodeCapacity(this.rt, this.pnode.name, inst.name, {
      memory: be.maxmem, vcpus: 0, disk: 0, spec: { memory: be.maxmem, vcpus: be.vcpus, diskSizes: [], nics: 0, spindleUse: 0 },
    });
  }

  override async exec(): Promise<unknown> {
    const inst = this.instance;
    this.feedback(`* resuming instance ${inst.name} on node ${this.pnode.name}`);
    const cfg = this.cfg.get();
    const r = await this.rt.rpc.call(this.pnodeTarget, 'InstanceResume', { instance: instanceToProto(cfg, inst), ...storageDirs(cfg) }, { signal: this.rt.signal });
    r.raise(`Could not resume instance ${inst.name}`);
    await this.modifyInstance((i) => { i.admin_state = 'up'; i.admin_state_source = 'admin'; });
    return null;
  }
}
