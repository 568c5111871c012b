// Instance policy dicts as the CLI or RAPI send them: checked and typed once, for cluster init
// and for gnt-cluster modify.
import { OpPrereqError } from '../common/errors.js';
import type { IPolicy } from '../common/objects.js';
import { isKnownTemplate } from '../storage/descriptors.js';
import { checkIspec } from './params.js';

/** Validates an ipolicy dict from the CLI or RAPI (minmax, std, disk-templates, ratios). */
export function parseIpolicy(input: Record<string, unknown>): Partial<IPolicy> {
  const out: Partial<IPolicy> = {};
  for (const [k, v] of Object.entries(input)) {
    switch (k) {
      case 'minmax': {
        if (!Array.isArray(v) || !v.length) throw new OpPrereqError('ipolicy minmax must be a non-empty list of {min, max}', { ecode: 'wrong_input' });
        out.minmax = v.map((pair: Record<string, Record<string, unknown>>, i) => {
          const min = checkIspec(pair?.min ?? {}, `ipolicy bounds min/${i}`);
          const max = checkIspec(pair?.max ?? {}, `ipolicy bounds max/${i}`);
          for (const key of Object.keys(min) as (keyof typeof min)[]) {
            if (max[key] !== undefined && min[key]! > max[key]!) throw new OpPrereqError(`Invalid instance policy: ${key} minimum ${min[key]} is greater than maximum ${max[key]}`, { ecode: 'wrong_input' });
          }
          return { min, max } as IPolicy['minmax'][number];
        });
        break;
      }
      case 'std': out.std = checkIspec(v as Record<string, unknown>, 'ipolicy std') as IPolicy['std']; break;
      case 'disk-templates': {
        const list = Array.isArray(v) ? v.map(String) : String(v).split(',');
        const bad = list.filter((t) => !isKnownTemplate(t));
        if (bad.length) throw new OpPrereqError(`Invalid disk template(s) in ipolicy: ${bad.join(', ')}`, { ecode: 'wrong_input' });
        out['disk-templates'] = list;
        break;
      }
      case 'vcpu-ratio': case 'spindle-ratio': {
        const n = Number(v);
        if (!Number.isFinite(n) || n <= 0) throw new OpPrereqError(`Invalid ipolicy ${k} '${String(v)}': must be a positive number`, { ecode: 'wrong_input' });
        out[k] = n;
        break;
      }
      default:
        throw new OpPrereqError(`Unknown instance policy key '${k}' (allowed: minmax, std, disk-templates, vcpu-ratio, spindle-ratio)`, { ecode: 'wrong_input' });
    }
  }
  return out;
}

/**
 * A policy change applied to a complete policy (cluster modify, Ganeti's GetUpdatedIPolicy
 * with its split --specs-* options): keys given replace, a bounds pair given only in part
 * changes just the named bounds, std merges; the result must keep min <= max and the std
 * spec inside a bounds pair.
 */
export function applyIpolicy(current: Readonly<IPolicy>, upd: Partial<IPolicy>): IPolicy {
  // JSON, not structuredClone: current may be a config draft (a proxy).
  const out = JSON.parse(JSON.stringify(current)) as IPolicy;
  if (upd.minmax) {
    out.minmax = upd.minmax.map((pair, i) => {
      const base = current.minmax[i] ?? current.minmax[0];
      return { min: { ...base?.min, ...pair.min }, max: { ...base?.max, ...pair.max } } as IPolicy['minmax'][number];
    });
  }
  if (upd.std) out.std = { ...out.std, ...upd.std };
  if (upd['disk-templates']) out['disk-templates'] = upd['disk-templates'];
  if (upd['vcpu-ratio'] !== undefined) out['vcpu-ratio'] = upd['vcpu-ratio'];
  if (upd['spindle-ratio'] !== undefined) out['spindle-ratio'] = upd['spindle-ratio'];
  checkPolicyBounds(out);
  return out;
}

/** min <= max in every pair, and the std spec inside one of them (objects.InstancePolicy.CheckISpecSyntax). */
export function checkPolicyBounds(p: Readonly<IPolicy>): void {
  for (const { min, max } of p.minmax) {
    for (const k of Object.keys(min) as (keyof typeof min)[]) {
      if (max[k] !== undefined && min[k] > max[k]) {
        throw new OpPrereqError(`Invalid instance policy: ${k} minimum ${min[k]} is greater than maximum ${max[k]}`, { ecode: 'wrong_input' });
      }
    }
  }
  if (!p.std || !p.minmax.length) return;
  const outside = (Object.keys(p.std) as (keyof typeof p.std)[]).filter((k) =>
    !p.minmax.some(({ min, max }) => (min[k] === undefined || p.std[k] >= min[k]) && (max[k] === undefined || p.std[k] <= max[k])));
  if (outside.length) {
    const k = outside[0]!;
    throw new OpPrereqError(`Invalid instance policy: std value ${p.std[k]} for ${k} is outside the bounds ` +
      `(${p.minmax.map(({ min, max }) => `${min[k]}-${max[k]}`).join(', ')}); change the std spec too (--specs-${k.replace('memory', 'mem')}=std=N)`, { ecode: 'wrong_input' });
  }
}
