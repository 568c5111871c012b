// The fake hypervisor as the master sees it (Ganeti's hv_fake): one parameter, migration
// (nothing moves but a state file), suspend/resume and pause/continue (the state file moves
// to the suspend file, or says `paused`), a message instead of a console.
import { defineHypervisor } from '../descriptor.js';

export const FAKE_DESCRIPTOR = defineHypervisor({
  name: 'fake',
  capabilities: {
    migrate: true, liveMigration: true, hotplug: false, suspend: true, snapshot: true, liveSnapshot: true,
    consoles: ['message'], rebootTypes: ['soft', 'hard', 'full'], needsNetworkPort: false,
  },
  params: { migration_mode: { type: 'string', default: 'live', choices: ['live', 'non-live'] } },
  load: async () => {
    const { FakeHypervisor } = await import('./fake.js');
    return (paths) => new FakeHypervisor(paths);
  },
});
