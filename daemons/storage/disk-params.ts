// What a disk may ask for, per disk template, checked the same way wherever a disk is
// described (gnt-instance add, modify --disk add, recreate-disks, RAPI): Ganeti's IDISK
// keys, our file disk format keys, and for ext disks the provider and its parameters.
// Pure (no I/O): the master checks a request with it before anything is created.
import { OpPrereqError } from '../common/errors.js';

export const DISK_FORMATS: readonly string[] = ['raw', 'qcow2'];
/** Templates whose disks are files (one image file per disk). */
export const FILE_TEMPLATES: readonly string[] = ['file', 'sharedfile'];
/** Templates that can grow a disk (Ganeti's DTS_GROWABLE, restricted to what this build has). */
export const GROWABLE_TEMPLATES: readonly string[] = ['file', 'sharedfile', 'ext'];
/** Templates whose disks live on storage every node sees (no node-local space is used). */
export const SHARED_TEMPLATES: readonly string[] = ['sharedfile', 'ext'];
/** Ganeti's IDISK_PARAMS. */
export const IDISK_KEYS: readonly string[] = ['size', 'mode', 'name', 'vg', 'metavg', 'spindles', 'adopt', 'provider', 'access'];
/** Disk keys of file and sharedfile disks beyond Ganeti's. */
export const FILE_DISK_KEYS: readonly string[] = ['format', 'backing', 'backing_format'];
const EXT_PARAM_RE = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const PROVIDER_RE = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,62}$/;

export interface DiskSpec {
  size: number;                       // MiB; 0 only for an overlay that takes its base's size
  mode: 'rw' | 'ro';
  name: string;
  /** What the config stores in Disk.params. */
  params: Record<string, unknown>;
}

function invalid(msg: string): never {
  throw new OpPrereqError(msg, { ecode: 'wrong_input' });
}

/** An absolute path without '..' or characters qemu-img would read as options. */
export function checkImagePath(value: unknown, what: string, where = ''): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.split('/').includes('..') || /[,\s\0]/.test(value)) {
    invalid(`${where}Invalid ${what} '${String(value)}': expected an absolute path without '..', commas or spaces`);
  }
  return value;
}

export function checkFormat(value: unknown, what: string, where = ''): 'raw' | 'qcow2' {
  if (typeof value !== 'string' || !DISK_FORMATS.includes(value)) {
    invalid(`${where}Invalid ${what} '${String(value)}' (allowed: ${DISK_FORMATS.join(', ')})`);
  }
  return value as 'raw' | 'qcow2';
}

/** The format of a file disk as stored in its params (disks made before formats existed are raw). */
export function diskFormat(params: Readonly<Record<string, unknown>> | undefined): 'raw' | 'qcow2' {
  return params?.format === 'qcow2' ? 'qcow2' : 'raw';
}

/** Ext parameters of a disk: everything in its params but the provider. */
export function extParams(params: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params ?? {})) if (k !== 'provider') out[k] = String(v);
  return out;
}

export function checkProviderName(value: unknown, where: string): string {
  if (typeof value !== 'string' || !value) invalid(`${where}: missing provider for template 'ext' (give provider=NAME)`);
  if (!PROVIDER_RE.test(value)) invalid(`${where}: invalid ExtStorage provider name '${value}'`);
  return value;
}

function sizeOf(value: unknown, where: string, allowZero: boolean): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || (value === 0 && !allowZero)) {
    invalid(`${where}: size must be a positive number of MiB, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Checks one disk description of a create or add request and returns what to store.
 * `defaults` are the disk template's parameters (cluster diskparams, group overrides).
 */
export function checkDiskSpec(template: string, d: Record<string, unknown>, where: string,
  defaults: Readonly<Record<string, unknown>> = {}): DiskSpec {
  const mode = d.mode ?? 'rw';
  if (mode !== 'rw' && mode !== 'ro') invalid(`${where}: invalid access mode '${String(mode)}' (allowed: rw, ro)`);
  if (d.name !== undefined && d.name !== null && typeof d.name !== 'string') invalid(`${where}: the name must be a string`);
  if (d.adopt !== undefined) invalid(`${where}: disk adoption is not supported for the '${template}' disk template`);
  if (d.spindles !== undefined && d.spindles !== null && (typeof d.spindles !== 'number' || !Number.isInteger(d.spindles) || d.spindles < 0)) {
    invalid(`${where}: spindles must be a non-negative integer, got ${JSON.stringify(d.spindles)}`);
  }
  const name = typeof d.name === 'string' ? d.name : '';
  if (template === 'ext') {
    const provider = checkProviderName(d.provider, where);
    const params: Record<string, unknown> = { provider };
    for (const [k, v] of Object.entries(d)) {
      if (IDISK_KEYS.includes(k)) continue;
      if (!EXT_PARAM_RE.test(k)) invalid(`${where}: invalid ExtStorage parameter name '${k}' (letters, digits and '_')`);
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
        invalid(`${where}: ExtStorage parameter '${k}' must have a value`);
      }
      params[k] = String(v);
    }
    return { size: sizeOf(d.size, where, false), mode, name, params };
  }
  if (d.provider !== undefined) invalid(`${where}: the 'provider' option is only valid for the ext disk template, not ${template}`);
  const fileKeys = FILE_TEMPLATES.includes(template) ? FILE_DISK_KEYS : [];
  const allowed = [...IDISK_KEYS.filter((k) => k !== 'provider' && k !== 'adopt'), ...fileKeys];
  const unknown = Object.keys(d).filter((k) => !allowed.includes(k));
  if (unknown.length) invalid(`${where}: unknown parameter(s) ${unknown.join(', ')} for the ${template} disk template (allowed: ${allowed.join(', ')})`);
  const params: Record<string, unknown> = {};
  if (FILE_TEMPLATES.includes(template)) {
    const format = checkFormat(d.format ?? defaults.format ?? 'raw', 'disk format', `${where}: `);
    params.format = format;
    if (d.backing !== undefined) {
      if (format !== 'qcow2') invalid(`${where}: a backing image needs format=qcow2 (the disk would be ${format})`);
      params.backing = checkImagePath(d.backing, 'backing image', `${where}: `);
      params.backing_format = checkFormat(d.backing_format ?? 'qcow2', 'backing image format', `${where}: `);
    } else if (d.backing_format !== undefined) {
      invalid(`${where}: backing_format given without a backing image`);
    }
  }
  return { size: sizeOf(d.size, where, params.backing !== undefined), mode, name, params };
}
