// OP_EXT_STORAGE_DIAGNOSE (Ganeti's LUExtStorageDiagnose): every vm-capable online node
// lists its ExtStorage providers; one row per provider with the per-node status, the
// per-group validity (valid on every node of the group) and its parameters.
import type { OpExtStorageDiagnose } from '../../../common/opcodes/storage.js';
import { niceSort } from '../../query/nice-sort.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { LogicalUnit } from '../logical-unit.js';

type Op = ReturnType<typeof OpExtStorageDiagnose.validate>;
type NodeEntry = [string, boolean, string, [string, string][]];

export class LUExtStorageDiagnose extends LogicalUnit<Op> {
  override requiresBgl = false;
  override checkPrereq(): void {}

  override async exec(): Promise<unknown> {
    const cfg = this.cfg.get();
    const nodes = Object.values(cfg.nodes).filter((n) => n.vm_capable && !n.offline);
    const results = await this.rt.rpc.callMany(nodes.map(nodeTarget), 'ExtStorageDiagnose', {}, { signal: this.rt.signal });
    const byProvider = new Map<string, Map<string, NodeEntry[]>>();
    const answered: string[] = [];
    for (const node of nodes) {
      const r = results.get(node.name);
      if (!r || r.failed || r.offline) { if (r?.failed) this.logWarning(`Can't get the ExtStorage providers of node ${node.name}: ${r.failMsg}`); continue; }
      answered.push(node.uuid);
      for (const p of r.payload!.providers) {
        if (!byProvider.has(p.name)) byProvider.set(p.name, new Map());
        const perNode = byProvider.get(p.name)!;
        perNode.set(node.name, [...(perNode.get(node.name) ?? []), [p.path, p.valid, p.diagnose, p.parameters.map((x) => [x, ''])]]);
      }
    }
    const rows: unknown[][] = [];
    for (const name of niceSort([...byProvider.keys()])) {
      if (this.op.names.length && !this.op.names.includes(name)) continue;
      const perNode = byProvider.get(name)!;
      const nodeStatus: Record<string, NodeEntry[]> = {};
      for (const node of nodes) if (answered.includes(node.uuid)) nodeStatus[node.name] = perNode.get(node.name) ?? [];
      const groupStatus: Record<string, boolean> = {};
      for (const g of Object.values(cfg.nodegroups)) {
        const members = nodes.filter((n) => n.group === g.uuid && answered.includes(n.uuid));
        if (members.length) groupStatus[g.name] = members.every((n) => nodeStatus[n.name]?.[0]?.[1] === true);
      }
      const first = [...perNode.values()].flat().find((e) => e[1]);
      const values: Record<string, unknown> = { name, node_status: nodeStatus, nodegroup_status: groupStatus, parameters: first?.[3] ?? [] };
      rows.push(this.op.output_fields.map((f) => values[f]));
    }
    return rows;
  }
}
