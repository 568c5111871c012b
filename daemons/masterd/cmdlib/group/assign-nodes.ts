// OP_GROUP_ASSIGN_NODES (Ganeti's LUGroupAssignNodes): moves nodes into a group. Refused,
// unless forced, when an instance would end up with its nodes in different groups.
import { OpPrereqError } from '../../../common/errors.js';
import { now } from '../../../common/objects.js';
import type { OpGroupAssignNodes } from '../../../common/opcodes/group.js';
import { niceSort } from '../../query/nice-sort.js';
import { LogicalUnit } from '../logical-unit.js';
import { expandGroup } from './lookup.js';

type Op = ReturnType<typeof OpGroupAssignNodes.validate>;

export class LUGroupAssignNodes extends LogicalUnit<Op> {
  override bglExclusive = true;
  private groupUuid = '';
  private nodeUuids: string[] = [];

  override checkPrereq(): void {
    const cfg = this.cfg.get();
    this.groupUuid = expandGroup(this.cfg, this.op.group_name).uuid;
    this.nodeUuids = [...new Set(this.op.nodes.map((n) => this.cfg.expandNode(n).uuid))];
    if (!this.nodeUuids.length) throw new OpPrereqError('No nodes given to assign', { ecode: 'wrong_input' });
    const groupOf = (uuid: string): string => (this.nodeUuids.includes(uuid) ? this.groupUuid : cfg.nodes[uuid]?.group ?? '');
    const split: string[] = [];
    for (const inst of Object.values(cfg.instances)) {
      const nodes = [inst.primary_node, ...inst.secondary_nodes];
      if (!nodes.some((n) => this.nodeUuids.includes(n))) continue;
      if (new Set(nodes.map(groupOf)).size > 1) split.push(inst.name);
    }
    if (split.length) {
      const msg = `Instances ${niceSort(split).join(', ')} would be split across node groups`;
      if (!this.op.force) throw new OpPrereqError(`${msg}; use --force to move the nodes anyway`, { ecode: 'wrong_state' });
      this.logWarning(msg);
    }
  }

  override async exec(): Promise<unknown> {
    await this.cfg.update((c) => {
      const t = now();
      for (const uuid of this.nodeUuids) {
        const n = c.nodes[uuid];
        if (!n || n.group === this.groupUuid) continue;
        const old = c.nodegroups[n.group];
        n.group = this.groupUuid; n.serial_no += 1; n.mtime = t;
        if (old) { old.serial_no += 1; old.mtime = t; }
      }
      const g = c.nodegroups[this.groupUuid];
      if (g) { g.serial_no += 1; g.mtime = t; }
    });
    return null;
  }
}
