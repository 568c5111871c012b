// One-off pull rights (gnt-instance move to a plain node, issue 9). A plain node may not read
// another node's data (authz.ts); when the master moves an instance's disks to one, it first
// grants that node, here on the source, the right to pull that one transfer: the area and
// name (the files are this node's own dumps under them, derived here as for every read), the
// node's certificate digests as the master's config has them, and an expiry counted on this
// node's clock. The right ends when the transfer is removed (ExportRemove), at its expiry, or
// when the daemon restarts (its staging areas are cleared then). Kept in a file, not in
// memory: the daemon's worker processes come and go (listener.ts).
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { atomicWrite } from '../../common/atomic-file.js';
import type { Paths } from '../../common/paths.js';
import type { Empty } from '../../../proto/generated/ganeti/Empty.js';
import type { ExportGrantRequest__Output } from '../../../proto/generated/ganeti/ExportGrantRequest.js';
import type { NodedContext } from '../context.js';
import { invalid, safeName } from '../validate.js';

/** The areas a pull reads (export.ts areaDir); a grant names one of them. */
const AREAS = ['outgoing', 'export'] as const;
/** The longest right the master may grant: a pull's own deadline (ExportPull, FOUR_HOURS). */
export const MAX_GRANT_SECONDS = 4 * 3600;
const DIGEST_RE = /^[0-9a-f]{64}$/;

interface Grant { node: string; digests: string[]; expires: number }

export function grantsDir(paths: Paths): string { return join(paths.dataDir, 'export-grants'); }

function grantFile(paths: Paths, area: string, name: string): string {
  if (!(AREAS as readonly string[]).includes(area)) throw invalid(`Invalid export area '${area}' (allowed: ${AREAS.join(', ')})`);
  return join(grantsDir(paths), area, safeName(name, 'name'));
}

export async function exportGrantPull(ctx: NodedContext, req: ExportGrantRequest__Output): Promise<Empty> {
  const file = grantFile(ctx.paths, req.area, req.name);
  const node = safeName(req.node, 'node');
  const digests = req.cert_digests.map((d) => d.toLowerCase());
  if (!digests.length) throw invalid(`A pull grant for node ${node} needs its certificate digests; none were given`);
  const bad = digests.find((d) => !DIGEST_RE.test(d));
  if (bad !== undefined) throw invalid(`Invalid certificate digest '${bad}' (expected 64 hex digits, sha256)`);
  if (!Number.isInteger(req.ttl_seconds) || req.ttl_seconds <= 0 || req.ttl_seconds > MAX_GRANT_SECONDS) {
    throw invalid(`Invalid ttl_seconds ${req.ttl_seconds} (allowed: 1 to ${MAX_GRANT_SECONDS})`);
  }
  mkdirSync(join(grantsDir(ctx.paths), req.area), { recursive: true, mode: 0o700 });
  const grant: Grant = { node, digests, expires: Date.now() + req.ttl_seconds * 1000 };
  await atomicWrite(file, JSON.stringify(grant), { mode: 0o600 });
  ctx.logger.info(`node ${node} may pull ${req.area}/${req.name} for ${req.ttl_seconds} s`);
  return {};
}

/** Ends the right to pull a transfer (it is being removed). */
export function revokePullGrant(paths: Paths, area: string, name: string): void {
  rmSync(grantFile(paths, area || 'export', name), { force: true });
}

/** The node a certificate's holder was granted the pull of `area`/`name` as, or null. */
export function pullGrantFor(paths: Paths, digest: string | null, area: unknown, name: unknown): string | null {
  if (!digest || typeof area !== 'string' || typeof name !== 'string') return null;
  let grant: Grant;
  try {
    grant = JSON.parse(readFileSync(grantFileOrNull(paths, area || 'export', name) ?? '', 'utf8')) as Grant;
  } catch { return null; }
  if (!(Date.now() < grant.expires) || !grant.digests.includes(digest)) return null;
  return grant.node;
}

function grantFileOrNull(paths: Paths, area: string, name: string): string | null {
  try { return grantFile(paths, area, name); } catch { return null; }
}
