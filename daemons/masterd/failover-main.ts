// ganeti-master-failover: the daemon side of `gnt-cluster master-failover`, run on the
// candidate that becomes master (bootstrap/master-failover.ts). Like ganeti-cluster-init:
// options as JSON on stdin, JSON lines on stdout (feedback, then ok or the typed error).
import type { InitProgramMessage } from '../common/cluster-init-options.js';
import { encodeError, ParameterError } from '../common/errors.js';
import { createLogger, setLogFile } from '../common/log.js';
import { resolvePaths } from '../common/paths.js';
import { ensureDir } from '../common/atomic-file.js';
import { masterFailover, type MasterFailoverOptions } from './bootstrap/master-failover.js';

function send(msg: InitProgramMessage): void {
  process.stdout.write(`${JSON.stringify(msg)}\n`);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseOptions(text: string): MasterFailoverOptions {
  let v: unknown;
  try { v = JSON.parse(text); } catch { v = null; }
  if (!v || typeof v !== 'object' || typeof (v as { no_voting?: unknown }).no_voting !== 'boolean') {
    throw new ParameterError('ganeti-master-failover expects {"no_voting": true|false} as JSON on stdin', { ecode: 'wrong_input' });
  }
  return v as MasterFailoverOptions;
}

async function main(): Promise<number> {
  try {
    const paths = resolvePaths(process.env);
    await ensureDir(paths.logDir);
    setLogFile(paths.logFile('master-failover'));
    const log = createLogger('master-failover');
    await masterFailover(paths, parseOptions(await readStdin()), log, (feedback) => send({ feedback }));
    send({ ok: true });
    return 0;
  } catch (err) {
    send({ error: encodeError(err) });
    return 1;
  }
}

process.exitCode = await main();
