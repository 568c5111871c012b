// Node facts for the master: version, node info (memory, cpus, storage), node verify
// (file checksums, hypervisor and OS health, clock), leaving the cluster, and TestDelay.
import { createHash } from 'node:crypto';
import { accessSync, constants as fsConstants, readdirSync, readFileSync, statSync } from 'node:fs';
import { rm, unlink } from 'node:fs/promises';
import { delay } from '../../common/async.js';
import { PROTOCOL_VERSION, SOFTWARE_VERSION } from '../../common/constants.js';
import { isKnownFile, KNOWN_FILES } from '../../common/known-files.js';
import { configJournalPath } from '../../common/config-journal.js';
import { fileStamp } from '../../common/file-stamp.js';
import { readFakeCapacity } from '../../hypervisor/fake-capacity.js';
import { getHypervisor } from '../../hypervisor/registry.js';
import { getStorageDriver, isRegisteredStorageKind } from '../../storage/registry.js';
import type { Empty } from '../../../proto/generated/ganeti/Empty.js';
import type { NodeInfoRequest__Output } from '../../../proto/generated/ganeti/NodeInfoRequest.js';
import type { NodeInfoResponse } from '../../../proto/generated/ganeti/NodeInfoResponse.js';
import type { NodeVerifyRequest__Output } from '../../../proto/generated/ganeti/NodeVerifyRequest.js';
import type { TestDelayRequest__Output } from '../../../proto/generated/ganeti/TestDelayRequest.js';
import type { NodeVerifyResponse } from '../../../proto/generated/ganeti/NodeVerifyResponse.js';
import type { StorageInfo } from '../../../proto/generated/ganeti/StorageInfo.js';
import { fileStorageDirFor, type NodedContext } from '../context.js';
import { hypervisorList, invalid } from '../validate.js';
import type { RpcContext } from './rpc-types.js';
import { diagnoseOses } from './os.js';
import { EXPORT_DIR } from './export.js';
import { lifecycleLeftovers } from './lifecycle.js';

const BOOT_ID_FILE = '/proc/sys/kernel/random/boot_id';

export async function version(): Promise<{ protocol_version: number; software_version: string }> {
  return { protocol_version: PROTOCOL_VERSION, software_version: SOFTWARE_VERSION };
}

function bootId(): string {
  try { return readFileSync(BOOT_ID_FILE, 'utf8').trim(); } catch { return ''; }
}

/** "file:/srv/ganeti/file-storage" -> {type, name}; a bare type has an empty name. */
export function parseStorageUnit(unit: string): { type: string; name: string } {
  const i = unit.indexOf(':');
  return i < 0 ? { type: unit, name: '' } : { type: unit.slice(0, i), name: unit.slice(i + 1) };
}

async function storageReport(ctx: NodedContext, unit: string): Promise<StorageInfo> {
  const { type, name: requested } = parseStorageUnit(unit);
  const name = type === 'file' ? fileStorageDirFor(ctx, requested) : requested;
  if (!isRegisteredStorageKind(type)) return { type, name, total: 0, free: 0, reported: false };
  const totalMiB = readFakeCapacity(ctx.paths.fakeCapacityFile)?.disk ?? null;
  const r = await getStorageDriver(type, ctx.paths).report({ fileStorageDir: name, totalMiB });
  return r ? { type, name, total: r.total, free: r.free, reported: true } : { type, name, total: 0, free: 0, reported: false };
}

export async function nodeInfo(ctx: NodedContext, req: NodeInfoRequest__Output): Promise<NodeInfoResponse> {
  const hv = getHypervisor(hypervisorList(req.hypervisors, 'hypervisors')[0]!, ctx.paths);
  const info = await hv.getNodeInfo();
  const units = req.storage_units.length > 0 ? req.storage_units : [`file:${fileStorageDirFor(ctx)}`];
  const storage: StorageInfo[] = [];
  for (const u of units) storage.push(await storageReport(ctx, u));
  return { bootid: bootId(), ...info, storage, software_version: SOFTWARE_VERSION };
}

// Checksums by path, kept while the file is the same file with the same size and times: a
// candidate's config.data of a 10,000-instance cluster is ~9 MB, hashed on every verify.
// Every write (atomicWrite renames a new inode in) changes the key.
const sums = new Map<string, { key: string; sum: string }>();

function sha256OfFile(path: string): string {
  try {
    const key = fileStamp(path);
    const hit = sums.get(path);
    if (hit?.key === key) return hit.sum;
    const sum = createHash('sha256').update(readFileSync(path)).digest('hex');
    sums.set(path, { key, sum });
    return sum;
  } catch { return ''; }
}

/** Logical file name -> this node's path: config, ca_cert (and the other known files), ssconf_<key>. */
function checksumPath(ctx: NodedContext, logical: string): string | null {
  if (isKnownFile(logical)) return KNOWN_FILES[logical].path(ctx.paths);
  const m = /^ssconf_([a-z0-9_]+)$/.exec(logical);
  return m ? ctx.paths.ssconfFile(m[1]!) : null;
}

export async function nodeVerify(ctx: NodedContext, req: NodeVerifyRequest__Output): Promise<NodeVerifyResponse> {
  const wanted = new Set<string>(['config', 'ca_cert']);
  try {
    for (const f of readdirSync(ctx.paths.dataDir)) if (f.startsWith('ssconf_')) wanted.add(f);
  } catch { /* no data dir: nothing present */ }
  for (const k of Object.keys(req.file_checksums)) wanted.add(k);
  for (const k of req.ssconf_keys) wanted.add(`ssconf_${k}`);
  const file_checksums: Record<string, string> = {};
  for (const logical of wanted) {
    const path = checksumPath(ctx, logical);
    if (path) file_checksums[logical] = sha256OfFile(path);
  }

  const hypervisor_errors: string[] = [];
  const instances: string[] = [];
  for (const kind of hypervisorList(req.hypervisors, 'hypervisors')) {
    const hv = getHypervisor(kind, ctx.paths);
    for (const e of await hv.verify()) hypervisor_errors.push(`${kind}: ${e}`);
    try { instances.push(...(await hv.listInstances())); } catch (err) {
      hypervisor_errors.push(`${kind}: cannot list instances: ${(err as Error).message}`);
    }
  }

  const os_errors = diagnoseOses(ctx.paths).filter((o) => !o.valid)
    .map((o) => `Invalid OS ${o.name} (located at ${o.path}): ${o.diagnose}`);

  return {
    ...(await version()), file_checksums, hypervisor_errors, instances, time_ms: Date.now(), os_errors,
    storage_error: fileStorageProblem(ctx), lifecycle_leftovers: lifecycleLeftovers(ctx, ctx.paths.local(EXPORT_DIR)),
    oob_path_errors: req.oob_paths.map(oobPathProblem).filter((e): e is string => e !== null),
  };
}

/**
 * Ganeti's NV_OOB_PATHS check: the out-of-band program must be a regular file its owner may
 * execute (the master runs it). The texts are Ganeti's; a stat error reads as Python's OSError.
 */
export function oobPathProblem(path: string): string | null {
  let st;
  try { st = statSync(path); } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const what = /^[A-Z0-9]+: ([^,]+)/.exec(e.message)?.[1] ?? e.message;
    return `error stating out of band helper: [Errno ${Math.abs(e.errno ?? 0)}] ${what.charAt(0).toUpperCase()}${what.slice(1)}: '${path}'`;
  }
  if (!st.isFile()) return `out of band helper ${path} is not a file`;
  return st.mode & 0o100 ? null : `out of band helper ${path} is not executable`;
}

/** A file storage dir that exists but cannot hold disks; a missing one is created on first use. */
function fileStorageProblem(ctx: NodedContext): string {
  const dir = ctx.paths.local(fileStorageDirFor(ctx));
  try {
    if (!statSync(dir).isDirectory()) return `File storage dir '${dir}' is not a directory`;
    accessSync(dir, fsConstants.W_OK | fsConstants.X_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return '';
    return `File storage dir '${dir}' is not usable: ${(err as Error).message}`;
  }
  return '';
}

/** Files that make this node a cluster member (NodeLeaveCluster removes them). */
export function clusterFiles(ctx: NodedContext): string[] {
  const p = ctx.paths;
  const files = [p.serverCertFile, p.caCertFile, p.caKeyFile, p.clusterConfFile, configJournalPath(p.clusterConfFile), p.rapiCertFile, p.rapiUsersFile];
  try {
    for (const f of readdirSync(p.dataDir)) if (f.startsWith('ssconf_')) files.push(p.ssconfFile(f.slice('ssconf_'.length)));
  } catch { /* no data dir */ }
  return files;
}

export async function leaveCluster(ctx: RpcContext): Promise<Empty> {
  for (const f of clusterFiles(ctx)) {
    await unlink(f).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') ctx.logger.warn(`cannot remove ${f} while leaving the cluster: ${err.message}`);
    });
  }
  // Ganeti's JobQueuePurge: a former master's queue (gnt-cluster destroy) must not come back.
  await rm(ctx.paths.queueDir, { recursive: true, force: true }).catch((err: Error) => {
    ctx.logger.warn(`cannot remove the job queue ${ctx.paths.queueDir} while leaving the cluster: ${err.message}`);
  });
  ctx.logger.info('left the cluster: certificates, config, ssconf and job queue removed');
  // Answer first, then go: the master waits for this reply.
  setTimeout(() => ctx.hooks.onLeaveCluster(), 100).unref();
  return {};
}

/** TestDelay (gnt-debug delay): sleeps, cancellable by the caller. */
export async function testDelay(_ctx: NodedContext, req: TestDelayRequest__Output, signal: AbortSignal): Promise<Empty> {
  if (!Number.isFinite(req.duration) || req.duration < 0) {
    throw invalid(`Field 'duration' must be a non-negative number of seconds, got ${req.duration}`);
  }
  await delay(req.duration * 1000, signal);
  return {};
}
