// Ganeti's GenericManyOps: expand the selection, confirm when several instances are hit
// (unless --force-multiple), then one job per instance, followed (or only shown with
// --submit). Exit code 0 only when every job succeeded.
import { OpPrereqError } from '../../daemons/common/errors.js';
import { confirmOperation } from '../framework/confirm.js';
import { JobExecutor } from '../../daemons/common/client/job-executor.js';
import type { OpcodeDict } from '../../daemons/common/client/master-api.js';
import type { VerbContext } from '../framework/spec.js';
import type { GenericOpts } from '../../daemons/common/client/submit.js';
import { expandInstances, selectMode, type SelectOpts } from './select.js';

export async function genericManyOps(ctx: VerbContext, operation: string, opts: SelectOpts & GenericOpts, args: string[],
  build: (name: string) => OpcodeDict): Promise<number> {
  const mode = selectMode(opts);
  // Build one opcode first: bad options are refused before the master is even asked.
  if (args[0] !== undefined) build(args[0]);
  const names = await expandInstances(ctx, mode, args);
  if (!names.length) {
    if (mode === 'cluster') {
      ctx.out(`Cluster is empty, no instances to ${operation}`);
      return 0;
    }
    throw new OpPrereqError('Selection filter does not match any instances', { ecode: 'wrong_input' });
  }
  const multi = mode !== 'instances' || names.length > 1;
  if (multi && !opts.forceMultiple && !(await confirmOperation(ctx.io, names, 'instances', operation))) return 1;
  const jex = new JobExecutor(ctx, multi);
  for (const name of names) jex.queueJob(name, build(name));
  const results = await jex.waitOrShow(!opts.submit);
  return results.every((r) => r.success) ? 0 : 1;
}
