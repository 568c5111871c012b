// The file and sharedfile templates as the master sees them: one image file per disk (raw
// or qcow2, optionally over a backing image) under the node's file storage dir, or under a
// dir every node mounts. Also the pure checks of their disk params, which the drivers
// repeat on the node (a peer sends them).
import { checkPlainDiskKeys, defineTemplate, invalidDisk, type DiskParamsCheck } from './descriptor.js';

export const DISK_FORMATS: readonly string[] = ['raw', 'qcow2'];
/** Disk keys of file and sharedfile disks beyond Ganeti's. */
export const FILE_DISK_KEYS: readonly string[] = ['format', 'backing', 'backing_format', 'persistent'];

/** An absolute path without '..' or characters qemu-img would read as options. */
export function checkImagePath(value: unknown, what: string, where = ''): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.split('/').includes('..') || /[,\s\0]/.test(value)) {
    invalidDisk(`${where}Invalid ${what} '${String(value)}': expected an absolute path without '..', commas or spaces`);
  }
  return value;
}

export function checkFormat(value: unknown, what: string, where = ''): 'raw' | 'qcow2' {
  if (typeof value !== 'string' || !DISK_FORMATS.includes(value)) {
    invalidDisk(`${where}Invalid ${what} '${String(value)}' (allowed: ${DISK_FORMATS.join(', ')})`);
  }
  return value as 'raw' | 'qcow2';
}

/** The format of a file disk as stored in its params (disks made before formats existed are raw). */
export function diskFormat(params: Readonly<Record<string, unknown>> | undefined): 'raw' | 'qcow2' {
  return params?.format === 'qcow2' ? 'qcow2' : 'raw';
}

function checkFileDiskParams(template: string) {
  return (d: Readonly<Record<string, unknown>>, where: string, defaults: Readonly<Record<string, unknown>>): DiskParamsCheck => {
    checkPlainDiskKeys(template, d, where, FILE_DISK_KEYS);
    const format = checkFormat(d.format ?? defaults.format ?? 'raw', 'disk format', `${where}: `);
    const params: Record<string, unknown> = { format };
    if (d.backing !== undefined) {
      if (format !== 'qcow2') invalidDisk(`${where}: a backing image needs format=qcow2 (the disk would be ${format})`);
      params.backing = checkImagePath(d.backing, 'backing image', `${where}: `);
      params.backing_format = checkFormat(d.backing_format ?? 'qcow2', 'backing image format', `${where}: `);
    } else if (d.backing_format !== undefined) {
      invalidDisk(`${where}: backing_format given without a backing image`);
    }
    if (d.persistent !== undefined) {   // issue 13: writes discarded at every stop (cmdlib/instance/persistence.ts)
      const v = String(d.persistent).toLowerCase();
      if (!['yes', 'no', 'true', 'false'].includes(v)) invalidDisk(`${where}: invalid value '${String(d.persistent)}' for persistent (allowed: yes, no)`);
      if (v === 'no' || v === 'false') params.persistent = 'no';
    }
    return { params, zeroSize: params.backing !== undefined };
  };
}

const FILE_CAPS = { grow: true, snapshot: true, export: true, fileBased: true, mustAdopt: false } as const;

export const FILE_DESCRIPTOR = defineTemplate({
  name: 'file',
  supported: true,
  storageType: 'file',
  capabilities: { ...FILE_CAPS, shared: false, mirror: 'none', copyable: true },
  checkDiskParams: checkFileDiskParams('file'),
  load: async () => {
    const { FileStorage } = await import('./file.js');
    return (paths) => new FileStorage(paths);
  },
});

export const SHARED_FILE_DESCRIPTOR = defineTemplate({
  name: 'sharedfile',
  supported: true,
  storageType: 'sharedfile',
  capabilities: { ...FILE_CAPS, shared: true, mirror: 'external', copyable: false },
  checkDiskParams: checkFileDiskParams('sharedfile'),
  load: async () => {
    const { SharedFileStorage } = await import('./sharedfile.js');
    return (paths) => new SharedFileStorage(paths);
  },
});

/** Whether an instance's saved machine states (suspend, snapshot memory) are kept on the shared
 * file storage, where every node of it can resume the instance: all its disks are there. */
export function statesOnSharedStorage(disks: readonly { dev_type: string }[]): boolean {
  return disks.length > 0 && disks.every((d) => d.dev_type === SHARED_FILE_DESCRIPTOR.name);
}
