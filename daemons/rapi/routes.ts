// THE route table of ganeti-rapi (Ganeti's connector.GetHandlers): one line per resource,
// path pattern -> methods. A path that matches no line is an unknown resource (404); a
// method a line lacks is 501, as in Ganeti. When a capability lands, its handler becomes one
// entry here.
import * as cluster from './resources/cluster.js';
import * as g from './resources/groups.js';
import * as i from './resources/instances.js';
import * as j from './resources/jobs.js';
import * as n from './resources/nodes.js';
import * as net from './resources/networks.js';
import * as q from './resources/query.js';
import { tagResource } from './resources/tags.js';
import type { Methods } from './resources/common.js';

const NAME = '([\\w._-]+)';
const ID = '(\\d+)';
const QR = `(${q.QUERY_RESOURCES.join('|')})`;

const TABLE: [string, Methods][] = [
  ['/', cluster.root],
  ['/version', cluster.version],
  ['/2', cluster.root],
  ['/2/info', cluster.info],
  ['/2/features', cluster.features],
  ['/2/os', cluster.os],
  ['/2/tags', tagResource('cluster')],
  ['/2/instances', i.instances],
  ['/2/instances-multi-alloc', i.instancesMultiAlloc],
  [`/2/instances/${NAME}`, i.instance],
  [`/2/instances/${NAME}/info`, i.instanceInfo],
  [`/2/instances/${NAME}/reboot`, i.instanceReboot],
  [`/2/instances/${NAME}/startup`, i.instanceStartup],
  [`/2/instances/${NAME}/shutdown`, i.instanceShutdown],
  [`/2/instances/${NAME}/reinstall`, i.instanceReinstall],
  [`/2/instances/${NAME}/rename`, i.instanceRename],
  [`/2/instances/${NAME}/modify`, i.instanceModify],
  [`/2/instances/${NAME}/migrate`, i.instanceMigrate],
  [`/2/instances/${NAME}/failover`, i.instanceFailover],
  [`/2/instances/${NAME}/activate-disks`, i.instanceActivateDisks],
  [`/2/instances/${NAME}/deactivate-disks`, i.instanceDeactivateDisks],
  [`/2/instances/${NAME}/recreate-disks`, i.instanceRecreateDisks],
  [`/2/instances/${NAME}/disk/${ID}/grow`, i.instanceDiskGrow],
  [`/2/instances/${NAME}/console`, i.instanceConsole],
  [`/2/instances/${NAME}/tags`, tagResource('instance')],
  ['/2/nodes', n.nodes],
  [`/2/nodes/${NAME}`, n.node],
  [`/2/nodes/${NAME}/role`, n.nodeRole],
  [`/2/nodes/${NAME}/modify`, n.nodeModify],
  [`/2/nodes/${NAME}/migrate`, n.nodeMigrate],
  [`/2/nodes/${NAME}/evacuate`, n.nodeEvacuate],
  [`/2/nodes/${NAME}/storage`, n.nodeStorage],
  [`/2/nodes/${NAME}/tags`, tagResource('node')],
  ['/2/groups', g.groups],
  [`/2/groups/${NAME}`, g.group],
  [`/2/groups/${NAME}/modify`, g.groupModify],
  [`/2/groups/${NAME}/rename`, g.groupRename],
  [`/2/groups/${NAME}/assign-nodes`, g.groupAssignNodes],
  [`/2/groups/${NAME}/tags`, tagResource('nodegroup')],
  ['/2/networks', net.networks],
  [`/2/networks/${NAME}`, net.network],
  [`/2/networks/${NAME}/modify`, net.networkModify],
  [`/2/networks/${NAME}/connect`, net.networkConnect],
  [`/2/networks/${NAME}/disconnect`, net.networkDisconnect],
  [`/2/networks/${NAME}/tags`, tagResource('network')],
  ['/2/jobs', j.jobs],
  [`/2/jobs/${ID}`, j.job],
  [`/2/jobs/${ID}/wait`, j.jobWait],
  [`/2/query/${QR}`, q.query],
  [`/2/query/${QR}/fields`, q.queryFieldsRes],
];

const COMPILED = TABLE.map(([p, methods]) => ({ re: new RegExp(`^${p}$`), methods }));

/** The route of a path: its methods and the captured items, or null (unknown resource). */
export function matchRoute(path: string): { methods: Methods; items: string[] } | null {
  for (const { re, methods } of COMPILED) {
    const m = re.exec(path);
    if (m) return { methods, items: m.slice(1) };
  }
  return null;
}
