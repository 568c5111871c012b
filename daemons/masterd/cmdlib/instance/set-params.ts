// OP_INSTANCE_SET_PARAMS (LUInstanceSetParams), the parts that exist so far: backend and
// hypervisor parameters, OS parameters, offline/online, disks (disk-changes.ts). Returns
// [param, new value] pairs.
import { OpPrereqError } from '../../../common/errors.js';
import { fillBeParams, type BeParams } from '../../../common/objects.js';
import type { OpInstanceSetParams } from '../../../common/opcodes/index.js';
import { checkBeParams, checkHvParams, ipolicyViolations } from '../../params.js';
import { InstanceLU } from './base.js';
import { checkOwnerName } from '../../../common/owner.js';
import { checkModifiedOsParams } from '../os/os-checks.js';
import { DiskChanges, parseDiskMods } from './disk-changes.js';

type Op = ReturnType<typeof OpInstanceSetParams.validate>;

/** Ganeti's removal marker: `-B memory=default` resets a parameter to the cluster default. */
const DEFAULT = 'default';

function split(input: Record<string, unknown>): [Record<string, unknown>, string[]] {
  const set: Record<string, unknown> = {};
  const reset: string[] = [];
  for (const [k, v] of Object.entries(input)) (v === DEFAULT ? reset.push(k) : (set[k] = v));
  return [set, reset];
}

export class LUInstanceSetParams extends InstanceLU<Op> {
  protected override lockNodes = false;
  private be: Partial<BeParams> = {};
  private beReset: string[] = [];
  private hv: Record<string, unknown> = {};
  private hvReset: string[] = [];
  private diskChanges = new DiskChanges([]);

  override checkArguments(): void {
    const op = this.op;
    if (op.nics.length || op.runtime_mem !== null || op.os_name) {
      throw new OpPrereqError('Changing NICs, OS or runtime memory is not supported yet (supported: -B, -H, -O, --disk, --offline/--online, --owner)', { ecode: 'wrong_input' });
    }
    // Disk changes create and remove disks: they need the instance's node locks.
    this.diskChanges = new DiskChanges(parseDiskMods(op.disks));
    if (!this.diskChanges.empty) this.lockNodes = true;
    // --owner '' gives the instance back to nobody.
    if (op.owner) checkOwnerName(op.owner);
    if (!Object.keys(op.beparams).length && !Object.keys(op.hvparams).length && !Object.keys(op.osparams).length && op.offline === null &&
        this.diskChanges.empty && op.owner === null) {
      throw new OpPrereqError('No changes submitted', { ecode: 'wrong_input' });
    }
    const [beSet, beReset] = split(op.beparams);
    this.be = checkBeParams(beSet);
    this.beReset = beReset.flatMap((k) => (k === 'memory' ? ['maxmem', 'minmem'] : [k]));
    const [hvSet, hvReset] = split(op.hvparams);
    this.hvReset = hvReset;
    this.hv = hvSet;
  }

  override async checkPrereq(): Promise<void> {
    const inst = this.instance;
    if (!this.diskChanges.empty) await this.diskChanges.prepare(this, inst, this.op.ignore_ipolicy);
    this.hv = checkHvParams(inst.hypervisor, this.hv);
    // OS parameters are checked by the OS on the primary node, as at creation (os/os-checks.ts).
    if (Object.keys(this.op.osparams).length) await checkModifiedOsParams(this, inst, this.op.osparams);
    const cfg = this.cfg.get();
    const merged = { ...inst, beparams: { ...inst.beparams, ...this.be } };
    for (const k of this.beReset) delete (merged.beparams as Record<string, unknown>)[k];
    const be = fillBeParams(cfg.cluster, merged);
    if (be.minmem > be.maxmem) throw new OpPrereqError(`Minimum memory (${be.minmem}) is greater than maximum memory (${be.maxmem})`, { ecode: 'wrong_input' });
    if (!this.op.ignore_ipolicy && (this.be.maxmem !== undefined || this.be.vcpus !== undefined)) {
      const errs = ipolicyViolations(cfg.cluster.ipolicy, {
        memory: be.maxmem, vcpus: be.vcpus, diskSizes: inst.disks.map((d) => d.size), nics: inst.nics.length, spindleUse: be.spindle_use,
      }, inst.disk_template);
      if (errs.length) throw new OpPrereqError(`Instance ${inst.name} would violate the instance policy: ${errs.join(', ')}`, { ecode: 'wrong_input' });
    }
    if (this.op.offline === true && inst.admin_state === 'up') {
      throw new OpPrereqError(`Instance ${inst.name} is up, shut it down before marking it offline`, { ecode: 'wrong_state' });
    }
  }

  override async exec(): Promise<unknown> {
    const changes: [string, unknown][] = [];
    const disks = this.diskChanges;
    await disks.create(this, this.instance);
    await this.modifyInstance((i) => {
      if (!disks.empty) { i.disks = disks.disks; changes.push(...disks.changes); }
      for (const [k, v] of Object.entries(this.be)) { (i.beparams as Record<string, unknown>)[k] = v; changes.push([`be/${k}`, v]); }
      for (const k of this.beReset) { delete (i.beparams as Record<string, unknown>)[k]; changes.push([`be/${k}`, 'default']); }
      for (const [k, v] of Object.entries(this.hv)) { i.hvparams[k] = v; changes.push([`hv/${k}`, v]); }
      for (const k of this.hvReset) { delete i.hvparams[k]; changes.push([`hv/${k}`, 'default']); }
      for (const [k, v] of Object.entries(this.op.osparams)) { i.osparams[k] = v; changes.push([`os/${k}`, v]); }
      if (this.op.offline === true) { i.admin_state = 'offline'; changes.push(['admin_state', 'offline']); }
      if (this.op.offline === false && i.admin_state === 'offline') { i.admin_state = 'down'; changes.push(['admin_state', 'down']); }
      if (this.op.owner !== null) {
        if (this.op.owner) i.owner = this.op.owner; else delete i.owner;
        changes.push(['owner', this.op.owner || null]);
      }
    }).catch(async (err: unknown) => { await disks.rollback(this, this.instance); throw err; });
    await disks.removeOld(this, this.instance);
    return changes;
  }
}
