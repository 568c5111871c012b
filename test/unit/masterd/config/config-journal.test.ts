// The config journal on the master (config/commit-log.ts, common/config-journal.ts): a
// commit appends the changed entries, not the document; a reopen (after a crash: no close)
// replays them; compaction folds them into config.data; a torn last entry is cut, damage
// followed by intact entries is refused; a failed append is repaired by a whole file.
import test, { type ExecutionContext } from 'ava';
import { fork } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyDelta, buildDelta, configJournalPath, mergeChanges, parseDelta, readConfigCopy, readConfigCopySync, type ChangeSet } from '../../../../daemons/common/config-journal.js';
import { ConfigurationError } from '../../../../daemons/common/errors.js';
import { journalLine } from '../../../../daemons/common/journal.js';
import { nullLogger } from '../../../../daemons/common/log.js';
import type { ClusterConfig, Instance } from '../../../../daemons/common/objects.js';
import { ConfigStore } from '../../../../daemons/masterd/config/config-store.js';
import { createDraft } from '../../../../daemons/masterd/config/draft.js';

function tempDir(t: ExecutionContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'config-journal-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export function bigConfig(instances: number): ClusterConfig {
  const cfg = {
    version: 3000000, serial_no: 1, ctime: 0, mtime: 0,
    cluster: { cluster_name: 'cluster.example.com', mac_prefix: 'aa:00:00', serial_no: 1, tags: [] as string[] },
    nodes: {}, nodegroups: { g1: { uuid: 'g1', name: 'default' } }, instances: {} as Record<string, Instance>, networks: {},
  } as unknown as ClusterConfig;
  for (let i = 1; i <= instances; i++) {
    cfg.instances[`u${i}`] = {
      uuid: `u${i}`, name: `inst${i}.example.com`, primary_node: 'n1', secondary_nodes: [], hypervisor: 'fake', os: 'dummy',
      admin_state: 'up', admin_state_source: 'admin', disk_template: 'diskless', disks: [], nics: [], hvparams: {},
      beparams: { maxmem: 128, minmem: 128 }, osparams: {}, network_port: null, disks_active: false, tags: [], ctime: 0, mtime: 0, serial_no: 1,
    } as unknown as Instance;
  }
  return cfg;
}

const copyOf = (path: string) => readConfigCopySync<ClusterConfig>(path).doc;

test('a delta names only the changed entries and replays to the same document', (t) => {
  const doc = bigConfig(50);
  const before = structuredClone(doc);
  const changes: ChangeSet = new Map();
  const d = createDraft(doc);
  d.root.instances.u7!.beparams.maxmem = 256;
  delete d.root.instances.u9;
  d.root.cluster.tags.push('x');
  d.root.filters = { f1: { uuid: 'f1' } as never };
  mergeChanges(changes, d.touched, d.entries, d.replaced);
  doc.serial_no = 2;
  const text = buildDelta(doc, changes);
  const delta = parseDelta(text, 'test');
  t.deepEqual(Object.keys(delta.e!.instances!.u ?? {}), ['u7']);
  t.deepEqual(delta.e!.instances!.x, ['u9']);
  t.deepEqual(Object.keys(delta.r ?? {}), ['filters']);
  t.true(text.length < 1000, `${text.length} bytes for a 50-instance document`);
  applyDelta(before, delta);
  t.deepEqual(before, doc);
});

test('the master store appends deltas, replays them after a crash, and compacts past the file size', async (t) => {
  const path = join(tempDir(t), 'config.data');
  const store = await ConfigStore.create(path, bigConfig(2000), { log: nullLogger, journal: true });
  const fileBytes = statSync(path).size;
  const written0 = store.writtenBytes();
  for (let i = 0; i < 20; i++) await store.update((c) => { c.instances[`u${i + 1}`]!.tags.push(`t${i}`); });
  const perJob = (store.writtenBytes() - written0) / 20;
  t.true(perJob < fileBytes / 100, `${perJob} bytes written per change, file ${fileBytes} bytes`);
  t.is(JSON.parse(readFileSync(path, 'utf8')).serial_no, 1, 'config.data is not rewritten per change');
  t.is(copyOf(path).serial_no, 21, 'file + journal hold every change');
  // The "crash": no close. A reopen replays the journal.
  const again = await ConfigStore.open(path, { log: nullLogger, journal: true });
  t.is(again.serial(), 21);
  t.deepEqual(again.instanceByUuid('u20')!.tags, ['t19']);
  // Past the file's size (min lowered), the next commit folds the journal into config.data.
  const small = await ConfigStore.open(path, { log: nullLogger, journal: true, compactMinBytes: 0 });
  const big = 'x'.repeat(fileBytes);
  await small.update((c) => { c.cluster.tags.push(big); });
  await small.flush();   // compaction runs after the commit's waiters were answered
  t.is(JSON.parse(readFileSync(path, 'utf8')).serial_no, 22, 'compacted into config.data');
  t.is(statSync(configJournalPath(path)).size, 0, 'journal emptied');
  await small.update((c) => { c.cluster.tags.pop(); });
  t.is(copyOf(path).serial_no, 23);
  t.deepEqual(copyOf(path).cluster.tags, []);
});

test('a torn last entry is cut; damage followed by intact entries is refused, naming the file', async (t) => {
  const path = join(tempDir(t), 'config.data');
  const store = await ConfigStore.create(path, bigConfig(3), { log: nullLogger, journal: true });
  await store.update((c) => { c.cluster.tags.push('a'); });
  await store.update((c) => { c.cluster.tags.push('b'); });
  const journal = configJournalPath(path);
  const good = readFileSync(journal);
  appendFileSync(journal, '0badf00d {"s":4,"t":');
  const reopened = await ConfigStore.open(path, { log: nullLogger, journal: true });
  t.is(reopened.serial(), 3, 'the torn entry (never acknowledged) is dropped, the others kept');
  t.deepEqual(readFileSync(journal), good, 'and cut off the file');
  // A damaged entry in the middle: what follows was acknowledged; cutting would lose it.
  const lines = good.toString().split('\n');
  writeFileSync(journal, `${lines[0]!.replace('"a"', '"z"')}\n${lines[1]}\n`);
  const err = await t.throwsAsync(ConfigStore.open(path, { log: nullLogger, journal: true }), { instanceOf: ConfigurationError });
  t.regex(err!.message, new RegExp(`${journal}.*damaged at byte 0.*1 intact change`));
  await t.throwsAsync(readConfigCopy(path), { instanceOf: ConfigurationError });
  // A gap in the serials is refused too.
  writeFileSync(journal, journalLine(JSON.stringify({ s: 5, t: 0 })));
  await t.throwsAsync(ConfigStore.open(path, { log: nullLogger, journal: true }), { message: /serial 5 .* serial 1; the changes in between are missing/ });
});

test('a failed append fails its updates and the next commit writes a whole file instead of appending after a torn line', async (t) => {
  const path = join(tempDir(t), 'config.data');
  const store = await ConfigStore.create(path, bigConfig(3), { log: nullLogger, journal: true });
  await store.update((c) => { c.cluster.tags.push('kept'); });
  const log = (store as unknown as { commitLog: { journal: { append: (p: string[]) => Promise<void> } } }).commitLog;
  const real = log.journal.append.bind(log.journal);
  log.journal.append = async () => { appendFileSync(configJournalPath(path), 'deadbeef {"s":3'); throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }); };
  await t.throwsAsync(store.update((c) => { c.cluster.tags.push('lost'); }), { message: /EIO/ });
  t.deepEqual(store.get().cluster.tags, ['kept'], 'memory went back to the durable state');
  log.journal.append = real;
  await store.update((c) => { c.cluster.tags.push('after'); });
  t.deepEqual(JSON.parse(readFileSync(path, 'utf8')).cluster.tags, ['kept', 'after'], 'a whole file, not an append after the torn line');
  t.is(statSync(configJournalPath(path)).size, 0);
  const again = await ConfigStore.open(path, { log: nullLogger, journal: true });
  t.deepEqual(again.get().cluster.tags, ['kept', 'after']);
});

test('kill -9 between appends and compactions: every acknowledged change survives', async (t) => {
  t.timeout(60_000);
  const dir = tempDir(t);
  const path = join(dir, 'config.data');
  // A small document: the journal outgrows it every few dozen changes, so kills land both
  // between appends and in the middle of compactions.
  const s = await ConfigStore.create(path, bigConfig(20), { log: nullLogger, journal: true });
  await s.close();
  for (let round = 0; round < 3; round++) {
    const acked: number[] = [];
    const child = fork(new URL('./config-journal-worker.ts', import.meta.url).pathname, [path], { execArgv: ['--import=tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    await new Promise<void>((resolve) => {
      child.on('message', (m: { acked: number }) => {
        acked.push(m.acked);
        if (acked.length === 40 + round * 37) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    const store = await ConfigStore.open(path, { log: nullLogger, journal: true });
    const tags = new Set(Object.values(store.get().instances).flatMap((i) => i.tags));
    const missing = acked.filter((n) => !tags.has(`k${round}-${n}`));
    t.deepEqual(missing, [], `round ${round}: ${acked.length} acknowledged changes, all present`);
    await store.close();
    // The worker writes round-specific tags: tell it which round through a file.
    writeFileSync(join(dir, 'round'), String(round + 1));
  }
  t.true(existsSync(configJournalPath(path)));
  t.true(JSON.parse(readFileSync(path, 'utf8')).serial_no > 10, 'the workers compacted the journal into config.data');
});
