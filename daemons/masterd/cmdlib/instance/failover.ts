// OP_INSTANCE_FAILOVER (Ganeti's TLMigrateInstance._ExecFailover): stop the instance on its
// primary, release its disks there, make the target the primary in the config and start it
// there if it is marked up. Disks of mirrored templates need no copying (shared or none).
import { OpExecError } from '../../../common/errors.js';
import type { OpInstanceFailover } from '../../../common/opcodes/index.js';
import { diskToProto, instanceToProto } from '../../instance-wire.js';
import { MoveInstanceLU } from './migration-common.js';
import { checkAdmission } from './admission.js';

type Op = ReturnType<typeof OpInstanceFailover.validate>;

export interface FailoverOptions { shutdownTimeout: number; ignoreConsistency: boolean }

/** The failover itself; migrate falls back to it for stopped instances (--allow-failover). */
export async function runFailover(lu: MoveInstanceLU<any>, opts: FailoverOptions): Promise<void> {
  const inst = lu.instance;
  const source = lu.pnode;
  const target = lu.targetNode;
  const cfg = lu.cfg.get();
  const proto = instanceToProto(cfg, inst);
  const signal = lu.rt.signal;
  lu.feedback(`* shutting down instance on source node`);
  if (source.offline) {
    if (!opts.ignoreConsistency) {
      throw new OpExecError(`Primary node ${source.name} is offline, use --ignore-consistency to fail over anyway`);
    }
    lu.logWarning(`Primary node ${source.name} is offline, not shutting the instance down there; make sure it is really down`);
  } else {
    const r = await lu.rt.rpc.call(lu.pnodeTarget, 'InstanceShutdown',
      { instance: proto, timeout_ms: opts.shutdownTimeout * 1000, force: false }, { signal });
    if (r.failed) {
      if (!opts.ignoreConsistency) throw new OpExecError(`Could not shutdown instance ${inst.name} on node ${source.name}: ${r.failMsg}`);
      lu.logWarning(`Could not shutdown instance ${inst.name} on node ${source.name}. Proceeding anyway. ` +
        `Please make sure node ${source.name} is down. Error details: ${r.failMsg}`);
    }
    lu.feedback(`* deactivating the instance's disks on source node`);
    for (const d of inst.disks) {
      const s = await lu.rt.rpc.call(lu.pnodeTarget, 'BlockdevShutdown', { disk: diskToProto(d), instance_name: inst.name }, { signal });
      if (s.failed && !opts.ignoreConsistency) throw new OpExecError(`Can't shut down the instance's disks on node ${source.name}: ${s.failMsg}`);
    }
  }
  await lu.setPrimary(target);
  if (inst.admin_state !== 'up') return;
  lu.feedback(`* activating the instance's disks on target node ${target.name}`);
  lu.feedback(`* starting the instance on the target node ${target.name}`);
  const started = await lu.rt.rpc.call(lu.target, 'InstanceStart',
    { instance: instanceToProto(lu.cfg.get(), lu.instance), paused: false }, { signal });
  if (started.failed) throw new OpExecError(`Could not start instance ${inst.name} on node ${target.name}: ${started.failMsg}`);
}

export class LUInstanceFailover extends MoveInstanceLU<Op> {
  protected willFailover(): boolean { return true; }

  override async checkPrereq(): Promise<void> {
    // Target state and capacity are checked while choosing it (migration-common.ts); here
    // what runs: the instance may run only on its primary, nothing running may share its
    // MACs or disk files.
    if (this.op.cleanup || this.instance.admin_state !== 'up') return;
    await checkAdmission(this, this.instance, [this.pnode.name]);
  }

  override async exec(): Promise<unknown> {
    if (this.op.cleanup) return null;   // nothing half-done to clean up after a failover
    await runFailover(this, { shutdownTimeout: this.op.shutdown_timeout, ignoreConsistency: this.op.ignore_consistency });
    return null;
  }
}
