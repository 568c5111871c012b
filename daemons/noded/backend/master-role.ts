// The master role as one node sees it (gnt-cluster master-failover): which master this node
// knows and how new its copy of the config is (Ganeti's master_node_name vote plus the
// config serial, issue 1242), stopping the master daemons here (Ganeti's node_stop_master:
// daemon-util stop-master, whose list of master daemons is the one daemon-util keeps), and
// reading this node's job queue so that the new master takes it over.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { getMasterNode } from '../../common/ssconf.js';
import { CommandError } from '../../common/errors.js';
import type { Empty } from '../../../proto/generated/ganeti/Empty.js';
import type { JobQueueFiles } from '../../../proto/generated/ganeti/JobQueueFiles.js';
import type { MasterInfoResponse } from '../../../proto/generated/ganeti/MasterInfoResponse.js';
import type { NodedContext } from '../context.js';
import { heldSerial } from './config-copy.js';

export async function masterInfo(ctx: NodedContext): Promise<MasterInfoResponse> {
  // config.data plus its journal (config-copy.ts); none, or unreadable: not a candidate.
  const serial = await heldSerial(ctx.paths.clusterConfFile).catch(() => null);
  return { master_node: getMasterNode(ctx.paths) ?? '', config_serial: serial ?? 0, has_config: serial !== null };
}

/** daemon-util next to noded's own program (build/bin), else the one on PATH. */
function daemonUtil(): string {
  const own = join(dirname(process.argv[1] ?? ''), 'daemon-util');
  return existsSync(own) ? own : 'daemon-util';
}

export async function nodeStopMaster(ctx: NodedContext): Promise<Empty> {
  const prog = daemonUtil();
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(prog, ['stop-master'], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { text += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { text += d; });
    child.on('error', (err) => reject(new CommandError(`Cannot run ${prog}: ${err.message}`, { ecode: 'environment_error' })));
    child.on('close', (code) => (code === 0 ? resolve(text)
      : reject(new CommandError(`Stopping the master daemons failed (exit ${code}): ${text.trim()}`, { ecode: 'environment_error' }))));
  });
  ctx.logger.info('master daemons stopped', { output: out.trim() });
  return {};
}

/** queue/serial, queue/journal (job changes not yet in the files when the master stopped
 * without a clean shutdown: the new master replays it) and every queue/job-<id> (the
 * archive stays where it is). */
export async function readJobQueue(ctx: NodedContext): Promise<JobQueueFiles> {
  let names: string[];
  try { names = await readdir(ctx.paths.queueDir); } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { files: [] };
    throw err;
  }
  const wanted = names.filter((n) => n === 'serial' || n === 'journal' || /^job-\d+$/.test(n));
  const files = await Promise.all(wanted.map(async (name) => ({ name, content: await readFile(join(ctx.paths.queueDir, name)) })));
  return { files };
}
