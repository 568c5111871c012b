// What OP_GROUP_EVACUATE and OP_INSTANCE_CHANGE_GROUP share (Ganeti's IAReqGroupChange and
// LoadNodeEvacResult): ask the allocator for a change-group plan and turn its answer into
// jobs. The allocator moves instances of externally mirrored templates (diskless,
// sharedfile, ext…) by migrate (running) or failover (stopped) to a node of a target group;
// local-storage instances (file, plain) cannot change node and are reported as failures.
import { OpExecError, OpPrereqError } from '../../../common/errors.js';
import type { Opcode } from '../../../common/opcodes/index.js';
import { buildInput } from '../../iallocator/input.js';
import { DEFAULT_IALLOCATOR, runAllocator } from '../../iallocator/run.js';
import type { LogicalUnit } from '../logical-unit.js';
import { nodeInfos } from '../instance/placement.js';
import { expandGroup } from './lookup.js';

/** Group uuids of the names given (each must exist). */
export function targetGroupUuids(lu: LogicalUnit, names: readonly string[] | null | undefined): string[] {
  return [...new Set((names ?? []).map((n) => expandGroup(lu.cfg, n).uuid))];
}

export function groupNames(lu: LogicalUnit, uuids: Iterable<string>): string {
  const cfg = lu.cfg.get();
  return [...uuids].map((u) => cfg.nodegroups[u]?.name ?? u).join(', ');
}

/** Runs the change-group request; returns the jobs to submit. `what` words the failure
 * ("changing group of instance 'x'" / "group evacuation"). */
export async function planGroupChange(lu: LogicalUnit, allocator: string | null | undefined, instances: string[],
  targets: string[], what: string): Promise<{ jobs: Opcode[][]; allocator: string }> {
  const cfg = lu.cfg.get();
  const name = allocator || cfg.cluster.default_iallocator || DEFAULT_IALLOCATOR;
  const infos = await nodeInfos(lu.rt, Object.values(cfg.nodes).filter((n) => !n.offline && n.vm_capable));
  const doc = buildInput(cfg, infos, lu.rt.capacity.usage(cfg), { type: 'change-group', instances, target_groups: targets });
  const { answer } = await runAllocator(lu.rt.paths, name, doc, lu.rt.signal);
  if (!answer.success) {
    throw new OpPrereqError(`Can't compute ${what} using iallocator '${name}': ${answer.info}`, { ecode: 'insufficient_resources' });
  }
  const res = answer.result;
  if (!Array.isArray(res) || res.length !== 3 || !res.every(Array.isArray)) {
    throw new OpExecError(`Iallocator '${name}' returned an invalid change-group result (want [moved, failed, jobs]): ${JSON.stringify(res).slice(0, 200)}`);
  }
  const [moved, failed, jobs] = res as [[string, string, string[]][], [string, string][], Opcode[][]];
  if (failed.length) {
    const reason = failed.map(([n, why]) => `${n} (${why})`).join(', ');
    lu.logWarning(`Unable to evacuate instances ${reason}`);
    throw new OpExecError(`Unable to evacuate instances ${reason}`);
  }
  if (moved.length) lu.logInfo(`Instances to be moved: ${moved.map(([n, g]) => `${n} (to ${g})`).join(', ')}`);
  return { jobs, allocator: name };
}
