// gnt-cluster command / copyfile on this node (Ganeti does both over root ssh). Here they are
// node RPCs that only the current master may call (authz.ts: not in READ_RPCS, so master-only),
// over the same mutual-TLS channel as everything else the master asks:
// - NodeRunCommand runs an argv (execFile semantics, no shell: nothing the master sends is
//   parsed by a shell here), stdout and stderr interleaved, with the exit code as ssh reports it;
// - NodeCopyFile writes a file at a path this node derives itself (its root + the cluster-wide
//   path) and refuses the node's own state: its data dir (config, certificates, ssconf, job
//   queue), its run dir (pid files, sockets, instance state) and file-storage-paths (which
//   bounds what the master may ask of file storage, so the master may not rewrite it).
import { spawn } from 'node:child_process';
import { chmod, realpath, stat, utimes } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { constants as osConstants } from 'node:os';
import { atomicWrite } from '../../common/atomic-file.js';
import type { Empty } from '../../../proto/generated/ganeti/Empty.js';
import type { CopyFileRequest__Output } from '../../../proto/generated/ganeti/CopyFileRequest.js';
import type { RunCommandRequest__Output } from '../../../proto/generated/ganeti/RunCommandRequest.js';
import type { RunCommandResponse } from '../../../proto/generated/ganeti/RunCommandResponse.js';
import type { NodedContext } from '../context.js';
import { fileStoragePathsFile } from '../storage-paths.js';
import { invalid } from '../validate.js';

/** More output than this is cut (with a note): an RPC answer is held in memory twice. */
export const MAX_COMMAND_OUTPUT = 64 * 1024 * 1024;

export async function nodeRunCommand(ctx: NodedContext, req: RunCommandRequest__Output, signal: AbortSignal): Promise<RunCommandResponse> {
  const argv = req.argv ?? [];
  if (!argv.length || !argv[0]) throw invalid('Field \'argv\' must name a command (got an empty argv)');
  if (argv.some((a) => a.includes('\0'))) throw invalid('Field \'argv\' must not contain NUL bytes');
  ctx.logger.info('running a command for the master (gnt-cluster command)', { argv });
  return new Promise<RunCommandResponse>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let cut = false;
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: ctx.paths.nodeRoot || '/', env: process.env, stdio: ['ignore', 'pipe', 'pipe'], signal, killSignal: 'SIGKILL',
    });
    const take = (b: Buffer) => {
      if (size + b.length > MAX_COMMAND_OUTPUT) { cut = true; return; }
      chunks.push(b); size += b.length;
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    let spawnError: NodeJS.ErrnoException | null = null;
    child.on('error', (err: NodeJS.ErrnoException) => { spawnError = err; });
    child.on('close', (code, sig) => {
      const err = spawnError as NodeJS.ErrnoException | null;
      if (err && err.code !== 'ABORT_ERR') {
        // What a shell on the other end of ssh would have said and returned.
        const missing = err.code === 'ENOENT';
        resolve({ output: Buffer.from(`${argv[0]}: ${missing ? 'command not found' : err.message}\n`), exit_code: missing ? 127 : 126 });
        return;
      }
      if (cut) chunks.push(Buffer.from(`\n[output cut at ${MAX_COMMAND_OUTPUT} bytes]\n`));
      const signo = sig ? (osConstants.signals as Record<string, number>)[sig] ?? 0 : 0;
      resolve({ output: Buffer.concat(chunks), exit_code: code ?? 128 + signo });
    });
  });
}

function within(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

async function real(path: string): Promise<string> {
  try { return await realpath(path); } catch { return path; }
}

/** Where a copied file goes on this node, or a clear refusal. `vpath` is cluster-wide (on a
 * virtual cluster relative to the node root, which this node adds). */
export async function copyTarget(ctx: NodedContext, vpath: string): Promise<string> {
  if (!vpath || !isAbsolute(vpath) || vpath.includes('\0') || normalize(vpath) !== vpath || vpath.endsWith('/')) {
    throw invalid(`Invalid file path '${vpath}': it must be absolute and normalized (no '..', '.', '//' or trailing '/')`);
  }
  const target = ctx.paths.local(vpath);
  const dir = dirname(target);
  const st = await stat(dir).catch(() => null);
  if (!st?.isDirectory()) throw invalid(`Directory ${dirname(vpath)} does not exist on node ${ctx.paths.hostname}`);
  const resolved = join(await realpath(dir), basename(target));
  const own: Array<[string, string]> = [
    [await real(ctx.paths.dataDir), 'its data directory (config, certificates, ssconf, job queue)'],
    [await real(ctx.paths.runDir), 'its run directory (daemons\' sockets and pid files, instance state)'],
  ];
  for (const [d, what] of own) {
    if (within(resolved, d)) {
      throw invalid(`Refusing to write ${vpath} on node ${ctx.paths.hostname}: it is inside ${what}, which only the ` +
        'cluster\'s own operations change');
    }
  }
  if (resolved === await real(fileStoragePathsFile(ctx.paths))) {
    throw invalid(`Refusing to write ${vpath} on node ${ctx.paths.hostname}: file-storage-paths limits what the master ` +
      'may do with file storage here, only the node\'s administrator edits it');
  }
  const existing = await stat(resolved).catch(() => null);
  if (existing?.isDirectory()) throw invalid(`${vpath} is a directory on node ${ctx.paths.hostname}`);
  return resolved;
}

export async function nodeCopyFile(ctx: NodedContext, req: CopyFileRequest__Output): Promise<Empty> {
  const target = await copyTarget(ctx, req.path);
  // scp -p keeps the permission bits; setuid/setgid/sticky are not taken over the wire.
  const mode = (req.mode || 0o644) & 0o777;
  await atomicWrite(target, req.data, { mode });
  await chmod(target, mode); // the creation mode went through the umask
  if (req.mtime > 0) await utimes(target, req.atime > 0 ? req.atime : req.mtime, req.mtime);
  ctx.logger.info('file copied from the master (gnt-cluster copyfile)', { path: target, bytes: req.data.length });
  return {};
}
