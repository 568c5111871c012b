// Disk template -> storage driver factory (same pattern as the hypervisor registry). A Disk's
// dev_type picks its driver; drivers are cached per node Paths object.
import { ParameterError } from '../common/errors.js';
import type { Paths } from '../common/paths.js';
import { DisklessStorage } from './diskless.js';
import { FileStorage } from './file.js';
import type { StorageDriver, StorageDriverFactory } from './storage-driver.js';

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
