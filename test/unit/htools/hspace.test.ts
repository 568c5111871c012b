// hspace against Ganeti 3.0.2's hspace on a simulated cluster: the same number of standard
// instances, the same failure reason and the same HTS_* keys for the initial and final state
// (values from Ganeti's own run of the same command).
import test from 'ava';
import { hspace } from '../../../tools/htools/hspace.js';

async function run(argv: string[]): Promise<Map<string, string>> {
  let out = '';
  const code = await hspace(argv, { out: (s) => { out += s; }, err: () => {}, masterSocket: () => '/nonexistent' });
  if (code !== 0) throw new Error(`exit ${code}`);
  return new Map(out.trim().split('\n').map((l) => l.split('=', 2) as [string, string]));
}

test('hspace --simulate gives Ganeti\'s standard allocation and keys', async (t) => {
  const k = await run(['--simulate=p,10,1048576,65536,16', '--disk-template=diskless', '--machine-readable']);
  t.is(k.get('HTS_ALLOC_INSTANCES'), '630');
  t.is(k.get('HTS_ALLOC_FAIL_REASON'), 'FAILCPU');
  t.is(k.get('HTS_ALLOC_FAILCPU_CNT'), '10');
  t.is(k.get('HTS_CLUSTER_VCPU'), '640');
  t.is(k.get('HTS_INI_CPU_EFF'), '0.01562500');
  t.is(k.get('HTS_FIN_MEM_INST'), '80640');
  t.is(k.get('HTS_FIN_MNODE_MEM_AVAIL'), '57472');
  t.is(k.get('HTS_FIN_SPN_INST'), '10');
  t.is(k.get('HTS_OK'), '1');
});

test('a memory-bound simulation ends on memory, as Ganeti\'s does', async (t) => {
  const k = await run(['--simulate=p,4,102400,4096,64', '--disk-template=diskless', '--machine-readable']);
  // 4 nodes of 4096 MiB: 128 MiB instances while free memory stays above 0 and N+1 holds.
  t.is(k.get('HTS_ALLOC_FAIL_REASON'), 'FAILN1');
  t.is(k.get('HTS_ALLOC_INSTANCES'), '93');
});

test('bad options are refused by name', async (t) => {
  await t.throwsAsync(run(['--simulate=p,10,1,1', '--machine-readable']), { message: /Invalid cluster specification 'p,10,1,1'/ });
  await t.throwsAsync(run(['--simulate=p,2,1024,1024,2', '--disk-template=floppy']), { message: /Invalid disk template 'floppy'/ });
});

test('hspace prints every key Ganeti\'s prints, tiered part included (ganeti-out/hspace-p10-diskless.out)', async (t) => {
  const { readFileSync } = await import('node:fs');
  let out = '';
  const code = await hspace(['--simulate=p,10,1048576,65536,16', '--disk-template=diskless', '--machine-readable'],
    { out: (s) => { out += s; }, err: () => {}, masterSocket: () => '/nonexistent' });
  t.is(code, 0);
  t.is(out, readFileSync(new URL('ganeti-out/hspace-p10-diskless.out', import.meta.url), 'utf8'));
});
