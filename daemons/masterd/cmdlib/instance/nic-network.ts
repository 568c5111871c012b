// NICs on a network (Ganeti's LUInstanceCreate._ComputeNics and the IP pool handling): the
// network must be connected to the primary node's group, whose mode and link the NIC takes;
// ip=pool takes a free address, an explicit address must be in the network and free; the
// address is reserved with the instance and released when the instance goes.
import { OpPrereqError } from '../../../common/errors.js';
import type { ClusterConfig, Instance, Nic } from '../../../common/objects.js';
import { AddressPool, releaseAddress, reserveAddress } from '../../address-pool.js';
import { findNetwork } from '../network/lookup.js';

function bad(msg: string): never { throw new OpPrereqError(msg, { ecode: 'wrong_input' }); }

/** Syntax of one requested NIC's network and ip (no config state needed beyond the network list). */
export function checkNicNetwork(cfg: Readonly<ClusterConfig>, i: number, nic: Record<string, unknown>): void {
  const ip = nic.ip === undefined || nic.ip === null ? null : String(nic.ip).toLowerCase();
  const network = nic.network === undefined || nic.network === null || String(nic.network).toLowerCase() === 'none' ? null : String(nic.network);
  if (ip === 'pool' && !network) bad(`NIC ${i}: ip=pool needs a network (network=NAME)`);
  if (!network) return;
  const net = findNetwork(cfg, network);
  if (!net) throw new OpPrereqError(`NIC ${i}: network '${network}' not found`, { ecode: 'unknown_entity' });
  if (nic.mode !== undefined || nic.link !== undefined) bad(`NIC ${i}: if a network is given, no mode or link may be passed (they come from the network's connection to the node group)`);
  if (ip && ip !== 'pool' && ip !== 'none' && !new AddressPool(net).contains(ip)) {
    bad(`NIC ${i}: IP address ${ip} does not belong to network ${net.name} (${net.network})`);
  }
}

/**
 * Checks the NICs against the primary node's group: connected networks, free explicit
 * addresses (unless conflicts are not checked). Returns each NIC's network uuid and the
 * group's mode/link for it.
 */
export function groupNicParams(cfg: Readonly<ClusterConfig>, groupUuid: string, nics: Record<string, unknown>[], conflictsCheck: boolean):
  ({ network: string; params: Record<string, string> } | null)[] {
  const group = cfg.nodegroups[groupUuid];
  return nics.map((nic, i) => {
    if (nic.network === undefined || nic.network === null || String(nic.network).toLowerCase() === 'none') return null;
    const net = findNetwork(cfg, String(nic.network))!;
    const conn = group?.networks?.[net.uuid] as { mode?: string; link?: string; vlan?: string } | undefined;
    if (!conn) {
      throw new OpPrereqError(`NIC ${i}: network '${net.name}' is not connected to node group '${group?.name ?? groupUuid}' (gnt-network connect)`, { ecode: 'wrong_state' });
    }
    const ip = nic.ip === undefined || nic.ip === null ? null : String(nic.ip).toLowerCase();
    if (conflictsCheck && ip && ip !== 'pool' && ip !== 'none' && new AddressPool(net).isReserved(ip)) {
      throw new OpPrereqError(`NIC ${i}: IP address ${ip} already in use or does not belong to network ${net.name}`, { ecode: 'resource_not_unique' });
    }
    const params: Record<string, string> = {};
    if (conn.mode) params.mode = conn.mode;
    if (conn.link) params.link = conn.link;
    if (conn.vlan) params.vlan = conn.vlan;
    return { network: net.uuid, params };
  });
}

/** Inside the config update that adds the instance: takes each NIC's address from its network. */
export function reserveNicAddresses(c: ClusterConfig, inst: Instance, requested: (string | null)[], conflictsCheck: boolean): void {
  inst.nics.forEach((nic: Nic, i) => {
    if (!nic.network) return;
    const net = c.networks[nic.network];
    if (!net) throw new OpPrereqError(`Network of NIC ${i} was removed meanwhile`, { ecode: 'unknown_entity' });
    const want = requested[i];
    if (!want || want === 'none') { nic.ip = null; return; }
    if (!conflictsCheck && want !== 'pool') {
      const pool = new AddressPool(net);
      net.reservations = pool.setBit(net.reservations, pool.index(want), '1');
      nic.ip = want;
      return;
    }
    nic.ip = reserveAddress(net, want, `NIC ${i} of instance ${inst.name}`);
  });
}

/** Inside the config update that removes the instance: gives its addresses back. */
export function releaseNicAddresses(c: ClusterConfig, inst: Readonly<Instance>): void {
  for (const nic of inst.nics) {
    const net = nic.network ? c.networks[nic.network] : undefined;
    if (net && nic.ip) releaseAddress(net, nic.ip);
  }
}
