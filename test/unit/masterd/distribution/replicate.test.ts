// Honest replication: a commit is reported replicated only once every online master
// candidate holds it, or the one that missed it has been marked stale in a config that the
// others hold. The stale candidate is listed in ssconf and the mark goes once it catches up.
import test from 'ava';
import type { ClusterConfig } from '../../../../daemons/common/objects.js';
import { nullLogger } from '../../../../daemons/common/log.js';
import { Replicator } from '../../../../daemons/masterd/distribution/replicate.js';
import { wholeCommit } from '../../../../daemons/masterd/config/commit-log.js';
import { clusterConfig, NODE2, NODE3 } from '../helpers/cluster-config.js';
import { FakeNodeRpc } from '../helpers/fake-node-rpc.js';

function setup(rpc: FakeNodeRpc) {
  const rep = new Replicator(rpc, nullLogger);
  const state = { cfg: clusterConfig() };
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
  const ssconf = rpc.callsTo('WriteSsconfFiles', NODE2).map((c) => c.req.values?.master_candidates_stale).filter((v) => v !== undefined);
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
