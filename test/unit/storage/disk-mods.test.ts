// The disk modification lists of OP_INSTANCE_SET_PARAMS and OP_INSTANCE_RECREATE_DISKS as
// the CLI and older clients (burnin's legacy pairs) send them.
import test from 'ava';
import { OpPrereqError } from '../../../daemons/common/errors.js';
import { parseDiskMods } from '../../../daemons/masterd/cmdlib/instance/disk-changes.js';
import { parseRecreateDisks } from '../../../gnt-cli/gnt-instance/recreate-disks.js';
import { convertModifications } from '../../../gnt-cli/gnt-instance/modify.js';

test('modify --disk forms become [action, identifier, params]', (t) => {
  const cli = convertModifications('--disk', ['add:size=1G', '1:remove', 'data:mode=ro', '0:add,size=2G,provider=filedisk']);
  t.deepEqual(parseDiskMods(cli), [
    { action: 'add', ident: -1, params: { size: '1G' } },
    { action: 'remove', ident: 1, params: {} },
    { action: 'modify', ident: 'data', params: { mode: 'ro' } },
    { action: 'add', ident: 0, params: { size: '2G', provider: 'filedisk' } },
  ]);
  // Ganeti's legacy pairs: (add|remove, params) act on the end, (index, params) modifies.
  t.deepEqual(parseDiskMods([['add', { size: 128 }], ['remove', {}], [2, { name: 'x' }]]), [
    { action: 'add', ident: -1, params: { size: 128 } },
    { action: 'remove', ident: -1, params: {} },
    { action: 'modify', ident: 2, params: { name: 'x' } },
  ]);
});

test('bad disk modifications are refused naming what is wrong', (t) => {
  const cases: [unknown[], RegExp][] = [
    [[['modify', 0, { size: 10 }]], /Disk size change not possible, use grow-disk/],
    [[['modify', 0, { vg: 'x' }]], /doesn't support changing parameter\(s\) vg \(allowed: mode, name\)/],
    [[['modify', 0, { mode: 'rx' }]], /Invalid access mode 'rx' \(allowed: rw, ro\)/],
    [[['remove', 0, { size: 1 }]], /Not accepting parameters on removal/],
    [[['attach', 0, {}]], /Disk attach is not supported \(supported: add, remove, modify\)/],
    [[['grow', 0, {}]], /Invalid disk modification action 'grow'/],
    [['add'], /Invalid disk modification #0 "add"/],
    [[['add', -1, 'size=1']], /expected a dictionary/],
  ];
  for (const [mods, re] of cases) {
    const err = t.throws(() => parseDiskMods(mods), { instanceOf: OpPrereqError }, JSON.stringify(mods));
    t.regex(err.message, re);
  }
});

test('recreate-disks --disk N[:size=…,mode=…]', (t) => {
  t.deepEqual(parseRecreateDisks(['0', '1:size=2G,mode=ro', '2:spindles=1']), [[0, {}], [1, { size: 2048, mode: 'ro' }], [2, { spindles: 1 }]]);
  t.throws(() => parseRecreateDisks(['a:size=1G']), { message: /Invalid disk index passed: 'a'/ });
  t.throws(() => parseRecreateDisks(['0:size=huge']), { message: /Invalid disk size for disk 0/ });
  t.throws(() => parseRecreateDisks(['0:size']), { message: /Missing value for 'size' of disk 0/ });
});
