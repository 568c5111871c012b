// The disk parameters each disk template knows (Ganeti's DISK_DT_PARAMETERS), plus this
// build's own file-disk format default. `gnt-cluster modify -D`, `gnt-group add/modify -D`
// refuse any other key, naming it and what the template takes.
import { OpPrereqError } from './errors.js';

export const DISK_PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  drbd: ['resync-rate', 'data-stripes', 'meta-stripes', 'disk-barriers', 'meta-barriers', 'dynamic-resync', 'c-plan-ahead',
    'c-fill-target', 'c-delay-target', 'c-max-rate', 'c-min-rate', 'disk-custom', 'net-custom', 'protocol', 'metavg'],
  plain: ['stripes'],
  file: ['format'],
  sharedfile: [],
  blockdev: [],
  rbd: ['pool', 'access'],
  ext: ['access'],
  gluster: ['host', 'port', 'volume', 'access'],
  diskless: [],
};

/** Throws wrong_input naming unknown keys of one template's disk parameters. */
export function checkDiskParamKeys(template: string, params: Readonly<Record<string, unknown>>): void {
  const known = DISK_PARAMETERS[template] ?? [];
  const unknown = Object.keys(params).filter((k) => !known.includes(k));
  if (unknown.length) {
    throw new OpPrereqError(`Unknown disk parameter(s) ${unknown.join(', ')} for disk template ${template} ` +
      `(allowed: ${known.length ? known.join(', ') : 'none'})`, { ecode: 'wrong_input' });
  }
}
