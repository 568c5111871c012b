// burnin plans its steps from the drivers' descriptors, never from a list of its own: what a
// descriptor declares is exactly what burnin tries.
import test from 'ava';
import { findHypervisor, hypervisorNames } from '../../../daemons/hypervisor/descriptors.js';
import { findTemplate, templateNames } from '../../../daemons/storage/descriptors.js';
import {
  burninTemplates, failoverSkip, hypervisorCanMigrate, migrationSkip, templatePlan,
} from '../../../tools/burnin/templates.js';

test('burnin migrates exactly where the hypervisor descriptor declares migration', (t) => {
  for (const hv of hypervisorNames()) {
    const declared = findHypervisor(hv)!.capabilities.migrate;
    t.is(hypervisorCanMigrate(hv), declared, hv);
    t.is(migrationSkip('sharedfile', hv), declared ? null : `hypervisor ${hv} does not support it`, hv);
  }
  t.is(migrationSkip('sharedfile', 'kvm'), null, 'kvm migrates (live, real qemu)');
  t.is(migrationSkip('diskless', 'fake'), null);
  t.false(hypervisorCanMigrate('xen-pvm'), 'an unknown hypervisor migrates nothing');
});

test('burnin\'s per-template steps follow the storage descriptors', (t) => {
  for (const tpl of templateNames()) {
    const c = findTemplate(tpl)!.capabilities;
    const plan = templatePlan(tpl);
    t.is(plan.growable, c.grow, tpl);
    t.is(plan.movable, c.copyable, tpl);
    t.is(plan.mirrored, c.mirror !== 'none', tpl);
    t.is(plan.intMirror, c.mirror === 'internal', tpl);
    t.is(failoverSkip(tpl) === null, c.mirror !== 'none', tpl);
    t.is(burninTemplates().includes(tpl), !c.mustAdopt, tpl);
  }
  t.is(failoverSkip('file'), 'disk template file does not support it');
  t.is(migrationSkip('file', 'fake'), 'disk template file does not support it');
  // Ganeti's burnin sets, as they follow from Ganeti's DTS_* capabilities.
  t.deepEqual(burninTemplates(), ['diskless', 'drbd', 'ext', 'file', 'gluster', 'plain', 'rbd', 'sharedfile']);
  t.deepEqual(burninTemplates().filter((x) => templatePlan(x).importExport), ['drbd', 'ext', 'plain', 'rbd']);
  t.deepEqual(burninTemplates().filter((x) => templatePlan(x).movable), ['file', 'plain']);
});
