// gnt-cluster queue drain|undrain|info: the job queue's drain flag.
import { OpPrereqError } from '../../daemons/common/errors.js';
import type { VerbDef } from '../framework/spec.js';

export const verb: VerbDef = {
  args: { min: 1, max: 1 },
  async run(ctx, _opts, [command]) {
    const master = await ctx.master();
    if (command === 'drain' || command === 'undrain') {
      await master.setQueueDrained(command === 'drain');
    } else if (command === 'info') {
      // Ganeti reads the flag with QueryConfigValues(["drain_flag"]); here it is a key of
      // the cluster info when the master reports it.
      const info = await master.clusterInfo();
      const flag = info.drain_flag ?? info.queue_drained;
      ctx.out(`The drain flag is ${flag === undefined ? 'unknown' : flag ? 'set' : 'unset'}`);
    } else {
      throw new OpPrereqError(`Command '${command}' is not valid (allowed: drain, undrain, info).`, { ecode: 'wrong_input' });
    }
    return 0;
  },
};
