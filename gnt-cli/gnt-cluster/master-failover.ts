// gnt-cluster master-failover [--no-voting] [--yes-do-it]: run on the master candidate that
// is to become master; the work is done by the daemon-side ganeti-master-failover
// (daemons/masterd/bootstrap/master-failover.ts). Its messages go to stderr, as Ganeti's.
import { askYesNo } from '../framework/confirm.js';
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';
import { runDaemonProgram } from './init-program.js';

// commander turns --no-voting into voting=false.
interface Opts { voting?: boolean; yesDoIt?: boolean }

export const verb: VerbDef<Opts> = {
  args: ARGS_NONE,
  options(cmd) {
    cmd.option('--no-voting', 'Skip node agreement check (dangerous)');
    cmd.option('--yes-do-it', 'Do not ask for confirmation when skipping the vote (--no-voting)');
  },
  async run(ctx, opts) {
    const noVoting = opts.voting === false;
    if (opts.yesDoIt && !noVoting) {
      // Ganeti accepts it silently; here it would be an option accepted and ignored.
      ctx.err('--yes-do-it only matters with --no-voting');
      return 1;
    }
    if (noVoting && !opts.yesDoIt) {
      const ok = await askYesNo(ctx.io, 'This will perform the failover even if most other nodes are down, or if this node ' +
        'is outdated. This is dangerous as it can lead to a non-consistent cluster. Check the gnt-cluster(8) man page ' +
        'before proceeding. Continue?');
      if (!ok) return 1;
    }
    await runDaemonProgram('ganeti-master-failover', { no_voting: !!noVoting }, (msg) => ctx.err(msg));
    return 0;
  },
};
