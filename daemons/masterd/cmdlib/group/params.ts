// Checking a group's custom disk parameters: per enabled-or-known disk template, each key
// known to that template's descriptor (Ganeti's CheckDiskParams / ForceDictType).
import { OpPrereqError } from '../../../common/errors.js';
import { isKnownTemplate } from '../../../storage/descriptors.js';

export function checkGroupDiskParams(input: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [tmpl, params] of Object.entries(input)) {
    if (!isKnownTemplate(tmpl)) throw new OpPrereqError(`Invalid disk template '${tmpl}' in disk parameters`, { ecode: 'wrong_input' });
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
      throw new OpPrereqError(`Disk parameters of template '${tmpl}' must be a dictionary`, { ecode: 'wrong_input' });
    }
    out[tmpl] = { ...(params as Record<string, unknown>) };
  }
  return out;
}
