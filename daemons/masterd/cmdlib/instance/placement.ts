// Choosing and checking the node for an instance: live node totals (NodeInfo) combined
// with config commitments and reservations (CapacityTracker), decided and reserved in one
// synchronous step after the RPCs return.
import { OpPrereqError } from '../../../common/errors.js';
import type { NodeInfoResponse__Output } from '../../../../proto/generated/ganeti/NodeInfoResponse.js';
import { unfit } from '../../iallocator/hail.js';
import { buildHailInput, buildInput, diskSpaceTotal } from '../../iallocator/input.js';
import { DEFAULT_IALLOCATOR, findAllocator, runAllocator } from '../../iallocator/run.js';
import { hailAnswer, IAllocatorError, type IAnswer } from '../../../common/htools/iallocator.js';
import type { LuRuntime } from '../logical-unit.js';
import type { InstanceSpec } from '../../params.js';
import { nodeTarget } from '../../rpc/node-target.js';
import type { Node } from '../../../common/objects.js';
import { CapacityTracker, InstanceUsage } from '../../capacity.js';

export interface Demand { memory: number; vcpus: number; disk: number; spec: InstanceSpec }

export async function nodeInfos(rt: LuRuntime, nodes: Node[]): Promise<Map<string, NodeInfoResponse__Output | string>> {
  const cl = rt.cfg.get().cluster;
  const req = { hypervisors: cl.enabled_hypervisors, storage_units: [`file:${cl.file_storage_dir}`] };
  const res = await Promise.all(nodes.map((n) => rt.rpcCache.call(nodeTarget(n), 'NodeInfo', req, { signal: rt.signal })));
  return new Map(nodes.map((n, i) => {
    const r = res[i]!;
    return [n.uuid, r.failed ? r.failMsg : r.payload!];
  }));
}

export interface AllocateOptions {
  /** Only nodes of this node group (name or UUID), as Ganeti's allocate request's group_name. */
  group?: string | null;
  /** The disk template, when the caller knows it (it decides how htools counts disk). */
  template?: string;
  /** Shown in gnt-debug iallocator and job logs when set: called with input and output. */
  onExchange?: (input: string, output: string) => void;
}

/** Ganeti's IAReqInstanceAlloc through the named allocator (hail: in-process, same answer as the
 * hail program); reserves the chosen node's capacity for this job and returns its name. */
export async function allocateNode(rt: LuRuntime, allocator: string, name: string, demand: Demand, opts: AllocateOptions = {}): Promise<string> {
  findAllocator(rt.paths, allocator);
  const cfg = rt.cfg.get();
  let groupName: string | null = null;
  if (opts.group) {
    const g = Object.values(cfg.nodegroups).find((x) => x.name === opts.group || x.uuid === opts.group);
    if (!g) throw new OpPrereqError(`Node group '${opts.group}' not found (known: ${Object.values(cfg.nodegroups).map((x) => x.name).join(', ')})`, { ecode: 'unknown_entity' });
    groupName = g.name;
  }
  const now = rt.cfg.get();
  const template = opts.template ?? 'diskless';
  const request = {
    // The instance's memory whether or not it starts now (as Ganeti's request): it will run here.
    type: 'allocate', name, disk_template: template, tags: [], os: '', vcpus: demand.vcpus, memory: demand.spec.memory,
    spindle_use: demand.spec.spindleUse, disks: demand.spec.diskSizes.map((size) => ({ size, mode: 'rw' })),
    disk_space_total: diskSpaceTotal(template, demand.spec.diskSizes), nics: [], required_nodes: 1,
    hypervisor: now.cluster.enabled_hypervisors[0] ?? '', ...(groupName ? { group_name: groupName } : {}),
  };
  const chosen = await askAllocator(rt, allocator, request, opts.onExchange);
  rt.capacity.reserve(rt.owner, { node: chosen.uuid, memory: demand.memory, vcpus: demand.vcpus, disk: demand.disk });
  return chosen.name;
}

/** Runs one request through the allocator; the node its answer names first. */
async function askAllocator(rt: LuRuntime, allocator: string, request: Record<string, unknown>,
  onExchange?: (input: string, output: string) => void): Promise<Node> {
  const nodes = Object.values(rt.cfg.get().nodes);
  const infos = await nodeInfos(rt, nodes.filter((n) => !n.offline && n.vm_capable));
  const now = rt.cfg.get();
  let answer: IAnswer | null = null;
  if (allocator === DEFAULT_IALLOCATOR && request.type === 'allocate' && !onExchange) {
    // The in-process hail on instances it parsed before (buildHailInput); same answer.
    let input: ReturnType<typeof buildHailInput> | null = null;
    try { input = buildHailInput(now, infos, rt.capacity.usage(now, InstanceUsage.of(rt.cfg)), request, rt.cfg); } catch (err) {
      if (!(err instanceof IAllocatorError)) throw err;   // the document path reports it as hail does
    }
    if (input) answer = hailAnswer(input.doc, input.instances, input.kept);
  }
  if (!answer) {
    const doc = buildInput(now, infos, rt.capacity.usage(now, InstanceUsage.of(rt.cfg)), request);
    // input/output may be made lazily (in-process hail): read them only when someone looks.
    const run = await runAllocator(rt.paths, allocator, doc, rt.signal);
    answer = run.answer;
    onExchange?.(run.input, run.output);
  }
  const chosenName = answer.success && Array.isArray(answer.result) ? answer.result[0] : undefined;
  const chosen = typeof chosenName === 'string' ? rt.cfg.nodeByName(chosenName) : undefined;
  if (!chosen) {
    throw new OpPrereqError(`Can't compute nodes using iallocator '${allocator}': ${answer.info}`, { ecode: 'insufficient_resources' });
  }
  return chosen;
}

/** Ganeti's IAReqRelocate: a new node for an existing instance, away from `from` (its primary
 * for a failover or migration without -n); reserves the capacity it needs there. */
export async function relocateNode(rt: LuRuntime, allocator: string, name: string, from: string[], demand: Demand): Promise<string> {
  findAllocator(rt.paths, allocator);
  const chosen = await askAllocator(rt, allocator, { type: 'relocate', name, required_nodes: 1, relocate_from: from });
  rt.capacity.reserve(rt.owner, { node: chosen.uuid, memory: demand.memory, vcpus: demand.vcpus, disk: demand.disk });
  return chosen.name;
}

/**
 * For an explicitly named node: refuse when it cannot take the instance, else reserve. The
 * vcpu bound is the instance policy's vcpu-ratio times the node's cpus (Ganeti leaves it to
 * the policy), so ignoreIpolicy (--ignore-ipolicy) lifts it; memory and disk always count.
 */
export async function checkNodeCapacity(rt: LuRuntime, nodeName: string, name: string, demand: Demand, ignoreIpolicy = false): Promise<void> {
  const node = rt.cfg.nodeByName(nodeName)!;
  if (node.offline) return; // checkPrereq refuses offline nodes with a clearer message
  const info = (await nodeInfos(rt, [node])).get(node.uuid);
  if (typeof info === 'string' || !info) {
    throw new OpPrereqError(`Can't get data from node ${node.name}: ${info ?? 'no answer'}`, { ecode: 'environment_error' });
  }
  const cfg = rt.cfg.get();
  const ratio = cfg.cluster.ipolicy['vcpu-ratio'] || 4;
  const free = CapacityTracker.free(info, rt.capacity.usage(cfg, InstanceUsage.of(rt.cfg)).get(node.uuid), ratio);
  const why = unfit({ name, memory: demand.memory, vcpus: ignoreIpolicy ? 0 : demand.vcpus, disk: demand.disk }, free);
  if (why) {
    const vcpuHint = why.startsWith('not enough vcpus')
      ? ` (instance policy vcpu-ratio ${ratio} x ${info.cpu_total} cpus; --ignore-ipolicy overrides it)` : '';
    throw new OpPrereqError(`Node ${node.name} cannot host instance ${name}: ${why}${vcpuHint}`, { ecode: 'insufficient_resources' });
  }
  rt.capacity.reserve(rt.owner, { node: node.uuid, memory: demand.memory, vcpus: demand.vcpus, disk: demand.disk });
}
