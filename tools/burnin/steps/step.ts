// One burnin step (a _DoBatch-decorated Burn* method): its "- Title" line, a fresh feedback
// buffer, a batch of jobs committed at the end, the instance check afterwards when the
// step has Ganeti's _DoCheckInstances, and a logged skip when the cluster refuses the
// step's operation as unknown or unsupported.
import { OpInstanceRename, OpInstanceShutdown, OpInstanceStartup } from '../../../daemons/common/opcodes/index.js';
import type { Burner } from '../burner.js';
import { StepUnsupported, type UnsupportedTest } from '../errors.js';
import { checkInstanceAlive } from '../http-check.js';

export interface StepSpec {
  title: string;
  /** Idempotent steps are retried (MAX_RETRIES). */
  retry: boolean;
  /** Run the -C instance check after the step. */
  check?: boolean;
  /** How to name the step in "Skipping …"; without it the step is never skipped. */
  skipAs?: string;
  unsupported?: UnsupportedTest;
  /** The step's jobs stop instances first: after a skip found while running, start them again. */
  restartAfterSkip?: boolean;
}

export async function runStep(b: Burner, spec: StepSpec, body: () => Promise<void>): Promise<void> {
  b.log.line(spec.title);
  b.log.clearFeedback();
  b.jobs.startBatch(spec.retry, spec.skipAs ? spec.unsupported ?? null : null);
  try {
    await body();
    await b.jobs.commit();
  } catch (err) {
    if (err instanceof StepUnsupported && spec.skipAs) {
      b.log.line(`Skipping ${spec.skipAs} (not supported by this cluster: ${err.message})`);
      if (spec.restartAfterSkip && err.jobsRan) await startAll(b);
      return;
    }
    throw err;
  }
  if (spec.check) await checkInstances(b);
}

/** Starts every instance (a no-op for running ones), after a skipped step stopped some. */
async function startAll(b: Burner): Promise<void> {
  await runStep(b, { title: 'Starting the instances the skipped step stopped', retry: true }, async () => {
    for (const name of b.opts.instances) {
      b.log.line(`instance ${name}`, 1);
      await b.jobs.execOrQueue(name, [startOp(b, name)]);
    }
  });
}

/** _DoCheckInstances: every instance answers the HTTP check (only with -C). */
export async function checkInstances(b: Burner): Promise<void> {
  if (!b.opts.httpCheck) return;
  for (const name of b.opts.instances) await checkInstanceAlive(name, b.opts.netTimeout);
}

/** The instance-level op helpers every step uses. */
export const stopOp = (b: Burner, name: string) => b.op(OpInstanceShutdown, { instance_name: name });
export const startOp = (b: Burner, name: string) => b.op(OpInstanceStartup, { instance_name: name, force: false });
export const renameOp = (b: Burner, from: string, to: string) =>
  b.op(OpInstanceRename, { instance_name: from, new_name: to, name_check: b.opts.nameCheck, ip_check: b.opts.ipCheck });

/** itertools cycle(nodes) shifted by offset, zipped with the instances. */
export function nodeFor(nodes: string[], index: number, offset = 0): string {
  return nodes[(index + offset) % nodes.length]!;
}
