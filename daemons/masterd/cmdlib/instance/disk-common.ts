// What the disk logical units share (Ganeti's instance_storage.py helpers): the storage dirs
// every block device request carries, assembling and shutting down an instance's disks,
// CheckInstanceState, the ext provider check, free space for file disks, and creating a set
// of disks with rollback of the ones made when a later one fails.
import { OpExecError, OpPrereqError } from '../../../common/errors.js';
import type { ClusterConfig, Disk, Instance, Node } from '../../../common/objects.js';
import type { DiskSpec } from '../../../storage/descriptors.js';
import type { NodeTarget } from '../../rpc/node-rpc.js';
import type { ExtProviderInfo__Output } from '../../../../proto/generated/ganeti/ExtProviderInfo.js';
import type { LogicalUnit } from '../logical-unit.js';
import { diskToProto } from '../../instance-wire.js';
import { getNode } from '../common.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { checkNodeCapacity } from './placement.js';

/** The storage dirs of every Blockdev* request (node-independent). */
export function storageDirs(cfg: Readonly<ClusterConfig>): { file_storage_dir: string; shared_file_storage_dir: string } {
  return { file_storage_dir: cfg.cluster.file_storage_dir, shared_file_storage_dir: cfg.cluster.shared_file_storage_dir };
}

export function diskRequest(cfg: Readonly<ClusterConfig>, inst: Instance, d: Disk) {
  return { disk: diskToProto(d), instance_name: inst.name, ...storageDirs(cfg) };
}

/** The disk template's parameters: the cluster's, overridden by the node group's. */
export function templateDiskParams(cfg: Readonly<ClusterConfig>, template: string, node: Node | undefined): Record<string, unknown> {
  const group = node ? cfg.nodegroups[node.group] : undefined;
  return { ...(cfg.cluster.diskparams[template] ?? {}), ...((group?.diskparams[template] as object | undefined) ?? {}) };
}

/** Whether the hypervisor on the primary node runs the instance (prereq: raises when it cannot tell). */
export async function isRunning(lu: LogicalUnit, inst: Instance): Promise<boolean> {
  const pnode = getNode(lu.cfg.get(), inst.primary_node);
  if (pnode.offline) return false;
  const r = await lu.rt.rpc.call(nodeTarget(pnode), 'InstanceInfo', { name: inst.name, hypervisor: inst.hypervisor }, { signal: lu.rt.signal });
  return r.raise(`Can't contact node ${pnode.name} for instance information`, { prereq: true }).state === 'running';
}

/**
 * Ganeti's CheckInstanceState: the admin state must be one of `states`, and unless 'up' is
 * allowed the instance must not be running. msg: "cannot shutdown disks".
 */
export async function checkInstanceState(lu: LogicalUnit, inst: Instance, states: readonly string[], msg: string): Promise<void> {
  if (!states.includes(inst.admin_state)) {
    throw new OpPrereqError(`Instance '${inst.name}' is marked to be ${inst.admin_state}, ${msg}`, { ecode: 'wrong_state' });
  }
  if (!states.includes('up') && await isRunning(lu, inst)) {
    throw new OpPrereqError(`Instance ${inst.name} is running, ${msg}`, { ecode: 'wrong_state' });
  }
}

export const INSTANCE_DOWN = ['down'] as const;
export const INSTANCE_NOT_RUNNING = ['down', 'offline'] as const;

/** Assembles disks on the primary node: [node, iv_name, path] each; on failure none stays assembled. */
export async function assembleDisks(lu: LogicalUnit, inst: Instance, disks: Disk[] = inst.disks): Promise<[string, string, string][]> {
  const cfg = lu.cfg.get();
  const pnode = getNode(cfg, inst.primary_node);
  const done: Disk[] = [];
  const info: [string, string, string][] = [];
  for (const d of disks) {
    const r = await lu.rt.rpc.call(nodeTarget(pnode), 'BlockdevAssemble', diskRequest(cfg, inst, d), { signal: lu.rt.signal });
    if (r.failed) {
      lu.logWarning(`Could not prepare block device ${d.iv_name} on node ${pnode.name} (is_primary=True, pass=2): ${r.failMsg}`);
      await shutdownDisks(lu, inst, done);
      throw new OpExecError('Cannot activate block devices');
    }
    done.push(d);
    info.push([pnode.name, d.iv_name, r.payload!.path]);
  }
  return info;
}

/** Shuts disks down on the primary node; failures are warnings. Returns whether all succeeded. */
export async function shutdownDisks(lu: LogicalUnit, inst: Instance, disks: Disk[] = inst.disks): Promise<boolean> {
  const cfg = lu.cfg.get();
  const pnode = getNode(cfg, inst.primary_node);
  let ok = true;
  for (const d of disks) {
    const r = await lu.rt.rpc.call(nodeTarget(pnode), 'BlockdevShutdown', diskRequest(cfg, inst, d), { signal: lu.rt.signal });
    if (r.warn(`Could not shutdown block device ${d.iv_name} on node ${pnode.name}`, (m) => lu.logWarning(m))) ok = false;
  }
  return ok;
}

/** Ext disks: the provider must be valid on the node and take the parameters given. */
export async function checkExtProviders(lu: LogicalUnit, node: Node, specs: DiskSpec[]): Promise<void> {
  if (!specs.length) return;
  const ask = async (fresh: boolean) => {
    const rpc = fresh ? lu.rt.rpc : lu.rt.rpcCache;
    const r = await rpc.call(nodeTarget(node), 'ExtStorageDiagnose', {}, { signal: lu.rt.signal });
    return r.raise(`Can't get the ExtStorage providers of node ${node.name}`, { prereq: true }).providers;
  };
  // The cached list first; a provider installed a moment ago is worth asking the node again.
  const problem = extProblem(await ask(false), node, specs) && extProblem(await ask(true), node, specs);
  if (problem) throw new OpPrereqError(problem, { ecode: 'wrong_input' });
}

function extProblem(providers: ExtProviderInfo__Output[], node: Node, specs: DiskSpec[]): string {
  for (const s of specs) {
    const name = String(s.params.provider);
    const p = providers.find((x) => x.name === name);
    if (!p) {
      const valid = providers.filter((x) => x.valid).map((x) => x.name);
      return `ExtStorage provider '${name}' not found on node ${node.name} (valid providers: ${valid.join(', ') || 'none'})`;
    }
    if (!p.valid) return `ExtStorage provider '${name}' is not valid on node ${node.name}: ${p.diagnose}`;
    const unknown = Object.keys(s.params).filter((k) => k !== 'provider' && !p.parameters.includes(k));
    if (unknown.length) {
      return `ExtStorage provider '${name}' does not take parameter(s) ${unknown.join(', ')} (it takes: ${p.parameters.join(', ') || 'none'})`;
    }
  }
  return '';
}

/** File disks use the node's own space: check it (and reserve it for this job). */
export async function checkFileSpace(lu: LogicalUnit, template: string, node: Node, instName: string, mib: number): Promise<void> {
  if (template !== 'file' || mib <= 0) return;
  await checkNodeCapacity(lu.rt, node.name, instName, {
    memory: 0, vcpus: 0, disk: mib, spec: { memory: 0, vcpus: 0, diskSizes: [], nics: 0, spindleUse: 0 },
  });
}

/**
 * Creates disks on a node in order; when one fails, removes those this call made and raises.
 * Created disks get their logical_id (and size, when the node decided it) filled in.
 */
export async function createDisks(lu: LogicalUnit, target: NodeTarget, inst: Instance, disks: Disk[]): Promise<void> {
  const cfg = lu.cfg.get();
  const created: Disk[] = [];
  for (const d of disks) {
    const r = await lu.rt.rpc.call(target, 'BlockdevCreate', diskRequest(cfg, inst, d), { signal: lu.rt.signal });
    if (r.failed) {
      await removeDisks(lu, target, inst, created);
      r.raise(`Can't create block device ${d.iv_name} on node ${target.name} for instance ${inst.name}`);
    }
    const p = r.payload!;
    if (p.logical_id.length) d.logical_id = p.logical_id;
    if (Number(p.size) > 0) d.size = Number(p.size);
    created.push(d);
  }
}

/** Removes disks from a node; failures are warnings (the caller is cleaning up). */
export async function removeDisks(lu: LogicalUnit, target: NodeTarget, inst: Instance, disks: Disk[]): Promise<void> {
  const cfg = lu.cfg.get();
  for (const d of disks) {
    if (!d.logical_id.length) continue;
    const r = await lu.rt.rpc.call(target, 'BlockdevRemove', diskRequest(cfg, inst, d));
    r.warn(`Could not remove disk ${d.iv_name} of instance ${inst.name} on node ${target.name}`, (m) => lu.logWarning(m));
  }
}
