// Honest replication: a commit is reported replicated only once every online master
// candidate holds it, or the one that missed it has been marked stale in a config that the
// others hold. The stale candidate is listed in ssconf and the mark goes once it catches up.
import test from 'ava';
import type { ClusterConfig } from '../../../../daemons/common/objects.js';
import { nullLogger } from '../../../../daemons/common/log.js';
import { Replicator } from '../../../../daemons/masterd/distribution/replicate.js';
import { wholeCommit } from '../../../../daemons/masterd/config/commit-log.js';
import { clusterConfig, instance, MASTER, node, NODE2, NODE3 } from '../helpers/cluster-config.js';
const NODE4 = 'node4.example.com';
import { FakeNodeRpc } from '../helpers/fake-node-rpc.js';

/** listEveryMs 0: every round sends instance_list (the throttle has a test of its own). */
function setup(rpc: FakeNodeRpc, cfg = clusterConfig(), listEveryMs = 0) {
  const rep = new Replicator(rpc, nullLogger, listEveryMs);
  const state = { cfg };
  const commit = async (mut: (c: ClusterConfig) => void) => {
    const c = structuredClone(state.cfg);
    mut(c);
    c.serial_no++;
    state.cfg = c;
    await rep.onCommit(wholeCommit(JSON.stringify(c), c.serial_no), c);
    return c.serial_no;
  };
  rep.setStaleRecorder((marks) => commit((c) => {
    for (const n of Object.values(c.nodes)) {
      const m = marks.get(n.name);
      if (m === true) n.config_stale = true; else if (m === false) delete n.config_stale;
    }
  }).then(() => undefined));
  return { rep, state, commit };
}

/** The config serials a node was sent, and whether each marked node3 stale. */
function uploads(rpc: FakeNodeRpc, node: string, ok = true) {
  return rpc.callsTo('UploadConfigDeltas', node).map((c) => {
    const cfg = JSON.parse(Buffer.from(c.req.full!).toString()) as ClusterConfig;
    return { serial: cfg.serial_no, n3stale: !!cfg.nodes.n3?.config_stale, ok };
  });
}

test('a candidate that rejects the upload is marked stale, and the job waits until the others hold the mark', async (t) => {
  const rpc = new FakeNodeRpc().healthy().fail('UploadConfigDeltas', 'No space left on device', { node: NODE3 });
  const { rep, state, commit } = setup(rpc);
  const serial = await commit((c) => { c.cluster.tags.push('x'); });
  await rep.waitReplicated(serial);
  t.true(state.cfg.nodes.n3!.config_stale, 'node3 is marked stale in the config');
  t.falsy(state.cfg.nodes.n2!.config_stale);
  // node2 holds the change and then the mark, before the wait ended.
  t.deepEqual(uploads(rpc, NODE2).map((u) => [u.serial, u.n3stale]), [[serial, false], [serial + 1, true]]);
  t.is(rep.ackedSerial(NODE2), serial + 1);
  t.is(rep.ackedSerial(NODE3), undefined);
  // node2 is a candidate: its ssconf changes travel with its config.
  const ssconf = rpc.callsTo('UploadConfigDeltas', NODE2).map((c) => c.req.ssconf?.master_candidates_stale).filter((v) => v !== undefined);
  t.is(ssconf.at(-1), NODE3, 'ssconf master_candidates_stale names node3');
});

test('the stale mark is cleared once the candidate takes the newest config again', async (t) => {
  const rpc = new FakeNodeRpc().healthy().fail('UploadConfigDeltas', 'No space left on device', { node: NODE3, times: 2 });
  const { rep, state, commit } = setup(rpc);
  await rep.waitReplicated(await commit((c) => { c.cluster.tags.push('x'); }));
  t.true(state.cfg.nodes.n3!.config_stale);
  const serial = await commit((c) => { c.cluster.tags.push('y'); });
  await rep.waitReplicated(serial);
  // node3 answers again in the background; its mark goes in a commit of its own.
  for (let i = 0; i < 50 && state.cfg.nodes.n3!.config_stale; i++) await new Promise((r) => setTimeout(r, 10));
  t.falsy(state.cfg.nodes.n3!.config_stale, 'no longer stale');
  await rep.waitReplicated(state.cfg.serial_no);
  t.is(rep.ackedSerial(NODE3), state.cfg.serial_no, 'node3 holds the newest config');
});

test('a candidate already marked stale does not hold up later jobs, nor gets marked again', async (t) => {
  const rpc = new FakeNodeRpc().healthy().fail('UploadConfigDeltas', 'No space left on device', { node: NODE3 });
  const { rep, state, commit } = setup(rpc);
  await rep.waitReplicated(await commit((c) => { c.cluster.tags.push('x'); }));
  const marked = state.cfg.serial_no;
  const serial = await commit((c) => { c.cluster.tags.push('y'); });
  await rep.waitReplicated(serial);
  t.is(state.cfg.serial_no, marked + 1, 'no second marking commit');
  t.is(rep.ackedSerial(NODE2), serial);
});

test('config recovery skips the candidates ssconf lists as stale', async (t) => {
  const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { resolvePaths } = await import('../../../../daemons/common/paths.js');
  const { candidateTargets } = await import('../../../../daemons/masterd/config/recover.js');
  const dir = mkdtempSync(join(tmpdir(), 'recover-'));
  const paths = resolvePaths({ GANETI_ROOTDIR: join(dir, 'node1'), GANETI_HOSTNAME: 'node1' });
  mkdirSync(paths.dataDir, { recursive: true });
  writeFileSync(paths.ssconfFile('master_candidates'), 'node1\nnode2\nnode3\n');
  writeFileSync(paths.ssconfFile('master_candidates_ips'), '127.0.0.1\n127.0.0.2\n127.0.0.3\n');
  t.deepEqual(candidateTargets(paths).map((n) => n.name), ['node2', 'node3']);
  writeFileSync(paths.ssconfFile('master_candidates_stale'), 'node3\n');
  t.deepEqual(candidateTargets(paths).map((n) => n.name), ['node2']);
  rmSync(dir, { recursive: true, force: true });
});

test('a round is one call per candidate: its ssconf changes ride with its config; other nodes get WriteSsconfFiles', async (t) => {
  const cfg0 = clusterConfig({ nodes: [node('n1', MASTER), node('n2', NODE2), node('n3', NODE3), node('n4', NODE4, { master_candidate: false })] });
  const rpc = new FakeNodeRpc().healthy();
  const { rep, state, commit } = setup(rpc, cfg0);
  await rep.waitReplicated(await commit((c) => { c.cluster.tags.push('x'); }));
  const first = rpc.calls.length;
  const serial = await commit((c) => { c.instances.i1 = instance('i1', 'inst1.example.com', 'n2'); });
  await rep.waitReplicated(serial);
  const round = rpc.calls.slice(first);
  const by = (m: string, n: string) => round.filter((c) => c.method === m && c.node === n);
  for (const cand of [NODE2, NODE3]) {
    t.is(by('WriteSsconfFiles', cand).length, 0, `no separate ssconf call to candidate ${cand}`);
    const up = by('UploadConfigDeltas', cand);
    t.is(up.length, 1, `one config call to ${cand}`);
    t.deepEqual(Object.keys((up[0]!.req as { ssconf: Record<string, string> }).ssconf), ['instance_list'], 'only what changed');
    t.is((up[0]!.req as { ssconf: Record<string, string> }).ssconf.instance_list, 'inst1.example.com');
  }
  t.is(by('WriteSsconfFiles', MASTER).length, 1, 'the master node itself');
  t.is(by('WriteSsconfFiles', NODE4).length, 1, 'a node that is no candidate');
  t.is(by('UploadConfigDeltas', NODE4).length, 0);
  t.is(state.cfg.serial_no, serial);
});

test('a round that leaves the instance names alone does not send instance_list again', async (t) => {
  const cfg0 = clusterConfig({ nodes: [node('n1', MASTER), node('n2', NODE2), node('n4', NODE4, { master_candidate: false })] });
  const rpc = new FakeNodeRpc().healthy();
  const { rep, commit } = setup(rpc, cfg0);
  await rep.waitReplicated(await commit((c) => { c.instances.i1 = instance('i1', 'inst1.example.com', 'n2'); }));
  const first = rpc.calls.length;
  await rep.waitReplicated(await commit((c) => { c.cluster.tags.push('x'); c.instances.i1!.admin_state = 'down'; }));
  const round = rpc.calls.slice(first);
  const sent = (n: string) => round.filter((c) => c.node === n).map((c) => Object.keys((c.req as { ssconf?: Record<string, string>; values?: Record<string, string> }).ssconf ?? (c.req as { values: Record<string, string> }).values));
  t.deepEqual(sent(NODE2), [['cluster_tags']], 'the candidate gets only the changed key with its config');
  t.deepEqual(sent(NODE4), [['cluster_tags']], 'a node that is no candidate too');
  const renamed = rpc.calls.length;
  await rep.waitReplicated(await commit((c) => { c.instances.i1!.name = 'inst2.example.com'; }));
  const after = rpc.calls.slice(renamed).filter((c) => c.node === NODE4);
  t.is((after[0]!.req as { values: Record<string, string> }).values.instance_list, 'inst2.example.com', 'a rename is a change of the list');
});

test('a candidate that took the config but not its ssconf files gets every ssconf key next round', async (t) => {
  const rpc = new FakeNodeRpc().healthy();
  rpc.answer('UploadConfigDeltas', (req) => {
    const last = req.deltas?.at(-1);
    return { serial: last ? (JSON.parse(last) as { s: number }).s : Number(req.full_serial ?? 0), needs_full: false, ssconf_error: 'No space left on device' };
  }, { node: NODE3, times: 2 });
  const { rep, state, commit } = setup(rpc);
  await rep.waitReplicated(await commit((c) => { c.cluster.tags.push('x'); }));
  await rep.waitReplicated(await commit((c) => { c.cluster.tags.push('y'); }));
  t.falsy(state.cfg.nodes.n3!.config_stale, 'the config itself was taken: not stale');
  const serial = await commit((c) => { c.instances.i1 = instance('i1', 'inst1.example.com', 'n2'); });
  await rep.waitReplicated(serial);
  const n3 = rpc.callsTo('UploadConfigDeltas', NODE3).at(-1)!.req as { ssconf: Record<string, string> };
  const n2 = rpc.callsTo('UploadConfigDeltas', NODE2).at(-1)!.req as { ssconf: Record<string, string> };
  t.true(Object.keys(n3.ssconf).length > 5, 'node3: all keys again');
  t.deepEqual(Object.keys(n2.ssconf), ['instance_list'], 'node2: only the change');
});

/** A cluster with a node that is no candidate, whether several opcodes are under way (the
 * master's processor tells), and what nodes were sent of instance_list. */
function burstSetup(listEveryMs: number) {
  const cfg0 = clusterConfig({ nodes: [node('n1', MASTER), node('n2', NODE2), node('n3', NODE3), node('n4', NODE4, { master_candidate: false })] });
  const rpc = new FakeNodeRpc().healthy();
  const { rep, commit } = setup(rpc, cfg0, listEveryMs);
  const busy = { now: false };
  rep.setBusy(() => busy.now);
  /** Since call index `from`: the list in each of NODE2's config calls (a candidate: undefined
   * when the call carried none), and in each WriteSsconfFiles to NODE4 (no candidate). */
  const seen = (from: number) => ({
    node2: rpc.calls.slice(from).filter((c) => c.method === 'UploadConfigDeltas' && c.node === NODE2)
      .map((c) => (c.req as { ssconf: Record<string, string> }).ssconf.instance_list),
    node4: rpc.calls.slice(from).filter((c) => c.method === 'WriteSsconfFiles' && c.node === NODE4)
      .map((c) => (c.req as { values: Record<string, string> }).values.instance_list),
  });
  const add = (id: string) => commit((c) => { c.instances[id] = instance(id, id, 'n2'); });
  const owedGone = async () => { for (let i = 0; i < 250 && rep.owesSsconf(); i++) await new Promise((r) => setTimeout(r, 20)); };
  return { rpc, rep, commit, seen, add, busy, owedGone };
}

test('instance_list: held back within the interval while several opcodes are under way, sent by a round at its end', async (t) => {
  const { rpc, rep, commit, seen, add, busy, owedGone } = burstSetup(300);
  await rep.waitReplicated(await commit((c) => { c.cluster.tags.push('x'); }));   // first round: every key
  let from = rpc.calls.length;
  await rep.waitReplicated(await add('i1'));
  t.deepEqual(seen(from), { node2: ['i1'], node4: ['i1'] }, 'one opcode at a time: at once, within the interval too');
  t.false(rep.owesSsconf());
  busy.now = true;
  from = rpc.calls.length;
  await rep.waitReplicated(await add('i2'));
  await rep.waitReplicated(await add('i3'));
  // Another key changing meanwhile goes at once; the list it passes stays owed.
  await rep.waitReplicated(await commit((c) => { c.cluster.tags.push('y'); }));
  t.deepEqual(seen(from), { node2: [undefined, undefined, undefined], node4: [undefined] }, 'held back: the candidate gets its config, the other node the tags');
  t.is(rpc.callsTo('WriteSsconfFiles', NODE4).at(-1)?.req.values?.cluster_tags, 'x\ny');
  t.true(rep.owesSsconf(), 'owed');
  await owedGone();
  t.deepEqual(seen(from), { node2: [undefined, undefined, undefined, 'i1\ni2\ni3'], node4: [undefined, 'i1\ni2\ni3'] }, 'sent at the end of the interval');
  t.false(rep.owesSsconf());
});

test('instance_list: verify\'s flush sends what is held back at once', async (t) => {
  const { rpc, rep, commit, seen, add, busy } = burstSetup(10_000);
  await rep.waitReplicated(await commit((c) => { c.cluster.tags.push('x'); }));
  busy.now = true;
  const from = rpc.calls.length;
  await rep.waitReplicated(await add('i1'));
  t.deepEqual(seen(from), { node2: [undefined], node4: [] });
  await rep.flushSsconf();
  t.deepEqual(seen(from), { node2: [undefined, 'i1'], node4: ['i1'] });
  t.false(rep.owesSsconf());
});

test('instance_list during a long burst: at most once per interval per node, the newest last', async (t) => {
  const { rpc, rep, commit, seen, add, busy, owedGone } = burstSetup(150);
  await rep.waitReplicated(await commit((c) => { c.cluster.tags.push('x'); }));
  busy.now = true;
  const from = rpc.calls.length;
  const t0 = performance.now();
  let n = 0;
  const adds: Promise<number>[] = [];
  while (performance.now() - t0 < 400) { adds.push(add(`i${++n}`)); await new Promise((r) => setTimeout(r, 1)); }
  await rep.waitReplicated(Math.max(...await Promise.all(adds)));
  await owedGone();
  const elapsed = performance.now() - t0;
  const lists = seen(from).node4;
  t.true(n > 20, `${n} commits`);
  t.true(lists.length >= 1 && lists.length <= 1 + Math.ceil(elapsed / 150), `${lists.length} list writes for ${n} commits in ${elapsed.toFixed(0)} ms`);
  t.is(lists.at(-1), Array.from({ length: n }, (_, i) => `i${i + 1}`).sort().join('\n'), 'the last one the newest');
});
