// OP_INSTANCE_SHUTDOWN (LUInstanceShutdown): mark down (unless no_remember) and stop.
import type { OpInstanceShutdown } from '../../../common/opcodes/index.js';
import { instanceToProto } from '../../instance-wire.js';
import { InstanceLU } from './base.js';
import { discardWrites } from './profile.js';

type Op = ReturnType<typeof OpInstanceShutdown.validate>;

export class LUInstanceShutdown extends InstanceLU<Op> {
  override checkPrereq(): void {
    if (this.pnode.offline && !this.op.ignore_offline_nodes) {
      this.logWarning(`Primary node ${this.pnode.name} is offline, instance will only be marked down`);
    }
  }

  override async exec(): Promise<unknown> {
    const inst = this.instance;
    if (!this.op.no_remember) {
      const source = this.op.admin_state_source ?? 'admin';
      await this.modifyInstance((i) => { i.admin_state = 'down'; i.admin_state_source = source; });
    }
    if (this.pnode.offline) return null;
    const timeout = this.op.shutdown_timeout ?? this.op.timeout;
    const info = await this.rt.rpc.call(this.pnodeTarget, 'InstanceInfo', { name: inst.name, hypervisor: inst.hypervisor }, { signal: this.rt.signal });
    // A guest its user powered off (user_down) still has hypervisor state to clean up, as
    // in Ganeti, which always asks the node; only an unknown instance is already stopped.
    if (!info.failed && !info.payload!.state) {
      this.logInfo('Instance is already stopped');
      await discardWrites(this, inst, 'stop');
      return null;
    }
    const r = await this.rt.rpc.call(this.pnodeTarget, 'InstanceShutdown',
      { instance: instanceToProto(this.cfg.get(), inst), timeout_ms: timeout * 1000, force: this.op.force }, { signal: this.rt.signal });
    // Profiles: an instance with discard_writes=yes comes back clean (profile.ts).
    if (!r.warn('Could not shutdown instance', (m) => this.logWarning(m))) await discardWrites(this, inst, 'stop');
    return null;
  }
}
