// OP_NODE_QUERY_STORAGE (Ganeti's LUNodeQueryStorage): the storage units of one type on
// nodes, one row per node and unit, values typed (sizes in MiB, allocatable a boolean) in
// the order of output_fields. Types this build can list: file and sharedfile; each needs its
// disk template enabled in the cluster.
import { OpPrereqError } from '../../../common/errors.js';
import type { Node } from '../../../common/objects.js';
import type { OpNodeQueryStorage } from '../../../common/opcodes/index.js';
import { listableStorageTypes, storageTypes } from '../../../storage/descriptors.js';
import { niceSortBy } from '../../query/nice-sort.js';
import { LogicalUnit } from '../logical-unit.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { storageDirs } from '../instance/disk-common.js';

type Op = ReturnType<typeof OpNodeQueryStorage.validate>;
export const STORAGE_FIELDS = ['node', 'type', 'name', 'size', 'used', 'free', 'allocatable'];
/** Ganeti's storage types (VALID_STORAGE_TYPES) and the ones this build can report, from the storage descriptors. */
const STORAGE_TYPES = storageTypes();
const LISTABLE_STORAGE_TYPES = listableStorageTypes();

export class LUNodeQueryStorage extends LogicalUnit<Op> {
  override requiresBgl = false;
  private nodes: Readonly<Node>[] = [];
  private type = '';

  override checkArguments(): void {
    const bad = this.op.output_fields.filter((f) => !STORAGE_FIELDS.includes(f));
    if (bad.length) throw new OpPrereqError(`Unknown output fields selected: ${bad.join(',')} (available: ${STORAGE_FIELDS.join(', ')})`, { ecode: 'wrong_input' });
    const enabled = this.cfg.get().cluster.enabled_disk_templates;
    this.type = this.op.storage_type ?? LISTABLE_STORAGE_TYPES.find((t) => enabled.includes(t)) ?? 'file';
    if (!STORAGE_TYPES.includes(this.type)) {
      throw new OpPrereqError(`Unknown storage type: ${this.type} (allowed: ${STORAGE_TYPES.join(', ')})`, { ecode: 'wrong_input' });
    }
    if (!LISTABLE_STORAGE_TYPES.includes(this.type)) {
      throw new OpPrereqError(`Storage type '${this.type}' cannot be listed by this version (listable: ${LISTABLE_STORAGE_TYPES.join(', ')})`, { ecode: 'wrong_input' });
    }
    if (!enabled.includes(this.type)) {
      throw new OpPrereqError(`Storage type '${this.type}' is not enabled in this cluster (enabled disk templates: ${enabled.join(', ')})`, { ecode: 'wrong_state' });
    }
  }

  override checkPrereq(): void {
    const cfg = this.cfg.get();
    const wanted = this.op.nodes.length ? this.op.nodes.map((n) => this.cfg.expandNode(n)) : Object.values(cfg.nodes);
    this.nodes = niceSortBy([...new Map(wanted.map((n) => [n.uuid, n])).values()], (n) => n.name);
  }

  override async exec(): Promise<unknown> {
    const cfg = this.cfg.get();
    const req = { storage_type: this.type, ...storageDirs(cfg) };
    const results = await this.rt.rpc.callMany(this.nodes.map(nodeTarget), 'StorageList', req, { signal: this.rt.signal });
    const rows: unknown[][] = [];
    for (const node of this.nodes) {
      const r = results.get(node.name);
      if (!r || r.offline) continue;
      if (r.failed) { this.logWarning(`Can't get storage data from node ${node.name}: ${r.failMsg}`); continue; }
      const units = [...r.payload!.units].filter((u) => !this.op.name || u.name === this.op.name).sort((a, b) => a.name.localeCompare(b.name));
      for (const u of units) {
        const values: Record<string, unknown> = {
          node: node.name, type: this.type, name: u.name, size: Number(u.size), used: Number(u.used), free: Number(u.free), allocatable: u.allocatable,
        };
        rows.push(this.op.output_fields.map((f) => values[f]));
      }
    }
    return rows;
  }
}
