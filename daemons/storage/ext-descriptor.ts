// The ext template as the master sees it: disks made by an ExtStorage provider, reachable
// from every node; a disk request names the provider and may carry the provider's own
// parameters (checked against its parameters.list on the node).
import { defineTemplate, IDISK_KEYS, invalidDisk, type DiskParamsCheck } from './descriptor.js';

const EXT_PARAM_RE = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const PROVIDER_RE = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,62}$/;

/** Ext parameters of a disk: everything in its params but the provider. */
export function extParams(params: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params ?? {})) if (k !== 'provider') out[k] = String(v);
  return out;
}

export function checkProviderName(value: unknown, where: string): string {
  if (typeof value !== 'string' || !value) invalidDisk(`${where}: missing provider for template 'ext' (give provider=NAME)`);
  if (!PROVIDER_RE.test(value)) invalidDisk(`${where}: invalid ExtStorage provider name '${value}'`);
  return value;
}

function checkExtDiskParams(d: Readonly<Record<string, unknown>>, where: string): DiskParamsCheck {
  const provider = checkProviderName(d.provider, where);
  const params: Record<string, unknown> = { provider };
  for (const [k, v] of Object.entries(d)) {
    if (IDISK_KEYS.includes(k)) continue;
    if (!EXT_PARAM_RE.test(k)) invalidDisk(`${where}: invalid ExtStorage parameter name '${k}' (letters, digits and '_')`);
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      invalidDisk(`${where}: ExtStorage parameter '${k}' must have a value`);
    }
    params[k] = String(v);
  }
  return { params };
}

export const EXT_DESCRIPTOR = defineTemplate({
  name: 'ext',
  supported: true,
  storageType: 'ext',
  capabilities: {
    grow: true, snapshot: true, export: true, shared: true, mirror: 'external', fileBased: false, copyable: false, mustAdopt: false,
  },
  checkDiskParams: checkExtDiskParams,
  load: async () => {
    const { ExtStorage } = await import('./ext.js');
    return (paths) => new ExtStorage(paths);
  },
});
