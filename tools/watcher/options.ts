// ganeti-watcher's command line (Ganeti's ParseOptions, optparse style): usage mistakes
// print "Usage: …" and "ganeti-watcher: error: …" and exit with 2, as optparse does.

export interface WatcherOptions {
  debug: boolean;
  /** Archive finished jobs older than this many seconds (-A/--job-age, default 6 h). */
  jobAge: number;
  ignorePause: boolean;
  /** Accepted for compatibility: group watchers run in this process and are always awaited. */
  waitChildren: boolean;
  noVerifyDisks: boolean;
  /** Verify disks non-strictly (cron's 5-minute runs); strict every 30 minutes. */
  noStrict: boolean;
  /** Where to probe the RAPI daemon; default: its -b address from etc/default/ganeti, else 127.0.0.1. */
  rapiIp: string | null;
  /** Only this node group (Ganeti's internal --nodegroup). */
  nodegroup: string | null;
}

export type ParsedArgs = { kind: 'run'; opts: WatcherOptions } | { kind: 'exit'; code: number; out: string; err: string };

export const USAGE = 'Usage: ganeti-watcher [-d]';
const HELP = `${USAGE}

Ganeti cluster watcher

Options:
  --version             show program's version number and exit
  -h, --help            show this help message and exit
  -d, --debug           Turn debugging on
  --nodegroup=NODEGROUP
                        Node group (name or uuid)
  -A JOB_AGE, --job-age=JOB_AGE
                        Autoarchive jobs older than this age (default 6 hours)
  --ignore-pause        Ignore cluster pause setting
  --wait-children       Wait for child processes
  --no-wait-children    Don't wait for child processes
  --no-verify-disks     Do not verify disk status
  --no-strict           Do not run group verify in strict mode
  --rapi-ip=RAPI_IP     Use this IP to talk to RAPI.`;

/** Ganeti's cli.ParseTimespec: N, Ns, Nm, Nh, Nd or Nw, as seconds; null when invalid. */
export function parseTimespec(value: string): number | null {
  const m = /^(\d+)([smhdw]?)$/.exec(value);
  if (!m) return null;
  const mult: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
  return Number(m[1]) * mult[m[2]!]!;
}

const WITH_VALUE = new Set(['-A', '--job-age', '--rapi-ip', '--nodegroup']);

export function parseArgs(argv: string[], version: string): ParsedArgs {
  const opts: WatcherOptions = {
    debug: false, jobAge: 6 * 3600, ignorePause: false, waitChildren: true, noVerifyDisks: false,
    noStrict: false, rapiIp: null, nodegroup: null,
  };
  const fail = (msg: string): ParsedArgs => ({ kind: 'exit', code: 2, out: '', err: `${USAGE}\n\nganeti-watcher: error: ${msg}\n` });
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let value: string | undefined;
    if (arg.startsWith('--') && arg.includes('=')) {
      value = arg.slice(arg.indexOf('=') + 1);
      arg = arg.slice(0, arg.indexOf('='));
    } else if (/^-A./.test(arg)) {
      value = arg.slice(2);
      arg = '-A';
    }
    if (WITH_VALUE.has(arg) && value === undefined) {
      if (i + 1 >= argv.length) return fail(`${arg} option requires an argument`);
      value = argv[++i]!;
    } else if (!WITH_VALUE.has(arg) && value !== undefined && arg.startsWith('--')) {
      return fail(`${arg} option does not take a value`);
    }
    switch (arg) {
      case '-h': case '--help': return { kind: 'exit', code: 0, out: `${HELP}\n`, err: '' };
      case '--version': return { kind: 'exit', code: 0, out: `ganeti-watcher (ganeti) ${version}\n`, err: '' };
      case '-d': case '--debug': opts.debug = true; break;
      case '--ignore-pause': opts.ignorePause = true; break;
      case '--wait-children': opts.waitChildren = true; break;
      case '--no-wait-children': opts.waitChildren = false; break;
      case '--no-verify-disks': opts.noVerifyDisks = true; break;
      case '--no-strict': opts.noStrict = true; break;
      case '-A': case '--job-age': {
        const age = parseTimespec(value!);
        if (age === null) {
          return fail(`invalid job age '${value}' (${arg}): expected seconds or a number with a suffix s, m, h, d or w, e.g. 6h`);
        }
        opts.jobAge = age;
        break;
      }
      case '--rapi-ip':
        if (!/^[0-9A-Fa-f.:]+$/.test(value!)) return fail(`invalid --rapi-ip '${value}': expected an IPv4 or IPv6 address`);
        opts.rapiIp = value!;
        break;
      case '--nodegroup':
        if (!value) return fail('--nodegroup needs a node group name or UUID');
        opts.nodegroup = value;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') return fail(`no such option: ${arg}`);
        args.push(arg);
    }
  }
  if (args.length) return fail(`No arguments expected (got ${args.map((a) => `'${a}'`).join(' ')})`);
  return { kind: 'run', opts };
}
