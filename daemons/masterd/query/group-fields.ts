// Node group query fields (Ganeti's GROUP_FIELDS). Filled values merge the cluster's
// defaults with the group's overrides the way objects.FillIPolicy / FillDiskParams do.
import type { ClusterConfig, NodeGroup } from '../../common/objects.js';
import { niceSort } from './nice-sort.js';
import { fieldMap, makeField, ndParamFields, SERIAL_DOC, timestampFields, type Field, type FieldMap } from './types.js';

export class GroupContext {
  private nodes: Map<string, string[]> | null = null;
  private insts: Map<string, string[]> | null = null;
  constructor(readonly cfg: Readonly<ClusterConfig>) {}

  private build(): void {
    this.nodes = new Map();
    this.insts = new Map();
    const add = (m: Map<string, string[]>, k: string, v: string): void => { const l = m.get(k); if (l) l.push(v); else m.set(k, [v]); };
    for (const n of Object.values(this.cfg.nodes)) add(this.nodes, n.group, n.name);
    for (const i of Object.values(this.cfg.instances)) {
      const g = this.cfg.nodes[i.primary_node]?.group;
      if (g) add(this.insts, g, i.name);
    }
  }
  nodeNames(uuid: string): string[] { if (!this.nodes) this.build(); return this.nodes!.get(uuid) ?? []; }
  instanceNames(uuid: string): string[] { if (!this.insts) this.build(); return this.insts!.get(uuid) ?? []; }
  ndparams(g: NodeGroup): Record<string, unknown> { return { ...this.cfg.cluster.ndparams, ...g.ndparams }; }
}

/** The group's policy over the cluster's: whole keys replace, except `std` which merges. */
export function fillIPolicy(cluster: object, custom: object): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(custom as Record<string, unknown>);
  for (const [k, v] of Object.entries(cluster)) {
    if (!(k in out)) out[k] = structuredClone(v);
    else if (k === 'std') out[k] = { ...(v as object), ...(out[k] as object) };
  }
  return out;
}

/** Per disk template, the cluster's parameters overridden by the group's. */
export function fillDiskParams(cluster: Record<string, Record<string, unknown>>, custom: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const t of new Set([...Object.keys(cluster), ...Object.keys(custom)])) {
    out[t] = { ...(cluster[t] ?? {}), ...((custom[t] as object | undefined) ?? {}) };
  }
  return out;
}

type GF = Field<GroupContext, NodeGroup>;

function build(): FieldMap<GroupContext, NodeGroup> {
  const f = makeField<GroupContext, NodeGroup>;
  const fields: GF[] = [
    f('name', 'Group', 'text', 'Group name', (_c, g) => g.name),
    f('uuid', 'UUID', 'text', 'Group UUID', (_c, g) => g.uuid),
    f('alloc_policy', 'AllocPolicy', 'text', 'Allocation policy for group', (_c, g) => g.alloc_policy),
    f('serial_no', 'SerialNo', 'number', SERIAL_DOC('Group'), (_c, g) => g.serial_no),
    f('node_cnt', 'Nodes', 'number', 'Number of nodes', (c, g) => c.nodeNames(g.uuid).length),
    f('node_list', 'NodeList', 'other', 'List of nodes', (c, g) => niceSort(c.nodeNames(g.uuid))),
    f('pinst_cnt', 'Instances', 'number', 'Number of primary instances', (c, g) => c.instanceNames(g.uuid).length),
    f('pinst_list', 'InstanceList', 'other', 'List of primary instances', (c, g) => niceSort(c.instanceNames(g.uuid))),
    f('tags', 'Tags', 'other', 'Tags', (_c, g) => [...g.tags]),
    f('ipolicy', 'InstancePolicy', 'other', 'Instance policy limitations (merged)',
      (c, g) => fillIPolicy(c.cfg.cluster.ipolicy, g.ipolicy)),
    f('custom_ipolicy', 'CustomInstancePolicy', 'other', 'Custom instance policy limitations', (_c, g) => g.ipolicy),
    f('ndparams', 'NDParams', 'other', 'Node parameters', (c, g) => c.ndparams(g)),
    f('custom_ndparams', 'CustomNDParams', 'other', 'Custom node parameters', (_c, g) => g.ndparams),
    f('diskparams', 'DiskParameters', 'other', 'Disk parameters (merged)',
      (c, g) => fillDiskParams(c.cfg.cluster.diskparams, g.diskparams)),
    f('custom_diskparams', 'CustomDiskParameters', 'other', 'Custom disk parameters', (_c, g) => g.diskparams),
    ...ndParamFields<GroupContext, NodeGroup>((c, g) => c.ndparams(g)),
    ...timestampFields<GroupContext, NodeGroup>(),
  ];
  return fieldMap(fields);
}

export const GROUP_FIELDS: FieldMap<GroupContext, NodeGroup> = build();
