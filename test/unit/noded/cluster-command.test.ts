// gnt-cluster command / copyfile on a node: an argv run without a shell (output, exit codes as
// a shell over ssh reports them), files written at the node's own path for the cluster-wide
// one, and the node's own state refused; only the master may call either RPC.
import test from 'ava';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nullLogger } from '../../../daemons/common/log.js';
import { authorize } from '../../../daemons/noded/authz.js';
import { nodeCopyFile, nodeRunCommand } from '../../../daemons/noded/backend/cluster-command.js';
import { makeTempNode } from './helpers/temp-node.js';

const signal = new AbortController().signal;

test('a command runs as an argv: no shell, output interleaved, exit codes as over ssh', async (t) => {
  const node = makeTempNode();
  try {
    const ctx = { paths: node.paths, logger: nullLogger };
    const r = await nodeRunCommand(ctx, { argv: ['sh', '-c', 'echo out; echo err >&2; exit 3'] }, signal);
    t.is(r.exit_code, 3);
    t.is(Buffer.from(r.output as Uint8Array).toString(), 'out\nerr\n');
    // A shell string is one program name, not a pipeline.
    const s = await nodeRunCommand(ctx, { argv: ['echo hi; touch pwned'] }, signal);
    t.is(s.exit_code, 127);
    t.regex(Buffer.from(s.output as Uint8Array).toString(), /echo hi; touch pwned: command not found/);
    const pwd = await nodeRunCommand(ctx, { argv: ['pwd'] }, signal);
    t.is(Buffer.from(pwd.output as Uint8Array).toString().trim(), node.root);
    const killed = await nodeRunCommand(ctx, { argv: ['sh', '-c', 'kill -TERM $$'] }, signal);
    t.is(killed.exit_code, 128 + 15);
    await t.throwsAsync(nodeRunCommand(ctx, { argv: [] }, signal), { message: /must name a command/ });
  } finally { node.cleanup(); }
});

test('copyfile writes at the node root with mode and times, and refuses the node\'s own state', async (t) => {
  const node = makeTempNode();
  try {
    const ctx = { paths: node.paths, logger: nullLogger };
    mkdirSync(join(node.root, 'etc/ganeti/hooks'), { recursive: true });
    await nodeCopyFile(ctx, { path: '/etc/ganeti/hooks/x', data: Buffer.from('hello'), mode: 0o4755, atime: 1000, mtime: 2000 });
    const f = join(node.root, 'etc/ganeti/hooks/x');
    t.is(readFileSync(f, 'utf8'), 'hello');
    t.is(statSync(f).mode & 0o7777, 0o755); // no setuid over the wire
    t.is(statSync(f).mtimeMs, 2_000_000);
    const bad = async (path: string, re: RegExp) => t.throwsAsync(nodeCopyFile(ctx, { path, data: Buffer.from('x'), mode: 0o644, atime: 0, mtime: 0 }), { message: re });
    await bad('etc/ganeti/x', /must be absolute and normalized/);
    await bad('/etc/ganeti/../ganeti/x', /must be absolute and normalized/);
    await bad('/no/such/dir/x', /Directory \/no\/such\/dir does not exist on node node1/);
    mkdirSync(node.paths.dataDir, { recursive: true });
    mkdirSync(node.paths.runDir, { recursive: true });
    await bad('/var/lib/ganeti/config.data', /inside its data directory/);
    await bad('/var/run/ganeti/x.pid', /inside its run directory/);
    writeFileSync(join(node.root, 'etc/ganeti/file-storage-paths'), '/srv\n');
    await bad('/etc/ganeti/file-storage-paths', /file-storage-paths limits what the master may do/);
    // Through a symlinked directory is still the data dir.
    symlinkSync(node.paths.dataDir, join(node.root, 'etc/ganeti/sneaky'));
    await bad('/etc/ganeti/sneaky/server.pem', /inside its data directory/);
    t.false(readFileSync(f, 'utf8') !== 'hello');
  } finally { node.cleanup(); }
});

test('only the master may run commands or copy files', (t) => {
  const node = makeTempNode();
  try {
    for (const m of ['NodeRunCommand', 'NodeCopyFile']) {
      t.throws(() => authorize(node.paths, m, undefined, {}), { message: new RegExp(`Permission denied: ${m}`) });
    }
  } finally { node.cleanup(); }
});
