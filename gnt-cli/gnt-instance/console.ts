// gnt-instance console NAME: asks the master for the instance's console (query field
// "console") and acts on its kind as Ganeti's _DoConsole: a message is printed, VNC/SPICE
// endpoints are shown, an ssh console command is run (or shown with --show-cmd).
import { spawn } from 'node:child_process';
import { OpExecError } from '../../daemons/common/errors.js';
import { ExitCode } from '../framework/exit-codes.js';
import { pyStr } from '../framework/py-format.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';

interface ConsoleOpts {
  showCmd?: boolean;
}

/** POSIX shell quoting of one argument (utils.ShellQuote). */
export function shellQuote(s: string): string {
  return /^[-\w.+/:%@=,]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

export function sshCommand(c: Record<string, unknown>): string[] {
  const cmd = Array.isArray(c.command) ? c.command.map(String).map(shellQuote).join(' ') : String(c.command ?? '');
  const argv = ['ssh', '-oEscapeChar=none', '-oBatchMode=yes', '-q', '-t'];
  if (c.port) argv.push('-p', String(c.port));
  argv.push(`${pyStr(c.user ?? 'root')}@${pyStr(c.host)}`, cmd);
  return argv;
}

export const verb: VerbDef<ConsoleOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('--show-cmd', 'Show command instead of executing it');
    cmd.option('--priority <low|normal|high>', 'Priority for opcode processing (accepted)');
  },
  async run(ctx, opts, [name]) {
    const res = await (await ctx.master()).query('instance', ['console', 'oper_state'], [name!], null);
    if (res.fields[0]?.kind === 'unknown') {
      ctx.err(`Console not available: the master does not report console information (instance ${name})`);
      return ExitCode.Failure;
    }
    const row = res.rows[0] ?? [];
    const console = row[0]?.status === 0 ? row[0].value : null;
    const running = row[1]?.status === 0 && !!row[1].value;
    if (!console) {
      throw new OpExecError(running ? `Console information for instance ${name} is unavailable`
        : `Instance ${name} is not running, can't get console`);
    }
    if (typeof console === 'string') {
      ctx.out(console);
      return 0;
    }
    const c = console as Record<string, unknown>;
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
        const argv = sshCommand(c);
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
