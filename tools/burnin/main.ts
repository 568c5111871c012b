// burnin's main: parse the options, connect to the master like the gnt-* commands do,
// read the cluster state, run the steps; map every outcome to Ganeti's exit codes
// (0 success, 1 failure, 2 usage) with the reason on stderr.
import { CommanderError } from 'commander';
import type { MasterApi } from '../../daemons/common/client/master-api.js';
import { reportError } from '../../daemons/common/client/report.js';
import type { ClientContext } from '../../daemons/common/client/context.js';
import { clientProcessIo, type ClientProcessIo } from '../../daemons/common/client/process-io.js';
import type { Burner } from './burner.js';
import { burninCluster } from './burnin-cluster.js';
import { getClusterState } from './cluster-state.js';
import { BatchFailed, BurninError, InstanceDown, Interrupted, JobFailed, UsageError } from './errors.js';
import { JobRunner } from './jobs.js';
import { BurninLog } from './log.js';
import { opBuilder } from './ops.js';
import { USAGE, parseBurninArgs, type BurninOptions } from './options.js';

/** Errors burnin explains itself (the failing jobs were already printed). */
function ownMessage(err: unknown): string | null {
  if (err instanceof BurninError || err instanceof InstanceDown || err instanceof Interrupted) return err.message;
  if (err instanceof JobFailed || err instanceof BatchFailed) return `Burnin failed: ${err.message}`;
  return null;
}

/** First SIGINT/SIGTERM: finish the current job, then clean up; a second one exits at once. */
function handleSignals(runner: JobRunner, log: BurninLog): () => void {
  const onSignal = (sig: NodeJS.Signals) => {
    if (runner.interruptedBy) process.exit(130);
    runner.interruptedBy = sig;
    log.line(`${sig} received: finishing the current job, then cleaning up (send it again to exit at once)`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/** What burnin touches outside itself; tests pass their own. */
export type BurninIo = ClientProcessIo;

const processIo = (): BurninIo => clientProcessIo();

export async function main(argv: string[], io: BurninIo = processIo()): Promise<number> {
  let opts: BurninOptions;
  try {
    opts = parseBurninArgs(argv, io.out, io.err);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof UsageError) {
      io.err('Usage:');
      io.err(USAGE);
      return 2;
    }
    if (err instanceof BurninError) {
      io.err(err.message);
      return 1;
    }
    throw err;
  }

  let master: MasterApi | null = null;
  let unhook = () => undefined as void;
  try {
    master = await io.connectMaster();
    const m = master;
    const ctx: ClientContext = {
      prog: 'burnin', verb: 'burnin', master: async () => m, out: (l) => io.out(l), err: (l) => io.err(l),
    };
    const log = new BurninLog((l) => io.out(l), opts.verbose);
    const jobs = new JobRunner(master, log, opts.parallel, (l) => io.err(l));
    unhook = handleSignals(jobs, log);
    const state = await getClusterState(master, opts);
    const burner: Burner = { opts, state, master, jobs, log, op: opBuilder(ctx, opts.debug, opts.reason), toRemove: [], renaming: null };
    await burninCluster(burner);
    return 0;
  } catch (err) {
    const own = ownMessage(err);
    if (own !== null) {
      io.err(own);
      return 1;
    }
    const r = await reportError(err, io.env, opts.debug > 0);
    if (r.text) io.err(r.text);
    return r.exit || 1;
  } finally {
    unhook();
    master?.close();
  }
}
