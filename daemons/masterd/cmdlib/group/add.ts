// OP_GROUP_ADD (Ganeti's LUGroupAdd): a new, empty node group with its own allocation
// policy and optional custom ndparams, diskparams and instance policy.
import { randomUUID } from 'node:crypto';
import { OpPrereqError } from '../../../common/errors.js';
import { now, type IPolicy, type NodeGroup } from '../../../common/objects.js';
import type { OpGroupAdd } from '../../../common/opcodes/group.js';
import { parseIpolicy } from '../../ipolicy.js';
import { LogicalUnit } from '../logical-unit.js';
import { checkGroupName } from './lookup.js';
import { checkGroupDiskParams } from './params.js';
import { checkNdParams } from '../../params.js';

type Op = ReturnType<typeof OpGroupAdd.validate>;

export class LUGroupAdd extends LogicalUnit<Op> {
  override bglExclusive = true;
  private ipolicy: Partial<IPolicy> = {};
  private diskparams: Record<string, Record<string, unknown>> = {};
  private ndparams: Record<string, unknown> = {};

  override checkArguments(): void {
    checkGroupName(this.op.group_name);
    if (this.op.ipolicy) this.ipolicy = parseIpolicy(this.op.ipolicy);
    if (this.op.diskparams) this.diskparams = checkGroupDiskParams(this.op.diskparams);
    if (this.op.ndparams) this.ndparams = checkNdParams(this.op.ndparams);
  }

  override checkPrereq(): void {
    if (this.cfg.groupByName(this.op.group_name)) {
      throw new OpPrereqError(`Desired group name '${this.op.group_name}' already exists as a node group`, { ecode: 'already_exists' });
    }
  }

  override async exec(): Promise<unknown> {
    const t = now();
    const group: NodeGroup = {
      uuid: randomUUID(), name: this.op.group_name, alloc_policy: this.op.alloc_policy ?? 'preferred',
      ndparams: this.ndparams, diskparams: this.diskparams, ipolicy: this.ipolicy, networks: {},
      tags: [], ctime: t, mtime: t, serial_no: 1,
    };
    await this.cfg.update((c) => {
      if (Object.values(c.nodegroups).some((g) => g.name === group.name)) {
        throw new OpPrereqError(`Desired group name '${group.name}' already exists as a node group`, { ecode: 'already_exists' });
      }
      c.nodegroups[group.uuid] = group;
    });
    return null;
  }
}
