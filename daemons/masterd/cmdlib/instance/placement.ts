// Choosing and checking the node for an instance: live node totals (NodeInfo) combined
// with config commitments and reservations (CapacityTracker), decided and reserved in one
// synchronous step after the RPCs return.
import { OpPrereqError } from '../../../common/errors.js';
import type { NodeInfoResponse__Output } from '../../../../proto/generated/ganeti/NodeInfoResponse.js';
import { hailAllocate, unfit, type AllocCandidate } from '../../iallocator/hail.js';
import type { LuRuntime } from '../logical-unit.js';
import type { InstanceSpec } from '../../params.js';
import { nodeTarget } from '../../rpc/node-target.js';
import type { Node } from '../../../common/objects.js';
import { CapacityTracker } from '../../capacity.js';

export interface Demand { memory: number; vcpus: number; disk: number; spec: InstanceSpec }

const KNOWN_ALLOCATORS = ['hail'];

async function nodeInfos(rt: LuRuntime, nodes: Node[]): Promise<Map<string, NodeInfoResponse__Output | string>> {
  const cl = rt.cfg.get().cluster;
  const req = { hypervisors: cl.enabled_hypervisors, storage_units: [`file:${cl.file_storage_dir}`] };
  const res = await Promise.all(nodes.map((n) => rt.rpcCache.call(nodeTarget(n), 'NodeInfo', req, { signal: rt.signal })));
  return new Map(nodes.map((n, i) => {
    const r = res[i]!;
    return [n.uuid, r.failed ? r.failMsg : r.payload!];
  }));
}

/** group: a node group uuid (gnt-instance add -g); only its nodes are candidates. */
export async function allocateNode(rt: LuRuntime, allocator: string, name: string, demand: Demand, group?: string): Promise<string> {
  if (!KNOWN_ALLOCATORS.includes(allocator)) {
    throw new OpPrereqError(`Can't compute nodes using iallocator '${allocator}': unknown allocator (available: ${KNOWN_ALLOCATORS.join(', ')})`, { ecode: 'wrong_input' });
  }
  const nodes = Object.values(rt.cfg.get().nodes).filter((n) => group === undefined || n.group === group);
  const infos = await nodeInfos(rt, nodes.filter((n) => !n.offline && n.vm_capable));
  const cfg = rt.cfg.get();
  const ratio = cfg.cluster.ipolicy['vcpu-ratio'] || 4;
  const usage = rt.capacity.usage(cfg);
  const candidates: AllocCandidate[] = nodes.map((n) => {
    const info = infos.get(n.uuid);
    const unusable = n.offline ? 'node is offline' : n.drained ? 'node is drained' : !n.vm_capable ? 'node is not vm_capable'
      : info === undefined ? 'no data' : typeof info === 'string' ? `node did not answer (${info})` : undefined;
    const free = info && typeof info !== 'string' ? CapacityTracker.free(info, usage.get(n.uuid), ratio) : { memory: 0, vcpus: 0, disk: 0 };
    return { uuid: n.uuid, name: n.name, free, unusable };
  });
  const chosen = hailAllocate({ name, memory: demand.memory, vcpus: demand.vcpus, disk: demand.disk }, candidates, allocator);
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
  const free = CapacityTracker.free(info, rt.capacity.usage(cfg).get(node.uuid), ratio);
  const why = unfit({ name, memory: demand.memory, vcpus: ignoreIpolicy ? 0 : demand.vcpus, disk: demand.disk }, free);
  if (why) {
    const vcpuHint = why.startsWith('not enough vcpus')
      ? ` (instance policy vcpu-ratio ${ratio} x ${info.cpu_total} cpus; --ignore-ipolicy overrides it)` : '';
    throw new OpPrereqError(`Node ${node.name} cannot host instance ${name}: ${why}${vcpuHint}`, { ecode: 'insufficient_resources' });
  }
  rt.capacity.reserve(rt.owner, { node: node.uuid, memory: demand.memory, vcpus: demand.vcpus, disk: demand.disk });
}
