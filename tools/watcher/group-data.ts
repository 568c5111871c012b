// What one group run needs from the master (Ganeti's _GetGroupData): the group's instances
// (by primary node) with their status and admin state, and its nodes with their boot ids.
// Instances split across groups are left out, as Ganeti does.
import type { Cell, MasterApi } from '../../daemons/common/client/master-api.js';
import type { WatcherLog } from './log.js';

export interface Instance {
  name: string;
  status: string;
  adminState: string;
  adminStateSource: string;
  disksActive: boolean;
  snodes: string[];
  diskTemplate: string;
}

export interface Node {
  name: string;
  /** null when the node could not tell (down, offline). */
  bootid: string | null;
  offline: boolean;
  /** Instances that have this node as a secondary. */
  secondaries: Set<string>;
}

export interface GroupData { nodes: Map<string, Node>; instances: Map<string, Instance> }

const INSTANCE_FIELDS = ['name', 'status', 'admin_state', 'admin_state_source', 'disks_active', 'snodes',
  'pnode.group.uuid', 'snodes.group.uuid', 'disk_template'];

const val = (c: Cell | undefined): unknown => (c && c.status === 0 ? c.value : null);
const str = (c: Cell | undefined): string => { const v = val(c); return typeof v === 'string' ? v : ''; };
const list = (c: Cell | undefined): string[] => { const v = val(c); return Array.isArray(v) ? v.map(String) : []; };

export async function getGroupData(master: MasterApi, uuid: string, log: WatcherLog): Promise<GroupData> {
  const [qi, qn] = await Promise.all([
    master.query('instance', INSTANCE_FIELDS, [], ['=', 'pnode.group.uuid', uuid]),
    master.query('node', ['name', 'bootid', 'offline'], [], ['=', 'group.uuid', uuid]),
  ]);
  const instances = new Map<string, Instance>();
  const secondaries = new Map<string, Set<string>>();
  for (const row of qi.rows) {
    const name = str(row[0]);
    const snodes = list(row[5]);
    const pgroup = str(row[6]);
    const sgroups = list(row[7]);
    if (snodes.length && (new Set(sgroups).size !== 1 || sgroups[0] !== pgroup)) {
      log.error(`Ignoring split instance '${name}', primary group ${pgroup}, secondary groups ${sgroups.join(', ')}`);
      continue;
    }
    instances.set(name, {
      name, status: str(row[1]), adminState: str(row[2]), adminStateSource: str(row[3]),
      disksActive: val(row[4]) === true, snodes, diskTemplate: str(row[8]),
    });
    for (const s of snodes) {
      let set = secondaries.get(s);
      if (!set) secondaries.set(s, set = new Set());
      set.add(name);
    }
  }
  const nodes = new Map<string, Node>();
  for (const row of qn.rows) {
    const name = str(row[0]);
    nodes.set(name, { name, bootid: str(row[1]) || null, offline: val(row[2]) === true, secondaries: secondaries.get(name) ?? new Set() });
  }
  return { nodes, instances };
}
