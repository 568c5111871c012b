// OP_GROUP_SET_PARAMS (Ganeti's LUGroupSetParams): allocation policy, custom ndparams,
// diskparams and instance policy of one group; a value 'default' drops the custom key.
// Returns [param, new value] pairs as Ganeti does.
import { OpPrereqError } from '../../../common/errors.js';
import { now, type IPolicy } from '../../../common/objects.js';
import type { OpGroupSetParams } from '../../../common/opcodes/group.js';
import { parseIpolicy } from '../../ipolicy.js';
import { LogicalUnit } from '../logical-unit.js';
import { expandGroup } from './lookup.js';
import { checkGroupDiskParams } from './params.js';
import { checkNdParams } from '../../params.js';

type Op = ReturnType<typeof OpGroupSetParams.validate>;

/** Ganeti's UpdateAndVerify: keys set to 'default' go back to the parent's value. */
function merge(old: Record<string, unknown>, upd: Record<string, unknown>): Record<string, unknown> {
  const out = { ...old };
  for (const [k, v] of Object.entries(upd)) {
    if (v === 'default' || v === null) delete out[k]; else out[k] = v;
  }
  return out;
}

export class LUGroupSetParams extends LogicalUnit<Op> {
  override bglExclusive = true;
  private uuid = '';
  private ipolicy: Partial<IPolicy> | null = null;
  private diskparams: Record<string, Record<string, unknown>> | null = null;

  override checkArguments(): void {
    const op = this.op;
    if ([op.alloc_policy, op.ndparams, op.diskparams, op.ipolicy, op.hv_state, op.disk_state].every((v) => v === null)) {
      throw new OpPrereqError('Please pass at least one modification', { ecode: 'wrong_input' });
    }
    if (op.hv_state || op.disk_state) {
      throw new OpPrereqError('Setting hv_state or disk_state of a node group is not supported by this version', { ecode: 'wrong_input' });
    }
    if (op.diskparams) this.diskparams = checkGroupDiskParams(op.diskparams);
    if (op.ndparams) checkNdParams(op.ndparams, true);
    if (op.ipolicy) {
      const custom = Object.fromEntries(Object.entries(op.ipolicy).filter(([, v]) => v !== 'default' && v !== null));
      this.ipolicy = parseIpolicy(custom);
    }
  }

  override checkPrereq(): void {
    this.uuid = expandGroup(this.cfg, this.op.group_name).uuid;
  }

  override async exec(): Promise<unknown> {
    const op = this.op;
    const changes: [string, string][] = [];
    await this.cfg.update((c) => {
      const g = c.nodegroups[this.uuid]!;
      if (op.alloc_policy) { g.alloc_policy = op.alloc_policy; changes.push(['alloc_policy', op.alloc_policy]); }
      if (op.ndparams) { g.ndparams = merge(g.ndparams, checkNdParams(op.ndparams, true)); changes.push(['ndparams', JSON.stringify(g.ndparams)]); }
      if (this.diskparams) {
        const dp = g.diskparams as Record<string, Record<string, unknown>>;
        for (const [tmpl, params] of Object.entries(this.diskparams)) dp[tmpl] = merge(dp[tmpl] ?? {}, params);
        changes.push(['diskparams', JSON.stringify(g.diskparams)]);
      }
      if (op.ipolicy) {
        const ip = merge(g.ipolicy as Record<string, unknown>, { ...op.ipolicy, ...this.ipolicy });
        g.ipolicy = ip as Partial<IPolicy>;
        changes.push(['ipolicy', JSON.stringify(g.ipolicy)]);
      }
      g.serial_no += 1; g.mtime = now();
    });
    return changes;
  }
}
