// OP_INSTANCE_GROW_DISK (Ganeti's LUInstanceGrowDisk): grow one disk by an amount (or to an
// absolute size), with the disk assembled on the primary node while it grows; the new size
// is recorded in the config. File disks need the space on the node; sharedfile and ext disks
// grow on storage the node does not account for.
import { OpExecError, OpPrereqError } from '../../../common/errors.js';
import { fillBeParams } from '../../../common/objects.js';
import type { OpInstanceGrowDisk } from '../../../common/opcodes/index.js';
import { templateCan } from '../../../storage/descriptors.js';
import { checkNodeOnline, formatSize } from '../common.js';
import { ipolicyViolations } from '../../params.js';
import { InstanceLU } from './base.js';
import { assembleDisks, checkFileSpace, diskRequest, isRunning, shutdownDisks } from './disk-common.js';

type Op = ReturnType<typeof OpInstanceGrowDisk.validate>;

export class LUInstanceGrowDisk extends InstanceLU<Op> {
  private delta = 0;
  private target = 0;
  private running = false;

  override async checkPrereq(): Promise<void> {
    const inst = this.instance;
    checkNodeOnline(this.pnode);
    if (!templateCan(inst.disk_template, 'grow')) {
      throw new OpPrereqError("Instance's disk layout does not support growing", { ecode: 'wrong_input' });
    }
    const disk = inst.disks[this.op.disk];
    if (!disk) {
      throw new OpPrereqError(`Invalid disk index '${this.op.disk}' (instance ${inst.name} has ${inst.disks.length} disk(s))`, { ecode: 'wrong_input' });
    }
    if (this.op.absolute) {
      this.target = this.op.amount;
      this.delta = this.target - disk.size;
      if (this.delta < 0) {
        throw new OpPrereqError(`Requested size (${formatSize(this.target)}) is smaller than current disk size (${formatSize(disk.size)})`, { ecode: 'wrong_state' });
      }
    } else {
      this.delta = this.op.amount;
      this.target = disk.size + this.delta;
    }
    const cfg = this.cfg.get();
    if (!this.op.ignore_ipolicy) {
      const be = fillBeParams(cfg.cluster, inst);
      const errs = ipolicyViolations(cfg.cluster.ipolicy, {
        memory: be.maxmem, vcpus: be.vcpus, diskSizes: inst.disks.map((d, i) => (i === this.op.disk ? this.target : d.size)),
        nics: inst.nics.length, spindleUse: be.spindle_use,
      }, inst.disk_template);
      if (errs.length) throw new OpPrereqError(`Instance ${inst.name} would violate the instance policy: ${errs.join(', ')}`, { ecode: 'wrong_input' });
    }
    await checkFileSpace(this, inst.disk_template, this.pnode, inst.name, this.delta);
    this.running = await isRunning(this, inst);
  }

  override async exec(): Promise<unknown> {
    const inst = this.instance;
    const disk = inst.disks[this.op.disk]!;
    await assembleDisks(this, inst, [disk]).catch((err: unknown) => {
      throw new OpExecError('Cannot activate block device to grow', { cause: err });
    });
    this.feedback(`Growing disk ${this.op.disk} of instance '${inst.name}' by ${formatSize(this.delta)} to ${formatSize(this.target)}`);
    const r = await this.rt.rpc.call(this.pnodeTarget, 'BlockdevGrow',
      { ...diskRequest(this.cfg.get(), inst, disk), amount: this.delta }, { signal: this.rt.signal });
    r.raise(`Grow request failed to node ${this.pnode.name}`);
    const uuid = disk.uuid;
    await this.modifyInstance((i) => {
      const d = i.disks.find((x) => x.uuid === uuid);
      if (d) d.size = this.target;
    });
    if (this.op.wait_for_sync) {
      this.logInfo(`Waiting for instance ${inst.name} to sync disks`);
      this.logInfo(`Instance ${inst.name}'s disks are in sync`);
    }
    // Disks nobody asked to keep active go down again (never under a running instance).
    if (!inst.disks_active && !this.running && inst.admin_state !== 'up') await shutdownDisks(this, inst, [disk]);
    return null;
  }
}
