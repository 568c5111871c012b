// UploadConfigDeltas on a candidate, with the ssconf files of the same round.
import test from 'ava';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { readConfigCopy } from '../../../daemons/common/config-journal.js';
import { nullLogger } from '../../../daemons/common/log.js';
import { uploadConfigDeltas } from '../../../daemons/noded/backend/config-copy.js';
import { makeTempNode, type TempNode } from './helpers/temp-node.js';

const nodes: TempNode[] = [];
function ctx() {
  const n = makeTempNode();
  nodes.push(n);
  mkdirSync(dirname(n.paths.clusterConfFile), { recursive: true });   // as ensure-dirs makes it
  return { paths: n.paths, logger: nullLogger };
}
test.after.always(() => { for (const n of nodes) n.cleanup(); });

const full = (serial: number) => Buffer.from(JSON.stringify({ serial_no: serial, mtime: 1, cluster: { tags: [] } }));
const delta = (serial: number, tag: string) => JSON.stringify({ s: serial, t: serial, e: { cluster: { u: { tags: [tag] } } } });

test('the ssconf files sent with the config are written once the config is taken', async (t) => {
  const c = ctx();
  const r = await uploadConfigDeltas(c, { full: full(5), full_serial: 5, deltas: [delta(6, 'a')], ssconf: { instance_list: 'i1\ni2', cluster_name: 'cl' } });
  t.deepEqual(r, { serial: 6, needs_full: false, ssconf_error: '' });
  t.is(readFileSync(c.paths.ssconfFile('instance_list'), 'utf8'), 'i1\ni2');
  t.is(readFileSync(c.paths.ssconfFile('cluster_name'), 'utf8'), 'cl');
  t.is((await readConfigCopy<{ serial_no: number }>(c.paths.clusterConfFile))!.doc.serial_no, 6);
  // Deltas only, then ssconf only (nothing new in the config).
  await uploadConfigDeltas(c, { full: Buffer.alloc(0), full_serial: 0, deltas: [delta(7, 'b')], ssconf: { instance_list: 'i1\ni2\ni3' } });
  t.is(readFileSync(c.paths.ssconfFile('instance_list'), 'utf8'), 'i1\ni2\ni3');
  const r2 = await uploadConfigDeltas(c, { full: Buffer.alloc(0), full_serial: 0, deltas: [], ssconf: { instance_list: 'i1' } });
  t.deepEqual(r2, { serial: 7, needs_full: false, ssconf_error: '' });
  t.is(readFileSync(c.paths.ssconfFile('instance_list'), 'utf8'), 'i1');
});

test('an unknown ssconf key refuses the whole call: neither the config nor any file changes', async (t) => {
  const c = ctx();
  await uploadConfigDeltas(c, { full: full(5), full_serial: 5, deltas: [], ssconf: {} });
  const err = await t.throwsAsync(uploadConfigDeltas(c, { full: Buffer.alloc(0), full_serial: 0, deltas: [delta(6, 'a')],
    ssconf: { instance_list: 'x', evil: 'y' } }));
  t.regex(err.message, /Unknown ssconf key\(s\) 'evil' \(allowed: cluster_name, /);
  t.is((await readConfigCopy<{ serial_no: number }>(c.paths.clusterConfFile))!.doc.serial_no, 5);
  t.false(existsSync(c.paths.ssconfFile('instance_list')));
});

test('deltas that do not follow the copy: needs_full, and the ssconf files wait for the full copy', async (t) => {
  const c = ctx();
  await uploadConfigDeltas(c, { full: full(5), full_serial: 5, deltas: [], ssconf: {} });
  const r = await uploadConfigDeltas(c, { full: Buffer.alloc(0), full_serial: 0, deltas: [delta(9, 'a')], ssconf: { instance_list: 'x' } });
  t.true(r.needs_full);
  t.false(existsSync(c.paths.ssconfFile('instance_list')));
});
