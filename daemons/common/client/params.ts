// Parameter-dict options shared by several verbs: -B (backend), -H (hypervisor), -N (nic),
// -D (disk), --node-parameters. Backend values are typed here as Ganeti's client does
// (ForceDictType with BES_PARAMETER_COMPAT), so that "-B memory=1G" is checked and sent in
// MiB; the other dicts keep the user's strings and the master checks them by schema.
import { BE_PARAM_TYPES } from '../beparams.js';
import { parseBool } from '../booleans.js';
import { OpPrereqError, ParameterError } from '../errors.js';
import { splitIdentKeyVal, splitKeyVal, type KeyVal } from './keyval.js';
import { parseUnit } from '../units.js';

function bad(msg: string): never {
  throw new ParameterError(msg, { ecode: 'wrong_input' });
}

/**
 * Types a -B dict. null (from "-x") and, where allowed, "default" pass through as resets.
 */
export function typeBeParams(opt: string, kv: KeyVal, allowDefault = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(kv)) {
    const type = BE_PARAM_TYPES[key];
    if (!type) bad(`Unknown backend parameter '${key}' in option ${opt} (allowed: ${Object.keys(BE_PARAM_TYPES).join(', ')})`);
    if (raw === null || (allowDefault && typeof raw === 'string' && raw.toLowerCase() === 'default')) {
      out[key] = raw === null ? null : 'default';
      continue;
    }
    if (type === 'bool') {
      out[key] = parseBool(raw, `backend parameter '${key}' in option ${opt}`);
    } else if (typeof raw === 'boolean') {
      bad(`Missing value for backend parameter '${key}' in option ${opt}`);
    } else if (type === 'size') {
      try {
        out[key] = parseUnit(raw);
      } catch (err) {
        bad(`Invalid value for backend parameter '${key}' in option ${opt}: ${(err as Error).message}`);
      }
    } else {
      if (!/^\d+$/.test(raw.trim())) bad(`Invalid value '${raw}' for backend parameter '${key}' in option ${opt} (expected an integer)`);
      out[key] = Number(raw);
    }
  }
  return out;
}

/** -B k=v,… parsed and typed. */
export function parseBeParams(value: string | undefined, allowDefault = false): Record<string, unknown> {
  return value === undefined ? {} : typeBeParams('-B', splitKeyVal('-B', value), allowDefault);
}

/** A plain k=v,… dict option (-N, -O, --node-parameters), values as given. */
export function parseDictOption(opt: string, value: string | undefined): KeyVal | undefined {
  return value === undefined ? undefined : splitKeyVal(opt, value);
}

/**
 * Repeated "ident:k=v,…" options (-H hv:…, -D template:…) as {ident: dict}; "no_ident" or
 * "-ident" give false / null (remove or reset that group).
 */
export function parseIdentDicts(opt: string, values: string[] | undefined): Record<string, KeyVal | false | null> {
  const out: Record<string, KeyVal | false | null> = {};
  for (const v of values ?? []) {
    const [ident, dict] = splitIdentKeyVal(opt, v);
    if (!ident) bad(`Missing name before ':' in option ${opt}: '${v}'`);
    if (Object.hasOwn(out, ident)) bad(`Duplicate '${ident}' in option ${opt}`);
    out[ident] = dict;
  }
  return out;
}

/** Comma list option split into names (e.g. --enabled-hypervisors kvm,fake). */
export function parseNameList(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter(Boolean);
}

/** -H hv[:k=v,…] for instance creation: the hypervisor and its parameters (usb_devices spaces → commas). */
export function parseHypervisorOption(value: string | undefined): { hypervisor?: string; hvparams: Record<string, unknown> } {
  if (value === undefined) return { hvparams: {} };
  const [hv, dict] = splitIdentKeyVal('-H', value);
  if (dict === false || dict === null) {
    throw new OpPrereqError(`Invalid -H value '${value}': expected hypervisor[:key=value,…]`, { ecode: 'wrong_input' });
  }
  const hvparams: Record<string, unknown> = { ...dict };
  if (typeof hvparams.usb_devices === 'string') hvparams.usb_devices = hvparams.usb_devices.replace(/ /g, ',');
  return { hypervisor: hv || undefined, hvparams };
}
