// Backups on one node (Ganeti's export format, issue 13): an export is a directory
// <export dir>/<instance>/ holding config.ini and one raw dump per disk (disk0_dump…).
// Source: ExportPrepare dumps the disks into this node's outgoing area. Destination:
// ExportPull fetches the files from the peer over the nodes' TLS channel in chunks, checks
// each file's sha256, and writes into <name>.new, which ExportFinalize renames into place
// with its config: an export is complete or absent. Imports pull a dump onto a new disk.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWrite } from '../../common/atomic-file.js';
import { compressChunk, compressionCommand, compressionLevel, decompressChunk, knownCompressionTools, NO_COMPRESSION } from '../../common/compression.js';
import { BlockDeviceError, ParameterError } from '../../common/errors.js';
import type { Paths } from '../../common/paths.js';
import { formatOfName, qemuImg } from '../../storage/image-file.js';
import { getStorageDriver } from '../../storage/registry.js';
import type { Empty } from '../../../proto/generated/ganeti/Empty.js';
import type { ExportChunkRequest__Output } from '../../../proto/generated/ganeti/ExportChunkRequest.js';
import type { ExportFile } from '../../../proto/generated/ganeti/ExportFile.js';
import type { ExportFinalizeRequest__Output } from '../../../proto/generated/ganeti/ExportFinalizeRequest.js';
import type { ExportNameRequest__Output } from '../../../proto/generated/ganeti/ExportNameRequest.js';
import type { ExportPrepareRequest__Output } from '../../../proto/generated/ganeti/ExportPrepareRequest.js';
import type { ExportPullRequest__Output } from '../../../proto/generated/ganeti/ExportPullRequest.js';
import type { NodedContext } from '../context.js';
import { invalid, safeName } from '../validate.js';
import { checkDisk, storageCtx, storageDisk } from './blockdev.js';
import { releaseMessage } from '../../common/client/grpc-lite.js';
import { AFTER_SENT } from '../grpc-server.js';
import { PeerClient } from './peer.js';
import { grantsDir, revokePullGrant } from './pull-grant.js';

/** Ganeti's EXPORT_DIR. */
export const EXPORT_DIR = '/srv/ganeti/export';
export const EXPORT_CONFIG = 'config.ini';
/** Largest chunk one ExportReadChunk returns. */
export const CHUNK_BYTES = 4 * 1024 * 1024;
const DUMP_RE = /^disk[0-9]{1,2}_dump$/;

function areaDir(paths: Paths, area: string): string {
  if (area === 'outgoing') return join(paths.dataDir, 'export-out');
  if (area === 'export' || area === '') return paths.local(EXPORT_DIR);
  throw invalid(`Invalid export area '${area}' (allowed: export, outgoing)`);
}

function dumpName(file: string): string {
  if (!DUMP_RE.test(file)) throw invalid(`Invalid export file '${file}' (expected diskN_dump)`);
  return file;
}

async function sha256Of(path: string): Promise<string> {
  const h = createHash('sha256');
  const fh = await open(path, 'r');
  try {
    for await (const chunk of fh.createReadStream()) h.update(chunk as Buffer);
  } finally { await fh.close().catch(() => undefined); }
  return h.digest('hex');
}

/** The node's check of a tool a request names (the master checked it against the cluster's list). */
function checkTool(tool: string): string {
  const t = tool || NO_COMPRESSION;
  if (t !== NO_COMPRESSION && !knownCompressionTools().includes(t)) {
    throw invalid(`Unknown compression tool '${t}' (known: ${[NO_COMPRESSION, ...knownCompressionTools()].join(', ')})`);
  }
  return t;
}

/** Runs `tool` as a filter from file `src` into file `dst` (complete, or an error). */
async function filterFile(tool: string, direction: 'compress' | 'decompress', src: string, dst: string, signal: AbortSignal): Promise<void> {
  const [prog, ...args] = compressionCommand(tool, direction);
  const input = await open(src, 'r');
  const output = await open(dst, 'w', 0o600);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(prog!, args, { stdio: [input.fd, output.fd, 'pipe'], signal });
      let err = '';
      child.stderr?.on('data', (d: Buffer) => { err += d.toString(); });
      child.on('error', (e: NodeJS.ErrnoException) => reject(new BlockDeviceError(e.code === 'ENOENT'
        ? `Compression tool '${tool}' (${prog}) is not installed on this node` : `${prog}: ${e.message}`)));
      child.on('close', (code) => (code === 0 ? resolve()
        : reject(new BlockDeviceError(`${prog} ${args.join(' ')} failed (exit ${code}): ${err.trim().split('\n').pop() ?? ''}`))));
    });
    await output.sync();
  } finally {
    await input.close().catch(() => undefined);
    await output.close().catch(() => undefined);
  }
}

/** A hard link of a raw disk as its dump; false where the filesystem cannot (another one: copy). */
function linkDump(src: string, out: string): boolean {
  try { linkSync(src, out); return true; } catch { return false; }
}

/** Source: every disk dumped as a raw image into the outgoing area (compressed with the
 * request's tool); sizes and checksums of the files as they are sent and kept. */
export async function exportPrepare(ctx: NodedContext, req: ExportPrepareRequest__Output, signal: AbortSignal): Promise<{ files: ExportFile[] }> {
  const name = safeName(req.name, 'name');
  const tool = checkTool(req.compress);
  const dir = join(areaDir(ctx.paths, 'outgoing'), name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files: ExportFile[] = [];
  try {
    for (const [i, raw] of req.disks.entries()) {
      const d = checkDisk(raw);
      const drv = getStorageDriver(d.dev_type, ctx.paths);
      if (!drv.capabilities.export) throw new BlockDeviceError(`Disks of template '${d.dev_type}' cannot be exported`, { ecode: 'wrong_input' });
      const src = drv.accessPath(storageDisk(d), storageCtx(ctx, req, name, signal));
      if (!src) throw new BlockDeviceError(`Disk ${i} of ${name} has no path on this node`);
      const out = join(dir, `disk${i}_dump`);
      if (tool === NO_COMPRESSION && formatOfName(src) === 'raw' && linkDump(src, out)) {
        // The raw disk is its own dump: a hard link, not a copy of every byte (the instance is
        // stopped, or `src` is a snapshot's copy, until the dump is removed after the pull).
      } else if (tool === NO_COMPRESSION) {
        await qemuImg(['convert', '-q', '-f', formatOfName(src), '-O', 'raw', src, out], signal);
      } else if (formatOfName(src) === 'raw') {
        await filterFile(tool, 'compress', src, out, signal);
      } else {
        const raw = `${out}.raw`;
        await qemuImg(['convert', '-q', '-f', formatOfName(src), '-O', 'raw', src, raw], signal);
        try { await filterFile(tool, 'compress', raw, out, signal); } finally { rmSync(raw, { force: true }); }
      }
      files.push({ file: `disk${i}_dump`, size: statSync(out).size, sha256: await sha256Of(out) });
    }
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { files };
}

export async function exportReadChunk(ctx: NodedContext, req: ExportChunkRequest__Output): Promise<{ data: Buffer; [AFTER_SENT]?: () => void }> {
  const path = join(areaDir(ctx.paths, req.area), safeName(req.name, 'name'), dumpName(req.file));
  const offset = Number(req.offset);
  const length = Math.min(Number(req.length), CHUNK_BYTES);
  compressionLevel(req.compress);
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(length) || length <= 0) {
    throw invalid(`Invalid chunk offset ${req.offset} or length ${req.length}`);
  }
  const fh = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new BlockDeviceError(`Export file ${req.name}/${req.file} does not exist on this node`, { ecode: err.code === 'ENOENT' ? 'unknown_entity' : undefined });
  });
  const buf = chunkPool.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);   // every byte returned is read from the file
  const giveBack = () => { if (chunkPool.length < CHUNK_POOL_MAX) chunkPool.push(buf); };
  try {
    const { bytesRead } = await fh.read(buf, 0, length, offset);
    const data = compressChunk(buf.subarray(0, bytesRead), req.compress);
    if (data.buffer !== buf.buffer) { giveBack(); return { data }; }   // compressed into a buffer of its own
    return { data, [AFTER_SENT]: giveBack };   // lent to the answer until it is sent
  } catch (err) {
    giveBack();
    throw err;
  } finally { await fh.close(); }
}

/** Chunk buffers of answers already sent, for the next chunks: a fresh 4 MiB buffer per chunk
 * (page faults, then garbage collection) cost about as much CPU as the chunk's checksum. */
const chunkPool: Buffer[] = [];
const CHUNK_POOL_MAX = 8;   // twice a pull's window (PULL_WINDOW)

/** Where a pull onto a disk stages the file it receives (checked before it touches the disk). */
function importTmpDir(paths: Paths): string { return join(paths.dataDir, 'import-in'); }

/** At start-up: what the staging areas hold belongs to transfers of a daemon that died — a
 * pull's partial file, a dump prepared for a peer that the job, failing, could not remove. No
 * transfer outlives its daemon (a job whose dump goes fails and rolls back), so they go. */
export function removeStaleTransfers(paths: Paths): number {
  let n = 0;
  for (const dir of [importTmpDir(paths), areaDir(paths, 'outgoing'), grantsDir(paths)]) {
    let names: string[] = [];
    try { names = readdirSync(dir); } catch { continue; }
    for (const name of names) rmSync(join(dir, name), { force: true, recursive: true });
    n += names.length;
  }
  return n;
}

/** Chunk requests a pull keeps in flight: the peer reads and sends the next chunks while this
 * node checks and writes the current one (one at a time, each chunk waited for a full round
 * trip with both ends idle in turn). */
export const PULL_WINDOW = 4;

/** Fetches one file of the peer into `dest`, checking its size and sha256 (of the inflated
 * data). `durable`: fsync the file (an export is kept; a pull onto a disk only stages it, and
 * the disk's own write is what must last). */
async function pullFile(peer: PeerClient, area: string, name: string, f: ExportFile, dest: string, signal: AbortSignal,
  compress = '', flags: 'w' | 'r+' = 'w', durable = true): Promise<void> {
  const size = Number(f.size);
  const h = createHash('sha256');
  const fh = await open(dest, flags, 0o600);
  // Requests for the chunks at fixed offsets, PULL_WINDOW ahead of the one being written; a
  // failed request fails the pull (the ones still in flight are awaited, never left dangling).
  const inFlight: Promise<{ data: Buffer }>[] = [];
  let next = 0;
  const request = () => {
    const offset = next;
    next += Math.min(CHUNK_BYTES, size - offset);
    const p = peer.call<{ data: Buffer }>('ExportReadChunk',
      { area, name, file: f.file, offset, length: Math.min(CHUNK_BYTES, size - offset), compress }, 120_000, signal);
    p.catch(() => undefined);   // awaited in order below; an early failure must not be unhandled meanwhile
    inFlight.push(p);
  };
  try {
    let offset = 0;
    while (offset < size) {
      while (inFlight.length < PULL_WINDOW && next < size) request();
      const res = await inFlight.shift()!;
      const data = decompressChunk(res.data, compress);
      const expected = Math.min(CHUNK_BYTES, size - offset);
      if (data.length !== expected) {
        throw new BlockDeviceError(`Node ${peer.peer.name} sent ${data.length} bytes of ${name}/${f.file} at offset ${offset}, expected ${expected}`);
      }
      h.update(data);
      await fh.write(data, 0, data.length, offset);
      offset += data.length;
      releaseMessage(res.data);   // hashed and written: its buffer serves a next chunk
    }
    if (durable) await fh.sync();
  } finally {
    await Promise.allSettled(inFlight);
    await fh.close();
  }
  const sum = h.digest('hex');
  if (sum !== f.sha256) {
    throw new BlockDeviceError(`Checksum mismatch for ${name}/${f.file} from node ${peer.peer.name}: expected ${f.sha256}, got ${sum}`);
  }
}

export async function exportPull(ctx: NodedContext, req: ExportPullRequest__Output, signal: AbortSignal): Promise<Empty> {
  const name = safeName(req.name, 'name');
  if (req.area !== 'export' && req.area !== 'outgoing') throw invalid(`Invalid export area '${req.area}' (allowed: export, outgoing)`);
  const files = req.files.map((f) => ({ ...f, file: dumpName(f.file) }));
  compressionLevel(req.transport_compress);
  const peer = new PeerClient(ctx.paths, { name: safeName(req.peer_name, 'peer_name'), ip: req.peer_ip });
  try {
    if (req.target === 'export') {
      const target = safeName(req.target_name, 'target_name');
      const root = areaDir(ctx.paths, 'export');
      const dir = join(root, `${target}.new`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true, mode: 0o750 });
      try {
        for (const f of files) await pullFile(peer, req.area, name, f, join(dir, f.file), signal, req.transport_compress);
      } catch (err) {
        rmSync(dir, { recursive: true, force: true });
        throw err;
      }
      ctx.logger.info(`pulled export ${target} from ${req.peer_name}`, { files: files.length });
      return {};
    }
    if (req.target !== 'disk') throw invalid(`Invalid pull target '${req.target}' (allowed: export, disk)`);
    if (files.length !== 1) throw invalid('A pull onto a disk takes exactly one file');
    const tool = checkTool(req.compress);
    const disk = checkDisk(req.disk);
    const drv = getStorageDriver(disk.dev_type, ctx.paths);
    const dst = drv.accessPath(storageDisk(disk), storageCtx(ctx, req, undefined, signal));
    if (!dst) throw new BlockDeviceError(`Disk ${disk.uuid} has no path on this node`);
    if (tool === NO_COMPRESSION && formatOfName(dst) === 'raw') {
      // The dump is the disk's content as it goes: the chunks are written onto the new disk
      // in place (no staging copy and second pass); the import made this disk and removes it
      // when the pull fails (a checksum mismatch included).
      await pullFile(peer, req.area, name, files[0]!, dst, signal, req.transport_compress, 'r+');
      ctx.logger.info(`imported ${name}/${files[0]!.file} from ${req.peer_name} onto disk ${disk.uuid}`);
      return {};
    }
    const tmpDir = importTmpDir(ctx.paths);
    mkdirSync(tmpDir, { recursive: true, mode: 0o700 });
    const tmp = join(tmpDir, `${disk.uuid}.${process.pid}.${Date.now()}`);
    try {
      await pullFile(peer, req.area, name, files[0]!, tmp, signal, req.transport_compress, 'w', false);
      if (tool !== NO_COMPRESSION) await filterFile(tool, 'decompress', tmp, `${tmp}.raw`, signal);
      await qemuImg(['convert', '-q', '-n', '-f', 'raw', '-O', formatOfName(dst), tool === NO_COMPRESSION ? tmp : `${tmp}.raw`, dst], signal);
    } finally { rmSync(tmp, { force: true }); rmSync(`${tmp}.raw`, { force: true }); }
    ctx.logger.info(`imported ${name}/${files[0]!.file} from ${req.peer_name} onto disk ${disk.uuid}`);
    return {};
  } finally { peer.close(); }
}

/** Writes the config into <name>.new and renames it into place (replacing an older export). */
export async function exportFinalize(ctx: NodedContext, req: ExportFinalizeRequest__Output): Promise<Empty> {
  const name = safeName(req.name, 'name');
  const root = areaDir(ctx.paths, 'export');
  const dir = join(root, `${name}.new`);
  if (!existsSync(dir)) throw new BlockDeviceError(`No export of ${name} is being written on this node`, { ecode: 'unknown_entity' });
  if (!req.config.trim()) throw invalid('Empty export config');
  await atomicWrite(join(dir, EXPORT_CONFIG), req.config, { mode: 0o640 });
  const final = join(root, name);
  const old = join(root, `${name}.old`);
  rmSync(old, { recursive: true, force: true });
  if (existsSync(final)) renameSync(final, old);
  renameSync(dir, final);
  rmSync(old, { recursive: true, force: true });
  ctx.logger.info(`export of ${name} complete`, { dir: final });
  return {};
}

export async function exportRemove(ctx: NodedContext, req: ExportNameRequest__Output): Promise<Empty> {
  const name = safeName(req.name, 'name');
  const root = areaDir(ctx.paths, req.area || 'export');
  const targets = req.area === 'outgoing' ? [name] : [name, `${name}.new`];
  revokePullGrant(ctx.paths, req.area || 'export', name);
  for (const t of targets) rmSync(join(root, t), { recursive: true, force: true });
  return {};
}

/** Complete exports on this node (a directory with its config.ini). */
export async function exportList(ctx: NodedContext): Promise<{ exports: string[] }> {
  const root = areaDir(ctx.paths, 'export');
  let entries: string[] = [];
  try { entries = readdirSync(root); } catch { return { exports: [] }; }
  return { exports: entries.filter((e) => !e.endsWith('.new') && !e.endsWith('.old') && existsSync(join(root, e, EXPORT_CONFIG))).sort() };
}

export async function exportInfo(ctx: NodedContext, req: ExportNameRequest__Output): Promise<{ config: string }> {
  const path = join(areaDir(ctx.paths, 'export'), safeName(req.name, 'name'), EXPORT_CONFIG);
  try { return { config: readFileSync(path, 'utf8') }; } catch {
    throw new ParameterError(`No export of '${req.name}' on this node`, { ecode: 'unknown_entity' });
  }
}
