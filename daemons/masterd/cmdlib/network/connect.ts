// OP_NETWORK_CONNECT and OP_NETWORK_DISCONNECT (Ganeti's LUNetworkConnect/Disconnect): a
// network is usable by the instances of a group once connected there with a NIC mode and link.
import { OpPrereqError } from '../../../common/errors.js';
import { now } from '../../../common/objects.js';
import type { OpNetworkConnect, OpNetworkDisconnect } from '../../../common/opcodes/network.js';
import { AddressPool } from '../../address-pool.js';
import { checkNicParams } from '../../params.js';
import { niceSort } from '../../query/nice-sort.js';
import { expandGroup } from '../group/lookup.js';
import { LogicalUnit } from '../logical-unit.js';
import { expandNetwork, instancesOn } from './lookup.js';

type ConnectOp = ReturnType<typeof OpNetworkConnect.validate>;
type DisconnectOp = ReturnType<typeof OpNetworkDisconnect.validate>;

export class LUNetworkConnect extends LogicalUnit<ConnectOp> {
  override bglExclusive = true;
  private group = '';
  private net = '';

  override checkArguments(): void {
    checkNicParams({ mode: this.op.network_mode, link: this.op.network_link });
  }

  override checkPrereq(): void {
    const cfg = this.cfg.get();
    const g = expandGroup(this.cfg, this.op.group_name);
    const net = expandNetwork(cfg, this.op.network_name);
    this.group = g.uuid; this.net = net.uuid;
    if (net.uuid in (g.networks ?? {})) {
      this.logWarning(`Network '${net.name}' is already mapped to group '${g.name}'`);
    }
    if (this.op.conflicts_check) {
      // As Ganeti: an instance of the group whose (network-less) NIC address lies inside the
      // network would now collide with the pool; --no-conflicts-check only warns.
      const pool = new AddressPool(net);
      const nodesOfGroup = new Set(Object.values(cfg.nodes).filter((n) => n.group === g.uuid).map((n) => n.uuid));
      const clashes = Object.values(cfg.instances)
        .filter((i) => nodesOfGroup.has(i.primary_node))
        .flatMap((i) => i.nics.filter((n) => !n.network && n.ip && pool.contains(n.ip)).map((n) => `${i.name} (${n.ip})`));
      if (clashes.length) {
        throw new OpPrereqError(`Conflicting IP addresses found: ${clashes.join(', ')}; remove or modify the corresponding network interfaces, or use --no-conflicts-check`, { ecode: 'wrong_input' });
      }
    }
  }

  override async exec(): Promise<unknown> {
    await this.cfg.update((c) => {
      const g = c.nodegroups[this.group]!;
      g.networks = { ...(g.networks ?? {}), [this.net]: { mode: this.op.network_mode, link: this.op.network_link, vlan: this.op.network_vlan } };
      g.serial_no += 1; g.mtime = now();
    });
    return null;
  }
}

export class LUNetworkDisconnect extends LogicalUnit<DisconnectOp> {
  override bglExclusive = true;
  private group = '';
  private net = '';

  override checkPrereq(): void {
    const cfg = this.cfg.get();
    const g = expandGroup(this.cfg, this.op.group_name);
    const net = expandNetwork(cfg, this.op.network_name);
    this.group = g.uuid; this.net = net.uuid;
    if (!(net.uuid in (g.networks ?? {}))) {
      throw new OpPrereqError(`Network '${net.name}' is not mapped to group '${g.name}'`, { ecode: 'wrong_state' });
    }
    const used = instancesOn(cfg, net.uuid, g.uuid);
    if (used.length) {
      throw new OpPrereqError(`Network '${net.name}' is in use by instance(s) ${niceSort(used).join(', ')} of group '${g.name}'`, { ecode: 'wrong_state' });
    }
  }

  override async exec(): Promise<unknown> {
    await this.cfg.update((c) => {
      const g = c.nodegroups[this.group]!;
      const { [this.net]: _gone, ...rest } = g.networks ?? {};
      g.networks = rest;
      g.serial_no += 1; g.mtime = now();
    });
    return null;
  }
}
