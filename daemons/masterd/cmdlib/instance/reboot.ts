// OP_INSTANCE_REBOOT (LUInstanceReboot): soft/hard go to the hypervisor; full is a
// shutdown plus a start. A stopped instance is started (Ganeti does the same).
import type { OpInstanceReboot } from '../../../common/opcodes/index.js';
import { OpPrereqError } from '../../../common/errors.js';
import { checkNodeOnline } from '../common.js';
import { instanceToProto } from '../../instance-wire.js';
import { InstanceLU } from './base.js';

type Op = ReturnType<typeof OpInstanceReboot.validate>;

export class LUInstanceReboot extends InstanceLU<Op> {
  override checkPrereq(): void {
    if (this.instance.admin_state === 'offline') {
      throw new OpPrereqError(`Instance '${this.instance.name}' is marked offline, can't reboot it`, { ecode: 'wrong_state' });
    }
    checkNodeOnline(this.pnode, 'Cannot reboot instance on offline node');
  }

  override async exec(): Promise<unknown> {
    const inst = this.instance;
    const target = this.pnodeTarget;
    const proto = instanceToProto(this.cfg.get(), inst);
    const info = await this.rt.rpc.call(target, 'InstanceInfo', { name: inst.name, hypervisor: inst.hypervisor }, { signal: this.rt.signal });
    const running = !info.failed && info.payload!.state === 'running';
    if (running && this.op.reboot_type !== 'full') {
      const r = await this.rt.rpc.call(target, 'InstanceReboot', {
        instance: proto, reboot_type: this.op.reboot_type, shutdown_timeout_ms: this.op.shutdown_timeout * 1000,
      }, { signal: this.rt.signal });
      r.raise('Could not reboot instance');
    } else {
      if (running) {
        const r = await this.rt.rpc.call(target, 'InstanceShutdown', { instance: proto, timeout_ms: this.op.shutdown_timeout * 1000, force: false }, { signal: this.rt.signal });
        r.raise('Could not shutdown instance for full reboot');
      }
      const r = await this.rt.rpc.call(target, 'InstanceStart', { instance: proto, paused: false }, { signal: this.rt.signal });
      r.raise('Could not start instance for full reboot');
    }
    if (inst.admin_state !== 'up') await this.modifyInstance((i) => { i.admin_state = 'up'; i.admin_state_source = 'admin'; });
    return null;
  }
}
