// gnt-debug wconfd COMMAND [ARG]: Ganeti's direct calls to the configuration daemon, answered
// by the master daemon here: echo WORD, listlocks JOBID, listalllocks, listalllocksowners,
// cleanuplocks, flushconfig. Output as Ganeti's gnt_debug.Wconfd ("Answer: …").
import { pyStr } from '../../daemons/common/client/py-format.js';
import { type VerbDef } from '../framework/spec.js';

const ARGS: Record<string, number> = { echo: 1, listlocks: 1, listalllocks: 0, listalllocksowners: 0, cleanuplocks: 0, flushconfig: 0 };

export const verb: VerbDef<Record<string, never>> = {
  args: { min: 1, max: null },
  async run(ctx, _opts, [command, ...args]) {
    const want = ARGS[command!];
    if (want === undefined) { ctx.err(`Command '${command}' not supported`); return 1; }
    if (args.length !== want) {
      ctx.err(`Command '${command}' takes ${want ? 'precisely one argument' : 'no arguments'}.`);
      return 1;
    }
    const master = await ctx.master();
    if (!master.wconfd) { ctx.err('This master does not answer wconfd calls'); return 1; }
    const res = await master.wconfd(command!, args);
    if (command === 'flushconfig') ctx.out('Configuration flushed.');
    else if (command === 'cleanuplocks') ctx.out('Stale locks cleaned up.');
    else ctx.out(`Answer: ${pyStr(res)}`);
    return 0;
  },
};
