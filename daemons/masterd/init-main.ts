// ganeti-cluster-init: the daemon side of `gnt-cluster init`. The CLI parses the user's
// options and starts this program with InitClusterOptions as JSON on stdin; the bootstrap
// runs here, so that no client program imports master code. Output: JSON lines on stdout
// (InitProgramMessage), exit 0 when the cluster is up, 1 otherwise.
import type { InitClusterOptions, InitProgramMessage } from '../common/cluster-init-options.js';
import { encodeError, ParameterError } from '../common/errors.js';
import { initCluster } from './bootstrap/cluster-init.js';

function send(msg: InitProgramMessage): void {
  process.stdout.write(`${JSON.stringify(msg)}\n`);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseOptions(text: string): InitClusterOptions {
  let v: unknown;
  try { v = JSON.parse(text); } catch {
    throw new ParameterError(`${process.argv[1] ?? 'ganeti-cluster-init'} expects the cluster options as JSON on stdin`, { ecode: 'wrong_input' });
  }
  if (!v || typeof v !== 'object' || Array.isArray(v) || typeof (v as { cluster_name?: unknown }).cluster_name !== 'string') {
    throw new ParameterError('The cluster options must be an object with cluster_name', { ecode: 'wrong_input' });
  }
  return v as InitClusterOptions;
}

async function main(): Promise<number> {
  try {
    await initCluster(parseOptions(await readStdin()), (feedback) => send({ feedback }));
    send({ ok: true });
    return 0;
  } catch (err) {
    send({ error: encodeError(err) });
    return 1;
  }
}

process.exitCode = await main();
