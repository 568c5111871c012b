// The sharedfile lease: one opener at a time; an empty lease file (a taker mid-write or a
// crash) is refused with a clear message instead of looping.
import test from 'ava';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BlockDeviceError } from '../../../daemons/common/errors.js';
import { dropLease, leaseHolder, leasePath, takeLease } from '../../../daemons/storage/lease.js';

function disk() {
  const dir = mkdtempSync(join(tmpdir(), 'lease-'));
  return { path: join(dir, 'd.file'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('an empty lease file is refused, naming it, and left for the admin', (t) => {
  const d = disk();
  writeFileSync(leasePath(d.path), '');
  const err = t.throws(() => takeLease(d.path, 'node1', '/srv/x/d.file'), { instanceOf: BlockDeviceError });
  t.regex(err!.message, /lease file \/srv\/x\/d\.file\.lease names no node/);
  t.is(leaseHolder(d.path), null);
  d.cleanup();
});

test('the lease is taken once, again by its holder, refused to another node, and dropped', (t) => {
  const d = disk();
  takeLease(d.path, 'node1', 'd');
  takeLease(d.path, 'node1', 'd');
  t.throws(() => takeLease(d.path, 'node2', 'd'), { message: /it is open on node node1/ });
  t.false(dropLease(d.path, 'node2'));
  t.true(dropLease(d.path, 'node1'));
  takeLease(d.path, 'node2', 'd');
  t.is(leaseHolder(d.path), 'node2');
  d.cleanup();
});

test('real processes racing for one lease: exactly one wins each round, and it is the one the file names', async (t) => {
  const d = disk();
  const worker = fileURLToPath(new URL('./lease-race-worker.ts', import.meta.url));
  const kids: ChildProcess[] = [];
  const N = 6;
  const ROUNDS = 15;
  try {
    await Promise.all(Array.from({ length: N }, (_, i) => new Promise<void>((resolve, reject) => {
      const c = fork(worker, [`node${i + 1}`], { execArgv: ['--import=tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      kids.push(c);
      c.once('message', () => resolve());
      c.once('error', reject);
    })));
    for (let r = 0; r < ROUNDS; r++) {
      const path = `${d.path}.${r}`;
      type Answer = { node: string; won: boolean; error: string };
      const answers = await Promise.all(kids.map((c) => new Promise<Answer>((resolve) => {
        c.once('message', (m) => resolve(m as Answer));
      })).map((p, i) => { kids[i]!.send({ path }); return p; }));
      const winners = answers.filter((a) => a.won);
      t.is(winners.length, 1, `round ${r}: winners ${winners.map((w) => w.node).join(',')}`);
      t.is(leaseHolder(path), winners[0]?.node ?? null);
      for (const a of answers.filter((x) => !x.won)) t.regex(a.error, /it is open on node node\d|names no node/);
    }
  } finally {
    for (const c of kids) c.kill();
    d.cleanup();
  }
});
