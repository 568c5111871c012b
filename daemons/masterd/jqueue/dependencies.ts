// Job dependencies (opcode param `depends`), evaluated as Ganeti's _JobDependencyManager:
// dependencies are checked in order and the first one that is not satisfied decides.
import { OpPrereqError } from '../../common/errors.js';
import type { Opcode } from '../../common/opcodes/index.js';
import type { Dependency } from './job.js';

/** What the queue knows about a dependency. */
export type DepState =
  | { kind: 'final'; status: string }   // finished and on disk
  | { kind: 'pending' }                 // known, not finished yet
  | { kind: 'unknown' }                 // not in memory: look in the archive
  | { kind: 'missing' };                // not anywhere

export type DepVerdict =
  | { kind: 'ready' }
  | { kind: 'wait'; on: number }
  | { kind: 'lookup'; ids: number[] }
  | { kind: 'cancel'; message: string }
  | { kind: 'error'; message: string };

export function checkDependencies(jobId: number, deps: Dependency[], state: (id: number) => DepState): DepVerdict {
  const unknown = deps.map(([id]) => id).filter((id) => id !== jobId && state(id).kind === 'unknown');
  if (unknown.length > 0) return { kind: 'lookup', ids: unknown };
  for (const [id, allowed] of deps) {
    if (id === jobId) return { kind: 'error', message: `Job ${jobId} cannot depend on itself` };
    const s = state(id);
    if (s.kind === 'missing' || s.kind === 'unknown') return { kind: 'error', message: `Dependency job ${id} not found` };
    if (s.kind === 'pending') return { kind: 'wait', on: id };
    // An empty list accepts every final status except canceled.
    if (allowed.length === 0 ? s.status !== 'canceled' : allowed.includes(s.status)) continue;
    if (s.status === 'canceled') return { kind: 'cancel', message: `Dependency job ${id} was cancelled` };
    return {
      kind: 'error',
      message: `Dependency job ${id} finished with status '${s.status}', not one of '${allowed.join(', ')}' as required`,
    };
  }
  return { kind: 'ready' };
}

/**
 * Rewrites relative dependencies (negative ids: -1 = the previous job of the same
 * submission) to absolute ids. `idOf(index)` gives the id of the job at that index of
 * the submission, or undefined if that job was not accepted.
 */
export function resolveRelativeDeps(ops: Opcode[], index: number, idOf: (index: number) => number | undefined): Opcode[] {
  return ops.map((op) => {
    if (!Array.isArray(op.depends) || op.depends.length === 0) return op;
    const depends = (op.depends as unknown[]).map((dep) => {
      if (!Array.isArray(dep) || dep.length !== 2 || !Number.isInteger(dep[0]) || !Array.isArray(dep[1])) {
        throw new OpPrereqError(`Invalid dependency ${JSON.stringify(dep)}: expected [job id, [status, ...]]`,
          { ecode: 'wrong_input' });
      }
      const [rel, statuses] = dep as [number, unknown[]];
      if (rel >= 0) return [rel, statuses];
      const id = idOf(index + rel);
      if (id === undefined) {
        throw new OpPrereqError(`Unable to resolve relative job ID ${rel}: no such job in this submission`,
          { ecode: 'wrong_input' });
      }
      return [id, statuses];
    });
    return { ...op, depends };
  });
}
