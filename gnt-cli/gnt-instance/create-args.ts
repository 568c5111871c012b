// The instance-creation options of Ganeti's GenericInstanceCreate: --disk N:size=…, -s,
// --net N:…, --no-nics, -n pnode[:snode], -H hv[:k=v], -B, -O, --tags; checked here so that
// a bad value is refused (naming it) before anything is sent to the master.
import { OpPrereqError } from '../../daemons/common/errors.js';
import { isKnownTemplate, templateNames } from '../../daemons/storage/descriptors.js';
import { splitIdentKeyVal, type KeyVal } from '../../daemons/common/client/keyval.js';
import { parseUnit } from '../../daemons/common/units.js';

function invalid(msg: string): never {
  throw new OpPrereqError(msg, { ecode: 'wrong_input' });
}

/** Disk keys a --disk may carry (Ganeti IDISK_PARAMS); ext disks also take provider ones. */
export const DISK_KEYS = ['size', 'mode', 'name', 'vg', 'metavg', 'spindles', 'adopt', 'provider', 'access',
  'base_image',    // profiles: an overlay on a base image (docs/os-images.md)
  'format', 'backing', 'backing_format',   // file disks: raw or qcow2, optionally on a base image (docs/storage.md)
  'persistent'];   // file disks: persistent=no discards the writes at every stop (docs/lifecycle.md)
/** NIC keys a --net may carry (Ganeti INIC_PARAMS). */
export const NIC_KEYS = ['mac', 'ip', 'mode', 'link', 'network', 'name', 'vlan', 'bridge'];

/** Parses repeated "N:k=v,…" values into (index, dict) pairs; the index must be a number. */
export function parseIndexed(opt: string, values: string[] | undefined): [number, KeyVal][] {
  return (values ?? []).map((v) => {
    const [ident, dict] = splitIdentKeyVal(opt, v);
    if (!/^\d+$/.test(ident)) invalid(`Invalid ${opt === '--net' ? 'NIC' : 'disk'} index passed: '${ident}' (expected 0, 1, …)`);
    if (dict === false || dict === null) invalid(`Invalid ${opt} value '${v}': expected N:key=value,…`);
    return [Number(ident), dict];
  });
}

function checkKeys(what: string, dict: KeyVal, allowed: string[]): void {
  for (const k of Object.keys(dict)) {
    if (!allowed.includes(k)) invalid(`Unknown parameter '${k}' for ${what} (allowed: ${allowed.join(', ')})`);
  }
}

/** --disk / -s into the opcode's disks list (sizes in MiB), per the disk template. */
export function buildDisks(template: string, diskOpts: string[] | undefined, osSize: string | undefined,
  mode: 'create' | 'import' = 'create'): Record<string, unknown>[] {
  const given = parseIndexed('--disk', diskOpts);
  if (template === 'diskless') {
    if (given.length || osSize !== undefined) invalid('Diskless instance but disk information passed');
    return [];
  }
  if (!given.length && osSize === undefined && mode === 'create') invalid('No disk information specified');
  if (given.length && osSize !== undefined) invalid("Please use either the '--disk' or '-s' option");
  const entries: [number, KeyVal][] = osSize !== undefined ? [[0, { size: osSize }]] : given;
  const count = Math.max(0, ...entries.map(([i]) => i + 1));
  const disks: (Record<string, unknown> | undefined)[] = new Array(count).fill(undefined);
  for (const [idx, dict] of entries) {
    if (disks[idx]) invalid(`Disk ${idx} given more than once`);
    if (template !== 'ext') checkKeys(`disk ${idx}`, dict, DISK_KEYS);
    const disk: Record<string, unknown> = { ...dict };
    if (dict.size !== undefined) {
      if (dict.adopt !== undefined) invalid(`Only one of 'size' and 'adopt' allowed (disk ${idx})`);
      if (typeof dict.size !== 'string') invalid(`Missing value for 'size' of disk ${idx}`);
      try {
        disk.size = parseUnit(dict.size);
      } catch (err) {
        invalid(`Invalid disk size for disk ${idx}: ${(err as Error).message}`);
      }
    } else if (dict.adopt !== undefined) {
      if (dict.spindles !== undefined) invalid('spindles is not a valid option when adopting a disk');
      if (mode === 'import') invalid('Disk adoption not allowed for instance import');
      disk.size = 0;
    } else {
      invalid(`Missing size or adoption source for disk ${idx}`);
    }
    if (dict.mode !== undefined && dict.mode !== 'rw' && dict.mode !== 'ro') {
      invalid(`Invalid access mode '${String(dict.mode)}' for disk ${idx} (allowed: rw, ro)`);
    }
    if (dict.spindles !== undefined) {
      if (typeof dict.spindles !== 'string' || !/^\d+$/.test(dict.spindles)) invalid(`Invalid spindles for disk ${idx}: '${String(dict.spindles)}'`);
      disk.spindles = Number(dict.spindles);
    }
    disks[idx] = disk;
  }
  return disks.map((d, i) => d ?? invalid(`Missing size or adoption source for disk ${i}`));
}

/** --net / --no-nics into the opcode's nics list (one default NIC when nothing is said). */
export function buildNics(netOpts: string[] | undefined, noNics: boolean, mode: 'create' | 'import' = 'create'): Record<string, unknown>[] {
  const given = parseIndexed('--net', netOpts);
  if (given.length) {
    if (noNics) invalid("Please use either the '--net' or '--no-nics' option");
    const count = Math.max(...given.map(([i]) => i + 1));
    const nics: Record<string, unknown>[] = Array.from({ length: count }, () => ({}));
    for (const [idx, dict] of given) {
      checkKeys(`nic/${idx}`, dict, NIC_KEYS);
      for (const [k, v] of Object.entries(dict)) {
        if (typeof v !== 'string' && v !== null) invalid(`Missing value for '${k}' of nic/${idx}`);
      }
      nics[idx] = { ...dict };
    }
    return nics;
  }
  if (noNics) return [];
  return mode === 'create' ? [{}] : [];
}

/** -n pnode[:snode]. */
export function splitNodeOption(value: string | undefined): [string | undefined, string | undefined] {
  if (!value) return [undefined, undefined];
  const i = value.indexOf(':');
  return i >= 0 ? [value.slice(0, i), value.slice(i + 1)] : [value, undefined];
}

/** -t: one of Ganeti's disk templates. */
export function checkDiskTemplate(value: string | undefined): string {
  if (value === undefined) invalid(`No disk template specified: use -t with one of ${templateNames().join(', ')}`);
  if (!isKnownTemplate(value)) invalid(`Invalid disk template '${value}' (allowed: ${templateNames().join(', ')})`);
  return value;
}
