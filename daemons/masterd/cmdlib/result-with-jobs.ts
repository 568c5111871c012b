// Ganeti's ResultWithJobs: a logical unit that only plans work (group evacuation, change of
// group) returns the jobs that do it; the processor submits them to the queue and the
// opcode's result is Ganeti's {"jobs": [[true, id] | [false, error], ...], ...extra}.
import type { Opcode } from '../../common/opcodes/index.js';

export const JOB_IDS_KEY = 'jobs';

export class ResultWithJobs {
  constructor(readonly jobs: Opcode[][], readonly extra: Record<string, unknown> = {}) {}
}
