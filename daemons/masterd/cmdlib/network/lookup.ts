// Finding a network by name or uuid for the network LUs and instance NICs.
import { OpPrereqError } from '../../../common/errors.js';
import type { ClusterConfig, Network } from '../../../common/objects.js';

export function findNetwork(cfg: Readonly<ClusterConfig>, name: string): Readonly<Network> | undefined {
  return cfg.networks[name] ?? Object.values(cfg.networks).find((n) => n.name === name);
}

export function expandNetwork(cfg: Readonly<ClusterConfig>, name: string): Readonly<Network> {
  const n = findNetwork(cfg, name);
  if (!n) throw new OpPrereqError(`Network '${name}' not found`, { ecode: 'unknown_entity' });
  return n;
}

/** Instances with a NIC on the network, by name. */
export function instancesOn(cfg: Readonly<ClusterConfig>, netUuid: string, groupUuid?: string): string[] {
  return Object.values(cfg.instances).filter((i) => i.nics.some((n) => n.network === netUuid)
    && (groupUuid === undefined || cfg.nodes[i.primary_node]?.group === groupUuid)).map((i) => i.name);
}
