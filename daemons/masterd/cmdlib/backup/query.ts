// OP_BACKUP_QUERY (Ganeti's LUBackupQuery): the exports on each node, {node: [names]} with
// false for a node that could not be asked (Ganeti's answer shape).
import type { Node } from '../../../common/objects.js';
import type { OpBackupQuery } from '../../../common/opcodes/index.js';
import { niceSortBy } from '../../query/nice-sort.js';
import { LogicalUnit } from '../logical-unit.js';
import { nodeTarget } from '../../rpc/node-target.js';

type Op = ReturnType<typeof OpBackupQuery.validate>;

/** Exports per node name; false where the node did not answer. */
export async function queryExports(lu: LogicalUnit, nodes: readonly Readonly<Node>[]): Promise<Record<string, string[] | false>> {
  const results = await lu.rt.rpc.callMany(nodes.map(nodeTarget), 'ExportList', {}, { signal: lu.rt.signal });
  const out: Record<string, string[] | false> = {};
  for (const n of nodes) {
    const r = results.get(n.name);
    out[n.name] = !r || r.failed || r.offline ? false : [...r.payload!.exports];
  }
  return out;
}

export class LUBackupQuery extends LogicalUnit<Op> {
  override requiresBgl = false;
  private nodes: Readonly<Node>[] = [];

  override checkPrereq(): void {
    const cfg = this.cfg.get();
    const wanted = this.op.nodes.length ? this.op.nodes.map((n) => this.cfg.expandNode(n)) : Object.values(cfg.nodes);
    this.nodes = niceSortBy([...new Map(wanted.map((n) => [n.uuid, n])).values()], (n) => n.name);
  }

  override async exec(): Promise<unknown> {
    return queryExports(this, this.nodes);
  }
}
