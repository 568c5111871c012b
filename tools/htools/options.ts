// Command-line parsing for the htools programs, with Ganeti's option names (CLI.hs): each
// program lists the options it implements; anything else is refused by name.
export class UsageError extends Error { override name = 'UsageError'; }

export interface OptSpec { long: string; short?: string; arg?: 'required' | 'optional'; help: string }
export type Parsed = { opts: Map<string, string[]>; args: string[] };

export function parseOptions(prog: string, specs: OptSpec[], argv: string[]): Parsed {
  const opts = new Map<string, string[]>();
  const args: string[] = [];
  const byLong = new Map(specs.map((s) => [s.long, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const put = (s: OptSpec, v: string) => { const l = opts.get(s.long) ?? []; l.push(v); opts.set(s.long, l); };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { args.push(...argv.slice(i + 1)); break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      const s = byLong.get(name);
      if (!s) throw new UsageError(`${prog}: unrecognized option '--${name}' (see --help)`);
      if (s.arg === 'required') {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new UsageError(`${prog}: option '--${name}' requires an argument`);
        put(s, v);
      } else if (s.arg === 'optional') put(s, eq > 0 ? a.slice(eq + 1) : '');
      else {
        if (eq > 0) throw new UsageError(`${prog}: option '--${name}' doesn't allow an argument`);
        put(s, '');
      }
    } else if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const s = byShort.get(a[k]!);
        if (!s) throw new UsageError(`${prog}: unrecognized option '-${a[k]}' (see --help)`);
        if (s.arg) {
          const rest = a.slice(k + 1);
          if (rest) put(s, rest);
          else if (s.arg === 'required') {
            const v = argv[++i];
            if (v === undefined) throw new UsageError(`${prog}: option '-${a[k]}' requires an argument`);
            put(s, v);
          } else put(s, '');
          break;
        }
        put(s, '');
      }
    } else args.push(a);
  }
  return { opts, args };
}

export function usage(prog: string, specs: OptSpec[]): string {
  const lines = specs.map((s) => {
    const arg = s.arg === 'required' ? '=ARG' : s.arg === 'optional' ? '[=ARG]' : '';
    return `  ${s.short ? `-${s.short}` : '  '}  --${s.long}${arg}`.padEnd(40) + ` ${s.help}`;
  });
  return `Usage: ${prog} [OPTION...]\n${lines.join('\n')}\n`;
}

export const last = (p: Parsed, k: string) => p.opts.get(k)?.at(-1);
export const has = (p: Parsed, k: string) => p.opts.has(k);

export function numberOpt(p: Parsed, k: string, def: number, { int = false, min = -Infinity } = {}): number {
  const v = last(p, k);
  if (v === undefined) return def;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || (int && !Number.isInteger(n)) || n < min) {
    throw new UsageError(`Invalid value '${v}' for --${k}: expected ${int ? 'an integer' : 'a number'}${min > -Infinity ? ` >= ${min}` : ''}`);
  }
  return n;
}

/** Comma-separated lists, possibly given several times. */
export const listOpt = (p: Parsed, k: string) => (p.opts.get(k) ?? []).flatMap((v) => v.split(',')).filter((x) => x !== '');

/** The options every htool shares for choosing its data source (CLI.hs oDataFile, oLuxiSocket…). */
export const DATA_OPTIONS: OptSpec[] = [
  { long: 'text-data', short: 't', arg: 'required', help: 'the cluster data FILE' },
  { long: 'luxi', short: 'L', arg: 'optional', help: 'collect data from the master (optionally through the given SOCKET path)' },
  { long: 'master', short: 'm', arg: 'required', help: 'collect data via RAPI at the given ADDRESS' },
  { long: 'ialloc-src', short: 'I', arg: 'required', help: 'specify an iallocator spec as the cluster data source' },
  { long: 'simulate', arg: 'required', help: 'simulate an empty cluster, given as alloc_policy,num_nodes,disk,ram,cpu' },
  { long: 'offline', short: 'O', arg: 'required', help: 'set node as offline' },
  { long: 'save', short: 'S', arg: 'required', help: 'save cluster state at the end of the processing to FILE' },
  { long: 'verbose', short: 'v', help: 'increase the verbosity level' },
  { long: 'quiet', short: 'q', help: 'decrease the verbosity level' },
  { long: 'help', short: 'h', help: 'show help' },
  { long: 'version', short: 'V', help: 'show the version of the program' },
];

export const verbosity = (p: Parsed, def = 1) => def + (p.opts.get('verbose')?.length ?? 0) - (p.opts.get('quiet')?.length ?? 0);
