import test from 'ava';
import type { Disk } from '../../../../daemons/common/objects.js';
import { executeQuery } from '../../../../daemons/masterd/query/index.js';
import { makeConfig, makeLive } from './helpers/fixture.js';

test('base_instances names the admin instance whose disk an overlay reads, on the same node', (t) => {
  const cfg = makeConfig();
  const byName = (n: string) => Object.values(cfg.instances).find((i) => i.name === n)!;
  const disk = (path: string, params: Record<string, unknown> = {}) =>
    ({ uuid: path, name: '', dev_type: 'file', size: 1024, mode: 'rw', logical_id: ['loop', path], iv_name: 'disk/0', params, spindles: null }) as unknown as Disk;
  const admin = byName('inst1');
  admin.disks = [disk('/srv/base/disk0')];
  const o1 = byName('inst2');
  o1.primary_node = admin.primary_node;
  o1.disks = [disk('/srv/o1/disk0', { backing: '/srv/base/disk0', format: 'qcow2' })];
  const far = byName('inst3');
  far.primary_node = Object.keys(cfg.nodes).find((u) => u !== admin.primary_node)!;
  far.disks = [disk('/srv/o2/disk0', { backing: '/srv/base/disk0', format: 'qcow2' })];
  const r = executeQuery({ what: 'instance', fields: ['name', 'base_instances'], names: ['inst1', 'inst2', 'inst3'], filter: null },
    { cfg, live: makeLive() });
  t.deepEqual(r.rows.map((row) => [row[0]!.value, row[1]!.value]), [['inst1', []], ['inst2', ['inst1']], ['inst3', []]]);
});
