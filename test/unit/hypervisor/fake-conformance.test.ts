// The fake hypervisor passes the hypervisor conformance suite (conformance.ts).
import { FakeHypervisor } from '../../../daemons/hypervisor/fake/fake.js';
import type { HvInstance } from '../../../daemons/hypervisor/hypervisor.js';
import { hypervisorConformance } from './conformance.js';

hypervisorConformance('fake', (paths) => new FakeHypervisor(paths), {
  instance: (name, hvparams = {}): HvInstance =>
    ({ name, hypervisor: 'fake', memory: 256, vcpus: 2, hvparams: { migration_mode: 'live', ...hvparams } }),
  badParams: [
    [{ migration_mode: 'teleport' }, /allowed: live, non-live/],
    [{ migration_mode: 1 }, /must be of type string/],
  ],
});
