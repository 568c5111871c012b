// Type-checks parameter dicts that arrive as strings from the CLI ("128", "1G", "yes") or
// typed from RAPI, as Ganeti's ForceDictType: unknown keys and bad values are refused with
// the key, the value and what is allowed.
import { BE_DEFAULTS, NIC_DEFAULTS } from '../common/constants.js';
import { OpPrereqError } from '../common/errors.js';
import { ISPEC_KEYS, type BeParams, type IPolicy, type ISpec } from '../common/objects.js';
import { BE_PARAM_TYPES } from '../common/beparams.js';
import { parseBool } from '../common/booleans.js';
import { parseUnit } from '../common/units.js';
import { findHypervisor, hypervisorNames } from '../hypervisor/descriptors.js';

type Kind = 'size' | 'int' | 'bool' | 'string' | 'float';

const NIC_TYPES: Record<string, Kind> = { mode: 'string', link: 'string', vlan: 'string' };
const NIC_MODES = ['bridged', 'routed', 'openvswitch'];

function bad(msg: string): never { throw new OpPrereqError(msg, { ecode: 'wrong_input' }); }

function coerce(kind: Kind, key: string, v: unknown, where: string): unknown {
  switch (kind) {
    case 'size':
      if (typeof v === 'number' || typeof v === 'string') {
        try { return parseUnit(v, `${where} '${key}'`); } catch (e) { bad((e as Error).message); }
      }
      return bad(`${where} '${key}' must be a size, got ${JSON.stringify(v)}`);
    case 'int': {
      const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
      if (typeof n === 'number' && Number.isInteger(n) && n >= 0) return n;
      return bad(`${where} '${key}' must be a non-negative integer, got ${JSON.stringify(v)}`);
    }
    case 'float': {
      const n = typeof v === 'string' ? Number(v) : v;
      if (typeof n === 'number' && Number.isFinite(n)) return n;
      return bad(`${where} '${key}' must be a number, got ${JSON.stringify(v)}`);
    }
    case 'bool':
      try { return parseBool(v, `${where} '${key}'`); } catch { /* reported below, in the master's words */ }
      return bad(`${where} '${key}' must be a boolean (yes/no/true/false), got ${JSON.stringify(v)}`);
    case 'string':
      if (typeof v === 'string' || typeof v === 'number') return String(v);
      return bad(`${where} '${key}' must be a string, got ${JSON.stringify(v)}`);
  }
}

function checkDict(input: Record<string, unknown>, types: Record<string, Kind>, where: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    const kind = types[k];
    if (!kind) bad(`Unknown ${where} '${k}' (allowed: ${Object.keys(types).sort().join(', ')})`);
    out[k] = coerce(kind, k, v, where);
  }
  return out;
}

/** Backend parameters; 'memory' sets both maxmem and minmem (Ganeti's UpgradeBeParams). */
export function checkBeParams(input: Record<string, unknown>): Partial<BeParams> {
  const out = checkDict(input, BE_PARAM_TYPES, 'backend parameter');
  if ('memory' in out) {
    out.maxmem ??= out.memory;
    out.minmem ??= out.memory;
    delete out.memory;
  }
  if (typeof out.vcpus === 'number' && out.vcpus < 1) bad(`backend parameter 'vcpus' must be at least 1, got ${out.vcpus}`);
  if (typeof out.maxmem === 'number' && typeof out.minmem === 'number' && out.minmem > out.maxmem) {
    bad(`Minimum memory (${out.minmem}) is greater than maximum memory (${out.maxmem})`);
  }
  return out as Partial<BeParams>;
}

/** The master's one check of hvparams, against the hypervisor's descriptor (schema, choices, values). */
export function checkHvParams(hv: string, input: Record<string, unknown>): Record<string, unknown> {
  const desc = findHypervisor(hv);
  if (!desc) bad(`Unknown hypervisor '${hv}' (known: ${hypervisorNames().join(', ')})`);
  const types = Object.fromEntries(Object.entries(desc.params).map(([k, spec]) => [k, spec.type as Kind]));
  const out = checkDict(input, types, `${hv} hypervisor parameter`);
  for (const [k, spec] of Object.entries(desc.params)) {
    if (spec.choices && k in out && !spec.choices.includes(String(out[k]))) {
      bad(`Invalid value '${String(out[k])}' for ${hv} hypervisor parameter '${k}' (allowed: ${spec.choices.map((c) => c || "''").join(', ')})`);
    }
  }
  try { desc.checkValues(out); } catch (err) { bad((err as Error).message); }
  return out;
}

export function checkNicParams(input: Record<string, unknown>): Record<string, string> {
  const out = checkDict(input, NIC_TYPES, 'NIC parameter') as Record<string, string>;
  if (out.mode !== undefined && !NIC_MODES.includes(out.mode)) bad(`Invalid NIC mode '${out.mode}' (allowed: ${NIC_MODES.join(', ')})`);
  return out;
}

export { BE_DEFAULTS, NIC_DEFAULTS };

/** The ispecs an instance has, for the policy check. */
export interface InstanceSpec { memory: number; vcpus: number; diskSizes: number[]; nics: number; spindleUse: number }

/** Ganeti's ComputeIPolicySpecViolation: every value within one min/max pair. */
export function ipolicyViolations(policy: IPolicy, spec: InstanceSpec, template: string): string[] {
  const errs: string[] = [];
  if (policy['disk-templates'].length && !policy['disk-templates'].includes(template)) {
    errs.push(`Disk template ${template} is not allowed (allowed: ${policy['disk-templates'].join(', ')})`);
  }
  const values: [keyof ISpec, number][] = [
    ['memory-size', spec.memory], ['cpu-count', spec.vcpus],
    ['nic-count', spec.nics], ['spindle-use', spec.spindleUse],
    ...spec.diskSizes.map((s) => ['disk-size', s] as [keyof ISpec, number]),
  ];
  // As in Ganeti, a disk count makes no sense for diskless instances.
  if (template !== 'diskless') values.push(['disk-count', spec.diskSizes.length]);
  const perPair = policy.minmax.map(({ min, max }) => values
    .filter(([k, v]) => v < min[k] || v > max[k])
    .map(([k, v]) => `${k} value ${v} is not in range [${min[k]}, ${max[k]}]`));
  if (perPair.length && perPair.every((p) => p.length > 0)) errs.push(...perPair[0]!);
  return errs;
}

export function checkIspec(input: Record<string, unknown>, where: string): Partial<ISpec> {
  const out: Partial<ISpec> = {};
  for (const [k, v] of Object.entries(input)) {
    if (!(ISPEC_KEYS as readonly string[]).includes(k)) bad(`Unknown ${where} key '${k}' (allowed: ${ISPEC_KEYS.join(', ')})`);
    out[k as keyof ISpec] = coerce(k === 'disk-size' || k === 'memory-size' ? 'size' : 'int', k, v, where) as number;
  }
  return out;
}

/** Ganeti's NDS_PARAMETER_TYPES: the node parameters and their types. */
const ND_TYPES: Record<string, Kind> = {
  oob_program: 'string', spindle_count: 'int', exclusive_storage: 'bool', ovs: 'bool', ovs_name: 'string',
  ovs_link: 'string', ssh_port: 'int', cpu_speed: 'float',
};

/** Node parameters (cluster, group or node level), as ForceDictType with NDS_PARAMETER_TYPES;
 * with allowDefault, 'default' (reset to the inherited value) passes unchanged. An
 * oob_program is run by path on the master: it must be absolute (or empty: none). */
export function checkNdParams(input: Record<string, unknown>, allowDefault = false): Record<string, unknown> {
  const keep = allowDefault ? Object.entries(input).filter(([, v]) => v === 'default' || v === null) : [];
  const out = checkDict(Object.fromEntries(Object.entries(input).filter(([k]) => !keep.some(([d]) => d === k))), ND_TYPES, 'node parameter');
  const oob = out.oob_program;
  if (typeof oob === 'string' && oob !== '' && (!oob.startsWith('/') || oob.includes('\0'))) {
    bad(`node parameter 'oob_program' must be an absolute path (or empty for none), got '${oob}'`);
  }
  return { ...out, ...Object.fromEntries(keep) };
}
