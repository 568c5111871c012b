// Admission checks before an instance is started anywhere (start, migrate, failover, move):
// nothing may run twice. Every online node says what its hypervisors run; the master
// refuses, naming the reason, when
//  - the instance already runs on a node other than the ones allowed (its current primary
//    while it is being moved): `gnt-cluster verify` reports such a copy as an ERROR and it
//    is never silently "fixed";
//  - another running instance uses one of its MAC addresses, or one of its disk files.
// Memory and vcpus of the target are checked by placement.ts (checkNodeCapacity).
import { OpPrereqError } from '../../../common/errors.js';
import type { ClusterConfig, Instance } from '../../../common/objects.js';
import { nodeTarget } from '../../rpc/node-target.js';
import type { LogicalUnit } from '../logical-unit.js';

/** Instance name -> nodes that report it running (a node that did not answer is in `unknown`). */
export interface RunningMap { running: Map<string, string[]>; unknown: string[] }

export async function runningEverywhere(lu: LogicalUnit<any>): Promise<RunningMap> {
  const cfg = lu.cfg.get();
  const nodes = Object.values(cfg.nodes).filter((n) => !n.offline && n.vm_capable);
  // By tag, as lists do: a node whose instances did not change sends its tag, not 2,000 entries.
  const res = await lu.rt.instanceLists.get(nodes.map(nodeTarget), cfg.cluster.enabled_hypervisors, { signal: lu.rt.signal });
  const running = new Map<string, string[]>();
  const unknown: string[] = [];
  for (const n of nodes) {
    const r = res.get(n.name);
    if (!r || r.failed) { unknown.push(n.name); continue; }
    for (const i of r.payload!.instances) {
      if (i.state !== 'running') continue;
      running.set(i.name, [...(running.get(i.name) ?? []), n.name]);
    }
  }
  return { running, unknown };
}

/** The path-like identity of a disk's storage (file disks: their file), or null. */
function diskFile(d: Instance['disks'][number]): string | null {
  return (d.dev_type === 'file' || d.dev_type === 'sharedfile') && d.logical_id[1] ? d.logical_id[1] : null;
}

/** Pure part: what makes `inst` inadmissible given what runs; null when it may start. */
export function admissionProblem(cfg: Readonly<ClusterConfig>, inst: Instance, state: RunningMap, allowedNodes: string[]): string | null {
  const elsewhere = (state.running.get(inst.name) ?? []).filter((n) => !allowedNodes.includes(n));
  if (elsewhere.length) {
    return `Instance ${inst.name} is already running on node ${elsewhere.join(', ')}; refusing to start a second copy ` +
      '(gnt-cluster verify reports it; stop it there first)';
  }
  const isRunning = (other: Instance) => state.running.has(other.name) || (state.unknown.length > 0 && other.admin_state === 'up');
  const macs = new Set(inst.nics.map((n) => n.mac.toLowerCase()));
  const files = new Set(inst.disks.map(diskFile).filter((f): f is string => !!f));
  for (const other of Object.values(cfg.instances)) {
    if (other.uuid === inst.uuid || !isRunning(other)) continue;
    const mac = other.nics.find((n) => macs.has(n.mac.toLowerCase()))?.mac;
    if (mac) return `MAC address ${mac} of instance ${inst.name} is in use by running instance ${other.name}`;
    const file = other.disks.map(diskFile).find((f) => f && files.has(f));
    if (file) return `Disk file ${file} of instance ${inst.name} is in use by running instance ${other.name}`;
  }
  return null;
}

/** Refuses (OpPrereqError, wrong_state) when the instance may not start; warns about silent nodes. */
export async function checkAdmission(lu: LogicalUnit<any>, inst: Instance, allowedNodes: string[]): Promise<void> {
  const state = await runningEverywhere(lu);
  if (state.unknown.length) {
    lu.logWarning(`Could not ask node(s) ${state.unknown.join(', ')} what they run; instances marked up count as running`);
  }
  const problem = admissionProblem(lu.cfg.get(), inst, state, allowedNodes);
  if (problem) throw new OpPrereqError(problem, { ecode: 'wrong_state' });
}
