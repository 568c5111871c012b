// OP_INSTANCE_MIGRATE (Ganeti's TLMigrateInstance._ExecMigration and _ExecCleanup): move a
// running instance through the node RPC sequence — migration info from the source, the
// target accepts, the source sends, the master polls the status, then both sides finalize
// and the config names the target as primary. Stopped instances fail over instead when
// allowed (--allow-failover); cleanup repairs the config after an interrupted migration.
import { delay } from '../../../common/async.js';
import { OpExecError, OpPrereqError } from '../../../common/errors.js';
import type { Instance } from '../../../common/objects.js';
import { fillHvParams, hypervisorDescriptor } from '../../../hypervisor/descriptors.js';
import type { OpInstanceMigrate } from '../../../common/opcodes/index.js';
import { instanceToProto } from '../../instance-wire.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { checkNodeOnline, onlineNodes } from '../common.js';
import { runFailover } from './failover.js';
import { MoveInstanceLU } from './migration-common.js';
import { checkAdmission } from './admission.js';
import { runCopyMove } from './copy-disks.js';
import { templateCan, templateMirror } from '../../../storage/descriptors.js';

type Op = ReturnType<typeof OpInstanceMigrate.validate>;

// Ganeti polls every second (_MIGRATION_POLL_INTERVAL); a status poll is one cheap QMP query,
// and polling faster takes up to a second off every migration's end-to-end time.
const POLL_MS = 200;
const FEEDBACK_MS = 10_000;    // _MIGRATION_FEEDBACK_INTERVAL

export class LUInstanceMigrate extends MoveInstanceLU<Op> {
  private failover = false;
  private live = true;

  protected willFailover(inst: Instance): boolean {
    if (this.copiesDisks(inst)) {
      if (!this.failover) {
        this.logInfo(`Instance's disk layout '${inst.disk_template}' does not allow migrations, fallback allowed, ` +
          'switching to failover (its disks are copied to the target, as gnt-instance move does)');
      }
      this.failover = true;
    }
    if (!this.op.cleanup && inst.admin_state !== 'up' && this.op.allow_failover) {
      if (!this.failover) this.logInfo('Instance is marked down or offline, fallback allowed, switching to failover');
      this.failover = true;
    }
    return this.failover;
  }

  /** --allow-failover on node-local disks (file): the failover copies them. */
  protected override copiesDisks(inst: Instance): boolean {
    return !this.op.cleanup && this.op.allow_failover && templateMirror(inst.disk_template) !== 'external' &&
      templateCan(inst.disk_template, 'copyable');
  }

  override checkArguments(): void {
    super.checkArguments();
    if (this.op.live !== null && this.op.live !== undefined && this.op.mode) {
      throw new OpPrereqError("Only one of the 'live' and 'mode' parameters are accepted", { ecode: 'wrong_input' });
    }
  }

  override async checkPrereq(): Promise<void> {
    if (this.op.cleanup) return;
    if (this.copiesDisks(this.instance)) {
      // The target's state, memory and disk space were checked while choosing it.
      checkNodeOnline(this.pnode, 'Cannot move from an offline node (its disks cannot be read)');
      if (this.instance.admin_state === 'up') await checkAdmission(this, this.instance, [this.pnode.name]);
      return;
    }
    if (this.failover) {
      if (this.instance.admin_state === 'up') await checkAdmission(this, this.instance, [this.pnode.name]);
      return;
    }
    const inst = this.instance;
    const info = await this.rt.rpc.call(this.pnodeTarget, 'InstanceInfo', { name: inst.name, hypervisor: inst.hypervisor }, { signal: this.rt.signal });
    const rt = info.raise(`Error checking instance on node ${this.pnode.name}`, { prereq: true });
    if (rt.state !== 'running') {
      if (!this.op.allow_failover) {
        throw new OpPrereqError(`Can't migrate, please use failover: instance ${inst.name} is not running`, { ecode: 'wrong_state' });
      }
      this.logInfo("Can't migrate, instance offline, fallback to failover");
      this.failover = true;
      if (inst.admin_state === 'up') await checkAdmission(this, inst, [this.pnode.name]);
      return;
    }
    const caps = hypervisorDescriptor(inst.hypervisor).capabilities;
    if (!caps.migrate) {
      throw new OpPrereqError(`Hypervisor '${inst.hypervisor}' does not support migration (use failover)`, { ecode: 'wrong_input' });
    }
    const mode = this.op.live !== null && this.op.live !== undefined ? (this.op.live ? 'live' : 'non-live')
      : this.op.mode ?? String(fillHvParams(this.cfg.get().cluster, inst).migration_mode ?? 'live');
    this.live = mode === 'live';
    if (this.live && !caps.liveMigration) {
      throw new OpPrereqError(`Hypervisor '${inst.hypervisor}' does not support live migration (use --non-live)`, { ecode: 'wrong_input' });
    }
    await checkAdmission(this, inst, [this.pnode.name]);
  }

  override async exec(): Promise<unknown> {
    if (this.op.cleanup) return this.cleanup();
    if (this.copiesDisks(this.instance)) {
      await runCopyMove(this, this.targetNode, { shutdownTimeout: 120, ignoreConsistency: false, compress: 'none' });
      return null;
    }
    if (this.failover) {
      await runFailover(this, { shutdownTimeout: 120, ignoreConsistency: false });
      return null;
    }
    await this.migrate();
    return null;
  }

  private async migrate(): Promise<void> {
    const inst = this.instance;
    const source = this.pnode;
    const sourceT = this.pnodeTarget;
    const target = this.targetNode;
    const targetT = this.target;
    const signal = this.rt.signal;
    const proto = instanceToProto(this.cfg.get(), inst);

    const mi = await this.rt.rpc.call(sourceT, 'MigrationInfo', { instance: proto }, { signal });
    const info = mi.raise('Failed fetching source migration information from ' + source.name).info;

    this.feedback(`* preparing ${target.name} to accept the instance`);
    const acc = await this.rt.rpc.call(targetT, 'AcceptInstance',
      { instance: proto, info, target: target.primary_ip }, { signal });
    if (acc.failed) throw new OpExecError(`Could not pre-migrate instance ${inst.name}: ${acc.failMsg}`);

    this.feedback(`* migrating instance to ${target.name}`);
    const mig = await this.rt.rpc.call(sourceT, 'InstanceMigrate',
      { instance: proto, target: target.primary_ip, live: this.live, cluster_name: this.cfg.get().cluster.cluster_name }, { signal });
    if (mig.failed) {
      await this.abort(proto, info);
      throw new OpExecError(`Could not migrate instance ${inst.name}: ${mig.failMsg}`);
    }

    let lastFeedback = Date.now();
    for (;;) {
      const st = await this.rt.rpc.call(sourceT, 'InstanceGetMigrationStatus', { instance: proto }, { signal });
      if (st.failed) {
        await this.abort(proto, info);
        throw new OpExecError(`Could not migrate instance ${inst.name}: ${st.failMsg}`);
      }
      const s = st.payload!;
      if (s.status === 'completed') break;
      if (s.status !== 'active' && s.status !== 'setup') {
        await this.abort(proto, info);
        throw new OpExecError(`Could not migrate instance ${inst.name}: migration ${s.status}${s.info ? ` (${s.info})` : ''}`);
      }
      if (Date.now() - lastFeedback >= FEEDBACK_MS && Number(s.total_ram) > 0) {
        this.feedback(`* memory transfer progress: ${(100 * Number(s.transferred_ram) / Number(s.total_ram)).toFixed(2)} %`);
        lastFeedback = Date.now();
      }
      await delay(POLL_MS, signal);
    }

    const src = await this.rt.rpc.call(sourceT, 'InstanceFinalizeMigrationSrc', { instance: proto, info, success: true, live: this.live }, { signal });
    if (src.failed) throw new OpExecError(`Could not finalize instance migration: ${src.failMsg}`);
    await this.setPrimary(target);
    const dst = await this.rt.rpc.call(targetT, 'InstanceFinalizeMigrationDst', { instance: proto, info, success: true, live: this.live }, { signal });
    if (dst.failed) throw new OpExecError(`Could not finalize instance migration: ${dst.failMsg}`);
    this.feedback('* done');
  }

  /** Ganeti's _AbortMigration: both sides undo; their errors are only logged. */
  private async abort(proto: ReturnType<typeof instanceToProto>, info: string): Promise<void> {
    const dst = await this.rt.rpc.call(this.target, 'InstanceFinalizeMigrationDst', { instance: proto, info, success: false, live: this.live });
    if (dst.failed) this.logWarning(`Aborting migration failed on target node ${this.targetName}: ${dst.failMsg}`);
    const src = await this.rt.rpc.call(this.pnodeTarget, 'InstanceFinalizeMigrationSrc', { instance: proto, info, success: false, live: this.live });
    if (src.failed) this.logWarning(`Aborting migration failed on source node ${this.pnode.name}: ${src.failMsg}`);
  }

  /** Where does the instance run? Make the config agree (Ganeti's _ExecCleanup). */
  private async cleanup(): Promise<null> {
    const inst = this.instance;
    this.feedback('* checking where the instance actually runs (if this hangs, the hypervisor might be in a bad state)');
    const nodes = onlineNodes(this.cfg.get());
    const res = await this.rt.rpc.callMany(nodes.map(nodeTarget), 'InstanceList', { hypervisors: [inst.hypervisor] }, { signal: this.rt.signal });
    const on = nodes.filter((n) => {
      const r = res.get(n.name);
      if (!r || r.failed) throw new OpExecError(`Can't contact node ${n.name}: ${r?.failMsg ?? 'no answer'}`);
      return r.payload!.instances.some((i) => i.name === inst.name && i.state === 'running');
    });
    if (on.length > 1) {
      throw new OpExecError('Instance seems to be running on two nodes, or the hypervisor is confused; you will have to ' +
        'ensure manually that it runs only on one and restart this operation');
    }
    const where = on[0];
    if (!where) {
      throw new OpExecError("Instance does not seem to be running at all; in this case it's safer to repair by running " +
        "'gnt-instance stop' to ensure disk shutdown, and then restarting it");
    }
    if (where.uuid === inst.primary_node) {
      this.feedback(`* instance confirmed to be running on its primary node (${where.name})`);
    } else {
      this.feedback(`* instance running on secondary node (${where.name}), updating config`);
      await this.setPrimary(where);
    }
    this.feedback('* done');
    return null;
  }
}
