// Ganeti's export config.ini: written and read back, disks listed in order with their dumps.
import test from 'ava';
import { exportDisks, formatIni, parseIni } from '../../../daemons/common/export-config.js';

test('an export config round-trips and lists its disks with dump, size and checksum', (t) => {
  const text = formatIni({
    export: { version: '0', source: 'node1', os: 'dummy' },
    instance: { name: 'vm2', disk_count: '2', disk0_dump: 'disk0_dump', disk0_size: '16', disk0_dump_bytes: '16777216', disk0_dump_sha256: 'ab',
      disk1_dump: 'disk1_dump', disk1_size: '32', disk1_ivname: 'disk/1' },
  });
  t.true(text.startsWith('[export]\nversion = 0\nsource = node1\nos = dummy\n\n[instance]\nname = vm2\n'));
  const doc = parseIni(text);
  t.is(doc.instance?.name, 'vm2');
  t.deepEqual(exportDisks(doc), [
    { index: 0, ivName: 'disk/0', dump: 'disk0_dump', size: 16, bytes: 16777216, sha256: 'ab' },
    { index: 1, ivName: 'disk/1', dump: 'disk1_dump', size: 32, bytes: 0, sha256: '' },
  ]);
});

test('Ganeti-style files parse: comments, ":" separators, spaces around values', (t) => {
  const doc = parseIni('# exported\n[export]\nversion: 0\n\n[instance]\n  name =  web1 \ndisk_count = 0\n');
  t.deepEqual(doc, { export: { version: '0' }, instance: { name: 'web1', disk_count: '0' } });
  t.deepEqual(exportDisks(doc), []);
});

test('bad files are refused with the line or value named', (t) => {
  t.throws(() => parseIni('name = x\n'), { message: "Invalid line in export config: 'name = x'" });
  t.throws(() => parseIni('[instance]\njunk\n'), { message: "Invalid line in export config: 'junk'" });
  t.throws(() => exportDisks({ instance: { disk_count: 'two' } }), { message: "Invalid disk_count 'two' in export config" });
});
