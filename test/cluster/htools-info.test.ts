// hinfo, hcheck and hroller on a live virtual cluster (-L): they read the same cluster as hbal
// (same size, same score); hcheck's verdict follows the cluster (exit 0 when healthy, 1 and
// "Cluster needs rebalancing." when a node holding an instance is marked offline); hroller puts
// every online node in exactly one reboot group with the master last; -m ADDRESS reads the same
// cluster through ganeti-rapi (hinfo, hroller, hspace and hbal print what they print with -L).
import test from 'ava';
import { startVcluster, type Vcluster } from '../../vcluster/harness.js';

let vc: Vcluster;

test.before(async () => {
  vc = await startVcluster({
    nodes: 3, prefix: '127.0.213', templates: 'diskless,sharedfile', nodeMemory: '4096,4096,2048',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job',
      'hbal', 'hspace', 'hinfo', 'hcheck', 'hroller', 'ganeti-rapi'],
  });
  await vc.init();
  await vc.addNodes();
});
test.after.always(async () => { await vc?.stop(); });

const add = (name: string, node: string, mem: number) =>
  ['gnt-instance', 'add', '-o', 'dummy', '--no-name-check', '--no-ip-check', '-t', 'sharedfile', '--disk', '0:size=64M',
    '-B', `maxmem=${mem},minmem=${mem},vcpus=1`, '-n', node, name];

test.serial('hinfo -L and hbal -L load the same cluster and compute the same score', async (t) => {
  for (const [i, n] of [['a1', 'node1'], ['a2', 'node1'], ['a3', 'node2']] as const) await vc.ok(t, add(i, n, 512));
  const info = await vc.ok(t, ['hinfo', '-L', '-v', '-v']);
  t.regex(info, /^Loaded 3 nodes, 3 instances, 1 node group$/m);
  t.regex(info, /^Cluster is N\+1 happy$/m);
  t.regex(info, /^ {3}Group +Nodes +Instances +Bad_Nodes +Bad_Instances +N\+1 +Score$/m);
  const hinfoScore = /^Cluster score: ([0-9.]+)$/m.exec(info)?.[1];
  const bal = await vc.ok(t, ['hbal', '-L']);
  t.is(/Initial score: ([0-9.]+)/.exec(bal)?.[1], hinfoScore, `${info}\n${bal}`);
});

test.serial('-m ADDRESS reads the same cluster through ganeti-rapi as -L through the master', async (t) => {
  const rapi = '127.0.213.10';
  // ganeti-rapi may still be starting
  for (let i = 0; i < 50 && (await vc.gnt(['hinfo', '-m', rapi])).code !== 0; i++) await new Promise((r) => setTimeout(r, 200));
  t.is(await vc.ok(t, ['hinfo', '-m', rapi, '-v', '-v']), await vc.ok(t, ['hinfo', '-L', '-v', '-v']));
  t.is(await vc.ok(t, ['hroller', '-m', rapi]), await vc.ok(t, ['hroller', '-L']));
  const spec = ['--machine-readable', '--disk-template=sharedfile', '--standard-alloc=1024,512,1'];
  t.is(await vc.ok(t, ['hspace', '-m', `https://${rapi}:5080`, ...spec]), await vc.ok(t, ['hspace', '-L', ...spec]));
  t.is(await vc.ok(t, ['hbal', '-m', rapi]), await vc.ok(t, ['hbal', '-L']));
  const r = await vc.gnt(['hinfo', '-m', '127.0.213.99']);
  t.is(r.code, 1);
  t.regex(r.stderr, /failed to load data from the RAPI at https:\/\/127\.0\.213\.99:5080\/2\//);
});

test.serial('hroller -L: every online node in one reboot group, the master last', async (t) => {
  const out = (await vc.ok(t, ['hroller', '-L'])).trim().split('\n');
  t.is(out[0], "'Node Reboot Groups'");
  const groups = out.slice(1).map((l) => l.split(','));
  t.deepEqual(groups.flat().sort(), ['node1', 'node2', 'node3']);
  t.is(groups.at(-1)!.at(-1), 'node1');
  const r = await vc.gnt(['hroller', '-L', '-G', 'no-such-group']);
  t.is(r.code, 1);
  t.regex(r.stderr, /Cannot find target group/);
});

test.serial('hcheck -L: healthy; with node2 marked offline (-O) its instance needs a new home', async (t) => {
  const ok = await vc.gnt(['hcheck', '-L', '--machine-readable']);
  t.is(ok.code, 0, ok.stdout + ok.stderr);
  t.regex(ok.stdout, /^HCHECK_INIT_CLUSTER_NEED_REBALANCE=0$/m);
  t.regex(ok.stdout, /^HCHECK_OK=1$/m);
  const bad = await vc.gnt(['hcheck', '-L', '-O', 'node2']);
  t.is(bad.code, 1, bad.stdout + bad.stderr);
  t.regex(bad.stdout, /^Cluster needs rebalancing\.$/m);
  t.regex(bad.stdout, /^Cluster statistics initially\n(?:.*\n)*? {4}Instances having the primary node offline: 1$/m);
  // the simulated rebalance moves a3 away from the offline node
  t.regex(bad.stdout, /^Cluster statistics after rebalancing\n(?:.*\n)*? {4}Instances having the primary node offline: 0$/m);
  t.regex(bad.stdout, /^ {4}Cluster is not healthy: True$/m);
});
