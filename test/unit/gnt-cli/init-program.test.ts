// gnt-cluster init hands the bootstrap to the daemon-side program ganeti-cluster-init: the
// options reach it on stdin, its feedback comes back line by line, and its failure comes
// back as the typed error (class, ecode), so the CLI reports it as Ganeti would.
import test from 'ava';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InitClusterOptions } from '../../../daemons/common/cluster-init-options.js';
import { runInitProgram } from '../../../gnt-cli/gnt-cluster/init-program.js';
import { BIN, requirePrograms, run } from '../../../vcluster/harness.js';

const OPTS = { cluster_name: 'c1', master_netdev: 'lo', enabled_hypervisors: ['fake'] } as InitClusterOptions;

/** A stand-in ganeti-cluster-init on PATH that runs `body` (sh) with stdin saved to $DIR/stdin. */
async function withFakeProgram(body: string, fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'init-program-'));
  const prog = join(dir, 'ganeti-cluster-init');
  writeFileSync(prog, `#!/bin/sh\nDIR='${dir}'\ncat > "$DIR/stdin"\n${body}\n`);
  chmodSync(prog, 0o755);
  const path = process.env.PATH;
  process.env.PATH = `${dir}:${path}`;
  try { await fn(dir); } finally { process.env.PATH = path; rmSync(dir, { recursive: true, force: true }); }
}

test.serial('options go on stdin, feedback comes back, success is the ok line', async (t) => {
  await withFakeProgram(`echo '{"feedback":"Starting daemons on node1"}'\necho '{"ok":true}'`, async (dir) => {
    const seen: string[] = [];
    await runInitProgram(OPTS, (m) => seen.push(m));
    t.deepEqual(seen, ['Starting daemons on node1']);
    t.deepEqual(JSON.parse(readFileSync(join(dir, 'stdin'), 'utf8')), OPTS);
  });
});

test.serial("the bootstrap's error comes back typed, with its ecode", async (t) => {
  await withFakeProgram(`echo '{"error":{"class":"OpPrereqError","message":"Cluster is already initialised","ecode":"wrong_state"}}'\nexit 1`, async () => {
    const err = await t.throwsAsync(runInitProgram(OPTS, () => undefined));
    t.is(err?.name, 'OpPrereqError');
    t.is((err as { ecode?: string }).ecode, 'wrong_state');
    t.is(err?.message, 'Cluster is already initialised');
  });
});

test.serial('a program that dies without an outcome is reported with its stderr', async (t) => {
  await withFakeProgram('echo "boom: out of cheese" >&2\nexit 3', async () => {
    await t.throwsAsync(runInitProgram(OPTS, () => undefined), { name: 'CliError', message: /failed \(exit 3\): boom: out of cheese/ });
  });
});

test.serial('the real program: gnt-cluster init reports a bootstrap refusal like Ganeti (needs npm run build)', async (t) => {
  requirePrograms(['gnt-cluster', 'ganeti-cluster-init']);
  const dir = mkdtempSync(join(tmpdir(), 'init-real-'));
  const root = join(dir, 'node1');
  mkdirSync(root);
  try {
    // No hosts file in this root: the bootstrap cannot resolve the node's name and refuses
    // before creating anything.
    const env = { ...process.env, GANETI_ROOTDIR: root, GANETI_HOSTNAME: 'node1' };
    const r = await run(join(BIN, 'gnt-cluster'), ['init', '--no-etc-hosts', '--no-ssh-init', '--master-netdev=lo',
      '--enabled-hypervisors=fake', 'cluster'], { env });
    t.is(r.code, 1, r.stderr);
    t.regex(r.stderr, /^Failure: prerequisites not met for this operation:\nerror type: resolver_error, error details:\nCannot resolve this node's name 'node1'/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
