// noded's storage drivers, built from the descriptors (descriptors.ts): every supported
// template's load() imports its driver once, when noded starts (loadStorageDrivers; only noded
// and node-side code call it). A Disk's dev_type picks its driver; drivers are cached per node
// Paths object.
import { driverTable } from '../common/driver-table.js';
import { ParameterError } from '../common/errors.js';
import type { Paths } from '../common/paths.js';
import { findTemplate, supportedTemplates } from './descriptors.js';
import type { CreatedDisk, StorageContext, StorageDisk, StorageDriver, StorageDriverFactory } from './storage-driver.js';

const drivers = driverTable<StorageDriverFactory>('storage', supportedTemplates, (name) => findTemplate(name)!.load!());

/** Imports every supported template's driver (noded's start; node-side tests). */
export const loadStorageDrivers = (): Promise<void> => drivers.load();

const instances = new WeakMap<Paths, Map<string, StorageDriver>>();

export function registeredStorageKinds(): string[] {
  return [...drivers.factories().keys()];
}

export function isRegisteredStorageKind(kind: string): boolean {
  return drivers.factories().has(kind);
}

/** The driver for a disk template; ParameterError (wrong_input) listing the supported ones otherwise. */
export function getStorageDriver(kind: string, paths: Paths): StorageDriver {
  let perNode = instances.get(paths);
  if (!perNode) { perNode = new Map(); instances.set(paths, perNode); }
  let driver = perNode.get(kind);
  if (!driver) {
    const factory = drivers.factories().get(kind);
    if (!factory) {
      throw new ParameterError(`Unsupported disk type '${kind}' (supported on this node: ${registeredStorageKinds().join(', ')})`,
        { ecode: 'wrong_input' });
    }
    driver = factory(paths);
    perNode.set(kind, driver);
  }
  return driver;
}

/** Drivers whose disks are image files with an optional base image (file-based templates). */
interface OverlayDriver extends StorageDriver {
  resetOverlay(disk: StorageDisk, ctx: StorageContext): Promise<CreatedDisk>;
}

/**
 * Recreates an overlay disk (qcow2 with a backing image in its params) from its base image,
 * dropping what the guest wrote; the size is kept. For file-based templates.
 */
export async function resetOverlay(paths: Paths, disk: StorageDisk, ctx: StorageContext): Promise<CreatedDisk> {
  const driver = getStorageDriver(disk.dev_type, paths);
  if (!driver.capabilities.fileBased) {
    throw new ParameterError(`Disks of type '${disk.dev_type}' have no base image to reset to (file and sharedfile disks do)`, { ecode: 'wrong_input' });
  }
  return (driver as OverlayDriver).resetOverlay(disk, ctx);
}
