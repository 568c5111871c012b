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
}
