// OP_GROUP_REMOVE and OP_GROUP_RENAME (Ganeti's LUGroupRemove, LUGroupRename).
import { OpPrereqError } from '../../../common/errors.js';
import { now } from '../../../common/objects.js';
import type { OpGroupRemove, OpGroupRename } from '../../../common/opcodes/group.js';
import { niceSort } from '../../query/nice-sort.js';
import { LogicalUnit } from '../logical-unit.js';
import { checkGroupName, expandGroup } from './lookup.js';

type RemoveOp = ReturnType<typeof OpGroupRemove.validate>;
type RenameOp = ReturnType<typeof OpGroupRename.validate>;

export class LUGroupRemove extends LogicalUnit<RemoveOp> {
  override bglExclusive = true;
  private uuid = '';

  override checkPrereq(): void {
    const cfg = this.cfg.get();
    const g = expandGroup(this.cfg, this.op.group_name);
    this.uuid = g.uuid;
    const members = Object.values(cfg.nodes).filter((n) => n.group === g.uuid).map((n) => n.name);
    if (members.length) {
      throw new OpPrereqError(`Group '${g.name}' not empty, has the following node(s): ${niceSort(members).join(', ')}`, { ecode: 'wrong_state' });
    }
    if (Object.keys(cfg.nodegroups).length === 1) {
      throw new OpPrereqError(`Group '${g.name}' is the only group, cannot be removed`, { ecode: 'wrong_state' });
    }
  }

  override async exec(): Promise<unknown> {
    await this.cfg.update((c) => { delete c.nodegroups[this.uuid]; });
    return null;
  }
}

export class LUGroupRename extends LogicalUnit<RenameOp> {
  override bglExclusive = true;
  private uuid = '';

  override checkArguments(): void { checkGroupName(this.op.new_name); }

  override checkPrereq(): void {
    this.uuid = expandGroup(this.cfg, this.op.group_name).uuid;
    if (this.cfg.groupByName(this.op.new_name)) {
      throw new OpPrereqError(`Desired new name '${this.op.new_name}' clashes with existing node group`, { ecode: 'already_exists' });
    }
  }

  override async exec(): Promise<unknown> {
    await this.cfg.update((c) => {
      const g = c.nodegroups[this.uuid]!;
      g.name = this.op.new_name; g.serial_no += 1; g.mtime = now();
    });
    return this.op.new_name;
  }
}
