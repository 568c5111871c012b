// Instance policy options (--ipolicy-bounds-specs, --ipolicy-std-specs, --ipolicy-disk-templates,
// --ipolicy-vcpu-ratio, --ipolicy-spindle-ratio) turned into the ipolicy dict of Ganeti's
// CreateIPolicyFromOpts. Sizes accept units and become MiB; every other spec is an integer.
import type { Command } from 'commander';
import { OpPrereqError } from '../../daemons/common/errors.js';
import { ISPEC_KEYS } from '../../daemons/common/objects.js';
import { parseList, parseMaybeFloat, splitKeyVal, splitMultiListIdentKeyVal, type KeyVal } from '../../daemons/common/client/keyval.js';
import { parseUnit } from '../../daemons/common/units.js';

export interface IPolicyOptions {
  ipolicyBoundsSpecs?: string;
  ipolicyStdSpecs?: string;
  ipolicyDiskTemplates?: string;
  ipolicyVcpuRatio?: string;
  ipolicySpindleRatio?: string;
  specsCpuCount?: string;
  specsDiskCount?: string;
  specsDiskSize?: string;
  specsMemSize?: string;
  specsNicCount?: string;
}

/** Ganeti's split specs options (--specs-mem-size=min=…,max=…,std=…) and the ispec key each sets. */
const SPLIT_SPECS: [keyof IPolicyOptions, string, string][] = [
  ['specsCpuCount', '--specs-cpu-count', 'cpu-count'],
  ['specsDiskCount', '--specs-disk-count', 'disk-count'],
  ['specsDiskSize', '--specs-disk-size', 'disk-size'],
  ['specsMemSize', '--specs-mem-size', 'memory-size'],
  ['specsNicCount', '--specs-nic-count', 'nic-count'],
];

/**
 * The split options as partial specs: only the bounds named are sent, so the master changes
 * exactly those (a bounds pair given in part keeps the other values).
 */
function splitSpecs(opts: IPolicyOptions): { min: ISpecDict; max: ISpecDict; std: ISpecDict } | null {
  const out = { min: {} as ISpecDict, max: {} as ISpecDict, std: {} as ISpecDict };
  let any = false;
  for (const [key, opt, spec] of SPLIT_SPECS) {
    const value = opts[key];
    if (value === undefined) continue;
    any = true;
    for (const [bound, v] of Object.entries(splitKeyVal(opt, value))) {
      if (bound !== 'min' && bound !== 'max' && bound !== 'std') invalid(`Invalid key '${bound}' in ${opt} (allowed: min, max, std)`);
      if (typeof v !== 'string') invalid(`Missing value for '${bound}' in ${opt}`);
      Object.assign(out[bound], parseISpec({ [spec]: v }, bound, false));
    }
  }
  return any ? out : null;
}

export type ISpecDict = Record<string, number>;

function invalid(msg: string): never {
  throw new OpPrereqError(msg, { ecode: 'wrong_input' });
}

/** One spec (min, max or std): known keys only, sizes with units, the rest integers. */
export function parseISpec(spec: KeyVal, keyname: string, required: boolean): ISpecDict {
  const out: ISpecDict = {};
  for (const [k, v] of Object.entries(spec)) {
    if (!(ISPEC_KEYS as readonly string[]).includes(k)) {
      invalid(`Unknown parameter '${k}' in ${keyname} instance specs (allowed: ${ISPEC_KEYS.join(', ')})`);
    }
    if (typeof v !== 'string') invalid(`Missing value for '${k}' in ${keyname} instance specs`);
    if (k === 'disk-size' || k === 'memory-size') {
      try {
        out[k] = parseUnit(v);
      } catch (err) {
        invalid(`Invalid parameter ${k} (${v}) in ${keyname} instance specs: ${(err as Error).message}`);
      }
    } else {
      if (!/^\d+$/.test(v)) invalid(`Invalid parameter ${k} (${v}) in ${keyname} instance specs: expected a non-negative integer`);
      out[k] = Number(v);
    }
  }
  const missing = ISPEC_KEYS.filter((k) => !(k in out));
  if (required && missing.length) {
    invalid(`Missing parameters in ipolicy spec ${keyname}: ${missing.join(', ')}`);
  }
  return out;
}

/** --ipolicy-bounds-specs: [{min: {...}, max: {...}}, ...], both halves complete. */
export function parseBoundsSpecs(value: string): { min: ISpecDict; max: ISpecDict }[] {
  return splitMultiListIdentKeyVal('--ipolicy-bounds-specs', value).map((pair) => {
    const out: Record<string, ISpecDict> = {};
    for (const [key, spec] of Object.entries(pair)) {
      if (key !== 'min' && key !== 'max') invalid(`Invalid key in bounds instance specifications: ${key} (allowed: min, max)`);
      out[key] = parseISpec(spec, key, true);
    }
    if (!out.min || !out.max) invalid(`Bounds instance specifications need both min and max: '${value}'`);
    return { min: out.min, max: out.max };
  });
}

/** The ipolicy dict (only the parts given on the command line), or null when none was. */
export function buildIPolicy(opts: IPolicyOptions): Record<string, unknown> | null {
  const ipolicy: Record<string, unknown> = {};
  if (opts.ipolicyBoundsSpecs !== undefined) ipolicy.minmax = parseBoundsSpecs(opts.ipolicyBoundsSpecs);
  if (opts.ipolicyStdSpecs !== undefined) {
    ipolicy.std = parseISpec(splitKeyVal('--ipolicy-std-specs', opts.ipolicyStdSpecs), 'std', false);
  }
  const split = splitSpecs(opts);
  if (split) {
    if (ipolicy.minmax) invalid('Cannot use --ipolicy-bounds-specs together with the --specs-* options');
    if (Object.keys(split.min).length || Object.keys(split.max).length) ipolicy.minmax = [{ min: split.min, max: split.max }];
    if (Object.keys(split.std).length) {
      if (ipolicy.std) invalid('Cannot use --ipolicy-std-specs together with std values of the --specs-* options');
      ipolicy.std = split.std;
    }
  }
  if (opts.ipolicyDiskTemplates !== undefined) ipolicy['disk-templates'] = parseList(opts.ipolicyDiskTemplates);
  if (opts.ipolicyVcpuRatio !== undefined) {
    ipolicy['vcpu-ratio'] = parseMaybeFloat('--ipolicy-vcpu-ratio', opts.ipolicyVcpuRatio);
  }
  if (opts.ipolicySpindleRatio !== undefined) {
    ipolicy['spindle-ratio'] = parseMaybeFloat('--ipolicy-spindle-ratio', opts.ipolicySpindleRatio);
  }
  return Object.keys(ipolicy).length ? ipolicy : null;
}

/** Adds the instance policy options to a verb (init, modify, group add/modify). */
export function addIPolicyOptions(cmd: Command, withStd = true): void {
  cmd.option('--ipolicy-bounds-specs <specs>', 'Complete instance specs limits (min:k=v,…/max:k=v,…)');
  if (withStd) cmd.option('--ipolicy-std-specs <specs>', 'Complete standard instance specs (k=v,…)');
  cmd.option('--ipolicy-disk-templates <list>', 'Comma-separated list of enabled disk templates');
  cmd.option('--ipolicy-vcpu-ratio <ratio>', 'The maximum allowed vcpu-to-cpu ratio');
  cmd.option('--ipolicy-spindle-ratio <ratio>', 'The maximum allowed instances to spindle ratio');
  cmd.option('--specs-cpu-count <specs>', 'CPU count specs: min=,max=,std=');
  cmd.option('--specs-disk-count <specs>', 'Disk count specs: min=,max=,std=');
  cmd.option('--specs-disk-size <specs>', 'Disk size specs with unit (default MiB): min=,max=,std=');
  cmd.option('--specs-mem-size <specs>', 'Memory size specs with unit (default MiB): min=,max=,std=');
  cmd.option('--specs-nic-count <specs>', 'NIC count specs: min=,max=,std=');
}

function specsText(specs: Record<string, unknown>): string {
  return Object.keys(specs).sort().map((k) => `${k}=${String(specs[k])}`).join(',');
}

/** cli.PrintIPolicyCommand: the options that recreate a policy's specs (std only at cluster level). */
export function ipolicyCommandOptions(ipolicy: Record<string, unknown>, isGroup: boolean): string {
  let out = '';
  const std = ipolicy.std as Record<string, unknown> | undefined;
  if (!isGroup && std && Object.keys(std).length) out += ` --ipolicy-std-specs ${specsText(std)}`;
  const pairs = ((ipolicy.minmax ?? []) as { min?: Record<string, unknown>; max?: Record<string, unknown> }[])
    .filter((p) => p.min && p.max && Object.keys(p.min).length && Object.keys(p.max).length);
  if (pairs.length) out += ` --ipolicy-bounds-specs ${pairs.map((p) => `min:${specsText(p.min!)}/max:${specsText(p.max!)}`).join('//')}`;
  return out;
}
