// burnin's command line (burnin.py OPTIONS + ParseOptions): the same option names and
// defaults as Ganeti's, parsed with commander and compiled once into BurninOptions, so that
// every bad value is refused (naming it and what is allowed) before the master is asked
// anything. A few extensions are marked as such.
import { Command, CommanderError } from 'commander';
import { SOFTWARE_VERSION } from '../../daemons/common/constants.js';
import { parseDictOption } from '../../daemons/common/client/params.js';
import { parseUnit } from '../../daemons/common/units.js';
import { parseHypervisorOption } from '../../daemons/common/client/params.js';
import { BurninError, UsageError } from './errors.js';
import { REBOOT_TYPES, type RebootType } from '../../daemons/common/reboot-types.js';
import { burninTemplates } from './templates.js';

export const USAGE = '\tburnin -o OS_NAME [options...] instance_name ...';


export interface BurninOptions {
  os: string;
  instances: string[];
  diskTemplate: string;
  /** Sizes in MiB, one per disk (empty for diskless). */
  diskSize: number[];
  diskGrowth: number[];
  minmem: number;
  maxmem: number;
  vcpus: number;
  /** From -H/--hypervisor; null: the cluster's default hypervisor. */
  hypervisor: string | null;
  hvparams: Record<string, unknown>;
  osparams: Record<string, unknown>;
  nodes: string[];
  iallocator: string | null;
  parallel: boolean;
  verbose: boolean;
  debug: number;
  reason: string | null;
  nameCheck: boolean;
  ipCheck: boolean;
  earlyRelease: boolean;
  nics: Record<string, unknown>[];
  rebootTypes: RebootType[];
  /** Temporary name for the rename sequence (--rename), or null. */
  rename: string | null;
  keepInstances: boolean;
  httpCheck: boolean;
  netTimeout: number;
  do: {
    replace1: boolean; replace2: boolean; failover: boolean; migrate: boolean; move: boolean;
    importExport: boolean; startStop: boolean; reinstall: boolean; reboot: boolean; renameSame: boolean;
    activateDisks: boolean; addRemoveDisks: boolean; addRemoveNics: boolean; confd: boolean; grow: boolean;
  };
}

function increase(_v: string, prev: number): number {
  return prev + 1;
}

/** The commander definition; exitOverride so that main() decides about exit codes. */
export function burninCommand(out: (s: string) => void, err: (s: string) => void): Command {
  return new Command('burnin')
    .usage('-o OS_NAME [options...] instance_name ...')
    .description('Create instances on a cluster, exercise them with every operation, and remove them')
    .argument('[instance_name...]')
    .version(`burnin (ganeti-ts) ${SOFTWARE_VERSION}`, '--version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out(s.replace(/\n$/, '')), writeErr: (s) => err(s.replace(/\n$/, '')) })
    .option('-o, --os <OS>', 'OS to use during burnin')
    .option('-H, --hypervisor-parameters <hypervisor[:params]>', 'Hypervisor and hypervisor options')
    .option('--hypervisor <name>', 'Hypervisor to use (ganeti-ts extension; same as -H name)')
    .option('-O, --os-parameters <params>', 'OS parameters')
    .option('--disk-size <size,size,...>', 'Disk size (determines disk count)', '1G')
    .option('--disk-growth <size,size,...>', 'Disk growth', '128m')
    .option('--mem-size <size>', 'Memory size (sets both maximum and minimum memory)')
    .option('--maxmem-size <size>', 'Max Memory size', '256')
    .option('--minmem-size <size>', 'Min Memory size', '128')
    .option('--vcpu-count <count>', 'VCPU count', '3')
    .option('-d, --debug', 'Increase debugging level', increase, 0)
    .option('-v, --verbose', 'Increase the verbosity of the operation')
    // Unlike Ganeti, name and IP checks are opt-in: burnin's names are throwaway names that
    // no resolver knows (a virtual cluster's hosts file lists only instance1..N).
    .option('--name-check', "Check that the instance's name is resolvable")
    .option('--no-name-check', "Don't check that the instance's name is resolvable (the default)")
    .option('--ip-check', "Check that the instance's IP is alive (needs --name-check)")
    .option('--no-ip-check', "Don't check that the instance's IP is alive (the default)")
    .option('--early-release', 'Release the locks on the secondary node(s) early')
    .option('--no-replace1', 'Skip disk replacement with the same secondary')
    .option('--no-replace2', 'Skip disk replacement with a different secondary')
    .option('--no-failover', 'Skip instance failovers')
    .option('--no-migrate', 'Skip instance live migration')
    .option('--no-move', 'Skip instance moves')
    .option('--no-importexport', 'Skip instance export/import')
    .option('--no-startstop', 'Skip instance stop/start')
    .option('--no-reinstall', 'Skip instance reinstall')
    .option('--no-reboot', 'Skip instance reboot')
    .option('--no-renamesame', 'Skip instance rename to same name')
    .option('--reboot-types <types>', 'Specify the reboot types (comma-separated: soft, hard, full)')
    .option('--no-activate-disks', 'Skip disk activation/deactivation')
    .option('--no-add-disks', 'Skip disk addition/removal')
    .option('--no-add-nics', 'Skip NIC addition/removal')
    .option('--no-nics', 'No network interfaces')
    .option('--no-confd', 'Skip confd queries')
    .option('--no-grow', 'Skip disk growth (ganeti-ts extension; same as --disk-growth 0)')
    .option('--rename <instance_name>', 'Give one unused instance name which is taken to start the renaming sequence')
    .option('--no-rename', 'Skip every rename step (ganeti-ts extension)')
    .option('-t, --disk-template <template>', `Disk template (default drbd, otherwise one of ${burninTemplates().join(', ')})`, 'drbd')
    .option('-n, --nodes <nodes>', 'Comma separated list of nodes to perform the burnin on (defaults to all nodes)', '')
    .option('-I, --iallocator <name>', 'Perform the allocation using an iallocator instead of fixed node spread' +
      ' (node restrictions no longer apply, therefore -n/--nodes must not be used)')
    .option('-p, --parallel', 'Enable parallelization of some operations in order to speed burnin or to test granular locking')
    .option('--net-timeout <seconds>', 'The instance check network timeout in seconds (defaults to 15 seconds)', '15')
    .option('-C, --http-check', 'Enable checking of instance status via http, looking for /hostname.txt that should contain the name of the instance')
    .option('-K, --keep-instances', 'Leave instances on the cluster after burnin, for investigation in case of errors or simply to use them')
    .option('--reason <reason>', 'The reason for executing the command');
}

function size(opt: string, value: string): number {
  try {
    return parseUnit(value);
  } catch (e) {
    throw new BurninError(`Invalid value for ${opt}: ${(e as Error).message}`);
  }
}

function positiveInt(opt: string, value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) {
    throw new BurninError(`Invalid value '${value}' for ${opt}: expected a positive integer`);
  }
  return Number(value);
}

/** The shared parsers throw Ganeti errors; on the command line they are plain option errors. */
function asBurninError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new BurninError((e as Error).message);
  }
}

function sizeList(opt: string, value: string): number[] {
  return value.split(',').map((v) => size(opt, v.trim()));
}

/** ParseOptions: every check of Ganeti's, with the allowed values named. */
export function compileBurninOptions(raw: Record<string, unknown>, args: string[]): BurninOptions {
  const s = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined);
  const os = s('os');
  if (!args.length || os === undefined) throw new UsageError('burnin needs -o OS and at least one instance name');
  const seen = new Set<string>();
  for (const name of args) {
    if (seen.has(name)) throw new BurninError(`Instance name '${name}' given more than once`);
    seen.add(name);
  }

  let maxmem = size('--maxmem-size', s('maxmemSize')!);
  let minmem = size('--minmem-size', s('minmemSize')!);
  if (s('memSize') !== undefined) {
    maxmem = minmem = size('--mem-size', s('memSize')!);
  } else if (minmem > maxmem) {
    throw new BurninError('Maximum memory lower than minimum memory');
  }

  const template = s('diskTemplate')!;
  if (!burninTemplates().includes(template)) {
    throw new BurninError(`Unknown or unsupported disk template '${template}' (allowed: ${burninTemplates().join(', ')})`);
  }
  let diskSize: number[] = [];
  let diskGrowth: number[] = [];
  if (template !== 'diskless') {
    diskSize = sizeList('--disk-size', s('diskSize')!);
    diskGrowth = sizeList('--disk-growth', s('diskGrowth')!);
    if (diskGrowth.length !== diskSize.length) {
      throw new BurninError(`Wrong disk sizes/growth combination: ${diskSize.length} size(s) but ${diskGrowth.length} growth value(s)`);
    }
    if (diskSize.some((v) => v <= 0)) throw new BurninError(`Invalid --disk-size '${s('diskSize')}': every disk needs a size above 0`);
  }

  const nodes = (s('nodes') ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  const iallocator = s('iallocator') ?? null;
  if (nodes.length && iallocator) throw new BurninError('Give either the nodes option or the iallocator option, not both');
  const nameCheck = raw.nameCheck === true;
  const httpCheck = !!raw.httpCheck;
  if (httpCheck && !nameCheck) throw new BurninError("Can't enable HTTP checks without name checks");

  let rebootTypes: RebootType[] = [...REBOOT_TYPES];
  if (s('rebootTypes') !== undefined) {
    const given = s('rebootTypes')!.split(',').map((t) => t.trim());
    const bad = given.filter((t) => !(REBOOT_TYPES as readonly string[]).includes(t));
    if (bad.length) throw new BurninError(`Invalid reboot types specified: ${bad.join(', ')} (allowed: ${REBOOT_TYPES.join(', ')})`);
    rebootTypes = given as RebootType[];
  }

  const { hypervisor: hvFromH, hvparams } = asBurninError(() => parseHypervisorOption(s('hypervisorParameters')));
  const hvName = s('hypervisor');
  if (hvName !== undefined && hvFromH !== undefined && hvName !== hvFromH) {
    throw new BurninError(`--hypervisor ${hvName} and -H ${hvFromH} name different hypervisors`);
  }

  const rename = raw.rename === false ? null : (s('rename') ?? null);
  if (rename !== null && seen.has(rename)) {
    throw new BurninError(`The --rename name '${rename}' must be unused, but it is one of the burnin instances`);
  }

  return {
    os: os!,
    instances: args,
    diskTemplate: template,
    diskSize,
    diskGrowth: raw.grow === false ? diskGrowth.map(() => 0) : diskGrowth,
    minmem,
    maxmem,
    vcpus: positiveInt('--vcpu-count', s('vcpuCount')!),
    hypervisor: hvName ?? hvFromH ?? null,
    hvparams,
    osparams: asBurninError(() => parseDictOption('-O', s('osParameters'))) ?? {},
    nodes,
    iallocator,
    parallel: !!raw.parallel,
    verbose: !!raw.verbose,
    debug: Number(raw.debug ?? 0),
    reason: s('reason') ?? null,
    nameCheck,
    ipCheck: raw.ipCheck === true,
    earlyRelease: !!raw.earlyRelease,
    nics: raw.nics === false ? [] : [{}],
    rebootTypes,
    rename,
    keepInstances: !!raw.keepInstances,
    httpCheck,
    netTimeout: positiveInt('--net-timeout', s('netTimeout')!),
    do: {
      replace1: raw.replace1 !== false,
      replace2: raw.replace2 !== false,
      failover: raw.failover !== false,
      migrate: raw.migrate !== false,
      move: raw.move !== false,
      importExport: raw.importexport !== false,
      startStop: raw.startstop !== false,
      reinstall: raw.reinstall !== false,
      reboot: raw.reboot !== false,
      renameSame: raw.renamesame !== false && raw.rename !== false,
      activateDisks: raw.activateDisks !== false,
      addRemoveDisks: raw.addDisks !== false && template !== 'diskless',
      addRemoveNics: raw.addNics !== false,
      confd: raw.confd !== false,
      grow: raw.grow !== false,
    },
  };
}

/** Parses argv; throws UsageError/BurninError/CommanderError (help, version, unknown option). */
export function parseBurninArgs(argv: string[], out: (s: string) => void, err: (s: string) => void): BurninOptions {
  const cmd = burninCommand(out, err);
  cmd.parse(argv, { from: 'user' });
  return compileBurninOptions(cmd.opts(), cmd.processedArgs[0] as string[] ?? []);
}

export { CommanderError };
