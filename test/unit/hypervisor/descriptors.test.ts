// The one hypervisor registry: descriptors the master reads, the same ones noded builds its drivers from.
import test from 'ava';
import { HypervisorError } from '../../../daemons/common/errors.js';
import type { Cluster, Instance } from '../../../daemons/common/objects.js';
import { fillHvParams, hvDefaults, hypervisorDescriptor, hypervisorNames } from '../../../daemons/hypervisor/descriptors.js';
import { loadHypervisorDrivers, registeredHypervisors } from '../../../daemons/hypervisor/registry.js';

test.before(() => loadHypervisorDrivers());

test('noded\'s drivers are exactly the registry\'s descriptors; unknown names are refused naming the known ones', (t) => {
  t.deepEqual(registeredHypervisors(), hypervisorNames());
  t.true(hypervisorNames().includes('kvm') && hypervisorNames().includes('fake'));
  const err = t.throws(() => hypervisorDescriptor('xen-pvm'), { instanceOf: HypervisorError });
  t.is(err.message, `Unknown hypervisor 'xen-pvm' (known: ${hypervisorNames().join(', ')})`);
  t.is(err.ecode, 'wrong_input');
  t.deepEqual(hvDefaults('xen-pvm'), {});
});

test('filled hvparams: descriptor defaults < cluster < OS < instance', (t) => {
  const cluster = { hvparams: { kvm: { kernel_args: 'cluster', acpi: false } }, os_hvp: { debian: { kvm: { acpi: true, vga: 'std' } } } } as unknown as Cluster;
  const inst = { hypervisor: 'kvm', os: 'debian', hvparams: { vga: 'qxl' } } as unknown as Instance;
  const p = fillHvParams(cluster, inst);
  t.is(p.kvm_path, hypervisorDescriptor('kvm').defaults.kvm_path);
  t.is(p.kernel_args, 'cluster');
  t.is(p.acpi, true);
  t.is(p.vga, 'qxl');
  t.is(Object.keys(p).length, Object.keys(hypervisorDescriptor('kvm').params).length);
});
