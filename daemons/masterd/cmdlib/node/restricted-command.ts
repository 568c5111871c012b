// OP_RESTRICTED_COMMAND (Ganeti's LURestrictedCommand): asks each named node to run a command
// from its own restricted-commands directory (the node decides what may run: noded's
// backend/restricted-commands.ts). The nodes are locked, shared, or exclusively with
// use_locking (gnt-node restricted-command --sync). The result has one [ok, text] pair per
// node in the order given: the command's output, or why it failed on that node.
import { LockLevel } from '../../../common/constants.js';
import type { Node } from '../../../common/objects.js';
import type { OpRestrictedCommand } from '../../../common/opcodes/index.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { LogicalUnit } from '../logical-unit.js';

type Op = ReturnType<typeof OpRestrictedCommand.validate>;

export class LURestrictedCommand extends LogicalUnit<Op> {
  override requiresBgl = false;
  private nodes: Readonly<Node>[] = [];

  override expandNames(): void {
    this.nodes = this.op.nodes.map((n) => this.cfg.expandNode(n));
    this.needLocks.set(LockLevel.Node, [...new Set(this.nodes.map((n) => n.name))]);
    if (!this.op.use_locking) this.shareLocks.add(LockLevel.Node);
  }

  override checkPrereq(): void {}

  override async exec(): Promise<unknown> {
    const unique = [...new Map(this.nodes.map((n) => [n.uuid, n])).values()];
    const res = await this.rt.rpc.callMany(unique.map(nodeTarget), 'RestrictedCommand', { command: this.op.command }, { signal: this.rt.signal });
    return this.nodes.map((n) => {
      const r = res.get(n.name);
      if (!r || r.failed) return [false, `Command '${this.op.command}' on node '${n.name}' failed: ${r?.failMsg || 'no answer'}`];
      return [true, r.payload!.output];
    });
  }
}
