// Node query fields (Ganeti's NODE_FIELDS). Config fields read the node object; live
// fields read the node's NodeInfo RPC result: offline node -> offline cell, node that
// cannot host instances -> unavail, failed RPC -> nodata.
import type { ClusterConfig, Node, NodeGroup } from '../../common/objects.js';
import { findTemplate } from '../../storage/descriptors.js';
import type { NodeInfoResponse__Output } from '../../../proto/generated/ganeti/NodeInfoResponse.js';
import { niceSort } from './nice-sort.js';
import {
  fieldMap, makeField, ndParamFields, NODATA, OFFLINE, SERIAL_DOC, timestampFields, UNAVAIL,
  type Field, type FieldMap, type LiveData,
} from './types.js';

/** Per-query data shared by all node rows; instance maps are built only if a field asks. */
export class NodeContext {
  private prim: Map<string, string[]> | null = null;
  private sec: Map<string, string[]> | null = null;
  constructor(readonly cfg: Readonly<ClusterConfig>, readonly live: LiveData) {}

  private build(): void {
    this.prim = new Map();
    this.sec = new Map();
    for (const inst of Object.values(this.cfg.instances)) {
      push(this.prim, inst.primary_node, inst.name);
      for (const s of inst.secondary_nodes) push(this.sec, s, inst.name);
    }
  }
  primaries(uuid: string): string[] { if (!this.prim) this.build(); return this.prim!.get(uuid) ?? []; }
  secondaries(uuid: string): string[] { if (!this.sec) this.build(); return this.sec!.get(uuid) ?? []; }
  group(node: Node): NodeGroup | undefined { return this.cfg.nodegroups[node.group]; }

  /** cluster ndparams <- group <- node, as Cluster.FillND; null when the group is missing. */
  ndparams(node: Node): Record<string, unknown> | null {
    const g = this.group(node);
    return g ? { ...this.cfg.cluster.ndparams, ...g.ndparams, ...node.ndparams } : null;
  }
}

function push(m: Map<string, string[]>, k: string, v: string): void {
  const l = m.get(k);
  if (l) l.push(v); else m.set(k, [v]);
}

type NF = Field<NodeContext, Node>;


function liveField(name: string, title: string, kind: 'text' | 'number' | 'unit', doc: string,
  pick: (info: NodeInfoResponse__Output, ctx: NodeContext) => unknown): NF {
  return makeField<NodeContext, Node>(name, title, kind, doc, (ctx, node) => {
    if (node.offline) return OFFLINE;
    if (!node.vm_capable) return UNAVAIL;
    const r = ctx.live.nodeInfo?.get(node.uuid);
    if (!r || r.failed || r.payload === null) return NODATA;
    return pick(r.payload, ctx);
  }, { live: 'nodeInfo' });
}

/** The storage unit Ganeti reports for instance disks: the default template's, else file. */
function storage(info: NodeInfoResponse__Output, ctx: NodeContext, key: 'total' | 'free'): unknown {
  const first = ctx.cfg.cluster.enabled_disk_templates[0];
  // The storage type backing the template (its descriptor), to pick the unit dtotal/dfree report.
  const wanted = [findTemplate(first ?? '')?.storageType, 'file'].filter((t): t is string => !!t);
  for (const type of wanted) {
    const unit = info.storage.find((s) => s.type === type && s.reported);
    if (unit) return Number(unit[key]);
  }
  return NODATA;
}

function role(ctx: NodeContext, node: Node): string {
  if (node.uuid === ctx.cfg.cluster.master_node) return 'M';
  // A drained node may stay a candidate here (see set-params.ts); "D" says what an admin most needs to know.
  if (node.drained) return 'D';
  if (node.master_candidate) return 'C';
  if (node.offline) return 'O';
  return 'R';
}

function build(): FieldMap<NodeContext, Node> {
  const f = makeField<NodeContext, Node>;
  const fields: NF[] = [
    f('name', 'Node', 'text', 'Node name', (_c, n) => n.name, { flag: 'hostname' }),
    f('pip', 'PrimaryIP', 'text', 'Primary IP address', (_c, n) => n.primary_ip),
    f('sip', 'SecondaryIP', 'text', 'Secondary IP address', (_c, n) => n.secondary_ip),
    f('master', 'IsMaster', 'bool', 'Whether node is master', (c, n) => n.uuid === c.cfg.cluster.master_node),
    f('master_candidate', 'MasterC', 'bool', 'Whether node is a master candidate', (_c, n) => n.master_candidate),
    f('master_capable', 'MasterCapable', 'bool', 'Whether node can become a master candidate', (_c, n) => n.master_capable),
    f('vm_capable', 'VMCapable', 'bool', 'Whether node can host instances', (_c, n) => n.vm_capable),
    f('drained', 'Drained', 'bool', 'Whether node is drained', (_c, n) => n.drained),
    f('offline', 'Offline', 'bool', 'Whether node is marked offline', (_c, n) => n.offline),
    f('role', 'Role', 'text', 'Node role; "M" for master, "C" for master candidate, "R" for regular,'
      + ' "D" for drained, "O" for offline', role),
    f('group', 'Group', 'text', 'Node group', (c, n) => c.group(n)?.name ?? UNAVAIL),
    f('group.uuid', 'GroupUUID', 'text', 'UUID of node group', (_c, n) => n.group),
    // Without an out-of-band program the power state is not known (Ganeti's NQ_OOB).
    f('powered', 'Powered', 'bool', 'Whether node is thought to be powered on',
      (c, n) => (c.ndparams(n)?.oob_program ? n.powered : UNAVAIL)),
    f('ndparams', 'NodeParameters', 'other', 'Merged node parameters', (c, n) => c.ndparams(n) ?? UNAVAIL),
    f('custom_ndparams', 'CustomNodeParameters', 'other', 'Custom node parameters', (_c, n) => n.ndparams),
    f('hv_state', 'HypervisorState', 'other', 'Hypervisor state', () => UNAVAIL),
    f('disk_state', 'DiskState', 'other', 'Disk state', () => UNAVAIL),
    f('pinst_cnt', 'Pinst', 'number', 'Number of instances with this node as primary', (c, n) => c.primaries(n.uuid).length),
    f('sinst_cnt', 'Sinst', 'number', 'Number of instances with this node as secondary', (c, n) => c.secondaries(n.uuid).length),
    f('pinst_list', 'PriInstances', 'other', 'List of instances with this node as primary', (c, n) => niceSort(c.primaries(n.uuid))),
    f('sinst_list', 'SecInstances', 'other', 'List of instances with this node as secondary', (c, n) => niceSort(c.secondaries(n.uuid))),
    f('tags', 'Tags', 'other', 'Tags', (_c, n) => [...n.tags]),
    f('uuid', 'UUID', 'text', 'Node UUID', (_c, n) => n.uuid),
    f('serial_no', 'SerialNo', 'number', SERIAL_DOC('Node'), (_c, n) => n.serial_no),
    ...timestampFields<NodeContext, Node>(),
    ...ndParamFields<NodeContext, Node>((c, n) => c.ndparams(n)),
    liveField('bootid', 'BootID', 'text', 'Random UUID renewed for each system reboot, can be used'
      + ' for detecting reboots by tracking changes', (i) => i.bootid),
    liveField('ctotal', 'CTotal', 'number', 'Number of logical processors', (i) => i.cpu_total),
    // Linux hypervisors report that the node OS may use every CPU (hv_base: cpu_dom0 = cpu_total).
    liveField('cnos', 'CNOs', 'number', 'Number of logical processors used by the node OS (dom0 for Xen)', (i) => i.cpu_total),
    liveField('cnodes', 'CNodes', 'number', 'Number of NUMA domains on node (if exported by hypervisor)', (i) => i.cpu_nodes),
    liveField('csockets', 'CSockets', 'number', 'Number of physical CPU sockets (if exported by hypervisor)', (i) => i.cpu_sockets),
    liveField('dtotal', 'DTotal', 'unit', 'Total storage space in storage unit used for instance disk allocation',
      (i, c) => storage(i, c, 'total')),
    liveField('dfree', 'DFree', 'unit', 'Available storage space in storage unit', (i, c) => storage(i, c, 'free')),
    // Spindles are only reported with exclusive storage on LVM, which this build lacks.
    liveField('sptotal', 'SpTotal', 'number', 'Total spindles in volume group (exclusive storage only)', () => UNAVAIL),
    liveField('spfree', 'SpFree', 'number', 'Available spindles in volume group (exclusive storage only)', () => UNAVAIL),
    liveField('mtotal', 'MTotal', 'unit', 'Total amount of memory of physical machine', (i) => Number(i.memory_total)),
    liveField('mnode', 'MNode', 'unit', 'Amount of memory used by node (dom0 for Xen)', (i) => Number(i.memory_dom0)),
    liveField('mfree', 'MFree', 'unit', 'Memory available for instance allocations', (i) => Number(i.memory_free)),
  ];
  return fieldMap(fields);
}

export const NODE_FIELDS: FieldMap<NodeContext, Node> = build();
