// Files the master pushes to nodes. A node never writes a path chosen by a peer: uploads name
// one of KNOWN_FILES, ssconf writes name one of SSCONF_KEYS, and this node maps them to its paths.
import { readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { atomicWrite, ensureDir } from '../../common/atomic-file.js';
import { isKnownFile, KNOWN_FILES } from '../../common/known-files.js';
import type { Empty } from '../../../proto/generated/ganeti/Empty.js';
import type { UploadFileRequest__Output } from '../../../proto/generated/ganeti/UploadFileRequest.js';
import type { WriteSsconfRequest__Output } from '../../../proto/generated/ganeti/WriteSsconfRequest.js';
import type { NodedContext } from '../context.js';
import { invalid, required } from '../validate.js';
import { readConfigText, uploadWholeConfig } from './config-copy.js';
import { checkCredentialUpload, isCredentialFile } from './credentials.js';
import { writeSsconfValues } from './ssconf-files.js';
import type { RpcContext } from './rpc-types.js';


/** UploadFile: writes a known file atomically with the mode that file must have (the request's
 * mode is advisory); a new certificate or CA is served from the next connection on. */
export async function uploadFile(ctx: RpcContext, req: UploadFileRequest__Output): Promise<Empty> {
  const file = required(req.file, 'file');
  await writeKnownFile(ctx, file, req.content, ctx.peerCert);
  if (isCredentialFile(file)) ctx.hooks.onCredentialsChanged?.();
  return {};
}

async function writeKnownFile(ctx: NodedContext, file: string, content: Uint8Array, peerCert?: Buffer): Promise<string> {
  if (!isKnownFile(file)) {
    throw invalid(`Refusing to upload unknown file '${file}' (allowed: ${Object.keys(KNOWN_FILES).join(', ')})`);
  }
  // The uploader's own certificate: a CA bundle that did not sign it would lock it out.
  checkCredentialUpload(ctx.paths, file, content, peerCert);
  const spec = KNOWN_FILES[file];
  const path = spec.path(ctx.paths);
  // The config copy is config.data plus its journal (config-copy.ts): a whole file replaces both.
  if (file === 'config') {
    await uploadWholeConfig(ctx, content);
    ctx.logger.info('wrote uploaded file config', { path, bytes: content.length });
    return path;
  }
  // Ganeti's backend.SetWatcherPause(None) removes the file rather than emptying it.
  if (file === 'watcher_pause' && content.length === 0) {
    await rm(path, { force: true });
    ctx.logger.info('removed the watcher pause file', { path });
    return path;
  }
  await ensureDir(dirname(path));
  await atomicWrite(path, content, { mode: spec.mode });
  ctx.logger.info(`wrote uploaded file ${file}`, { path, bytes: content.length });
  return path;
}

/** ReadClusterConfig: this node's copy of the config (config.data with its journal applied; the master checks it). */
export async function readClusterConfig(ctx: NodedContext): Promise<{ found: boolean; content: Buffer }> {
  const content = await readConfigText(ctx.paths.clusterConfFile);
  return content ? { found: true, content } : { found: false, content: Buffer.alloc(0) };
}

/** WriteSsconfFiles: all keys are checked before any file is written. */
export async function writeSsconfFiles(ctx: NodedContext, req: WriteSsconfRequest__Output): Promise<Empty> {
  await writeSsconfValues(ctx, req.values);
  return {};
}
