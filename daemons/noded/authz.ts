// Who may call which node RPC. The TLS layer (server.ts) already refuses certificates the
// cluster CA did not sign; here the caller's role comes from its certificate's digest and
// this node's own ssconf: master_node names the master, master_candidates_certs lists the
// candidates' certificate digests (the master's included). Every other CA-signed certificate
// is a plain node's. Ganeti (2.12+) accepts candidates only; we are stricter: anything that
// changes the node comes from the current master alone, candidates may read. Because both
// facts are read from ssconf on every call, a master failover that rewrites ssconf moves
// the authority with it, without a restart. "Read" means: the files are stat'ed on every call
// and read again when they changed (common/file-stamp.ts); a caller's certificate digest is
// computed once per certificate object (one per connection).
import { stampedReader } from '../common/file-stamp.js';
import { PermissionDeniedError } from '../common/errors.js';
import { certDigest } from '../common/pem.js';
import type { Paths } from '../common/paths.js';
import { parseCandidateCerts } from '../common/ssconf.js';
import { pullGrantFor } from './backend/pull-grant.js';
import type { NodeMethod } from './backend/rpc-types.js';

export type CallerRole = 'master' | 'master candidate' | 'plain node';

export interface Caller { role: CallerRole; name: string | null; digest: string | null }

/** RPCs that only read this node's state: the master and the candidates may call them (a
 * candidate votes in master elections and recovers the config from its peers' copies).
 * Every other RPC, including any added later, is the master's alone (fail closed). */
export const READ_RPCS: ReadonlySet<NodeMethod> = new Set<NodeMethod>([
  'Version', 'NodeInfo', 'NodeVerify', 'InstanceList', 'InstanceInfo', 'NodeVolumes', 'StorageList',
  'ExtStorageDiagnose', 'OsDiagnose', 'OsValidate', 'ReadClusterConfig', 'MigrationInfo',
  'InstanceGetMigrationStatus',
  // master-failover's vote and queue take-over, and backups pulled node to node (a candidate
  // holds the config already; a plain node may not read another node's disks).
  'MasterInfo', 'ReadJobQueue', 'ExportReadChunk', 'ExportList', 'ExportInfo',
]);

/** What a master candidate may do besides reading: as Ganeti, the candidate taking over the
 * master role (gnt-cluster master-failover) stops the old master's daemons and takes its
 * master IP down. */
const FAILOVER_RPCS: ReadonlySet<string> = new Set(['NodeStopMaster', 'NodeDeactivateMasterIp']);

const candidateCertsIn = stampedReader(parseCandidateCerts);
const masterNodeIn = stampedReader((text) => (text === null ? null : text.trimEnd()));
const readCandidateCerts = (paths: Paths) => candidateCertsIn(paths.ssconfFile('master_candidates_certs'));
const getMasterNode = (paths: Paths) => masterNodeIn(paths.ssconfFile('master_node'));
const digests = new WeakMap<Uint8Array, string>();

export function callerOf(paths: Paths, peerCert: Uint8Array | undefined): Caller {
  if (!peerCert) return { role: 'plain node', name: null, digest: null };
  let digest = digests.get(peerCert);
  if (digest === undefined) { digest = certDigest(peerCert); digests.set(peerCert, digest); }
  const name = readCandidateCerts(paths).get(digest) ?? null;
  if (name === null) return { role: 'plain node', name: null, digest };
  return { role: name === getMasterNode(paths) ? 'master' : 'master candidate', name, digest };
}

function describe(c: Caller): string {
  const who = c.name ? `${c.role} ${c.name}` : c.role;
  return c.digest ? `${who} (certificate sha256 ${c.digest.slice(0, 16)}…)` : `${who} (no client certificate)`;
}

/** Throws PermissionDeniedError naming the caller's role unless it may call `method`. */
export function authorize(paths: Paths, method: string, peerCert: Uint8Array | undefined, req: unknown): Caller {
  const caller = callerOf(paths, peerCert);
  if (caller.role === 'master') return caller;
  if (caller.role === 'master candidate') {
    if (READ_RPCS.has(method as NodeMethod) || FAILOVER_RPCS.has(method)) return caller;
    // master-failover: the candidate taking over tells every node that it is the master now.
    if (method === 'WriteSsconfFiles' && caller.name !== null &&
        (req as { values?: Record<string, string> } | null)?.values?.master_node === caller.name) return caller;
    throw new PermissionDeniedError(`Permission denied: ${method} changes this node and is accepted only from the ` +
      `master (${getMasterNode(paths) ?? 'unknown'}); the caller is the ${describe(caller)}`);
  }
  // A plain node the master granted one transfer's pull (backend/pull-grant.ts) reads that one.
  if (method === 'ExportReadChunk') {
    const r = req as { area?: unknown; name?: unknown } | null;
    const granted = pullGrantFor(paths, caller.digest, r?.area, r?.name);
    if (granted !== null) return { ...caller, name: granted };
  }
  if (!readCandidateCerts(paths).size) {
    throw new PermissionDeniedError(`Permission denied: ${method} refused, this node knows no master candidate ` +
      `certificates (ssconf master_candidates_certs is missing or empty); the caller is a ${describe(caller)}`);
  }
  throw new PermissionDeniedError(`Permission denied: ${method} is accepted only from the master` +
    `${READ_RPCS.has(method as NodeMethod) ? ' or a master candidate' : ''}` +
    `${method === 'ExportReadChunk' ? ' (or a node the master granted this transfer, which this caller was not)' : ''}` +
    `; the caller is a ${describe(caller)}`);
}
