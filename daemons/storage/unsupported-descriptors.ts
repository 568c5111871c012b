// Ganeti's disk templates this build has no driver for, with Ganeti's capabilities
// (Constants.hs DTS_*): known so that messages can say "not supported by this build" and
// so that tools planning for a Ganeti cluster (burnin) know what each would allow.
import { checkPlainDiskKeys, defineTemplate, type StorageCapabilities, type StorageDescriptor } from './descriptor.js';

function unsupported(name: string, storageType: string, caps: Partial<StorageCapabilities>): StorageDescriptor {
  return defineTemplate({
    name,
    supported: false,
    storageType,
    capabilities: {
      grow: true, snapshot: false, export: true, shared: false, mirror: 'none', fileBased: false, copyable: false, mustAdopt: false,
      ...caps,
    },
    checkDiskParams: (d, where) => { checkPlainDiskKeys(name, d, where); return { params: {} }; },
  });
}

export const PLAIN_DESCRIPTOR = unsupported('plain', 'lvm-vg', { snapshot: true, copyable: true });
export const DRBD_DESCRIPTOR = unsupported('drbd', 'lvm-vg', { mirror: 'internal' });
export const RBD_DESCRIPTOR = unsupported('rbd', 'rados', { shared: true, mirror: 'external' });
export const BLOCKDEV_DESCRIPTOR = unsupported('blockdev', 'blockdev', { grow: false, export: false, shared: true, mirror: 'external', mustAdopt: true });
export const GLUSTER_DESCRIPTOR = unsupported('gluster', 'gluster', { shared: true, mirror: 'external', fileBased: true });
