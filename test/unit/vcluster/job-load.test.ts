// The counting OS of vcluster/job-load.ts: every run of its create script is counted, two
// runs within the same second included (the OS log names have one-second resolution).
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Vcluster } from '../../../vcluster/harness.js';
import { COUNTED_OS, installCountingOs, osCreateRuns } from '../../../vcluster/job-load.js';

test('each run of the counting OS\'s create script is one marker: runs in the same second all count', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'job-load-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const nodes = ['node1', 'node2'];
  for (const n of nodes) mkdirSync(join(dir, n), { recursive: true });
  const vc = { dir, nodes } as unknown as Vcluster;
  installCountingOs(vc);
  const create = (node: string, name: string) => execFileSync(join(dir, node, 'srv/ganeti/os', COUNTED_OS, 'create'), [],
    { env: { PATH: process.env.PATH, INSTANCE_NAME: name, DISK_COUNT: '0', NIC_COUNT: '0' }, encoding: 'utf8' });
  t.regex(create('node1', 'a1'), /dummy: creating instance a1/, 'the dummy OS still does its part');
  create('node1', 'a1');
  create('node2', 'a1');
  create('node2', 'b.2');
  t.deepEqual(Object.fromEntries(osCreateRuns(vc)), { a1: 3, 'b.2': 1 });
});
