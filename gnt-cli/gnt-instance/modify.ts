// gnt-instance modify NAME: OP_INSTANCE_SET_PARAMS (-B, -H, -O, -o, --net/--disk
// modifications, --offline/--online, -m); prints the applied changes and Ganeti's reminder
// that most of them take effect at the next restart.
import { OpInstanceSetParams } from '../../daemons/common/opcodes/instance.js';
import { OpPrereqError } from '../../daemons/common/errors.js';
import { checkOwnerName } from '../../daemons/common/owner.js';
import { printChanges } from '../framework/changes.js';
import { collect, splitIdentKeyVal, splitKeyVal } from '../../daemons/common/client/keyval.js';
import { parseBeParams, parseDictOption } from '../../daemons/common/client/params.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { parseUnit } from '../../daemons/common/units.js';

interface ModifyOpts extends GenericOpts {
  backendParameters?: string;
  hypervisorParameters?: string;
  osParameters?: string;
  osType?: string;
  forceVariant?: boolean;
  force?: boolean;
  disk?: string[];
  net?: string[];
  offline?: boolean;
  online?: boolean;
  runtimeMemory?: string;
  waitForSync?: boolean;
  conflictsCheck?: boolean;
  ignoreIpolicy?: boolean;
  hotplug?: boolean;
  owner?: string;
}

const ACTIONS = ['add', 'attach', 'remove', 'detach', 'modify'];

function invalid(msg: string): never {
  throw new OpPrereqError(msg, { ecode: 'wrong_input' });
}

/** Ganeti's _ConvertNicDiskModifications: CLI forms into [action, identifier, params]. */
export function convertModifications(opt: string, values: string[] | undefined): [string, number | string, Record<string, unknown>][] {
  return (values ?? []).map((value) => {
    const [ident, parsed] = splitIdentKeyVal(opt, value);
    if (parsed === false || parsed === null) invalid(`Invalid ${opt} value '${value}'`);
    const params: Record<string, unknown> = { ...parsed };
    let action: string;
    let id: number | string;
    if (['add', 'attach', 'remove', 'detach'].includes(ident)) {
      // Legacy form: act on the last item.
      action = ident;
      id = -1;
    } else {
      const given = ACTIONS.filter((a) => a in params);
      if (given.length > 1) invalid(`Cannot do more than one of the following operations at the same time: ${ACTIONS.join(', ')}`);
      action = given[0] ?? 'modify';
      for (const a of ACTIONS) delete params[a];
      id = /^-?\d+$/.test(ident) ? Number(ident) : ident;
    }
    if ((action === 'remove' || action === 'detach') && Object.keys(params).length) {
      invalid('Not accepting parameters on removal/detach');
    }
    return [action, id, params];
  });
}

/** Disk sizes and spindles of disk modifications; adding a disk needs a size. */
function parseDiskSizes(mods: [string, number | string, Record<string, unknown>][]): typeof mods {
  for (const [action, , params] of mods) {
    if (params.spindles !== undefined) {
      if (!/^\d+$/.test(String(params.spindles))) invalid(`Invalid spindles '${String(params.spindles)}' (expected an integer)`);
      params.spindles = Number(params.spindles);
    }
    if (params.size !== undefined) params.size = parseUnit(String(params.size));
    else if (action === 'add') invalid("Missing required parameter 'size'");
  }
  return mods;
}

export const verb: VerbDef<ModifyOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('-B, --backend-parameters <params>', 'Backend parameters');
    cmd.option('-H, --hypervisor-parameters <params>', 'Hypervisor parameters');
    cmd.option('-O, --os-parameters <params>', 'OS parameters');
    cmd.option('-o, --os-type <os>', 'Change the OS');
    cmd.option('--force-variant', 'Force an unknown variant');
    cmd.option('-f, --force', 'Force the operation');
    cmd.option('--disk <modification>', 'Disk changes: add:size=…, N:modify,…, N:remove (repeatable)', collect(String));
    cmd.option('--net <modification>', 'NIC changes: add:…, N:modify,…, N:remove (repeatable)', collect(String));
    cmd.option('--offline', 'Mark the (down) instance offline');
    cmd.option('--online', 'Mark the offline instance online again');
    cmd.option('-m, --runtime-memory <size>', "Sets the instance's runtime memory, ballooning it up or down to the new value");
    cmd.option('--no-wait-for-sync', "Don't wait for sync (DANGEROUS!)");
    cmd.option('--no-conflicts-check', "Don't check for conflicting IPs");
    cmd.option('--ignore-ipolicy', 'Ignore instance policy violations');
    cmd.option('--hotplug', 'Hotplug supported devices (NICs and Disks)');
    cmd.option('--no-hotplug', 'Do not hotplug devices');
    cmd.option('--owner <user>', "Give the instance to this RAPI account ('' for nobody)");
    addJobOptions(cmd);
  },
  async run(ctx, opts, [name]) {
    if (opts.offline && opts.online) invalid('Only one of --offline and --online can be given');
    const beparams = parseBeParams(opts.backendParameters, true);
    const hvparams: Record<string, unknown> = opts.hypervisorParameters === undefined ? {}
      : splitKeyVal('-H', opts.hypervisorParameters);
    for (const [k, v] of Object.entries(hvparams)) if (typeof v === 'string' && v.toLowerCase() === 'default') hvparams[k] = 'default';
    if (typeof hvparams.usb_devices === 'string') hvparams.usb_devices = hvparams.usb_devices.replace(/ /g, ',');
    const params = {
      instance_name: name,
      beparams,
      hvparams,
      osparams: parseDictOption('-O', opts.osParameters) ?? {},
      os_name: opts.osType,
      nics: convertModifications('--net', opts.net),
      disks: parseDiskSizes(convertModifications('--disk', opts.disk)),
      offline: opts.offline ? true : opts.online ? false : undefined,
      runtime_mem: opts.runtimeMemory === undefined ? undefined : parseUnit(opts.runtimeMemory),
      owner: opts.owner === undefined || opts.owner === '' ? opts.owner : checkOwnerName(opts.owner),
    };
    const nothing = !Object.keys(beparams).length && !Object.keys(hvparams).length && !Object.keys(params.osparams).length &&
      !params.nics.length && !params.disks.length && params.os_name === undefined && params.offline === undefined &&
      params.runtime_mem === undefined && params.owner === undefined;
    if (nothing) {
      ctx.err('Please give at least one of the parameters.');
      return 1;
    }
    const op = buildOp(ctx, OpInstanceSetParams, {
      ...params,
      force: !!opts.force,
      force_variant: !!opts.forceVariant,
      wait_for_sync: opts.waitForSync !== false,
      conflicts_check: opts.conflictsCheck !== false,
      ignore_ipolicy: !!opts.ignoreIpolicy,
      hotplug: opts.hotplug,
    }, opts);
    const res = await submitOrSend(ctx, op, opts);
    if (printChanges(ctx, 'instance', name!, res.result)) {
      ctx.out("Please don't forget that most parameters take effect only at the next (re)start of the instance" +
        ' initiated by ganeti; restarting from within the instance will not be enough.');
      if (Object.keys(hvparams).length) {
        ctx.out('Note that changing hypervisor parameters without performing a restart might lead to a crash while' +
          ' performing a live migration. This will be addressed in future Ganeti versions.');
      }
    }
    return 0;
  },
};
