// OP_BACKUP_REMOVE (Ganeti's LUBackupRemove): removes every export of the instance from every
// node. The instance need not exist any more (its name is taken as given then).
import { OpExecError } from '../../../common/errors.js';
import type { OpBackupRemove } from '../../../common/opcodes/index.js';
import { isSafeName } from '../../../common/known-files.js';
import { OpPrereqError } from '../../../common/errors.js';
import { LogicalUnit } from '../logical-unit.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { queryExports } from './query.js';

type Op = ReturnType<typeof OpBackupRemove.validate>;

export class LUBackupRemove extends LogicalUnit<Op> {
  override requiresBgl = false;
  private name = '';

  override checkArguments(): void {
    this.name = this.cfg.instanceByName(this.op.instance_name)?.name ?? this.op.instance_name;
    if (!isSafeName(this.name)) throw new OpPrereqError(`Invalid instance name '${this.name}'`, { ecode: 'wrong_input' });
  }

  override checkPrereq(): void {}

  override async exec(): Promise<unknown> {
    const nodes = Object.values(this.cfg.get().nodes).filter((n) => !n.offline);
    const exports = await queryExports(this, nodes);
    let found = false;
    for (const n of nodes) {
      const list = exports[n.name];
      if (list === false) { this.logWarning(`Failed to query node ${n.name} (continuing)`); continue; }
      if (!list?.includes(this.name)) continue;
      found = true;
      const r = await this.rt.rpc.call(nodeTarget(n), 'ExportRemove', { name: this.name, area: 'export' }, { signal: this.rt.signal });
      r.warn(`Could not remove export for instance ${this.name} on node ${n.name}`, (m) => this.logWarning(m));
    }
    if (!found) {
      throw new OpExecError(`No export found for instance ${this.name}`, { ecode: 'unknown_entity' });
    }
    return null;
  }
}
