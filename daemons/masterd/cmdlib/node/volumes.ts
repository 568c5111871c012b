// OP_NODE_QUERYVOLS (Ganeti's LUNodeQueryvols): the disk volumes on nodes, with the instance
// each belongs to. Ganeti lists LVM volumes; this build lists file and sharedfile disk
// images (name = the image file, vg = its storage dir). A shared image is seen by every
// node: it is listed under its instance's primary node only (an orphan under the first
// node that reports it). Rows are strings in the order of output_fields, as Ganeti returns.
import { OpPrereqError } from '../../../common/errors.js';
import type { Node } from '../../../common/objects.js';
import type { OpNodeQueryvols } from '../../../common/opcodes/index.js';
import { niceSortBy } from '../../query/nice-sort.js';
import { LogicalUnit } from '../logical-unit.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { storageDirs } from '../instance/disk-common.js';

type Op = ReturnType<typeof OpNodeQueryvols.validate>;
export const VOLUME_FIELDS = ['node', 'phys', 'vg', 'name', 'size', 'instance'];

export class LUNodeQueryvols extends LogicalUnit<Op> {
  override requiresBgl = false;
  private nodes: Readonly<Node>[] = [];

  override checkArguments(): void {
    const bad = this.op.output_fields.filter((f) => !VOLUME_FIELDS.includes(f));
    if (bad.length) throw new OpPrereqError(`Unknown output fields selected: ${bad.join(',')} (available: ${VOLUME_FIELDS.join(', ')})`, { ecode: 'wrong_input' });
  }

  override checkPrereq(): void {
    const cfg = this.cfg.get();
    const wanted = this.op.nodes.length ? this.op.nodes.map((n) => this.cfg.expandNode(n)) : Object.values(cfg.nodes);
    this.nodes = niceSortBy([...new Map(wanted.map((n) => [n.uuid, n])).values()].filter((n) => n.vm_capable), (n) => n.name);
  }

  override async exec(): Promise<unknown> {
    const cfg = this.cfg.get();
    // volume name -> [instance name, primary node uuid]
    const owners = new Map<string, [string, string]>();
    for (const inst of Object.values(cfg.instances)) {
      for (const d of inst.disks) if (d.logical_id[1]) owners.set(d.logical_id[1], [inst.name, inst.primary_node]);
    }
    const results = await this.rt.rpc.callMany(this.nodes.map(nodeTarget), 'NodeVolumes', storageDirs(cfg), { signal: this.rt.signal });
    const sharedShown = new Set<string>();
    const rows: string[][] = [];
    for (const node of this.nodes) {
      const r = results.get(node.name);
      if (!r || r.offline) continue;
      if (r.failed) { this.logWarning(`Can't compute volume data on node ${node.name}: ${r.failMsg}`); continue; }
      const vols = [...r.payload!.volumes].sort((a, b) => a.name.localeCompare(b.name));
      for (const v of vols) {
        let owner = owners.get(v.name);
        if (v.type === 'sharedfile') {
          if (owner ? owner[1] !== node.uuid : sharedShown.has(v.name)) continue;
          sharedShown.add(v.name);
        } else if (owner && owner[1] !== node.uuid) {
          owner = undefined;   // a node-local copy the instance (now elsewhere) does not use
        }
        const values: Record<string, string> = {
          node: node.name, phys: v.phys, vg: v.vg, name: v.name, size: String(Number(v.size)), instance: owner?.[0] ?? '-',
        };
        rows.push(this.op.output_fields.map((f) => values[f]!));
      }
    }
    return rows;
  }
}
