// The daemon side of gnt-cluster command, copyfile and the end of destroy, run on the master
// by ganeti-cluster-command (cluster-command-main.ts). Ganeti does these over root ssh from
// the client; here they go over the nodes' own mutual-TLS channel as master-only node RPCs
// (NodeRunCommand, NodeCopyFile, NodeStopMaster, NodeLeaveCluster), signed with this node's
// certificate: a node answers only while ssconf names this node the master, so the program
// is refused anywhere else. Why not ssh: after the join, ssh is not part of the cluster's
// trust (nodes keep no root keys for one another); the TLS channel is checked per RPC, the
// command is an argv that no shell parses, and the node checks the path it writes itself.
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { OpPrereqError } from '../../common/errors.js';
import type { Logger } from '../../common/log.js';
import type { ClusterConfig, Node } from '../../common/objects.js';
import type { Paths } from '../../common/paths.js';
import { niceSort } from '../../common/client/py-format.js';
import { getMasterNode } from '../../common/ssconf.js';
import { readConfigCopy } from '../../common/config-journal.js';
import {
  type ClusterCommandMessage, type ClusterCommandOptions, MAX_COPYFILE_BYTES,
} from '../../common/cluster-command-options.js';
import { GrpcNodeRpc, type NodeTarget } from '../rpc/node-rpc.js';
import { nodeTarget } from '../rpc/node-target.js';

type Emit = (msg: ClusterCommandMessage) => void;

function requireMaster(paths: Paths): void {
  const master = getMasterNode(paths);
  if (!master) throw new OpPrereqError('Cluster not initialized or this machine is not part of a cluster', { ecode: 'wrong_state' });
  if (master !== paths.hostname) {
    throw new OpPrereqError(`This command must be run on the master node (${master}); this is ${paths.hostname}`, { ecode: 'wrong_input' });
  }
}

async function readConfig(paths: Paths): Promise<ClusterConfig> {
  // The file plus its journal: nodes added since the last compaction live only in the journal.
  let copy;
  try { copy = await readConfigCopy<ClusterConfig>(paths.clusterConfFile); } catch (err) {
    throw new OpPrereqError(`Cannot read the cluster configuration ${paths.clusterConfFile}: ${(err as Error).message}`, { ecode: 'environment_error' });
  }
  if (!copy) throw new OpPrereqError(`Cannot read the cluster configuration ${paths.clusterConfFile}: it does not exist`, { ecode: 'environment_error' });
  return copy.doc;
}

/** Ganeti's GetOnlineNodes: the named nodes (all when none) or a group's, without the offline
 * ones (named in a note), optionally without the master. Unknown names are an error here. */
export function onlineNodes(cfg: ClusterConfig, opts: { nodes: string[]; group?: string; filterMaster?: boolean },
  note: (text: string) => void): Node[] {
  const all = Object.values(cfg.nodes);
  if (opts.nodes.length && opts.group) throw new OpPrereqError('Only one of -n/--node and -g/--node-group can be given', { ecode: 'wrong_input' });
  let chosen: Node[];
  if (opts.nodes.length) {
    const byName = new Map(all.map((n) => [n.name, n]));
    const unknown = opts.nodes.filter((n) => !byName.has(n));
    if (unknown.length) throw new OpPrereqError(`Node(s) ${unknown.join(', ')} not known; the nodes are ${niceSort(byName.keys()).join(', ')}`, { ecode: 'unknown_entity' });
    chosen = [...new Set(opts.nodes)].map((n) => byName.get(n)!);
  } else if (opts.group) {
    const group = Object.values(cfg.nodegroups).find((g) => g.name === opts.group || g.uuid === opts.group);
    if (!group) {
      throw new OpPrereqError(`Node group '${opts.group}' not known; the groups are ${Object.values(cfg.nodegroups).map((g) => g.name).join(', ')}`, { ecode: 'unknown_entity' });
    }
    chosen = all.filter((n) => n.group === group.uuid);
  } else {
    chosen = all;
  }
  const offline = niceSort(chosen.filter((n) => n.offline).map((n) => n.name));
  if (offline.length) note(`Note: skipping offline node(s): ${offline.join(', ')}`);
  const master = cfg.nodes[cfg.cluster.master_node]?.name;
  const order = new Map(niceSort(chosen.map((n) => n.name)).map((name, i) => [name, i]));
  return chosen.filter((n) => !n.offline && !(opts.filterMaster && n.name === master))
    .sort((a, b) => order.get(a.name)! - order.get(b.name)!);
}

/** Ganeti's order for gnt-cluster command: natural order, the master last. */
export function commandOrder(cfg: ClusterConfig, nodes: Node[]): Node[] {
  const master = cfg.nodes[cfg.cluster.master_node]?.name;
  return [...nodes.filter((n) => n.name !== master), ...nodes.filter((n) => n.name === master)];
}

/** The path as the cluster knows it: on a virtual cluster relative to this node's root (each
 * node adds its own), else the path itself. */
export function clusterPath(paths: Paths, file: string): string {
  if (!paths.nodeRoot) return file;
  if (file.startsWith(paths.nodeRoot + '/')) return file.slice(paths.nodeRoot.length);
  throw new OpPrereqError(`File ${file} is not below this node's root ${paths.nodeRoot}: on a virtual cluster copyfile copies ` +
    'files between node roots', { ecode: 'wrong_input' });
}

export async function runClusterCommand(paths: Paths, opts: ClusterCommandOptions, log: Logger, emit: Emit): Promise<void> {
  requireMaster(paths);
  const rpc = new GrpcNodeRpc(paths, log);
  try {
    if (opts.action === 'destroy-finalize') { await finalizeDestroy(paths, rpc, emit); return; }
    const cfg = await readConfig(paths);
    const note = (text: string) => emit({ note: text });
    if (opts.action === 'command') {
      const nodes = commandOrder(cfg, onlineNodes(cfg, { nodes: opts.nodes, group: opts.group }, note));
      // Serially, as Ganeti's: the output of one node is printed before the next one starts.
      for (const n of nodes) {
        const r = await rpc.call(nodeTarget(n), 'NodeRunCommand', { argv: opts.argv });
        if (r.failed) emit({ node: n.name, output: `Error running the command on node ${n.name}: ${r.failMsg}`, exit_code: 255 });
        else emit({ node: n.name, output: Buffer.from(r.payload!.output).toString('utf8'), exit_code: r.payload!.exit_code });
      }
      return;
    }
    // copyfile
    if (!isAbsolute(opts.file)) throw new OpPrereqError(`File name '${opts.file}' must be absolute`, { ecode: 'wrong_input' });
    const st = await stat(opts.file).catch(() => null);
    if (!st) throw new OpPrereqError(`No such filename '${opts.file}'`, { ecode: 'wrong_input' });
    if (!st.isFile()) throw new OpPrereqError(`'${opts.file}' is not a regular file`, { ecode: 'wrong_input' });
    if (st.size > MAX_COPYFILE_BYTES) {
      throw new OpPrereqError(`File ${opts.file} has ${st.size} bytes; copyfile copies files of up to ${MAX_COPYFILE_BYTES} bytes`, { ecode: 'wrong_input' });
    }
    const vpath = clusterPath(paths, opts.file);
    const data = await readFile(opts.file);
    const nodes = onlineNodes(cfg, { nodes: opts.nodes, group: opts.group, filterMaster: true }, note);
    const target = (n: Node): NodeTarget => (opts.use_replication_network ? { ...nodeTarget(n), ip: n.secondary_ip || n.primary_ip } : nodeTarget(n));
    for (const n of nodes) {
      const r = await rpc.call(target(n), 'NodeCopyFile', {
        path: vpath, data, mode: st.mode & 0o7777, atime: st.atimeMs / 1000, mtime: st.mtimeMs / 1000,
      });
      if (r.failed) emit({ error: `Copy of file ${opts.file} to node ${n.name} failed: ${r.failMsg}` });
    }
  } finally {
    rpc.close();
  }
}

/** Ganeti's FinalizeClusterDestroy, after OP_CLUSTER_DESTROY succeeded (no other node, no
 * instance; the master IP is down): stop the master daemons here, then this node leaves
 * (noded removes the certificates, config, ssconf and job queue, and stops). */
async function finalizeDestroy(paths: Paths, rpc: GrpcNodeRpc, emit: Emit): Promise<void> {
  const self: NodeTarget = { name: paths.hostname, ip: await ownAddress(paths) };
  const stop = await rpc.call(self, 'NodeStopMaster', {}, { timeoutMs: 120_000 });
  if (stop.failed) emit({ error: `Could not stop the master role: ${stop.failMsg}` });
  const leave = await rpc.call(self, 'NodeLeaveCluster', {}, { timeoutMs: 60_000 });
  if (leave.failed) emit({ error: `Warning: Could not shutdown the node daemon and cleanup the node: ${leave.failMsg}` });
}

async function ownAddress(paths: Paths): Promise<string> {
  const cfg = await readConfig(paths);
  const me = Object.values(cfg.nodes).find((n) => n.name === paths.hostname);
  if (!me) throw new OpPrereqError(`This node (${paths.hostname}) is not in the cluster configuration`, { ecode: 'wrong_state' });
  return me.primary_ip;
}
