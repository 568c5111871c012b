// The diskless template: instances without disks. Ganeti counts it as externally mirrored
// ("trivially": there is nothing to copy), so such instances fail over and migrate.
import { checkPlainDiskKeys, defineTemplate } from './descriptor.js';

export const DISKLESS_DESCRIPTOR = defineTemplate({
  name: 'diskless',
  supported: true,
  storageType: 'diskless',
  capabilities: {
    grow: false, snapshot: false, export: false, shared: true, mirror: 'external', fileBased: false, copyable: false, mustAdopt: false,
  },
  checkDiskParams: (d, where) => { checkPlainDiskKeys('diskless', d, where); return { params: {} }; },
  load: async () => {
    const { DisklessStorage } = await import('./diskless.js');
    return () => new DisklessStorage();
  },
});
