// OP_FILTER_SET and OP_FILTER_DELETE: job filter rules kept in the config (so they survive a
// master failover), with Ganeti's semantics: the watermark is the highest job id at the
// time the rule is added or replaced.
import { randomUUID } from 'node:crypto';
import { OpPrereqError } from '../../../common/errors.js';
import type { FilterRule } from '../../../common/objects.js';
import type { OpFilterDelete, OpFilterSet } from '../../../common/opcodes/filter.js';
import { checkFilterRule } from '../../jqueue/filters.js';
import { LogicalUnit } from '../logical-unit.js';

type SetOp = ReturnType<typeof OpFilterSet.validate>;
type DelOp = ReturnType<typeof OpFilterDelete.validate>;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class LUFilterSet extends LogicalUnit<SetOp> {
  override requiresBgl = false;

  override checkArguments(): void {
    if (this.op.uuid !== null && !UUID_RE.test(this.op.uuid)) {
      throw new OpPrereqError(`Invalid filter uuid '${this.op.uuid}' (expected a UUID like 01234567-89ab-cdef-0123-456789abcdef)`, { ecode: 'wrong_input' });
    }
    checkFilterRule(this.op.action, this.op.predicates);
  }

  override checkPrereq(): void {}

  override async exec(): Promise<unknown> {
    const uuid = this.op.uuid ?? randomUUID();
    await this.cfg.update((c) => {
      const old = c.filters?.[uuid];
      const rule: FilterRule = {
        uuid, watermark: this.rt.jobId, priority: this.op.priority, predicates: this.op.predicates,
        action: this.op.action as FilterRule['action'], reason_trail: this.op.reason_trail, serial_no: (old?.serial_no ?? 0) + 1,
      };
      c.filters ??= {};
      c.filters[uuid] = rule;
    });
    return uuid;
  }
}

export class LUFilterDelete extends LogicalUnit<DelOp> {
  override requiresBgl = false;

  override checkPrereq(): void {
    if (!this.cfg.get().filters?.[this.op.uuid]) {
      throw new OpPrereqError(`Filter rule '${this.op.uuid}' not found`, { ecode: 'unknown_entity' });
    }
  }

  override async exec(): Promise<unknown> {
    await this.cfg.update((c) => { if (c.filters) delete c.filters[this.op.uuid]; });
    return null;
  }
}
