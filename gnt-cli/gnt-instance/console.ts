// gnt-instance console [--show-cmd] NAME: asks the master (OP_INSTANCE_CONSOLE) how to reach
// the instance's console and acts on its kind as Ganeti's _DoConsole: a message is printed,
// VNC/SPICE endpoints are shown, an ssh console command is run (or shown with --show-cmd).
// On a virtual cluster the command carries the cluster's ssh key and skips host key checks
// (the virtual nodes share one throwaway host key, known to no known_hosts file).
import { spawn } from 'node:child_process';
import { OpExecError } from '../../daemons/common/errors.js';
import { OpInstanceConsole } from '../../daemons/common/opcodes/instance.js';
import { pyStr } from '../../daemons/common/client/py-format.js';
import { sshCommand, shellQuote, vclusterSshOptions } from '../../daemons/common/client/console.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addPriorityOption } from '../framework/job-options.js';
import { buildOp, submitOpCode, type GenericOpts } from '../../daemons/common/client/submit.js';

interface ConsoleOpts extends GenericOpts {
  showCmd?: boolean;
}

export { shellQuote, sshCommand, vclusterSshOptions } from '../../daemons/common/client/console.js';

export const verb: VerbDef<ConsoleOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('--show-cmd', 'Show command instead of executing it');
    addPriorityOption(cmd);
  },
  async run(ctx, opts, [name]) {
    const op = buildOp(ctx, OpInstanceConsole, { instance_name: name }, opts);
    const result = await submitOpCode(ctx, op, opts);
    if (!result || typeof result !== 'object') throw new OpExecError(`Console information for instance ${name} is unavailable`);
    const c = result as Record<string, unknown>;
    switch (c.kind) {
      case 'msg':
        ctx.out(pyStr(c.message));
        return 0;
      case 'vnc':
        ctx.out(`Instance ${pyStr(c.instance ?? name)} has VNC listening on ${pyStr(c.host)}:${pyStr(c.port)}` +
          ` (display ${pyStr(c.display)}), URL <vnc://${pyStr(c.host)}:${pyStr(c.port)}/>`);
        return 0;
      case 'spice':
        ctx.out(`Instance ${pyStr(c.instance ?? name)} has SPICE listening on ${pyStr(c.host)}:${pyStr(c.port)}`);
        return 0;
      case 'ssh': {
        const argv = sshCommand(c, vclusterSshOptions(ctx.io.env));
        if (opts.showCmd) {
          ctx.out(argv.map(shellQuote).join(' '));
          return 0;
        }
        const code = await new Promise<number>((resolve) => {
          const child = spawn(argv[0]!, argv.slice(1), { stdio: 'inherit' });
          child.on('error', () => resolve(255));
          child.on('exit', (c2) => resolve(c2 ?? 255));
        });
        if (code !== 0) {
          throw new OpExecError(`Connection to console of instance ${name} failed, please check cluster configuration`);
        }
        return 0;
      }
      default:
        throw new OpExecError(`Unknown console type '${pyStr(c.kind)}'`);
    }
  },
};
