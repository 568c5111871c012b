// Lets the node that pulls a transfer (gnt-instance move's target) read it on the source: a
// plain node may not read another node's data, so the master grants it that one transfer
// (node RPC ExportGrantPull; the source keeps the right until the transfer is removed, see
// daemons/noded/backend/pull-grant.ts). Master candidates may read already, but get the
// grant too when their certificate is known: a candidate demoted meanwhile still pulls.
import { OpPrereqError } from '../../common/errors.js';
import type { Node } from '../../common/objects.js';
import type { NodeTarget } from '../rpc/node-rpc.js';
import type { LogicalUnit } from './logical-unit.js';

/** As long as the pull itself may take (ExportPull's deadline, FOUR_HOURS). */
export const PULL_GRANT_SECONDS = 4 * 3600;

/** A prerequisite: a plain node can be granted a pull only when its certificate is known. */
export function checkCanPull(puller: Node, name: string): void {
  if (puller.master_candidate || puller.cert_digests?.length) return;
  throw new OpPrereqError(`Node ${puller.name} is not a master candidate and has no certificate digest in the ` +
    `configuration, so it cannot be let pull ${name}; renew its certificate (gnt-cluster renew-crypto ` +
    `--new-node-certificates) or make it a candidate`, { ecode: 'wrong_state' });
}

export async function grantPull(lu: LogicalUnit<any>, source: NodeTarget, puller: Node, area: 'outgoing' | 'export', name: string): Promise<void> {
  checkCanPull(puller, name);
  const digests = puller.cert_digests ?? [];
  if (!digests.length) return;
  const r = await lu.rt.rpc.call(source, 'ExportGrantPull',
    { area, name, node: puller.name, cert_digests: digests, ttl_seconds: PULL_GRANT_SECONDS }, { signal: lu.rt.signal });
  r.raise(`Could not let node ${puller.name} pull ${name} from node ${source.name}`);
}
