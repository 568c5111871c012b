// The one list of disk templates: name -> descriptor, in Ganeti's order. Adding a storage
// type = its driver, a descriptor module, and one line here; test/unit/storage/conformance.ts
// then says whether the driver behaves. Templates with supported:false are Ganeti's that this
// build lacks, known for messages. The master and tools read this; noded builds its driver
// registry (registry.ts) from the same descriptors.
import { OpPrereqError } from '../common/errors.js';
import { checkDiskSpec as checkWith, type DiskSpec, type StorageDescriptor } from './descriptor.js';
import { DISKLESS_DESCRIPTOR } from './diskless-descriptor.js';
import { EXT_DESCRIPTOR } from './ext-descriptor.js';
import { FILE_DESCRIPTOR, SHARED_FILE_DESCRIPTOR } from './file-descriptor.js';
import {
  BLOCKDEV_DESCRIPTOR, DRBD_DESCRIPTOR, GLUSTER_DESCRIPTOR, PLAIN_DESCRIPTOR, RBD_DESCRIPTOR,
} from './unsupported-descriptors.js';

export type { DiskSpec, StorageCapabilities, StorageDescriptor } from './descriptor.js';

const DESCRIPTORS: ReadonlyMap<string, StorageDescriptor> = new Map([
  DISKLESS_DESCRIPTOR, FILE_DESCRIPTOR, SHARED_FILE_DESCRIPTOR, PLAIN_DESCRIPTOR, DRBD_DESCRIPTOR, EXT_DESCRIPTOR,
  RBD_DESCRIPTOR, BLOCKDEV_DESCRIPTOR, GLUSTER_DESCRIPTOR,
].map((d) => [d.name, d]));

/** Every disk template Ganeti knows, supported by this build or not. */
export function templateNames(): string[] {
  return [...DESCRIPTORS.keys()];
}

/** The templates this build can create disks for. */
export function supportedTemplates(): string[] {
  return [...DESCRIPTORS.values()].filter((d) => d.supported).map((d) => d.name);
}

export function isKnownTemplate(name: string): boolean {
  return DESCRIPTORS.has(name);
}

export function findTemplate(name: string): StorageDescriptor | undefined {
  return DESCRIPTORS.get(name);
}

/** The descriptor of a template this build supports; OpPrereqError (wrong_input) saying why not otherwise. */
export function supportedTemplate(name: string): StorageDescriptor {
  const d = DESCRIPTORS.get(name);
  if (!d?.supported) {
    const why = d ? 'is not supported by this build' : 'is unknown';
    throw new OpPrereqError(`Disk template '${name}' ${why} (supported: ${supportedTemplates().join(', ')})`, { ecode: 'wrong_input' });
  }
  return d;
}

/** Whether the template's capability holds; false for an unknown template. */
export function templateCan(name: string, what: 'grow' | 'snapshot' | 'export' | 'shared' | 'fileBased' | 'copyable'): boolean {
  return DESCRIPTORS.get(name)?.capabilities[what] ?? false;
}

/** Failover and migration work without copying disks (DTS_MIRRORED); internal mirrors need a secondary. */
export function templateMirror(name: string): 'none' | 'internal' | 'external' {
  return DESCRIPTORS.get(name)?.capabilities.mirror ?? 'none';
}

/** Ganeti's storage types (VALID_STORAGE_TYPES): those backing a template, and LVM's physical volumes. */
export function storageTypes(): string[] {
  return [...new Set([...DESCRIPTORS.values()].flatMap((d) => (d.storageType ? [d.storageType] : [])).concat('lvm-pv'))].sort();
}

/** Storage types whose units this build lists (gnt-node list-storage): the pools of supported file-based templates. */
export function listableStorageTypes(): string[] {
  return [...DESCRIPTORS.values()].filter((d) => d.supported && d.capabilities.fileBased && d.storageType).map((d) => d.storageType!);
}

/** Checks one disk of a create or add request against its template's descriptor. */
export function checkDiskSpec(template: string, d: Readonly<Record<string, unknown>>, where: string,
  defaults: Readonly<Record<string, unknown>> = {}): DiskSpec {
  return checkWith(supportedTemplate(template), d, where, defaults);
}
