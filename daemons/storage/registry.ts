// Disk template -> storage driver factory (same pattern as the hypervisor registry). A Disk's
// dev_type picks its driver; drivers are cached per node Paths object.
import { ParameterError } from '../common/errors.js';
import type { Paths } from '../common/paths.js';
import { DisklessStorage } from './diskless.js';
import { ExtStorage } from './ext.js';
import { FileStorage } from './file.js';
import { SharedFileStorage } from './sharedfile.js';
import type { CreatedDisk, StorageContext, StorageDisk, StorageDriver, StorageDriverFactory } from './storage-driver.js';

const factories = new Map<string, StorageDriverFactory>();
const instances = new WeakMap<Paths, Map<string, StorageDriver>>();

export function registerStorageDriver(kind: string, factory: StorageDriverFactory): void {
  factories.set(kind, factory);
}

export function registeredStorageKinds(): string[] {
  return [...factories.keys()];
}

export function isRegisteredStorageKind(kind: string): boolean {
  return factories.has(kind);
}

/** Drivers whose disks are image files (they can reset an overlay from its base). */
export function isFileBased(driver: StorageDriver): driver is FileStorage | SharedFileStorage {
  return driver instanceof FileStorage || driver instanceof SharedFileStorage;
}

/** The driver for a disk template; ParameterError (wrong_input) listing the supported ones otherwise. */
export function getStorageDriver(kind: string, paths: Paths): StorageDriver {
  let perNode = instances.get(paths);
  if (!perNode) { perNode = new Map(); instances.set(paths, perNode); }
  let driver = perNode.get(kind);
  if (!driver) {
    const factory = factories.get(kind);
    if (!factory) {
      throw new ParameterError(`Unsupported disk type '${kind}' (supported on this node: ${registeredStorageKinds().join(', ')})`,
        { ecode: 'wrong_input' });
    }
    driver = factory(paths);
    perNode.set(kind, driver);
  }
  return driver;
}

registerStorageDriver('diskless', () => new DisklessStorage());
registerStorageDriver('file', (paths) => new FileStorage(paths));
registerStorageDriver('sharedfile', (paths) => new SharedFileStorage(paths));
registerStorageDriver('ext', (paths) => new ExtStorage(paths));

/**
 * Recreates an overlay disk (qcow2 with a backing image in its params) from its base image,
 * dropping what the guest wrote; the size is kept. For file and sharedfile disks.
 */
export async function resetOverlay(paths: Paths, disk: StorageDisk, ctx: StorageContext): Promise<CreatedDisk> {
  const driver = getStorageDriver(disk.dev_type, paths);
  if (!isFileBased(driver)) {
    throw new ParameterError(`Disks of type '${disk.dev_type}' have no base image to reset to (file and sharedfile disks do)`, { ecode: 'wrong_input' });
  }
  return driver.resetOverlay(disk, ctx);
}
