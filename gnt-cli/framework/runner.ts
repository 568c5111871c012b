// run(spec, argv, io) -> exit code: Ganeti's GenericMain. Picks the verb (resolving aliases),
// loads only that verb's module, parses its options with commander, checks the argument
// count with Ganeti's messages, runs it, and reports any error as Ganeti does.
import { Command, CommanderError } from 'commander';
import { SOFTWARE_VERSION } from '../../daemons/common/constants.js';
import { ExitCode } from '../../daemons/common/client/exit-codes.js';
import type { CliIo } from './io.js';
import type { MasterApi } from '../../daemons/common/client/master-api.js';
import { reportError } from '../../daemons/common/client/report.js';
import type { ArgCount, CommandSpec, VerbContext } from './spec.js';

/** cli._FormatUsage: the list of verbs with their descriptions. */
export function formatUsage(spec: CommandSpec): string[] {
  const names = Object.keys(spec.verbs).sort();
  const mlen = Math.min(60, Math.max(...names.map((n) => n.length)));
  const lines = [
    `Usage: ${spec.prog} {command} [options...] [argument...]`,
    `${spec.prog} <command> --help to see details, or man ${spec.prog}`,
    '',
    'Commands:',
  ];
  for (const name of names) {
    const words = spec.verbs[name]!.description.split(/\s+/);
    const wrapped: string[] = [];
    let cur = '';
    for (const w of words) {
      if (cur && cur.length + 1 + w.length > 79 - 3 - mlen) { wrapped.push(cur); cur = w; } else cur = cur ? `${cur} ${w}` : w;
    }
    wrapped.push(cur);
    lines.push(` ${name.padEnd(mlen)} - ${wrapped[0]}`);
    for (const more of wrapped.slice(1)) lines.push(` ${''.padEnd(mlen)}   ${more}`);
  }
  lines.push('');
  return lines;
}

/** cli._CheckArguments, with Ganeti's messages. */
export function checkArgCount(verb: string, def: ArgCount, args: string[]): string | null {
  if (args.length && def.max === 0) return `Error: Command ${verb} expects no arguments`;
  if (def.max !== null && def.min === def.max && args.length !== def.min) {
    return `Error: Command ${verb} expects ${def.min} argument(s)`;
  }
  if (def.max !== null && args.length > def.max) return `Error: Command ${verb} expects only ${def.max} argument(s)`;
  if (args.length < def.min) return `Error: Command ${verb} expects at least ${def.min} argument(s)`;
  return null;
}

/** shlex.split, enough for default arguments from the environment. */
function shellSplit(text: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]!));
  return out;
}

function increase(_v: string, prev: number): number {
  return prev + 1;
}

export async function run(spec: CommandSpec, argv: string[], io: CliIo): Promise<number> {
  const first = argv[0];
  if (first === '--version') {
    io.out(`${spec.prog} (ganeti-ts) ${SOFTWARE_VERSION}`);
    return ExitCode.Success;
  }
  const name = first === undefined ? undefined : (spec.aliases?.[first] ?? first);
  const entry = name === undefined ? undefined : spec.verbs[name];
  if (!entry || name === undefined) {
    for (const line of formatUsage(spec)) io.out(line);
    return first === '--help' || first === '-h' ? ExitCode.Success : ExitCode.Failure;
  }
  let rest = argv.slice(1);
  if (spec.envOverride?.includes(name)) {
    const extra = io.env[`${spec.prog}_${name}`.replace(/-/g, '_').toUpperCase()];
    if (extra) rest = [...shellSplit(extra), ...rest];
  }

  const { verb } = await entry.load();
  const cmd = new Command(`${spec.prog} ${name}`)
    .usage(`[options...] ${entry.usage}`.trim())
    .description(entry.description)
    .argument('[args...]')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, '')),
      writeErr: (s) => io.err(s.replace(/\n$/, '')),
    })
    .option('-d, --debug', 'Increase debugging level', increase, 0)
    .option('--reason <reason>', 'The reason for executing the command');
  verb.options?.(cmd);

  let opts: Record<string, unknown>;
  let args: string[];
  try {
    cmd.parse(rest, { from: 'user' });
    opts = cmd.opts();
    args = (cmd.processedArgs[0] as string[] | undefined) ?? [];
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? ExitCode.Success : ExitCode.Failure;
    const r = await reportError(err, io.env);
    io.err(r.text);
    return r.exit;
  }
  const bad = checkArgCount(name, verb.args, args);
  if (bad) {
    io.err(bad);
    return ExitCode.Failure;
  }

  // A holder, not a plain variable: the promise is set from inside the context's closure.
  const conn: { promise: Promise<MasterApi> | null } = { promise: null };
  const ctx: VerbContext = {
    prog: spec.prog,
    verb: name,
    io,
    master: () => (conn.promise ??= io.connectMaster()),
    out: (l) => io.out(l),
    err: (l) => io.err(l),
    now: () => io.now?.() ?? Date.now(),
  };
  try {
    return await verb.run(ctx, opts, args);
  } catch (err) {
    const r = await reportError(err, io.env, Number(opts.debug) > 0);
    if (r.text) io.err(r.text);
    return r.exit;
  } finally {
    if (conn.promise) {
      try { (await conn.promise).close(); } catch { /* never connected */ }
    }
  }
}
