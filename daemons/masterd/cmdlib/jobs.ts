// Jobs an opcode makes (Ganeti's ResultWithJobs): the logical unit returns them, they are
// queued like any submitted job and the opcode's result names them —
// {jobs: [[true, id] | [false, error], ...], ...extra}, what `gnt-node migrate` follows.
import { OpExecError } from '../../common/errors.js';
import type { Opcode } from '../../common/opcodes/index.js';
import type { LogicalUnit } from './logical-unit.js';

export type JobIdEntry = [true, number] | [false, string];

export async function submitLuJobs(lu: LogicalUnit<any>, jobs: Opcode[][], extra: Record<string, unknown> = {}):
  Promise<{ jobs: JobIdEntry[] } & Record<string, unknown>> {
  if (!jobs.length) return { jobs: [], ...extra };
  const submit = lu.rt.submitJobs;
  if (!submit) throw new OpExecError('This master cannot queue jobs from an opcode');
  // The new jobs run at the priority of the opcode that made them.
  const res = await submit(jobs.map((ops) => ops.map((o) => ({ ...o, priority: lu.op.priority }))));
  return { jobs: res.map((r): JobIdEntry => (r.ok ? [true, r.id] : [false, r.error.message])), ...extra };
}
