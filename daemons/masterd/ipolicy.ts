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
