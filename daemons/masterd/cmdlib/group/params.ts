// Checking a group's custom disk parameters: a known disk template, each key one Ganeti
// knows for it (common/disk-params.ts).
import { OpPrereqError } from '../../../common/errors.js';
import { isKnownTemplate } from '../../../storage/descriptors.js';
import { checkDiskParamKeys } from '../../../common/disk-params.js';

export function checkGroupDiskParams(input: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [tmpl, params] of Object.entries(input)) {
    if (!isKnownTemplate(tmpl)) throw new OpPrereqError(`Invalid disk template '${tmpl}' in disk parameters`, { ecode: 'wrong_input' });
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
      throw new OpPrereqError(`Disk parameters of template '${tmpl}' must be a dictionary`, { ecode: 'wrong_input' });
    }
    checkDiskParamKeys(tmpl, params as Record<string, unknown>);
    out[tmpl] = { ...(params as Record<string, unknown>) };
  }
  return out;
}
